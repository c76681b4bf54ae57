/* nsbox-helper, host side.  Reads the spec (fd 3), clone3()s the sandbox init into all new
 * namespaces at once (and straight into its cgroup), writes the id maps, relays signals, and reports
 * init's end with its rusage.  Single-threaded on purpose: CLONE_NEWUSER needs it. */
#include "init.h"
#include "relay.h"
#include "report.h"
#include "seccomp.h"
#include "spec.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <linux/keyctl.h>
#include <linux/sched.h>
#include <linux/securebits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef NSBOX_SOURCES_SHA256
#define NSBOX_SOURCES_SHA256 "unknown"
#endif

static volatile pid_t g_child;

static void forward(int sig)
{
	if (g_child > 0)
		kill(g_child, sig);
}

static void write_map(pid_t pid, const char *file, unsigned long base, unsigned long count)
{
	char path[64], map[64];
	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, file);
	snprintf(map, sizeof map, "0 %lu %lu\n", base, count);
	if (write_str_file(path, map) < 0)
		die("userns", "write \"0 %lu %lu\" to %s", base, count, path);
}

/* The kernel charges the per-user counts of everything inside a user namespace (inotify instances,
 * POSIX message-queue bytes, pending signals, nested user namespaces) to the user namespace's creator
 * too, at every level up to the host: created by host root, every sandbox would draw on root's quotas
 * (one sandbox holding all 128 inotify instances leaves root none).  So root mode creates it with a
 * per-sandbox effective uid instead: the first id past the mapped range plus this helper's pid, unique
 * among running helpers, never mapped into any sandbox and used by no process (it would own the
 * namespace).  Its capabilities stay (SECBIT_NO_SETUID_FIXUP) for CLONE_INTO_CGROUP; the maps are
 * written after switching back. */
static uid_t userns_owner(const struct spec *s)
{
	unsigned long long o = (unsigned long long)s->uid_base + s->id_count + (unsigned long long)getpid();
	if (o >= (uid_t)-1) {
		errno = 0;
		die("userns", "no per-sandbox owner uid above uid_base %lu + %lu ids", s->uid_base, s->id_count);
	}
	return (uid_t)o;
}

static void owner_switch(uid_t euid, int bits)
{
	if (prctl(PR_SET_SECUREBITS, bits) < 0)
		die("userns", "prctl(PR_SET_SECUREBITS, %#x)", bits);
	if (setresuid((uid_t)-1, euid, (uid_t)-1) < 0)
		die("userns", "setresuid(-1, %u, -1)", (unsigned)euid);
}

/* Die with the engine (even by SIGKILL). The kernel clears PDEATHSIG on every credential change, so
 * this runs again after one; an engine that died before it is seen as a new parent. */
static void tie_to_engine(pid_t engine)
{
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		die("spec", "prctl(PR_SET_PDEATHSIG)");
	if (getppid() != engine)
		_exit(EXIT_SETUP);
}

static void join_cgroups(const char **dirs, size_t n, const char *why)
{
	char path[4200];
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/cgroup.procs", dirs[i]);
		if (write_str_file(path, "0") < 0)
			die("cgroup", "%s: write 0 to %s", why, path);
	}
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		printf("nsbox-helper %s sources-sha256:%s\n", HELPER_VERSION, NSBOX_SOURCES_SHA256);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "--seccomp-bpf") == 0)
		return seccomp_dump();
	if (argc != 1) {
		dprintf(2, "usage: nsbox-helper [--version | --seccomp-bpf]  (spec on fd 3, status on fd 4; see docs/design.md)\n");
		return 2;
	}
	/* If the engine dies (even by SIGKILL), so do we, and init (PDEATHSIG too) takes the sandbox with it.
	 * An engine that died before this prctl closed the status pipe: our first status write (the pid
	 * line) then ends us with SIGPIPE, which takes init with it the same way. */
	pid_t engine = getppid();
	tie_to_engine(engine);
	/* The command must never inherit the control or status pipe. */
	if (fcntl(CONTROL_FD, F_SETFD, FD_CLOEXEC) < 0)
		die("spec", "fd 3 (control pipe)");
	fcntl(STATUS_FD, F_SETFD, FD_CLOEXEC); /* absent fd 4: errors go to stderr instead */

	static struct spec s; /* static: its buffer is shared, read-only, with the cloned init */
	spec_read(CONTROL_FD, &s);
	spec_validate(&s);
	/* Rootless: an unprivileged user may only map itself, and only with setgroups denied. */
	int rootless = s.id_count == 1 && geteuid() != 0;
	/* A fresh anonymous session keyring (as runc): the sandbox never holds the engine's, even
	 * without the seccomp rule on keyctl.  Kernels without keys have nothing to inherit. */
	if (syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL) < 0 && errno != ENOSYS)
		die("clone", "keyctl(KEYCTL_JOIN_SESSION_KEYRING)");
	/* Root mode: build the layers and take the mount sources as real root, in a mount namespace of
	 * our own (layers.c says why); init gets them as detached mounts. */
	int root = -1;
	if (geteuid() == 0) {
		if (unshare(CLONE_NEWNS) < 0)
			die("mount", "unshare(CLONE_NEWNS)");
		if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			die("mount", "make / private (MS_REC|MS_PRIVATE)");
		root = layers_prepare(&s, 0);
	}

	/* Before the cgroup join: init must be cloned with the stdio it is to keep. */
	relay_prepare(s.tty);

	/* v1 has no CLONE_INTO_CGROUP: move ourselves in so the child is born there, then move back. */
	join_cgroups(s.v1_join, s.n_v1_join, "join");
	int cgfd = -1;
	if (s.cgroup_v2 && (cgfd = open(s.cgroup_v2, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		die("cgroup", "open %s", s.cgroup_v2);
	int sync[2];
	if (pipe2(sync, O_CLOEXEC) < 0)
		die("clone", "pipe2");

	/* Blocked across clone3: the parent forwards them once it knows the child's pid, init reads
	 * them from a signalfd; none is lost in between. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);

	struct clone_args ca = {
		.flags = CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET |
			 CLONE_NEWCGROUP | (cgfd >= 0 ? CLONE_INTO_CGROUP : 0),
		.exit_signal = SIGCHLD,
		.cgroup = cgfd >= 0 ? (unsigned long long)cgfd : 0,
	};
	int own = root >= 0; /* root mode: a per-sandbox owner for the user namespace */
	int bits = own ? prctl(PR_GET_SECUREBITS) : 0;
	if (own)
		owner_switch(userns_owner(&s), bits | SECBIT_NO_SETUID_FIXUP);
	pid_t pid = (pid_t)syscall(SYS_clone3, &ca, sizeof ca);
	int clone_errno = errno;
	if (own && pid != 0) { /* the parent: back to root, securebits as they were */
		owner_switch(0, bits);
		tie_to_engine(engine); /* the euid change cleared PDEATHSIG */
	}
	errno = clone_errno;
	if (pid < 0)
		die("clone", "clone3(user|pid|mount|uts|ipc|net|cgroup%s)", cgfd >= 0 ? ", into cgroup" : "");
	if (pid == 0) {
		/* All capabilities in our new namespace: a later setuid() inside must drop them as usual. */
		if (own && prctl(PR_SET_SECUREBITS, bits) < 0)
			die("userns", "prctl(PR_SET_SECUREBITS, %#x) in the sandbox", bits);
		close(sync[1]);
		init_main(&s, sync[0], rootless, root, argv[0]);
	}
	g_kill_on_die = pid;
	g_child = pid;
	close(sync[0]);

	/* The child waits for the maps: write them first, housekeeping after. */
	if (rootless) {
		char p[64];
		snprintf(p, sizeof p, "/proc/%d/setgroups", (int)pid);
		if (write_str_file(p, "deny") < 0)
			die("userns", "write deny to %s", p);
	}
	write_map(pid, "uid_map", s.uid_base, s.id_count);
	write_map(pid, "gid_map", s.gid_base, s.id_count);
	/* v1: out of the sandbox's cgroups before init may fork, so pids.max counts only the sandbox's own. */
	join_cgroups(s.v1_home, s.n_v1_home, "leave");
	if (write_all(sync[1], "m", 1) < 0) /* maps written: init may proceed */
		die("clone", "write sync pipe");
	report_pid(pid);
	if (cgfd >= 0)
		close(cgfd);
	if (root >= 0) /* init holds its own references to the detached mounts */
		close(root);
	for (size_t i = 0; i < s.n_mounts; i++)
		if (s.mounts[i].tree >= 0)
			close(s.mounts[i].tree);
	relay_parent_started();
	close(CONTROL_FD); /* init holds its own copy for the go byte */

	struct sigaction sa = {.sa_handler = forward, .sa_flags = SA_RESTART};
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigdelset(&set, SIGCHLD);
	sigprocmask(SIG_UNBLOCK, &set, NULL);

	int status;
	struct rusage ru;
	relay_wait(pid, &status, &ru);
	g_kill_on_die = 0;
	report_exit("init-exit", status, &ru);
	/* sync[1] stays open until here: init treats its closing as our death. */
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
