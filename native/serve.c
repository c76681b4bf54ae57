/* The server: one helper for a whole session (`nsbox-helper --serve`, docs/design.md "Server mode").
 *
 * fd 3 is an AF_UNIX SOCK_SEQPACKET socket from the engine.  Each message is one request: the record
 * `id=<N>` (N > 0, NUL-terminated) with exactly four descriptors (SCM_RIGHTS): the request's control
 * pipe (spec, then the go byte: today's protocol), then the sandbox's stdin, stdout and stderr.
 * fd 4 is the events pipe, shared by every request: the status lines of request N carry "id":N, and
 * after the process that served it is reaped the server adds {"id":N,"event":"done",...}.
 *
 * The server forks one child per request; that child is the request's outer helper and runs
 * run_one_sandbox() (outer.c), so sandboxes run in parallel, and every namespace, mount, credential
 * or cgroup change (v1: writing init's pid) happens in the child.  The server stays single-threaded,
 * never unshares, and never dies for a request: a failure is reported on that request's lines.  Like
 * the one-shot helper it dies with the engine (PDEATHSIG); its children die with it, and their inits
 * with them, so a crashed server takes what it held along.  The engine reads the events pipe's end
 * (every writer gone) or the server's exit as that crash. */
#include "serve.h"
#include "outer.h"
#include "report.h"
#include "tree.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define REQUEST_FD CONTROL_FD
#define REQUEST_FDS 4 /* control, stdin, stdout, stderr */

struct served {
	pid_t pid;
	unsigned long id;
};

struct server {
	pid_t self; /* the parent our children die with */
	int sigfd;
	struct served *kids; /* the requests being served */
	size_t n_kids, cap_kids;
};

/* A request that cannot be served: its lines say why, and it is done (as if its child exited 125). */
static void refuse(unsigned long id, const char *step, int err, const char *msg)
{
	char line[1024];
	report_tag(id);
	snprintf(line, sizeof line, "%s%s%s", msg, err ? ": " : "", err ? strerror(err) : "");
	report_setup_error(step, err, line);
	report_tag(0);
	report_done(id, EXIT_SETUP << 8);
}

static int remember(struct server *sv, pid_t pid, unsigned long id)
{
	if (sv->n_kids == sv->cap_kids) {
		size_t cap = sv->cap_kids ? sv->cap_kids * 2 : 8;
		struct served *k = realloc(sv->kids, cap * sizeof *k);
		if (!k)
			return -1;
		sv->kids = k;
		sv->cap_kids = cap;
	}
	sv->kids[sv->n_kids++] = (struct served){pid, id};
	return 0;
}

/* The request's child: its descriptors on 0-3, tagged lines on the shared events pipe (fd 4). */
static _Noreturn void child(struct server *sv, unsigned long id, const int *fds, char **argv)
{
	static struct sandbox sb; /* static: the relay's buffers are large */
	sigset_t none;
	sigemptyset(&none);
	close(sv->sigfd);
	close(REQUEST_FD); /* the engine sees the server's end only through the server */
	for (int i = 0; i < REQUEST_FDS; i++) {
		int to = i == 0 ? CONTROL_FD : i - 1;
		if (dup2(fds[i], to) < 0) {
			report_tag(id);
			die("spec", "dup2 of the request's fd %d", i);
		}
	}
	for (int i = 0; i < REQUEST_FDS; i++)
		if (fds[i] > STATUS_FD)
			close(fds[i]);
	sigprocmask(SIG_SETMASK, &none, NULL);
	report_tag(id);
	_exit(run_one_sandbox(&sb, sv->self, argv));
}

/* One message from the engine: 1 served or refused, -1 try again, 0 no more requests (the engine closed
 * the channel, or it cannot be read): our end is closed, then what came with that message, so whoever
 * sees those descriptors closed knows a request sent from then on fails (EPIPE) and goes to a new server
 * instead of waiting in a queue nobody reads. */
static int take_request(struct server *sv, char **argv)
{
	char data[64] = {0}, cbuf[CMSG_SPACE(sizeof(int) * REQUEST_FDS)];
	struct iovec iov = {.iov_base = data, .iov_len = sizeof data - 1};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf};
	int fds[REQUEST_FDS], n_fds = 0;
	ssize_t n = recvmsg(REQUEST_FD, &mh, MSG_CMSG_CLOEXEC);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return -1;
	if (n < 0) {
		close(REQUEST_FD);
		return 0;
	}
	for (struct cmsghdr *cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm))
		if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
			int k = (int)((cm->cmsg_len - CMSG_LEN(0)) / sizeof(int));
			for (int i = 0; i < k; i++) {
				int fd;
				memcpy(&fd, CMSG_DATA(cm) + i * sizeof(int), sizeof fd);
				if (n_fds < REQUEST_FDS)
					fds[n_fds++] = fd;
				else
					close(fd);
			}
		}
	if (n == 0) { /* end of file, or an empty message (the engine sends none): the same to us */
		close(REQUEST_FD);
		for (int i = 0; i < n_fds; i++)
			close(fds[i]);
		return 0;
	}
	char *end;
	unsigned long id = strncmp(data, "id=", 3) == 0 ? strtoul(data + 3, &end, 10) : 0;
	if (id == 0 || *end || (size_t)(end - data) + 1 != (size_t)n) {
		warn("server: ignoring a request without a valid id record");
		id = 0;
	} else if (n_fds != REQUEST_FDS || (mh.msg_flags & MSG_CTRUNC)) {
		refuse(id, "spec", 0, "server: a request needs exactly 4 descriptors (control, stdin, stdout, stderr)");
		id = 0;
	}
	pid_t pid = id ? fork() : -1;
	if (pid == 0)
		child(sv, id, fds, argv);
	for (int i = 0; i < n_fds; i++)
		close(fds[i]);
	if (!id)
		return 1;
	if (pid < 0 || remember(sv, pid, id) < 0) {
		int err = errno;
		if (pid > 0)
			kill(pid, SIGKILL); /* reaped below, unreported: the request is refused now */
		refuse(id, "clone", err, pid < 0 ? "server: fork" : "server: out of memory");
	}
	return 1;
}

/* Children that ended: their request is done (the other signals read here are dropped). */
static void reap(struct server *sv)
{
	struct signalfd_siginfo si;
	while (read(sv->sigfd, &si, sizeof si) == sizeof si) {
	}
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		for (size_t i = 0; i < sv->n_kids; i++)
			if (sv->kids[i].pid == pid) {
				report_done(sv->kids[i].id, status);
				sv->kids[i] = sv->kids[--sv->n_kids];
				break;
			}
}

/* The session's tree, checked before the first request (the engine waits for the answer to send one). */
static void check_tree(const char *dir, const char *list)
{
	char why[2048];
	enum tree_verdict v = tree_check(dir, list, why, sizeof why);
	report_tree(v == TREE_DAMAGED, v == TREE_UNCHECKED, why);
}

int serve(int argc, char **argv)
{
	struct server sv = {.self = getpid()};
	if (argc != 2 && !(argc == 5 && strcmp(argv[2], "--check-tree") == 0)) {
		dprintf(2, "usage: nsbox-helper --serve [--check-tree <dir> <list>]\n");
		return 2;
	}
	pid_t engine = getppid();
	/* Die with the engine, even by SIGKILL; our children die with us (outer.c ties them to us). */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != engine)
		return EXIT_SETUP;
	/* The engine's own dispositions must not reach the sandboxes; SIGPIPE stays default: an engine gone
	 * (events pipe without a reader) ends the server. */
	if (fcntl(REQUEST_FD, F_SETFD, FD_CLOEXEC) < 0 || fcntl(STATUS_FD, F_SETFD, FD_CLOEXEC) < 0) {
		dprintf(2, "nsbox-helper --serve: fd 3 (requests) and fd 4 (events) must be open\n");
		return 2;
	}
	/* SIGCHLD wakes the loop.  SIGINT, SIGTERM and SIGHUP are only drained: we sit in the engine's process
	 * group, so a Ctrl-C in its terminal (or a signal to the group) reaches us too, and must not end every
	 * sandbox of the session; the engine stops them itself on its abort, and each outer helper (it resets
	 * the mask) forwards them to its sandbox as the one-shot helper does. */
	if (argc == 5)
		check_tree(argv[3], argv[4]);
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGCHLD);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	if ((sv.sigfd = signalfd(-1, &sigs, SFD_CLOEXEC | SFD_NONBLOCK)) < 0)
		return EXIT_SETUP;
	for (int open = 1; open || sv.n_kids > 0;) {
		struct pollfd p[2] = {{.fd = sv.sigfd, .events = POLLIN}, {.fd = open ? REQUEST_FD : -1, .events = POLLIN}};
		if (poll(p, 2, -1) < 0)
			continue; /* EINTR */
		if (p[0].revents)
			reap(&sv);
		if (p[1].revents && take_request(&sv, argv) == 0)
			open = 0; /* finish what runs, then leave */
	}
	return 0;
}
