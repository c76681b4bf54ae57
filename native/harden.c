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
 * Seccomp: Docker's default-profile refusals as EPERM (clone3 ENOSYS so libcs fall back to clone, whose
 * flags a filter can read), socket(AF_VSOCK) EPERM (vsock is not network-namespaced), the wrong
 * architecture (32-bit entry points) kills, the x32 ABI is EPERM.
 * Allowed on purpose: ptrace, process_vm_readv/writev, kcmp (pid namespace isolation bounds them),
 * chroot (the root is pivoted: ".." cannot leave it), mbind/set_mempolicy. */
#include "init.h"
#include "util.h"
#include <errno.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define NSBOX_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NSBOX_AUDIT_ARCH AUDIT_ARCH_AARCH64
#else
#error "nsbox-helper: seccomp filter written for x86_64 and aarch64 only"
#endif

static const int kept_caps[] = {CAP_CHOWN,  CAP_DAC_OVERRIDE, CAP_FOWNER,	    CAP_FSETID,     CAP_KILL,
				CAP_SETGID, CAP_SETUID,	      CAP_SETPCAP,	    CAP_NET_BIND_SERVICE,
				CAP_SYS_CHROOT, CAP_MKNOD,    CAP_AUDIT_WRITE,	    CAP_SETFCAP};

/* Refused with EPERM, whatever the arguments (numbers absent on an arch are skipped). */
static const int denied[] = {
	__NR_keyctl, __NR_add_key, __NR_request_key, __NR_bpf, __NR_perf_event_open, __NR_userfaultfd,
	__NR_kexec_load, __NR_kexec_file_load, __NR_init_module, __NR_finit_module, __NR_delete_module,
	__NR_open_by_handle_at, __NR_name_to_handle_at, __NR_io_uring_setup, __NR_io_uring_enter,
	__NR_io_uring_register, __NR_acct, __NR_swapon, __NR_swapoff, __NR_reboot, __NR_settimeofday,
	__NR_clock_settime, __NR_clock_adjtime, __NR_adjtimex, __NR_setns, __NR_mount, __NR_umount2,
	__NR_pivot_root, __NR_lookup_dcookie, __NR_quotactl, __NR_syslog, __NR_move_pages, __NR_fanotify_init,
	__NR_vhangup, __NR_mount_setattr, __NR_move_mount, __NR_open_tree, __NR_fsopen, __NR_fsconfig,
	__NR_fsmount, __NR_fspick, __NR_nfsservctl,
#ifdef __NR_quotactl_fd
	__NR_quotactl_fd,
#endif
#ifdef __NR_stime
	__NR_stime,
#endif
#ifdef __NR_uselib
	__NR_uselib,
#endif
#ifdef __NR_vm86
	__NR_vm86,
#endif
#ifdef __NR_vm86old
	__NR_vm86old,
#endif
#ifdef __NR_get_kernel_syms
	__NR_get_kernel_syms,
#endif
#ifdef __NR_query_module
	__NR_query_module,
#endif
#ifdef __NR_create_module
	__NR_create_module,
#endif
#ifdef __NR__sysctl
	__NR__sysctl,
#endif
#ifdef __NR_ustat
	__NR_ustat,
#endif
#ifdef __NR_sysfs
	__NR_sysfs,
#endif
#ifdef __NR_iopl
	__NR_iopl,
#endif
#ifdef __NR_ioperm
	__NR_ioperm,
#endif
};

/* Namespace flags refused in clone()/unshare(): a new user namespace would give back every capability
 * (the others already need CAP_SYS_ADMIN, which is gone; refused anyway, as Docker does). */
#define NS_FLAGS                                                                                          \
	(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |         \
	 CLONE_NEWNET)

#define RET(v) BPF_STMT(BPF_RET | BPF_K, (v))
#define EPERM_ SECCOMP_RET_ERRNO | EPERM
#define LD(off) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define JEQ(k, t, f) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), (t), (f))
/* Low 32 bits of argument i (little endian; the kernel reads these arguments as 32-bit ints or the
 * flags live there). */
#define ARG_LO(i) (offsetof(struct seccomp_data, args) + 8 * (i))

/* The filter is a binary search over the sorted syscall numbers that get a rule (leaves of at most 4
 * JEQ), so any syscall takes ~10 steps; installing it stays cheap too (the kernel's action cache
 * emulates the filter for every syscall number: a linear list of 60 tests cost ~0.1 ms there). */
enum { A_EPERM, A_ENOSYS, A_NSFLAGS, A_IOCTL, A_PERSONALITY, A_SOCKET, A_COUNT };
struct rule {
	int nr, act;
};
static struct sock_filter prog[256];
static unsigned short n;
static struct {
	unsigned short at; /* jump instruction whose jt goes to the block of `act` */
	int act;
} fix[96];
static size_t n_fix;

static void emit(struct sock_filter f)
{
	if (n >= sizeof prog / sizeof *prog)
		die_exact("exec", E2BIG, "seccomp filter too long");
	prog[n++] = f;
}

static void jump_to_block(struct sock_filter f, int act)
{
	fix[n_fix].at = n;
	fix[n_fix++].act = act;
	emit(f);
}

static void set_jt(unsigned short at, unsigned short to)
{
	if (to - at - 1 > 255)
		die_exact("exec", E2BIG, "seccomp filter jump too long");
	prog[at].jt = (unsigned char)(to - at - 1);
}

static void tree(const struct rule *r, size_t lo, size_t hi)
{
	if (hi - lo <= 4) {
		for (size_t i = lo; i < hi; i++)
			jump_to_block((struct sock_filter)JEQ((unsigned)r[i].nr, 0, 0), r[i].act);
		emit((struct sock_filter)RET(SECCOMP_RET_ALLOW));
		return;
	}
	size_t mid = lo + (hi - lo) / 2;
	unsigned short j = n;
	emit((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (unsigned)r[mid].nr, 0, 0));
	tree(r, lo, mid);
	set_jt(j, n);
	tree(r, mid, hi);
}

static int by_nr(const void *a, const void *b)
{
	return ((const struct rule *)a)->nr - ((const struct rule *)b)->nr;
}

static void build_filter(void)
{
	struct rule r[sizeof denied / sizeof *denied + 8];
	size_t nr = 0;
	for (size_t i = 0; i < sizeof denied / sizeof *denied; i++)
		r[nr++] = (struct rule){denied[i], A_EPERM};
	r[nr++] = (struct rule){__NR_clone3, A_ENOSYS};
	r[nr++] = (struct rule){__NR_clone, A_NSFLAGS};
	r[nr++] = (struct rule){__NR_unshare, A_NSFLAGS};
	r[nr++] = (struct rule){__NR_ioctl, A_IOCTL};
	r[nr++] = (struct rule){__NR_personality, A_PERSONALITY};
	r[nr++] = (struct rule){__NR_socket, A_SOCKET};
	qsort(r, nr, sizeof *r, by_nr);

	emit((struct sock_filter)LD(offsetof(struct seccomp_data, arch)));
	emit((struct sock_filter)JEQ(NSBOX_AUDIT_ARCH, 1, 0));
	emit((struct sock_filter)RET(SECCOMP_RET_KILL_PROCESS));
	emit((struct sock_filter)LD(offsetof(struct seccomp_data, nr)));
#ifdef __x86_64__
	jump_to_block((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, __X32_SYSCALL_BIT, 0, 0), A_EPERM);
#endif
	tree(r, 0, nr);

	unsigned short block[A_COUNT];
	block[A_EPERM] = n;
	emit((struct sock_filter)RET(EPERM_));
	block[A_ENOSYS] = n;
	emit((struct sock_filter)RET(SECCOMP_RET_ERRNO | ENOSYS));
	block[A_NSFLAGS] = n;
	emit((struct sock_filter)LD(ARG_LO(0)));
	emit((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, NS_FLAGS, 0, 1));
	emit((struct sock_filter)RET(EPERM_));
	emit((struct sock_filter)RET(SECCOMP_RET_ALLOW));
	/* Terminal injection into whatever tty fd the command holds (CVE-2017-5226 class). */
	block[A_IOCTL] = n;
	emit((struct sock_filter)LD(ARG_LO(1)));
	emit((struct sock_filter)JEQ(TIOCSTI, 2, 0));
	emit((struct sock_filter)JEQ(TIOCLINUX, 1, 0));
	emit((struct sock_filter)RET(SECCOMP_RET_ALLOW));
	emit((struct sock_filter)RET(EPERM_));
	/* personality: only Linux (+ UNAME26) and the query, as Docker. */
	block[A_PERSONALITY] = n;
	emit((struct sock_filter)LD(ARG_LO(0)));
	emit((struct sock_filter)JEQ(0x0, 5, 0));
	emit((struct sock_filter)JEQ(0x8, 4, 0));
	emit((struct sock_filter)JEQ(0x20000, 3, 0));
	emit((struct sock_filter)JEQ(0x20008, 2, 0));
	emit((struct sock_filter)JEQ(0xffffffff, 1, 0));
	emit((struct sock_filter)RET(EPERM_));
	emit((struct sock_filter)RET(SECCOMP_RET_ALLOW));
	/* AF_VSOCK is not network-namespaced: a channel between sandboxes and to the hypervisor's services. */
	block[A_SOCKET] = n;
	emit((struct sock_filter)LD(ARG_LO(0)));
	emit((struct sock_filter)JEQ(AF_VSOCK, 0, 1));
	emit((struct sock_filter)RET(EPERM_));
	emit((struct sock_filter)RET(SECCOMP_RET_ALLOW));
	for (size_t i = 0; i < n_fix; i++)
		set_jt(fix[i].at, block[fix[i].act]);
}

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

void harden_command(void)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		die("exec", "prctl(PR_SET_NO_NEW_PRIVS)");
	drop_caps();
	build_filter();
	struct sock_fprog fp = {.len = n, .filter = prog};
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fp, 0, 0) < 0)
		die("exec", "prctl(PR_SET_SECCOMP)");
}
