/* Parent side: stdio of the sandbox and the outer helper's relays (relay.h says what and why). */
#include "relay.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define PUMP_BUF 65536

struct pump {
	int from, to;
	int input; /* towards the sandbox: abandoned once init is gone */
	int tty;   /* one end is the pty master (shared by both tty pumps: never closed here) */
	int eof, done;
	size_t len, off;
	char buf[PUMP_BUF];
};

static struct pump pumps[3];
static size_t n_pumps;
static int keep[3] = {-1, -1, -1}; /* the caller's fds 0-2 while init is cloned with others */
static int parent_only[8];          /* fds init must close: they are the outer helper's */
static size_t n_parent_only;
static int ctl = -1, child_ctl = -1; /* tty: socket pair with init (pty master in, ack out) */
static int tty_in = -1, tty_out = -1, master = -1;
static volatile sig_atomic_t winch;

static void parent_owned(int fd)
{
	if (fd >= 0 && n_parent_only < sizeof parent_only / sizeof *parent_only)
		parent_only[n_parent_only++] = fd;
}

static void save(int fd)
{
	if ((keep[fd] = fcntl(fd, F_DUPFD_CLOEXEC, 10)) < 0 && errno != EBADF)
		die("stdio", "dup fd %d", fd);
	parent_owned(keep[fd]);
}

/* A description of our own for a pipe or a pty slave/tty: reopened through /proc, so its flags are
 * ours and the caller's stay as they are.  O_NONBLOCK only for the open itself (opening a FIFO for
 * writing would otherwise wait for a reader).  A pty master is not reopened: that allocates a new pty. */
static int reopen(int fd, int fl)
{
	struct stat st;
	char p[32];
	int ptn;
	if (fstat(fd, &st) < 0)
		return -1;
	if (!S_ISFIFO(st.st_mode) && !(S_ISCHR(st.st_mode) && isatty(fd) && ioctl(fd, TIOCGPTN, &ptn) < 0))
		return -1;
	int n = open(fd_path(fd, p), (fl & (O_ACCMODE | O_APPEND)) | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (n >= 0 && fcntl(n, F_SETFL, fl & O_APPEND) < 0) {
		close(n);
		return -1;
	}
	return n;
}

static void add_pump(int from, int to, int input, int tty)
{
	struct pump *p = &pumps[n_pumps++];
	memset(p, 0, offsetof(struct pump, buf));
	p->from = from;
	p->to = to;
	p->input = input;
	p->tty = tty;
}

/* A relay endpoint on the caller's side: our own non-blocking description when it can be reopened,
 * else a duplicate whose (shared) flags we leave alone; the pump copes with either. */
static int endpoint(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0)
		return -1;
	int n = reopen(fd, fl);
	if (n >= 0)
		fcntl(n, F_SETFL, (fl & O_APPEND) | O_NONBLOCK);
	else if ((n = fcntl(fd, F_DUPFD_CLOEXEC, 10)) < 0)
		die("stdio", "dup fd %d", fd);
	parent_owned(n);
	return n;
}

static void null_stdio(void)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null < 0)
		die("stdio", "open /dev/null");
	for (int fd = 0; fd < 3; fd++)
		if (dup2(null, fd) < 0)
			die("stdio", "dup2 /dev/null to fd %d", fd);
	close(null);
}

void relay_prepare(int tty)
{
	if (tty) {
		int sv[2];
		tty_in = endpoint(0);
		tty_out = endpoint(1);
		if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
			die("stdio", "socketpair for the pty");
		ctl = sv[0];
		child_ctl = sv[1];
		parent_owned(ctl);
		for (int fd = 0; fd < 3; fd++)
			save(fd);
		null_stdio(); /* init holds nothing of the caller's terminal; the command gets the pty */
		return;
	}
	for (int fd = 0; fd < 3; fd++) {
		int fl = fcntl(fd, F_GETFL), p[2];
		if (fl < 0)
			continue;
		int n = reopen(fd, fl);
		if (n >= 0) {
			if (dup2(n, fd) < 0)
				die("stdio", "dup2 to fd %d", fd);
			close(n);
			continue;
		}
		if (!(fl & O_NONBLOCK)) /* a blocking socket or a file: nothing to fix */
			continue;
		/* Non-blocking and not ours to change (a socket Node made non-blocking): a pipe of our own. */
		if (pipe2(p, O_CLOEXEC) < 0)
			die("stdio", "pipe2 for fd %d", fd);
		save(fd);
		int theirs = fd == 0 ? p[0] : p[1], mine = fd == 0 ? p[1] : p[0];
		if (dup2(theirs, fd) < 0)
			die("stdio", "dup2 to fd %d", fd);
		close(theirs);
		parent_owned(mine);
		fcntl(mine, F_SETFL, O_NONBLOCK);
		if (fd == 0)
			add_pump(keep[0], mine, 1, 0);
		else
			add_pump(mine, keep[fd], 0, 0);
	}
}

int relay_child_takeover(void)
{
	for (size_t i = 0; i < n_parent_only; i++)
		close(parent_only[i]);
	return child_ctl;
}

void relay_parent_started(void)
{
	if (child_ctl >= 0)
		close(child_ctl);
	/* Our own stdio is the caller's again (warnings go there; the pipe ends given to init close here). */
	for (int fd = 0; fd < 3; fd++)
		if (keep[fd] >= 0 && dup2(keep[fd], fd) < 0)
			die("stdio", "restore fd %d", fd);
}

static void on_winch(int sig)
{
	(void)sig;
	winch = 1;
}

/* The caller's window size onto the pty (the kernel then signals the sandbox's foreground job). */
static void copy_winsize(void)
{
	struct winsize ws = {.ws_row = 24, .ws_col = 80};
	if (ioctl(tty_in, TIOCGWINSZ, &ws) < 0)
		ioctl(tty_out, TIOCGWINSZ, &ws);
	if (ioctl(master, TIOCSWINSZ, &ws) < 0)
		warn("set the pty's window size");
}

static void finish(struct pump *p)
{
	p->done = 1;
	if (!p->input)
		return;
	if (!p->tty) {
		close(p->to); /* the command reads end of file */
		return;
	}
	/* A piped stdin ended (-t without a terminal): end of file for a canonical reader, as typed. */
	struct termios t;
	if (!isatty(tty_in) && tcgetattr(master, &t) == 0 && (t.c_lflag & ICANON))
		(void)!write(master, &t.c_cc[VEOF], 1);
}

static void flush(struct pump *p)
{
	while (p->off < p->len) {
		ssize_t n = write(p->to, p->buf + p->off, p->len - p->off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n < 0) { /* the consumer is gone: the command gets EPIPE next, as it would have directly */
			if (!p->tty)
				close(p->from);
			p->len = p->off = 0;
			p->eof = p->done = 1;
			return;
		}
		p->off += (size_t)n;
	}
	p->len = p->off = 0;
	if (p->eof)
		finish(p);
}

static void fill(struct pump *p)
{
	ssize_t n = read(p->from, p->buf, sizeof p->buf);
	if (n > 0) {
		p->len = (size_t)n;
		p->off = 0;
		flush(p);
	} else if (n == 0 || (errno != EAGAIN && errno != EINTR)) { /* EIO: the pty's last slave closed */
		p->eof = 1;
		finish(p);
	}
}

/* The pty master from init: set its size, ack (init starts the command only then), start relaying. */
static void take_master(void)
{
	char c, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {.iov_base = &c, .iov_len = 1};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf};
	ssize_t n = recvmsg(ctl, &mh, MSG_CMSG_CLOEXEC);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	struct cmsghdr *cm = n == 1 ? CMSG_FIRSTHDR(&mh) : NULL;
	if (cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
		memcpy(&master, CMSG_DATA(cm), sizeof master);
		fcntl(master, F_SETFL, O_NONBLOCK);
		copy_winsize();
		if (write(ctl, "w", 1) == 1) {
			add_pump(tty_in, master, 1, 1);
			add_pump(master, tty_out, 0, 1);
		}
	}
	close(ctl); /* one message only; EOF (init failed before) ends the tty set-up too */
	ctl = -1;
}

static void plain_wait(pid_t pid, int *status, struct rusage *ru)
{
	while (wait4(pid, status, 0, ru) < 0)
		if (errno != EINTR)
			die("wait", "wait4(%d)", (int)pid);
}

void relay_wait(pid_t pid, int *status, struct rusage *ru)
{
	if (n_pumps == 0 && ctl < 0) {
		plain_wait(pid, status, ru);
		return;
	}
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0)
		die("wait", "pidfd_open(%d)", (int)pid);
	/* A consumer that went away is an EPIPE for one relay, never the end of the outer helper. */
	signal(SIGPIPE, SIG_IGN);
	sigset_t block, during;
	sigemptyset(&block);
	sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, &during);
	sigdelset(&during, SIGWINCH); /* delivered only inside ppoll: no change is missed */
	struct sigaction sa = {.sa_handler = on_winch};
	sigaction(SIGWINCH, &sa, NULL);
	int init_gone = 0;
	for (;;) {
		struct pollfd fds[2 + 2 * 3];
		struct pump *owner[2 + 2 * 3] = {0};
		nfds_t n = 0;
		int busy = 0; /* output not yet drained */
		if (!init_gone)
			fds[n++] = (struct pollfd){.fd = pidfd, .events = POLLIN};
		if (ctl >= 0)
			fds[n++] = (struct pollfd){.fd = ctl, .events = POLLIN};
		for (size_t i = 0; i < n_pumps; i++) {
			struct pump *p = &pumps[i];
			if (p->done || (p->input && init_gone))
				continue;
			busy |= !p->input;
			owner[n] = p;
			fds[n++] = p->len ? (struct pollfd){.fd = p->to, .events = POLLOUT}
					  : (struct pollfd){.fd = p->from, .events = POLLIN};
		}
		if (init_gone && !busy)
			break;
		if (ppoll(fds, n, NULL, &during) < 0) {
			if (errno != EINTR)
				die("wait", "ppoll");
			if (winch && master >= 0)
				copy_winsize();
			winch = 0;
			continue;
		}
		for (nfds_t i = 0; i < n; i++) {
			if (!fds[i].revents)
				continue;
			if (fds[i].fd == pidfd && !owner[i])
				init_gone = 1;
			else if (fds[i].fd == ctl && !owner[i])
				take_master();
			else if (owner[i]->len)
				flush(owner[i]);
			else
				fill(owner[i]);
		}
	}
	close(pidfd);
	plain_wait(pid, status, ru);
}
