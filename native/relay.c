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

/* SIGWINCH arrived (a signal handler can only reach a global; one relay per process waits at a time). */
static volatile sig_atomic_t winch;

void relay_init(struct relay *r)
{
	r->n_pumps = r->n_parent_only = 0; /* pumps are set up by add_pump (their buffers need no zeroing) */
	for (int i = 0; i < 3; i++)
		r->keep[i] = -1;
	r->ctl = r->child_ctl = r->tty_in = r->tty_out = r->master = -1;
}

static void parent_owned(struct relay *r, int fd)
{
	if (fd >= 0 && r->n_parent_only < sizeof r->parent_only / sizeof *r->parent_only)
		r->parent_only[r->n_parent_only++] = fd;
}

static void save(struct relay *r, int fd)
{
	if ((r->keep[fd] = fcntl(fd, F_DUPFD_CLOEXEC, 10)) < 0 && errno != EBADF)
		die("stdio", "dup fd %d", fd);
	parent_owned(r, r->keep[fd]);
}

/* A description of our own for a pipe or a pty slave/tty: reopened through /proc, so its flags are
 * ours and the caller's stay as they are.  O_NONBLOCK only for the open itself (opening a FIFO for
 * writing would otherwise wait for a reader).  A pty master is not reopened: that allocates a new pty. */
static int reopen(int fd, int fl, const struct stat *st)
{
	char p[32];
	int ptn;
	if (!S_ISFIFO(st->st_mode) && !(S_ISCHR(st->st_mode) && isatty(fd) && ioctl(fd, TIOCGPTN, &ptn) < 0))
		return -1;
	int n = open(fd_path(fd, p), (fl & (O_ACCMODE | O_APPEND)) | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (n >= 0 && fcntl(n, F_SETFL, fl & O_APPEND) < 0) {
		close(n);
		return -1;
	}
	return n;
}

/* A file, fifo or device: what a shell's redirection opens.  Not a socket or an anonymous inode. */
static int is_plain_file(const struct stat *st)
{
	return S_ISREG(st->st_mode) || S_ISFIFO(st->st_mode) || S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode);
}

/* A directory or an O_PATH descriptor as stdio would hand the sandbox a way into the host's tree:
 * openat() below it, or a reopen through /proc/self/fd, walks past every mount the sandbox was given. */
static void refuse_walkable(int fd, int fl, const struct stat *st)
{
	static const char *const names[] = {"stdin", "stdout", "stderr"};
	char p[32], where[256];
	if (!S_ISDIR(st->st_mode) && !(fl & O_PATH))
		return;
	ssize_t n = readlink(fd_path(fd, p), where, sizeof where - 1);
	where[n > 0 ? n : 0] = 0;
	die_exact("stdio", S_ISDIR(st->st_mode) ? EISDIR : EBADF,
		  "%s is %s (%s): give the command a file, a pipe, a terminal or /dev/null", names[fd],
		  S_ISDIR(st->st_mode) ? "a directory" : "an O_PATH descriptor", where);
}

static void add_pump(struct relay *r, int from, int to, int input, int tty)
{
	struct relay_pump *p = &r->pumps[r->n_pumps++];
	memset(p, 0, offsetof(struct relay_pump, buf));
	p->from = from;
	p->to = to;
	p->input = input;
	p->tty = tty;
	p->last = -1;
}

/* A relay endpoint on the caller's side: our own non-blocking description when it can be reopened,
 * else a duplicate whose (shared) flags we leave alone; the pump copes with either. */
static int endpoint(struct relay *r, int fd)
{
	struct stat st;
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0)
		return -1;
	int n = fstat(fd, &st) == 0 ? reopen(fd, fl, &st) : -1;
	if (n >= 0)
		fcntl(n, F_SETFL, (fl & O_APPEND) | O_NONBLOCK);
	else if ((n = fcntl(fd, F_DUPFD_CLOEXEC, 10)) < 0)
		die("stdio", "dup fd %d", fd);
	parent_owned(r, n);
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

void relay_prepare(struct relay *r, int tty)
{
	if (tty) {
		int sv[2];
		r->tty_in = endpoint(r, 0);
		r->tty_out = endpoint(r, 1);
		if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
			die("stdio", "socketpair for the pty");
		r->ctl = sv[0];
		r->child_ctl = sv[1];
		parent_owned(r, r->ctl);
		for (int fd = 0; fd < 3; fd++)
			save(r, fd);
		null_stdio(); /* init holds nothing of the caller's terminal; the command gets the pty */
		return;
	}
	for (int fd = 0; fd < 3; fd++) {
		struct stat st;
		int fl = fcntl(fd, F_GETFL), p[2];
		if (fl < 0)
			continue;
		if (fstat(fd, &st) < 0)
			die("stdio", "fstat fd %d", fd);
		int n = reopen(fd, fl, &st);
		if (n >= 0) {
			if (dup2(n, fd) < 0)
				die("stdio", "dup2 to fd %d", fd);
			close(n);
			continue;
		}
		refuse_walkable(fd, fl, &st);
		/* A blocking file or device keeps its description.  Anything else never reaches the sandbox: a
		 * socket (/dev/stdout cannot be opened on it, and sandboxed code could shut it down or query it
		 * under its caller), an anonymous inode (a pidfd would signal a host process), or a non-blocking
		 * descriptor we may not change (one Node made non-blocking).  It gets a pipe of our own, pumped. */
		if (!(fl & O_NONBLOCK) && is_plain_file(&st))
			continue;
		if (pipe2(p, O_CLOEXEC) < 0)
			die("stdio", "pipe2 for fd %d", fd);
		save(r, fd);
		int theirs = fd == 0 ? p[0] : p[1], mine = fd == 0 ? p[1] : p[0];
		if (dup2(theirs, fd) < 0)
			die("stdio", "dup2 to fd %d", fd);
		close(theirs);
		parent_owned(r, mine);
		fcntl(mine, F_SETFL, O_NONBLOCK);
		if (fd == 0)
			add_pump(r, r->keep[0], mine, 1, 0);
		else
			add_pump(r, mine, r->keep[fd], 0, 0);
	}
}

int relay_child_takeover(struct relay *r)
{
	for (size_t i = 0; i < r->n_parent_only; i++)
		close(r->parent_only[i]);
	return r->child_ctl;
}

void relay_parent_started(struct relay *r)
{
	if (r->child_ctl >= 0)
		close(r->child_ctl);
	/* Our own stdio is the caller's again where a relay stands between (warnings go there; the pipe ends
	 * given to init close here).  Where init got the very descriptions, ours go: a pipe's reader then
	 * sees its end when the sandbox's last process is gone, not only once we have reported init's exit
	 * and exited ourselves.  Without a status fd our errors go to stderr, which then stays. */
	if (fcntl(STATUS_FD, F_GETFD) >= 0)
		null_stdio();
	for (int fd = 0; fd < 3; fd++)
		if (r->keep[fd] >= 0 && dup2(r->keep[fd], fd) < 0)
			die("stdio", "restore fd %d", fd);
}

static void on_winch(int sig)
{
	(void)sig;
	winch = 1;
}

/* The caller's window size onto the pty (the kernel then signals the sandbox's foreground job). */
static void copy_winsize(struct relay *r)
{
	struct winsize ws = {.ws_row = 24, .ws_col = 80};
	if (ioctl(r->tty_in, TIOCGWINSZ, &ws) < 0)
		ioctl(r->tty_out, TIOCGWINSZ, &ws);
	if (ioctl(r->master, TIOCSWINSZ, &ws) < 0)
		warn("set the pty's window size");
}

/* Whether canonical input after `last` (the last byte sent; -1: none yet) starts a line: one VEOF there is
 * end of file, while after a partial line VEOF only hands that line over and a second one is needed. */
static int at_line_start(const struct termios *t, int last)
{
	if (last < 0 || last == '\n' || (last == '\r' && (t->c_iflag & ICRNL) && !(t->c_iflag & IGNCR)))
		return 1;
	return last != _POSIX_VDISABLE &&
	       (last == t->c_cc[VEOL] || last == t->c_cc[VEOL2] || last == t->c_cc[VEOF]);
}

/* A piped stdin ended (-t without a terminal): end of file for a canonical reader, as typed.  Queued as
 * the pump's last bytes, so a pty that is full takes them when it has room.  0 when nothing is to send. */
static int queue_veof(struct relay *r, struct relay_pump *p)
{
	struct termios t;
	if (p->veof_queued || isatty(r->tty_in) || tcgetattr(r->master, &t) < 0 || !(t.c_lflag & ICANON))
		return 0;
	p->veof_queued = 1;
	p->len = at_line_start(&t, p->last) ? 1 : 2;
	p->off = 0;
	memset(p->buf, t.c_cc[VEOF], p->len);
	return 1;
}

/* The consumer of the pty's output is gone (a `| head` that exited, a socket shut): hang the pty up,
 * as a terminal emulator's window that closes does.  The command's session gets SIGHUP, its reads and
 * writes on the pty fail (EIO), and the run ends instead of blocking on a pty nobody drains. */
static void hang_up(struct relay *r)
{
	for (size_t i = 0; i < r->n_pumps; i++)
		if (r->pumps[i].tty) {
			r->pumps[i].done = 1;
			r->pumps[i].len = r->pumps[i].off = 0;
		}
	close(r->master); /* the last master: the kernel hangs the slave up */
	r->master = -1;
}

static void finish(struct relay *r, struct relay_pump *p)
{
	if (p->input && p->tty && queue_veof(r, p))
		return; /* done once flushed */
	p->done = 1;
	if (p->input && !p->tty)
		close(p->to); /* the command reads end of file */
}

static void flush(struct relay *r, struct relay_pump *p)
{
	while (p->off < p->len) {
		ssize_t n = write(p->to, p->buf + p->off, p->len - p->off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n < 0 && p->tty && !p->input) {
			hang_up(r);
			return;
		}
		if (n < 0) { /* the consumer is gone: the command gets EPIPE next, as it would have directly */
			if (!p->tty)
				close(p->from);
			p->len = p->off = 0;
			p->eof = p->done = 1;
			return;
		}
		p->off += (size_t)n;
		p->last = (unsigned char)p->buf[p->off - 1];
	}
	p->len = p->off = 0;
	if (p->eof)
		finish(r, p);
}

static void fill(struct relay *r, struct relay_pump *p)
{
	ssize_t n = read(p->from, p->buf, sizeof p->buf);
	if (n > 0) {
		p->len = (size_t)n;
		p->off = 0;
		flush(r, p);
	} else if (n == 0 || (errno != EAGAIN && errno != EINTR)) { /* EIO: the pty's last slave closed */
		p->eof = 1;
		finish(r, p);
	}
}

/* The pty master from init: set its size, ack (init starts the command only then), start relaying. */
static void take_master(struct relay *r)
{
	char c, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {.iov_base = &c, .iov_len = 1};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf};
	ssize_t n = recvmsg(r->ctl, &mh, MSG_CMSG_CLOEXEC);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	struct cmsghdr *cm = n == 1 ? CMSG_FIRSTHDR(&mh) : NULL;
	if (cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
		memcpy(&r->master, CMSG_DATA(cm), sizeof r->master);
		fcntl(r->master, F_SETFL, O_NONBLOCK);
		copy_winsize(r);
		if (write(r->ctl, "w", 1) == 1) {
			add_pump(r, r->tty_in, r->master, 1, 1);
			add_pump(r, r->master, r->tty_out, 0, 1);
		}
	}
	close(r->ctl); /* one message only; EOF (init failed before) ends the tty set-up too */
	r->ctl = -1;
}

static void plain_wait(pid_t pid, int *status, struct rusage *ru)
{
	while (wait4(pid, status, 0, ru) < 0)
		if (errno != EINTR)
			die("wait", "wait4(%d)", (int)pid);
}

/* Whether init (exited, not yet reaped) was killed by SIGKILL. */
static int killed(pid_t pid)
{
	siginfo_t si = {0};
	return waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) == 0 && si.si_code == CLD_KILLED &&
	       si.si_status == SIGKILL;
}

void relay_wait(struct relay *r, pid_t pid, int *status, struct rusage *ru)
{
	if (r->n_pumps == 0 && r->ctl < 0) {
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
	/* Init killed (SIGKILL: the engine stopping the sandbox for a limit or a cancellation): what output
	 * is left is drained only while the consumer takes it, never waited on; a reader that stopped reading
	 * would otherwise keep the run from ending after its timeout.  A command that simply ended has its
	 * output delivered whole, however slow the reader. */
	const struct timespec grace = {.tv_sec = 1};
	const struct timespec *wait_for = NULL;
	for (;;) {
		struct pollfd fds[2 + 2 * 3];
		struct relay_pump *owner[2 + 2 * 3] = {0};
		nfds_t n = 0;
		int busy = 0; /* output not yet drained */
		if (!init_gone)
			fds[n++] = (struct pollfd){.fd = pidfd, .events = POLLIN};
		if (r->ctl >= 0)
			fds[n++] = (struct pollfd){.fd = r->ctl, .events = POLLIN};
		for (size_t i = 0; i < r->n_pumps; i++) {
			struct relay_pump *p = &r->pumps[i];
			if (p->done || (p->input && init_gone))
				continue;
			busy |= !p->input;
			owner[n] = p;
			fds[n++] = p->len ? (struct pollfd){.fd = p->to, .events = POLLOUT}
					  : (struct pollfd){.fd = p->from, .events = POLLIN};
		}
		if (init_gone && !busy)
			break;
		int ready = ppoll(fds, n, wait_for, &during);
		if (ready < 0) {
			if (errno != EINTR)
				die("wait", "ppoll");
			if (winch && r->master >= 0)
				copy_winsize(r);
			winch = 0;
			continue;
		}
		if (ready == 0) /* stopped, and the consumer took nothing for a second */
			break;
		for (nfds_t i = 0; i < n; i++) {
			if (!fds[i].revents)
				continue;
			if (fds[i].fd == pidfd && !owner[i]) {
				init_gone = 1;
				if (killed(pid))
					wait_for = &grace;
			}
			else if (fds[i].fd == r->ctl && !owner[i])
				take_master(r);
			else if (owner[i]->done) /* a hang-up in this round ended it (and closed its fd) */
				continue;
			else if (owner[i]->len)
				flush(r, owner[i]);
			else
				fill(r, owner[i]);
		}
	}
	close(pidfd);
	plain_wait(pid, status, ru);
}
