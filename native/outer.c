/* nsbox-helper, host side of one sandbox (the outer helper).  Reads the spec (fd 3), clone3()s the
 * sandbox init into all new namespaces at once (and, on v2, straight into its cgroup), writes the id maps,
 * relays signals, and reports init's end with its rusage.  main() runs one sandbox (one-shot) or the
 * server (serve.c), which forks a process per request that runs run_one_sandbox().
 * Single-threaded on purpose: CLONE_NEWUSER needs it. */
#include "init.h"
#include "layers.h"
#include "outer.h"
#include "relay.h"
#include "report.h"
#include "seccomp.h"
#include "serve.h"
#include "spec.h"
#include "tree.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <linux/keyctl.h>
#include <linux/sched.h>
#include <linux/securebits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
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

/* The sandbox init the forwarded signals go to (a signal handler can only reach a global; one
 * sandbox per process). */
static volatile pid_t forward_to;

static void forward(int sig)
{
	if (forward_to > 0)
		kill(forward_to, sig);
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
 * per-sandbox effective uid instead: the first id past the mapped range plus this process's pid, unique
 * among running outer helpers, never mapped into any sandbox and used by no process (it would own the
 * namespace).  Its capabilities stay (SECBIT_NO_SETUID_FIXUP) for CLONE_INTO_CGROUP; the maps are
 * written after switching back. */
static uid_t userns_owner(const struct spec *s)
{
	unsigned long long o = (unsigned long long)s->uid_base + s->id_count + (unsigned long long)getpid();
	if (o >= (uid_t)-1)
		die_exact("userns", 0, "no per-sandbox owner uid above uid_base %lu + %lu ids", s->uid_base,
			  s->id_count);
	return (uid_t)o;
}

static void owner_switch(uid_t euid, int bits)
{
	if (prctl(PR_SET_SECUREBITS, bits) < 0)
		die("userns", "prctl(PR_SET_SECUREBITS, %#x)", bits);
	if (setresuid((uid_t)-1, euid, (uid_t)-1) < 0)
		die("userns", "setresuid(-1, %u, -1)", (unsigned)euid);
}

/* Die with our parent, the engine or the server (even by SIGKILL). The kernel clears PDEATHSIG on every
 * credential change, so this runs again after one; a parent that died before it is seen as a new one. */
static void tie_to_parent(pid_t parent)
{
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		die("spec", "prctl(PR_SET_PDEATHSIG)");
	if (getppid() != parent)
		_exit(EXIT_SETUP);
}

/* v1 has no CLONE_INTO_CGROUP: init joins its cgroups itself, first thing (init.c), so everything it and
 * the command do is counted there and pids.max counts only the sandbox's own.  It writes "0" (itself)
 * to each hierarchy's `tasks` file through a descriptor opened here, as root: cgroup v1 checks the
 * opener's credentials, and a thread that moves itself skips cgroup_threadgroup_rwsem, whose first
 * write lock after a quiet spell waits out an RCU grace period (7-25 ms on the bench's host), which
 * moving init by its pid took. */
static void open_v1_tasks(struct spec *s)
{
	char path[4200];
	if (s->n_v1_cgroups == 0)
		return;
	if (!(s->v1_tasks = calloc(s->n_v1_cgroups, sizeof *s->v1_tasks)))
		die("cgroup", "calloc");
	for (size_t i = 0; i < s->n_v1_cgroups; i++) {
		snprintf(path, sizeof path, "%s/tasks", s->v1_cgroups[i]);
		if ((s->v1_tasks[i] = open(path, O_WRONLY | O_CLOEXEC)) < 0)
			die("cgroup", "open %s", path);
	}
}

/* Before clone3: what must exist as real root and in our own mount namespace (layers.c says why),
 * the stdio init keeps, the v2 cgroup to be born in.  Fills sb->root, sb->cgfd, sb->sync. */
static void prepare(struct sandbox *sb)
{
	struct spec *s = &sb->spec;
	/* Rootless: an unprivileged user may only map itself, and only with setgroups denied. */
	sb->rootless = s->id_count == 1 && geteuid() != 0;
	/* A fresh anonymous session keyring (as runc): the sandbox never holds the engine's, even
	 * without the seccomp rule on keyctl.  Kernels without keys have nothing to inherit. */
	if (syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL) < 0 && errno != ENOSYS)
		die("clone", "keyctl(KEYCTL_JOIN_SESSION_KEYRING)");
	/* Root mode: build the layers and take the mount sources as real root, in a mount namespace of
	 * our own (this process's alone: a server never unshares); init gets them as detached mounts. */
	if (geteuid() == 0) {
		if (unshare(CLONE_NEWNS) < 0)
			die("mount", "unshare(CLONE_NEWNS)");
		if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			die("mount", "make / private (MS_REC|MS_PRIVATE)");
		sb->root = layers_prepare(s, 0);
	}
	/* init must be cloned with the stdio it is to keep. */
	relay_prepare(&sb->relay, s->tty);
	if (s->cgroup_v2 && (sb->cgfd = open(s->cgroup_v2, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		die("cgroup", "open %s", s->cgroup_v2);
	open_v1_tasks(s);
	if (pipe2(sb->sync, O_CLOEXEC) < 0)
		die("clone", "pipe2");
}

/* Why clone3 failed, in words a user can act on: the errno alone ("Operation not permitted") names
 * neither the cause nor the fix. */
static _Noreturn void die_clone(const struct sandbox *sb, int err)
{
	if (err == ENOSPC || err == EUSERS)
		die_exact("clone", err, "the kernel refused a new user namespace: the limit on user namespaces "
					"is reached (user.max_user_namespaces is 0 or used up)");
	if (err == EPERM && sb->rootless)
		die_exact("clone", err, "the kernel refused a new user namespace to this user: unprivileged user "
					"namespaces are disabled or restricted here (kernel.unprivileged_userns_clone, "
					"AppArmor's kernel.apparmor_restrict_unprivileged_userns, a container's seccomp "
					"profile); run nsbox as root or with sudo, or allow them");
	if (err == EPERM)
		die_exact("clone", err, "the kernel refused new namespaces to root here: in a container without "
					"CAP_SYS_ADMIN or whose seccomp profile refuses them; run nsbox on the host or in "
					"a privileged container");
	errno = err;
	die("clone", "clone3(user|pid|mount|uts|ipc|net|cgroup%s)", sb->cgfd >= 0 ? ", into cgroup" : "");
}

/* clone3 into every new namespace (and the cgroup); the child becomes init and never returns. */
static pid_t clone_init(struct sandbox *sb, char **argv)
{
	/* A cgroup namespace is rooted where its first process is: on v1 init joins its cgroups only after
	 * clone3, so it starts its own namespace then (init.c). */
	int cgroupns_now = sb->spec.n_v1_cgroups == 0;
	struct clone_args ca = {
		.flags = CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET |
			 (cgroupns_now ? CLONE_NEWCGROUP : 0) | (sb->cgfd >= 0 ? CLONE_INTO_CGROUP : 0),
		.exit_signal = SIGCHLD,
		.cgroup = sb->cgfd >= 0 ? (unsigned long long)sb->cgfd : 0,
	};
	int own = sb->root >= 0; /* root mode: a per-sandbox owner for the user namespace */
	int bits = own ? prctl(PR_GET_SECUREBITS) : 0;
	if (own)
		owner_switch(userns_owner(&sb->spec), bits | SECBIT_NO_SETUID_FIXUP);
	pid_t pid = (pid_t)syscall(SYS_clone3, &ca, sizeof ca);
	int clone_errno = errno;
	if (own && pid != 0) { /* the parent: back to root, securebits as they were */
		owner_switch(0, bits);
		tie_to_parent(sb->parent); /* the euid change cleared PDEATHSIG */
	}
	errno = clone_errno;
	if (pid < 0)
		die_clone(sb, clone_errno);
	if (pid == 0) {
		/* All capabilities in our new namespace: a later setuid() inside must drop them as usual. */
		if (own && prctl(PR_SET_SECUREBITS, bits) < 0)
			die("userns", "prctl(PR_SET_SECUREBITS, %#x) in the sandbox", bits);
		close(sb->sync[1]);
		/* first: the outer helper's fds are not init's */
		int tty_ctl = relay_child_takeover(&sb->relay);
		init_main(&sb->spec, sb->sync[0], tty_ctl, sb->rootless, sb->root, argv);
	}
	return pid;
}

/* After clone3: the maps first (the child waits for them), housekeeping after. */
static void release_init(struct sandbox *sb, pid_t pid)
{
	struct spec *s = &sb->spec;
	if (sb->rootless) {
		char p[64];
		snprintf(p, sizeof p, "/proc/%d/setgroups", (int)pid);
		if (write_str_file(p, "deny") < 0)
			die("userns", "write deny to %s", p);
	}
	write_map(pid, "uid_map", s->uid_base, s->id_count);
	write_map(pid, "gid_map", s->gid_base, s->id_count);
	if (write_all(sb->sync[1], "m", 1) < 0) /* maps written: init may proceed */
		die("clone", "write sync pipe");
	report_pid(pid);
	if (sb->cgfd >= 0)
		close(sb->cgfd);
	if (sb->root >= 0) /* init holds its own references to the detached mounts */
		close(sb->root);
	for (size_t i = 0; i < s->n_mounts; i++)
		if (s->mounts[i].tree >= 0)
			close(s->mounts[i].tree);
	for (size_t i = 0; i < s->n_v1_cgroups; i++) /* init holds its own copies */
		close(s->v1_tasks[i]);
	relay_parent_started(&sb->relay);
	close(CONTROL_FD); /* init holds its own copy for the go byte */
}

int run_one_sandbox(struct sandbox *sb, pid_t parent, char **argv)
{
	/* Field by field: a compound literal would build the relay's buffers on the stack. */
	sb->parent = parent;
	sb->rootless = 0;
	sb->root = sb->cgfd = sb->sync[0] = sb->sync[1] = -1;
	sb->undo = (struct die_undo){.kill = 0, .fail_fd = -1};
	relay_init(&sb->relay);
	die_undo(&sb->undo);
	/* If our parent dies (even by SIGKILL), so do we, and init (PDEATHSIG too) takes the sandbox with
	 * it.  A parent that died before this prctl closed the status pipe: our first status write (the pid
	 * line) then ends us with SIGPIPE, which takes init with it the same way. */
	tie_to_parent(parent);
	/* The command must never inherit the control or status pipe. */
	if (fcntl(CONTROL_FD, F_SETFD, FD_CLOEXEC) < 0)
		die("spec", "fd 3 (control pipe)");
	fcntl(STATUS_FD, F_SETFD, FD_CLOEXEC); /* absent fd 4: errors go to stderr instead */

	spec_read(CONTROL_FD, &sb->spec);
	spec_validate(&sb->spec);
	prepare(sb);

	/* Blocked across clone3: the parent forwards them once it knows the child's pid, init reads
	 * them from a signalfd; none is lost in between. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);

	pid_t pid = clone_init(sb, argv);
	sb->undo.kill = pid;
	forward_to = pid;
	close(sb->sync[0]);
	release_init(sb, pid);

	struct sigaction sa = {.sa_handler = forward, .sa_flags = SA_RESTART};
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigdelset(&set, SIGCHLD);
	sigprocmask(SIG_UNBLOCK, &set, NULL);

	int status;
	struct rusage ru;
	relay_wait(&sb->relay, pid, &status, &ru);
	sb->undo.kill = 0;
	forward_to = 0;
	report_exit("init-exit", status, &ru);
	/* sync[1] stays open until here: init treats its closing as our death. */
	close(sb->sync[1]);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* `--check-tree <dir> <list>` alone: the server's tree check, its answer on stdout (tests compare it with
 * the engine's); exit 0 whole, 1 damaged, 2 not checked. */
static int check_tree_alone(const char *dir, const char *list)
{
	char why[2048];
	enum tree_verdict v = tree_check(dir, list, why, sizeof why);
	if (v != TREE_WHOLE)
		printf("%s\n", why);
	return v == TREE_WHOLE ? 0 : v == TREE_DAMAGED ? 1 : 2;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		printf("nsbox-helper %s sources-sha256:%s\n", HELPER_VERSION, NSBOX_SOURCES_SHA256);
		return 0;
	}
	if (argc >= 2 && argc <= 3 && strcmp(argv[1], "--seccomp-bpf") == 0 &&
	    (argc == 2 || strcmp(argv[2], "--setid-modes") == 0))
		return seccomp_dump(argc == 3);
	if (argc >= 2 && strcmp(argv[1], "--serve") == 0)
		return serve(argc, argv);
	if (argc == 4 && strcmp(argv[1], "--check-tree") == 0)
		return check_tree_alone(argv[2], argv[3]);
	if (argc != 1) {
		dprintf(2, "usage: nsbox-helper [--version | --seccomp-bpf [--setid-modes] | "
			   "--serve [--check-tree <dir> <list>] | --check-tree <dir> <list>]  "
			   "(spec on fd 3, status on fd 4; see docs/design.md)\n");
		return 2;
	}
	static struct sandbox sb; /* static: the relay's buffers are large */
	return run_one_sandbox(&sb, getppid(), argv);
}
