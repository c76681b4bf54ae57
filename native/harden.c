/* The command's last steps before execve(), in its nested user namespace: no_new_privs, a container-like
 * capability set, and a seccomp filter.  Child side (the command's process, PID 2).
 *
 * Capabilities kept (every set, the bounding set too; inheritable and ambient empty) are Docker's
 * default list minus NET_RAW: CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP
 * NET_BIND_SERVICE SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP — what package managers and build scripts
 * running as root expect (chown, setuid to a build user, chroot).  NET_RAW is dropped: sandboxes run next
 * to a runner (nat) and raw sockets allow spoofing; ping uses ICMP datagram sockets (init opens
 * ping_group_range).  They only ever apply to the sandbox's own namespaces: init's user namespace owns
 * the network/UTS/IPC namespaces and the mounts are locked.  CAP_SYS_PTRACE is dropped, but ptrace
 * between the sandbox's own same-uid processes needs no capability: debuggers and strace work.
 *
 * Resource limits nothing else covers (the cgroup caps memory, pids and CPU; these are per process or per
 * user): no core dumps (a core_pattern that pipes to a host helper, as on Ubuntu, would run it for
 * every crash), POSIX message-queue bytes and pending signals (both counted per user, so bounded per
 * sandbox), open files.  Lowered only: an inherited limit that is already lower stays.
 *
 * Seccomp: the allow-list of seccomp.c (its setuid/setgid-mode checks off for the spec's setid_modes=1). */
#include "harden.h"
#include "seccomp.h"
#include "util.h"
#include <errno.h>
#include <linux/capability.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

static const int kept_caps[] = {CAP_CHOWN,  CAP_DAC_OVERRIDE, CAP_FOWNER,	    CAP_FSETID,     CAP_KILL,
				CAP_SETGID, CAP_SETUID,	      CAP_SETPCAP,	    CAP_NET_BIND_SERVICE,
				CAP_SYS_CHROOT, CAP_MKNOD,    CAP_AUDIT_WRITE,	    CAP_SETFCAP};

static void drop_caps(void)
{
	uint64_t keep = 0;
	for (size_t i = 0; i < sizeof kept_caps / sizeof *kept_caps; i++)
		keep |= 1ull << kept_caps[i];
	for (int c = 0; c < 64; c++) /* EINVAL past the kernel's last capability */
		if (!(keep >> c & 1) && prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0) {
			if (errno == EINVAL)
				break;
			die("exec", "prctl(PR_CAPBSET_DROP, %d)", c);
		}
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
		die("exec", "prctl(PR_CAP_AMBIENT_CLEAR_ALL)");
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
	struct __user_cap_data_struct d[2] = {{.effective = (uint32_t)keep, .permitted = (uint32_t)keep},
					      {.effective = (uint32_t)(keep >> 32), .permitted = (uint32_t)(keep >> 32)}};
	if (syscall(SYS_capset, &h, d) < 0)
		die("exec", "capset");
}

/* Soft and hard values; RLIMIT_NOFILE's soft value is the traditional 1024 (select() breaks above it),
 * the hard one leaves room for tools that raise it (containerd's defaults). */
static const struct {
	int res;
	const char *name;
	rlim_t soft, hard;
} limits[] = {
	{RLIMIT_CORE, "RLIMIT_CORE", 0, 0},
	{RLIMIT_MSGQUEUE, "RLIMIT_MSGQUEUE", 819200, 819200}, /* the kernel's default for a user */
	{RLIMIT_SIGPENDING, "RLIMIT_SIGPENDING", 4096, 4096},
	{RLIMIT_NOFILE, "RLIMIT_NOFILE", 1024, 524288},
};

static void set_limits(void)
{
	for (size_t i = 0; i < sizeof limits / sizeof *limits; i++) {
		struct rlimit cur, want;
		if (getrlimit(limits[i].res, &cur) < 0)
			die("exec", "getrlimit(%s)", limits[i].name);
		want.rlim_max = limits[i].hard < cur.rlim_max ? limits[i].hard : cur.rlim_max;
		want.rlim_cur = limits[i].soft < want.rlim_max ? limits[i].soft : want.rlim_max;
		if (setrlimit(limits[i].res, &want) < 0)
			die("exec", "setrlimit(%s, %llu, %llu)", limits[i].name, (unsigned long long)want.rlim_cur,
			    (unsigned long long)want.rlim_max);
	}
}

void harden_command(int setid_modes)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		die("exec", "prctl(PR_SET_NO_NEW_PRIVS)");
	set_limits();
	drop_caps();
	static struct seccomp_prog prog; /* 8 KiB: off the stack of a process about to exec */
	seccomp_build(&prog, setid_modes);
	struct sock_fprog fp = {.len = prog.len, .filter = prog.filter};
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fp, 0, 0) < 0)
		die("exec", "prctl(PR_SET_SECCOMP)");
}
