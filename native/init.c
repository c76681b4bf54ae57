/* PID 1 of the sandbox.  Order: wait for the id maps, become inside-root, build and enter the root,
 * hostname and network, then fork the command (PID 2) and act as a minimal init: forward
 * SIGTERM/SIGINT/SIGHUP, reap everything, and leave with the command's status. */
#include "harden.h"
#include "init.h"
#include "mounts.h"
#include "netlink.h"
#include "relay.h"
#include "report.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/close_range.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* Die with the parent: PDEATHSIG is cleared by any credential change, so set it after setresuid()
 * and then check the parent did not die in between (its end of the sync pipe would be closed). */
static void tie_to_parent(int sync_fd)
{
	struct pollfd p = {.fd = sync_fd, .events = POLLIN};
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		die("init", "prctl(PR_SET_PDEATHSIG)");
	if (poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR)))
		_exit(EXIT_SETUP);
}

static void become_root(int rootless)
{
	/* Host supplementary groups must not leak in; a rootless map has setgroups denied (and none to drop). */
	if (!rootless && setgroups(0, NULL) < 0)
		die("userns", "setgroups(0, NULL)");
	if (setresgid(0, 0, 0) < 0)
		die("userns", "setresgid(0)");
	if (setresuid(0, 0, 0) < 0)
		die("userns", "setresuid(0)");
}

/* One byte from fd 3 (or from what the outer helper already read past end=). */
static void wait_go(const struct spec *s, const char *step)
{
	char c = 0;
	ssize_t n;
	if (s->n_pending > 0) {
		c = s->pending[0];
		n = 1;
	} else {
		while ((n = read(CONTROL_FD, &c, 1)) < 0 && errno == EINTR) {
		}
	}
	if (n < 0)
		die(step, "read go byte (fd 3)");
	if (n == 0 || c != 'g')
		die_exact(step, ECANCELED, "aborted by engine");
}

/* start_wait: the command's process is ready (it waits just before execve); pass the engine's go byte
 * on.  Returns early when the command reports a setup error first (its byte is read by the caller);
 * anything but the go byte ends the sandbox "aborted by engine" (the command dies with us). */
static void wait_start(const struct spec *s, int ep, int go)
{
	struct pollfd p[2] = {{.fd = CONTROL_FD, .events = POLLIN}, {.fd = ep, .events = POLLIN}};
	if (s->n_pending == 0) {
		while (poll(p, 2, -1) < 0)
			if (errno != EINTR)
				die("start", "poll");
		if (!p[0].revents)
			return;
	}
	wait_go(s, "start");
	signal(SIGPIPE, SIG_IGN); /* init's own: the command reset its dispositions when it was forked */
	(void)!write(go, "s", 1); /* a command gone meanwhile has reported why; its end is read next */
}

static void disable_ipv6(void)
{
	static const char *files[] = {"/proc/sys/net/ipv6/conf/all/disable_ipv6",
				      "/proc/sys/net/ipv6/conf/default/disable_ipv6"};
	for (int i = 0; i < 2; i++)
		if (write_str_file(files[i], "1") < 0 && errno != ENOENT)
			die("network", "write 1 to %s", files[i]);
}

/* Identity maps for the command's nested user namespace (ids are those of init's namespace). */
static void nested_maps(pid_t pid, unsigned long count, int rootless)
{
	char path[64], map[64];
	static const char *files[] = {"uid_map", "gid_map"};
	snprintf(map, sizeof map, "0 0 %lu\n", count);
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, files[i]);
		if (i == 1 && rootless) { /* gid_map needs setgroups denied, inherited from our namespace */
			char sg[64];
			snprintf(sg, sizeof sg, "/proc/%d/setgroups", (int)pid);
			if (write_str_file(sg, "deny") < 0)
				die("init", "write deny to %s", sg);
		}
		if (write_str_file(path, map) < 0)
			die("init", "write \"0 0 %lu\" to %s", count, path);
	}
}

/* The command has no capabilities over the network namespace (it belongs to init's user namespace):
 * let it ping (ICMP datagram sockets) and bind ports below 1024 anyway.  Per-netns sysctls. */
static void net_sysctls(unsigned long id_count)
{
	char range[32];
	snprintf(range, sizeof range, "0 %lu", id_count - 1); /* gids must be mapped in our namespace */
	if (write_str_file("/proc/sys/net/ipv4/ping_group_range", range) < 0)
		die("network", "write /proc/sys/net/ipv4/ping_group_range");
	if (write_str_file("/proc/sys/net/ipv4/ip_unprivileged_port_start", "0") < 0)
		die("network", "write /proc/sys/net/ipv4/ip_unprivileged_port_start");
}

static const char *env_get(const struct spec *s, const char *key)
{
	size_t k = strlen(key);
	for (size_t i = 0; i < s->n_env; i++)
		if (strncmp(s->env[i], key, k) == 0 && s->env[i][k] == '=')
			return s->env[i] + k + 1;
	return NULL;
}

/* tty=1: a pty of this sandbox's own devpts.  The master goes to the outer helper, which relays it to
 * the caller's terminal (that terminal never enters the sandbox); the slave becomes the command's
 * controlling terminal.  Returns the slave. */
static int open_pty(int ctl)
{
	int unlock = 0, slave;
	int m = open("/dev/pts/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (m < 0)
		die("tty", "open /dev/pts/ptmx");
	if (ioctl(m, TIOCSPTLCK, &unlock) < 0 || (slave = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
		die("tty", "unlock and open the pty's slave");
	char c = 'm', cbuf[CMSG_SPACE(sizeof(int))] = {0};
	struct iovec iov = {.iov_base = &c, .iov_len = 1};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &m, sizeof m);
	if (sendmsg(ctl, &mh, MSG_NOSIGNAL) != 1)
		die("tty", "pass the pty to the outer helper");
	close(m);
	/* The outer helper sets the window size first: the command must never see 0x0. */
	ssize_t n;
	while ((n = read(ctl, &c, 1)) < 0 && errno == EINTR) {
	}
	if (n != 1)
		die_exact("tty", ECANCELED, "the outer helper did not take the pty");
	close(ctl);
	return slave;
}

static _Noreturn void die_workdir(const char *dir)
{
	int err = errno;
	if (err == ENOTDIR)
		die_exact("workdir", err, "working directory is not a directory: %s", dir);
	if (err == EACCES)
		die_exact("workdir", err, "working directory not enterable (permission denied): %s", dir);
	die_exact("workdir", err, "working directory not found: %s", dir);
}

static _Noreturn void exec_failed(const char *path, int err)
{
	if (err == ENOENT || err == ENOTDIR)
		die_exact("exec", err, "command not found: %s", path);
	if (err == EACCES)
		die_exact("exec", err, "permission denied: %s", path);
	die_exact("exec", err, "cannot execute %s: %s", path, strerror(err));
}

/* Every signal to SIG_DFL, as a process a shell starts has them.  By the raw syscall: libc's sigaction
 * refuses the signals it reserves (glibc's 32 and 33), and those reach us ignored, an ignored signal
 * surviving execve: the engine starts the helper by glibc's posix_spawn, whose child sets the signals
 * its parent's libc handles internally to SIG_IGN.  An all-zero kernel sigaction is SIG_DFL, no flags,
 * no mask, whatever the architecture's layout; SIGKILL and SIGSTOP fail harmlessly. */
static void default_dispositions(void)
{
	unsigned long dfl[4] = {0};
	for (int i = 1; i <= 64; i++)
		syscall(SYS_rt_sigaction, i, dfl, NULL, 64 / 8);
}

/* PID 2: a clean process for the command.  Runs with a fail fd registered (die_undo), so any die()
 * here is reported as a setup error and init does not report an exit. */
static _Noreturn void exec_command(struct spec *s, int fail_fd, int go_fd, int tty)
{
	static struct die_undo undo;
	undo = (struct die_undo){.fail_fd = fail_fd};
	die_undo(&undo);
	sigset_t none;
	char c;
	/* A nested user + mount namespace: copied into a less privileged user namespace, every mount
	 * built by init becomes locked (read-only stays read-only, no umount revealing what is under),
	 * even for the sandbox's root.  Init (still in the outer user namespace) writes our id maps. */
	/* Dumpable (inherited from init it is not), or /proc/<pid>/uid_map would belong to host root and
	 * init could not open it.  Nothing else runs in the sandbox yet; execve() resets it anyway. */
	if (prctl(PR_SET_DUMPABLE, 1) < 0 || unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
		die("init", "unshare(CLONE_NEWUSER|CLONE_NEWNS) for the command");
	if (write_all(fail_fd, "u", 1) < 0 || read(go_fd, &c, 1) != 1)
		_exit(EXIT_SETUP); /* init failed and reported it */
	if (!s->start_wait)
		close(go_fd);
	default_dispositions();
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* New session: no controlling terminal, so no TIOCSTI into the caller's tty (CVE-2017-5226). */
	if (setsid() < 0)
		die("exec", "setsid");
	/* Its own pty (tty=1) as controlling terminal: job control, and ^C reaches its foreground job. */
	if (tty >= 0 && (ioctl(tty, TIOCSCTTY, 0) < 0 || dup2(tty, 0) < 0 || dup2(tty, 1) < 0 || dup2(tty, 2) < 0))
		die("tty", "make the pty the command's terminal");
	/* Every fd above stdio closes at exec (kept until then so a failure can still be reported). */
	if (syscall(SYS_close_range, 3u, ~0u, CLOSE_RANGE_CLOEXEC) < 0)
		for (int fd = 3; fd < 65536; fd++)
			fcntl(fd, F_SETFD, FD_CLOEXEC);
	harden_command(s->setid_modes);
	/* Prepared ahead (start_wait): everything is done, the go byte lets us exec; EOF means never. */
	if (s->start_wait && read(go_fd, &c, 1) != 1)
		_exit(EXIT_SETUP);
	/* A spare (start_wait=2): the command itself follows the go byte on fd 3 (what the outer helper read
	 * past the spec's end= is ours too, the go byte first); its working directory is ours to enter. */
	if (s->start_wait == 2) {
		size_t skip = s->n_pending > 0 ? 1 : 0;
		spec_read_command(CONTROL_FD, s, s->pending + skip, s->n_pending - skip);
		if (chdir(s->workdir) < 0)
			die_workdir(s->workdir);
	}
	char *const *argv = (char *const *)s->argv;
	char *const *envp = (char *const *)s->env;
	const char *name = s->argv[0];
	if (!*name)
		die_exact("exec", ENOENT, "command not found: %s", name);
	if (strchr(name, '/')) {
		execve(name, argv, envp);
		exec_failed(name, errno);
	}
	/* execvp semantics with the sandbox's PATH: skip ENOENT-like misses, remember EACCES. */
	const char *path = env_get(s, "PATH");
	char cand[PATH_MAX], denied[PATH_MAX] = "";
	for (path = path ? path : DEFAULT_PATH;; path++) {
		const char *end = strchrnul(path, ':');
		int dl = (int)(end - path);
		snprintf(cand, sizeof cand, "%.*s%s%s", dl, path, dl ? "/" : "", name);
		execve(cand, argv, envp);
		if (errno == EACCES && !*denied)
			snprintf(denied, sizeof denied, "%s", cand);
		else if (errno != ENOENT && errno != ENOTDIR && errno != EACCES && errno != ENAMETOOLONG)
			exec_failed(cand, errno);
		path = end;
		if (!*end)
			break;
	}
	if (*denied)
		exec_failed(denied, EACCES);
	die_exact("exec", ENOENT, "command not found: %s", name);
}

/* v1: into the sandbox's cgroups before anything else, through the `tasks` files the outer helper opened
 * (outer.c says why).  "0" is the writing thread, init's only one; its children are born there. */
static void join_v1_cgroups(const struct spec *s)
{
	for (size_t i = 0; i < s->n_v1_cgroups; i++) {
		if (write(s->v1_tasks[i], "0", 1) != 1)
			die("cgroup", "join %s (write 0 to its tasks file)", s->v1_cgroups[i]);
		close(s->v1_tasks[i]);
	}
}

void init_main(struct spec *s, int sync_fd, int tty_ctl, int rootless, int root, char **argv)
{
	char c;
	ssize_t n;
	/* Sandboxed ps shows "nsbox-init", not the helper's host path (nor a server's --serve). */
	size_t l = strlen(argv[0]);
	for (int i = 1; argv[i]; i++)
		memset(argv[i], 0, strlen(argv[i]));
	memset(argv[0], 0, l);
	strncpy(argv[0], "nsbox-init", l);
	prctl(PR_SET_NAME, "nsbox-init");
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		die("init", "prctl(PR_SET_PDEATHSIG)");
	while ((n = read(sync_fd, &c, 1)) < 0 && errno == EINTR) {
	}
	if (n != 1) /* the outer helper failed (and reports why) or died */
		_exit(EXIT_SETUP);
	join_v1_cgroups(s);
	become_root(rootless);
	tie_to_parent(sync_fd);
	/* v1: we are in the sandbox's cgroups now; our cgroup namespace starts here, rooted there, so the
	 * sandbox sees "/" and nothing of the engine's tree. */
	if (s->n_v1_cgroups > 0 && unshare(CLONE_NEWCGROUP) < 0)
		die("init", "unshare(CLONE_NEWCGROUP)");
	/* Not dumpable: sandboxed processes cannot ptrace us or open /proc/1/exe (CVE-2019-5736).  With
	 * net=user the engine (same host uid) joins our namespaces through /proc/<pid>/ns before the go byte,
	 * which needs us dumpable until then; no sandboxed process exists before the go byte. */
	int user_net = s->net && strcmp(s->net, "user") == 0;
	if (!user_net && prctl(PR_SET_DUMPABLE, 0) < 0)
		die("init", "prctl(PR_SET_DUMPABLE)");

	build_root(s, root);
	if (sethostname(s->hostname, strlen(s->hostname)) < 0)
		die("hostname", "sethostname(%s)", s->hostname);
	if (s->net_wait)
		wait_go(s, "network");
	if (user_net && prctl(PR_SET_DUMPABLE, 0) < 0)
		die("init", "prctl(PR_SET_DUMPABLE)");
	if (!s->ipv6)
		disable_ipv6();
	net_setup(s);
	net_sysctls(s->id_count);
	proc_lockdown();
	if (!s->start_wait) /* else kept for the go byte */
		close(CONTROL_FD);
	if (s->start_wait != 2 && chdir(s->workdir) < 0) /* a spare's command enters its own */
		die_workdir(s->workdir);

	/* SIGCHLD and the forwarded signals were blocked by the outer helper before clone3(). */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	int sfd = signalfd(-1, &set, SFD_CLOEXEC);
	int ep[2], go[2], tty = s->tty ? open_pty(tty_ctl) : -1;
	if (sfd < 0)
		die("init", "signalfd");
	if (pipe2(ep, O_CLOEXEC) < 0 || pipe2(go, O_CLOEXEC) < 0)
		die("init", "pipe2");
	pid_t cmd = fork();
	if (cmd < 0)
		die("init", "fork");
	if (cmd == 0) {
		close(ep[0]);
		close(go[1]);
		exec_command(s, ep[1], go[0], tty);
	}
	if (tty >= 0)
		close(tty);
	close(ep[1]);
	close(go[0]);
	/* From the child: "u" = nested user ns made, maps wanted; 1 = it reported a setup-error;
	 * EOF = execve succeeded (the pipe is close-on-exec). */
	int failed = 0, status = 0;
	for (;;) {
		while ((n = read(ep[0], &c, 1)) < 0 && errno == EINTR) {
		}
		if (n == 1 && c == 'u') {
			nested_maps(cmd, s->id_count, rootless);
			if (write_all(go[1], "g", 1) < 0)
				die("init", "write to the command's sync pipe");
			if (s->start_wait)
				wait_start(s, ep[0], go[1]);
			continue;
		}
		failed = n == 1;
		break;
	}
	close(ep[0]);
	close(go[1]);
	for (;;) {
		struct signalfd_siginfo si;
		n = read(sfd, &si, sizeof si);
		if (n < 0 && errno == EINTR)
			continue;
		if (n != sizeof si)
			die("init", "read(signalfd)");
		if (si.ssi_signo != SIGCHLD) {
			/* From outside only (the outer helper, the kernel: no pid in this namespace): a blocked
			 * signal is queued whoever sent it, so the kernel's shield of a namespace's init does not
			 * drop the sandbox's own kill(1, ...).  To the command's process group (it is a session
			 * leader); to the command alone while it has not reached setsid() yet. */
			if (si.ssi_pid != 0)
				continue;
			if (!failed && kill(-cmd, (int)si.ssi_signo) < 0)
				kill(cmd, (int)si.ssi_signo);
			continue;
		}
		pid_t p;
		while ((p = waitpid(-1, &status, WNOHANG)) > 0)
			if (p == cmd)
				goto done;
	}
done:
	if (failed)
		_exit(EXIT_SETUP);
	report_exit("exit", status, NULL);
	/* Exiting PID 1 makes the kernel SIGKILL whatever the command left behind. */
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}
