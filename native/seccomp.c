/* The command's seccomp filter: an allow-list.  A syscall gets through only if it is listed below, so a
 * syscall added to the kernel after this table was written (listmount, mseal, the *xattrat family, ...)
 * is refused until someone reviews it.
 *
 * The list is Docker's default profile (moby profiles/seccomp/default.json) for the capabilities the
 * command keeps (harden.c), with nsbox's own differences:
 *  - refused with ENOSYS (the default, and what libcs treat as "fall back"): anything unlisted;
 *    clone3 (its flags sit behind a pointer: libcs fall back to clone, whose flags we can read) and
 *    openat2 (its mode sits behind a pointer: callers fall back to openat);
 *  - refused with EPERM (deliberately, as before the allow-list): Docker's capability-gated calls that
 *    the command's capabilities do not cover (kcmp, pidfd_getfd, process_madvise, the NUMA policy
 *    calls, mount API, modules, clocks, ...) plus io_uring and name_to_handle_at, which Docker allows;
 *  - allowed with argument checks: clone/unshare without namespace flags; ioctl except TIOCSTI and
 *    TIOCLINUX; personality as Docker; socket/socketpair for AF_UNIX, AF_INET, AF_INET6 and the two
 *    netlink protocols ip(8) and ss(8) use (other families EAFNOSUPPORT: rare families load kernel
 *    modules on distro kernels); the chmod family, mknod and creating opens only without
 *    S_ISUID/S_ISGID in the mode (EPERM: a setuid file left in a rw mount would be the host's problem),
 *    unless the spec says setid_modes=1 (the engine's package install, whose only host-visible writes go
 *    to the layer the engine clears those bits in before anything uses it): then they are allowed.
 * The wrong architecture (32-bit entry points) kills the process; the x32 ABI is EPERM. */
#include "seccomp.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/netlink.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define NSBOX_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NSBOX_AUDIT_ARCH AUDIT_ARCH_AARCH64
#else
#error "nsbox-helper: seccomp filter written for x86_64 and aarch64 only"
#endif

/* Numbers from 424 on are the same on every architecture; older C library headers may lack them. */
#ifndef __NR_fchmodat2
#define __NR_fchmodat2 452
#endif

enum act {
	A_ALLOW,
	A_EPERM,
	A_ENOSYS,
	A_NSFLAGS,     /* clone, unshare: arg 0 without namespace flags */
	A_IOCTL,       /* arg 1 not TIOCSTI/TIOCLINUX */
	A_PERSONALITY, /* arg 0 among Docker's values */
	A_SOCKET,      /* arg 0 family, arg 2 netlink protocol */
	A_MODE1,       /* mode in arg 1 without S_ISUID/S_ISGID: chmod fchmod mknod creat */
	A_MODE2,       /* mode in arg 2: fchmodat fchmodat2 mknodat */
	A_OPEN,        /* open: flags arg 1, mode arg 2 */
	A_OPENAT,      /* openat: flags arg 2, mode arg 3 */
};

struct rule {
	int nr;
	enum act act;
};

static const struct rule rules[] = {
	/* Docker's default allow list, calls present on both architectures. */
	{__NR_accept, A_ALLOW}, {__NR_accept4, A_ALLOW}, {__NR_bind, A_ALLOW}, {__NR_brk, A_ALLOW},
	{__NR_capget, A_ALLOW}, {__NR_capset, A_ALLOW}, {__NR_chdir, A_ALLOW}, {__NR_chroot, A_ALLOW},
	{__NR_clock_getres, A_ALLOW}, {__NR_clock_gettime, A_ALLOW}, {__NR_clock_nanosleep, A_ALLOW},
	{__NR_close, A_ALLOW}, {__NR_close_range, A_ALLOW}, {__NR_connect, A_ALLOW},
	{__NR_copy_file_range, A_ALLOW}, {__NR_dup, A_ALLOW}, {__NR_dup3, A_ALLOW},
	{__NR_epoll_create1, A_ALLOW}, {__NR_epoll_ctl, A_ALLOW}, {__NR_epoll_pwait, A_ALLOW},
	{__NR_epoll_pwait2, A_ALLOW}, {__NR_eventfd2, A_ALLOW}, {__NR_execve, A_ALLOW},
	{__NR_execveat, A_ALLOW}, {__NR_exit, A_ALLOW}, {__NR_exit_group, A_ALLOW}, {__NR_faccessat, A_ALLOW},
	{__NR_faccessat2, A_ALLOW}, {__NR_fadvise64, A_ALLOW}, {__NR_fallocate, A_ALLOW},
	{__NR_fanotify_mark, A_ALLOW}, {__NR_fchdir, A_ALLOW}, {__NR_fchown, A_ALLOW}, {__NR_fchownat, A_ALLOW},
	{__NR_fcntl, A_ALLOW}, {__NR_fdatasync, A_ALLOW}, {__NR_fgetxattr, A_ALLOW}, {__NR_flistxattr, A_ALLOW},
	{__NR_flock, A_ALLOW}, {__NR_fremovexattr, A_ALLOW}, {__NR_fsetxattr, A_ALLOW}, {__NR_fstat, A_ALLOW},
	{__NR_fstatfs, A_ALLOW}, {__NR_fsync, A_ALLOW}, {__NR_ftruncate, A_ALLOW}, {__NR_futex, A_ALLOW},
	{__NR_futex_waitv, A_ALLOW}, {__NR_getcpu, A_ALLOW}, {__NR_getcwd, A_ALLOW}, {__NR_getdents64, A_ALLOW},
	{__NR_getegid, A_ALLOW}, {__NR_geteuid, A_ALLOW}, {__NR_getgid, A_ALLOW}, {__NR_getgroups, A_ALLOW},
	{__NR_getitimer, A_ALLOW}, {__NR_getpeername, A_ALLOW}, {__NR_getpgid, A_ALLOW}, {__NR_getpid, A_ALLOW},
	{__NR_getppid, A_ALLOW}, {__NR_getpriority, A_ALLOW}, {__NR_getrandom, A_ALLOW},
	{__NR_getresgid, A_ALLOW}, {__NR_getresuid, A_ALLOW}, {__NR_getrlimit, A_ALLOW},
	{__NR_get_robust_list, A_ALLOW}, {__NR_getrusage, A_ALLOW}, {__NR_getsid, A_ALLOW},
	{__NR_getsockname, A_ALLOW}, {__NR_getsockopt, A_ALLOW}, {__NR_gettid, A_ALLOW},
	{__NR_gettimeofday, A_ALLOW}, {__NR_getuid, A_ALLOW}, {__NR_getxattr, A_ALLOW},
	{__NR_inotify_add_watch, A_ALLOW}, {__NR_inotify_init1, A_ALLOW}, {__NR_inotify_rm_watch, A_ALLOW},
	{__NR_io_cancel, A_ALLOW}, {__NR_io_destroy, A_ALLOW}, {__NR_io_getevents, A_ALLOW},
	{__NR_io_pgetevents, A_ALLOW}, {__NR_ioprio_get, A_ALLOW}, {__NR_ioprio_set, A_ALLOW},
	{__NR_io_setup, A_ALLOW}, {__NR_io_submit, A_ALLOW}, {__NR_kill, A_ALLOW},
	{__NR_landlock_add_rule, A_ALLOW}, {__NR_landlock_create_ruleset, A_ALLOW},
	{__NR_landlock_restrict_self, A_ALLOW}, {__NR_lgetxattr, A_ALLOW}, {__NR_linkat, A_ALLOW},
	{__NR_listen, A_ALLOW}, {__NR_listxattr, A_ALLOW}, {__NR_llistxattr, A_ALLOW},
	{__NR_lremovexattr, A_ALLOW}, {__NR_lseek, A_ALLOW}, {__NR_lsetxattr, A_ALLOW}, {__NR_madvise, A_ALLOW},
	{__NR_membarrier, A_ALLOW}, {__NR_memfd_create, A_ALLOW}, {__NR_memfd_secret, A_ALLOW},
	{__NR_mincore, A_ALLOW}, {__NR_mkdirat, A_ALLOW}, {__NR_mlock, A_ALLOW}, {__NR_mlock2, A_ALLOW},
	{__NR_mlockall, A_ALLOW}, {__NR_mmap, A_ALLOW}, {__NR_mprotect, A_ALLOW}, {__NR_mq_getsetattr, A_ALLOW},
	{__NR_mq_notify, A_ALLOW}, {__NR_mq_open, A_ALLOW}, {__NR_mq_timedreceive, A_ALLOW},
	{__NR_mq_timedsend, A_ALLOW}, {__NR_mq_unlink, A_ALLOW}, {__NR_mremap, A_ALLOW}, {__NR_msgctl, A_ALLOW},
	{__NR_msgget, A_ALLOW}, {__NR_msgrcv, A_ALLOW}, {__NR_msgsnd, A_ALLOW}, {__NR_msync, A_ALLOW},
	{__NR_munlock, A_ALLOW}, {__NR_munlockall, A_ALLOW}, {__NR_munmap, A_ALLOW}, {__NR_nanosleep, A_ALLOW},
	{__NR_newfstatat, A_ALLOW}, {__NR_pidfd_open, A_ALLOW}, {__NR_pidfd_send_signal, A_ALLOW},
	{__NR_pipe2, A_ALLOW}, {__NR_pkey_alloc, A_ALLOW}, {__NR_pkey_free, A_ALLOW},
	{__NR_pkey_mprotect, A_ALLOW}, {__NR_ppoll, A_ALLOW}, {__NR_prctl, A_ALLOW}, {__NR_pread64, A_ALLOW},
	{__NR_preadv, A_ALLOW}, {__NR_preadv2, A_ALLOW}, {__NR_prlimit64, A_ALLOW},
	{__NR_process_mrelease, A_ALLOW}, {__NR_process_vm_readv, A_ALLOW}, {__NR_process_vm_writev, A_ALLOW},
	{__NR_pselect6, A_ALLOW}, {__NR_ptrace, A_ALLOW}, {__NR_pwrite64, A_ALLOW}, {__NR_pwritev, A_ALLOW},
	{__NR_pwritev2, A_ALLOW}, {__NR_read, A_ALLOW}, {__NR_readahead, A_ALLOW}, {__NR_readlinkat, A_ALLOW},
	{__NR_readv, A_ALLOW}, {__NR_recvfrom, A_ALLOW}, {__NR_recvmmsg, A_ALLOW}, {__NR_recvmsg, A_ALLOW},
	{__NR_remap_file_pages, A_ALLOW}, {__NR_removexattr, A_ALLOW}, {__NR_renameat, A_ALLOW},
	{__NR_renameat2, A_ALLOW}, {__NR_restart_syscall, A_ALLOW}, {__NR_rseq, A_ALLOW},
	{__NR_rt_sigaction, A_ALLOW}, {__NR_rt_sigpending, A_ALLOW}, {__NR_rt_sigprocmask, A_ALLOW},
	{__NR_rt_sigqueueinfo, A_ALLOW}, {__NR_rt_sigreturn, A_ALLOW}, {__NR_rt_sigsuspend, A_ALLOW},
	{__NR_rt_sigtimedwait, A_ALLOW}, {__NR_rt_tgsigqueueinfo, A_ALLOW}, {__NR_sched_getaffinity, A_ALLOW},
	{__NR_sched_getattr, A_ALLOW}, {__NR_sched_getparam, A_ALLOW}, {__NR_sched_get_priority_max, A_ALLOW},
	{__NR_sched_get_priority_min, A_ALLOW}, {__NR_sched_getscheduler, A_ALLOW},
	{__NR_sched_rr_get_interval, A_ALLOW}, {__NR_sched_setaffinity, A_ALLOW},
	{__NR_sched_setattr, A_ALLOW}, {__NR_sched_setparam, A_ALLOW}, {__NR_sched_setscheduler, A_ALLOW},
	{__NR_sched_yield, A_ALLOW}, {__NR_seccomp, A_ALLOW}, {__NR_semctl, A_ALLOW}, {__NR_semget, A_ALLOW},
	{__NR_semop, A_ALLOW}, {__NR_semtimedop, A_ALLOW}, {__NR_sendfile, A_ALLOW}, {__NR_sendmmsg, A_ALLOW},
	{__NR_sendmsg, A_ALLOW}, {__NR_sendto, A_ALLOW}, {__NR_setfsgid, A_ALLOW}, {__NR_setfsuid, A_ALLOW},
	{__NR_setgid, A_ALLOW}, {__NR_setgroups, A_ALLOW}, {__NR_setitimer, A_ALLOW}, {__NR_setpgid, A_ALLOW},
	{__NR_setpriority, A_ALLOW}, {__NR_setregid, A_ALLOW}, {__NR_setresgid, A_ALLOW},
	{__NR_setresuid, A_ALLOW}, {__NR_setreuid, A_ALLOW}, {__NR_setrlimit, A_ALLOW},
	{__NR_set_robust_list, A_ALLOW}, {__NR_setsid, A_ALLOW}, {__NR_setsockopt, A_ALLOW},
	{__NR_set_tid_address, A_ALLOW}, {__NR_setuid, A_ALLOW}, {__NR_setxattr, A_ALLOW}, {__NR_shmat, A_ALLOW},
	{__NR_shmctl, A_ALLOW}, {__NR_shmdt, A_ALLOW}, {__NR_shmget, A_ALLOW}, {__NR_shutdown, A_ALLOW},
	{__NR_sigaltstack, A_ALLOW}, {__NR_signalfd4, A_ALLOW}, {__NR_splice, A_ALLOW}, {__NR_statfs, A_ALLOW},
	{__NR_statx, A_ALLOW}, {__NR_symlinkat, A_ALLOW}, {__NR_sync, A_ALLOW}, {__NR_sync_file_range, A_ALLOW},
	{__NR_syncfs, A_ALLOW}, {__NR_sysinfo, A_ALLOW}, {__NR_tee, A_ALLOW}, {__NR_tgkill, A_ALLOW},
	{__NR_timer_create, A_ALLOW}, {__NR_timer_delete, A_ALLOW}, {__NR_timer_getoverrun, A_ALLOW},
	{__NR_timer_gettime, A_ALLOW}, {__NR_timer_settime, A_ALLOW}, {__NR_timerfd_create, A_ALLOW},
	{__NR_timerfd_gettime, A_ALLOW}, {__NR_timerfd_settime, A_ALLOW}, {__NR_times, A_ALLOW},
	{__NR_tkill, A_ALLOW}, {__NR_truncate, A_ALLOW}, {__NR_umask, A_ALLOW}, {__NR_uname, A_ALLOW},
	{__NR_unlinkat, A_ALLOW}, {__NR_utimensat, A_ALLOW}, {__NR_vmsplice, A_ALLOW}, {__NR_wait4, A_ALLOW},
	{__NR_waitid, A_ALLOW}, {__NR_write, A_ALLOW}, {__NR_writev, A_ALLOW},
	/* Allowed with argument checks. */
	{__NR_clone, A_NSFLAGS}, {__NR_unshare, A_NSFLAGS}, {__NR_ioctl, A_IOCTL},
	{__NR_personality, A_PERSONALITY}, {__NR_socket, A_SOCKET}, {__NR_socketpair, A_SOCKET},
	{__NR_fchmod, A_MODE1}, {__NR_fchmodat, A_MODE2}, {__NR_fchmodat2, A_MODE2}, {__NR_mknodat, A_MODE2},
	{__NR_openat, A_OPENAT},
	/* Refused with ENOSYS although known: the libc falls back to a call we can check. */
	{__NR_clone3, A_ENOSYS}, {__NR_openat2, A_ENOSYS},
	/* Refused with EPERM, on purpose. */
	{__NR_keyctl, A_EPERM}, {__NR_add_key, A_EPERM}, {__NR_request_key, A_EPERM}, {__NR_bpf, A_EPERM},
	{__NR_perf_event_open, A_EPERM}, {__NR_userfaultfd, A_EPERM}, {__NR_kexec_load, A_EPERM},
	{__NR_kexec_file_load, A_EPERM}, {__NR_init_module, A_EPERM}, {__NR_finit_module, A_EPERM},
	{__NR_delete_module, A_EPERM}, {__NR_open_by_handle_at, A_EPERM}, {__NR_name_to_handle_at, A_EPERM},
	{__NR_io_uring_setup, A_EPERM}, {__NR_io_uring_enter, A_EPERM}, {__NR_io_uring_register, A_EPERM},
	{__NR_acct, A_EPERM}, {__NR_swapon, A_EPERM}, {__NR_swapoff, A_EPERM}, {__NR_reboot, A_EPERM},
	{__NR_settimeofday, A_EPERM}, {__NR_clock_settime, A_EPERM}, {__NR_clock_adjtime, A_EPERM},
	{__NR_adjtimex, A_EPERM}, {__NR_setns, A_EPERM}, {__NR_mount, A_EPERM}, {__NR_umount2, A_EPERM},
	{__NR_pivot_root, A_EPERM}, {__NR_lookup_dcookie, A_EPERM}, {__NR_quotactl, A_EPERM},
	{__NR_quotactl_fd, A_EPERM}, {__NR_syslog, A_EPERM}, {__NR_move_pages, A_EPERM},
	{__NR_fanotify_init, A_EPERM}, {__NR_vhangup, A_EPERM}, {__NR_mount_setattr, A_EPERM},
	{__NR_move_mount, A_EPERM}, {__NR_open_tree, A_EPERM}, {__NR_fsopen, A_EPERM}, {__NR_fsconfig, A_EPERM},
	{__NR_fsmount, A_EPERM}, {__NR_fspick, A_EPERM}, {__NR_nfsservctl, A_EPERM}, {__NR_kcmp, A_EPERM},
	{__NR_pidfd_getfd, A_EPERM}, {__NR_process_madvise, A_EPERM}, {__NR_mbind, A_EPERM},
	{__NR_set_mempolicy, A_EPERM}, {__NR_get_mempolicy, A_EPERM}, {__NR_set_mempolicy_home_node, A_EPERM},
	{__NR_migrate_pages, A_EPERM}, {__NR_sethostname, A_EPERM}, {__NR_setdomainname, A_EPERM},
#ifdef __x86_64__
	/* The x86_64 ABI's older and extra entry points. */
	{__NR_access, A_ALLOW}, {__NR_alarm, A_ALLOW}, {__NR_arch_prctl, A_ALLOW}, {__NR_chown, A_ALLOW},
	{__NR_dup2, A_ALLOW}, {__NR_epoll_create, A_ALLOW}, {__NR_epoll_ctl_old, A_ALLOW},
	{__NR_epoll_wait, A_ALLOW}, {__NR_epoll_wait_old, A_ALLOW}, {__NR_eventfd, A_ALLOW}, {__NR_fork, A_ALLOW},
	{__NR_futimesat, A_ALLOW}, {__NR_getdents, A_ALLOW}, {__NR_getpgrp, A_ALLOW},
	{__NR_get_thread_area, A_ALLOW}, {__NR_inotify_init, A_ALLOW}, {__NR_lchown, A_ALLOW},
	{__NR_link, A_ALLOW}, {__NR_lstat, A_ALLOW}, {__NR_mkdir, A_ALLOW}, {__NR_modify_ldt, A_ALLOW},
	{__NR_pause, A_ALLOW}, {__NR_pipe, A_ALLOW}, {__NR_poll, A_ALLOW}, {__NR_readlink, A_ALLOW},
	{__NR_rename, A_ALLOW}, {__NR_rmdir, A_ALLOW}, {__NR_select, A_ALLOW}, {__NR_set_thread_area, A_ALLOW},
	{__NR_signalfd, A_ALLOW}, {__NR_stat, A_ALLOW}, {__NR_symlink, A_ALLOW}, {__NR_time, A_ALLOW},
	{__NR_unlink, A_ALLOW}, {__NR_utime, A_ALLOW}, {__NR_utimes, A_ALLOW}, {__NR_vfork, A_ALLOW},
	{__NR_chmod, A_MODE1}, {__NR_mknod, A_MODE1}, {__NR_creat, A_MODE1}, {__NR_open, A_OPEN},
	{__NR_uselib, A_EPERM}, {__NR__sysctl, A_EPERM}, {__NR_ustat, A_EPERM},
	{__NR_sysfs, A_EPERM}, {__NR_iopl, A_EPERM}, {__NR_ioperm, A_EPERM},
#endif
};
#define N_RULES (sizeof rules / sizeof *rules)

/* Namespace flags refused in clone()/unshare(): a new user namespace would give back every capability
 * (the others already need CAP_SYS_ADMIN, which is gone; refused anyway, as Docker does). */
#define NS_FLAGS                                                                                          \
	(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |         \
	 CLONE_NEWNET)
#define SUID_BITS (S_ISUID | S_ISGID)
/* An open that creates: O_CREAT, or O_TMPFILE (whose O_DIRECTORY part alone creates nothing). */
#define CREATING (O_CREAT | (O_TMPFILE & ~O_DIRECTORY))

#define RET(v) BPF_STMT(BPF_RET | BPF_K, (v))
#define ERR(e) RET(SECCOMP_RET_ERRNO | (e))
#define ALLOW RET(SECCOMP_RET_ALLOW)
#define LD(off) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define JEQ(k, t, f) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), (t), (f))
#define JSET(k, t, f) BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, (k), (t), (f))
/* Low 32 bits of argument i (little endian on both architectures; every checked argument is an int or
 * has its bits of interest there). */
#define ARG_LO(i) (offsetof(struct seccomp_data, args) + 8 * (i))

/* ~330 rules collapse into ~100 runs of consecutive numbers with one action; the program is a binary
 * search over the runs' starts (~7 compare-and-jump steps for any syscall), the leaf returns the action
 * or runs the argument check inline. */
struct run {
	unsigned start;
	enum act act;
};
/* The program being built and the runs it searches; one per seccomp_build() call. */
struct builder {
	struct seccomp_prog *out;
	int setid_modes; /* the mode checks become A_ALLOW */
	struct run runs[N_RULES * 2 + 2];
	size_t n_runs;
};

static void emit(struct builder *b, struct sock_filter f)
{
	struct seccomp_prog *p = b->out;
	if (p->len >= sizeof p->filter / sizeof *p->filter)
		die_exact("exec", E2BIG, "seccomp filter too long");
	p->filter[p->len++] = f;
}

static void emit_action(struct builder *b, enum act a)
{
	switch (a) {
	case A_ALLOW:
		emit(b, (struct sock_filter)ALLOW);
		break;
	case A_EPERM:
		emit(b, (struct sock_filter)ERR(EPERM));
		break;
	case A_ENOSYS:
		emit(b, (struct sock_filter)ERR(ENOSYS));
		break;
	case A_NSFLAGS:
		emit(b, (struct sock_filter)LD(ARG_LO(0)));
		emit(b, (struct sock_filter)JSET(NS_FLAGS, 0, 1));
		emit(b, (struct sock_filter)ERR(EPERM));
		emit(b, (struct sock_filter)ALLOW);
		break;
	case A_IOCTL: /* terminal injection into whatever tty fd the command holds (CVE-2017-5226 class) */
		emit(b, (struct sock_filter)LD(ARG_LO(1)));
		emit(b, (struct sock_filter)JEQ(TIOCSTI, 2, 0));
		emit(b, (struct sock_filter)JEQ(TIOCLINUX, 1, 0));
		emit(b, (struct sock_filter)ALLOW);
		emit(b, (struct sock_filter)ERR(EPERM));
		break;
	case A_PERSONALITY: /* only Linux (+ UNAME26) and the query, as Docker */
		emit(b, (struct sock_filter)LD(ARG_LO(0)));
		emit(b, (struct sock_filter)JEQ(0x0, 5, 0));
		emit(b, (struct sock_filter)JEQ(0x8, 4, 0));
		emit(b, (struct sock_filter)JEQ(0x20000, 3, 0));
		emit(b, (struct sock_filter)JEQ(0x20008, 2, 0));
		emit(b, (struct sock_filter)JEQ(0xffffffff, 1, 0));
		emit(b, (struct sock_filter)ERR(EPERM));
		emit(b, (struct sock_filter)ALLOW);
		break;
	case A_SOCKET:
		/* AF_VSOCK, AF_PACKET, and the rest: refused.  Netlink: routes and addresses (ip, getifaddrs,
		 * getaddrinfo's AI_ADDRCONFIG) and socket diagnostics (ss), both per network namespace;
		 * another protocol would load a module or talk to a subsystem not namespaced (audit). */
		emit(b, (struct sock_filter)LD(ARG_LO(0)));
		emit(b, (struct sock_filter)JEQ(AF_UNIX, 4, 0));
		emit(b, (struct sock_filter)JEQ(AF_INET, 3, 0));
		emit(b, (struct sock_filter)JEQ(AF_INET6, 2, 0));
		emit(b, (struct sock_filter)JEQ(AF_NETLINK, 2, 0));
		emit(b, (struct sock_filter)ERR(EAFNOSUPPORT));
		emit(b, (struct sock_filter)ALLOW);
		emit(b, (struct sock_filter)LD(ARG_LO(2)));
		emit(b, (struct sock_filter)JEQ(NETLINK_ROUTE, 2, 0));
		emit(b, (struct sock_filter)JEQ(NETLINK_SOCK_DIAG, 1, 0));
		emit(b, (struct sock_filter)ERR(EPROTONOSUPPORT));
		emit(b, (struct sock_filter)ALLOW);
		break;
	case A_MODE1:
	case A_MODE2:
		emit(b, (struct sock_filter)LD(ARG_LO(a == A_MODE1 ? 1 : 2)));
		emit(b, (struct sock_filter)JSET(SUID_BITS, 0, 1));
		emit(b, (struct sock_filter)ERR(EPERM));
		emit(b, (struct sock_filter)ALLOW);
		break;
	case A_OPEN:
	case A_OPENAT: /* the mode only counts when the call creates a file */
		emit(b, (struct sock_filter)LD(ARG_LO(a == A_OPEN ? 1 : 2)));
		emit(b, (struct sock_filter)JSET(CREATING, 0, 3));
		emit(b, (struct sock_filter)LD(ARG_LO(a == A_OPEN ? 2 : 3)));
		emit(b, (struct sock_filter)JSET(SUID_BITS, 0, 1));
		emit(b, (struct sock_filter)ERR(EPERM));
		emit(b, (struct sock_filter)ALLOW);
		break;
	}
}

static int by_nr(const void *a, const void *b)
{
	return ((const struct rule *)a)->nr - ((const struct rule *)b)->nr;
}

/* Runs cover [0, 2^32): gaps are A_ENOSYS; only plain actions merge (an argument check is per syscall). */
static void make_runs(struct builder *b)
{
	struct rule r[N_RULES];
	struct run *runs = b->runs;
	size_t n_runs = 0;
	memcpy(r, rules, sizeof rules);
	qsort(r, N_RULES, sizeof *r, by_nr);
	unsigned next = 0; /* first number not covered yet */
	for (size_t i = 0; i < N_RULES; i++) {
		unsigned nr = (unsigned)r[i].nr;
		if (i > 0 && nr == (unsigned)r[i - 1].nr)
			die_exact("exec", EINVAL, "seccomp table lists syscall %u twice", nr);
		if (nr > next)
			runs[n_runs++] = (struct run){next, A_ENOSYS};
		enum act act = r[i].act;
		if (b->setid_modes && (act == A_MODE1 || act == A_MODE2 || act == A_OPEN || act == A_OPENAT))
			act = A_ALLOW;
		int plain = act <= A_ENOSYS;
		if (n_runs > 0 && plain && runs[n_runs - 1].act == act)
			; /* extends the previous run */
		else
			runs[n_runs++] = (struct run){nr, act};
		next = nr + 1;
	}
	runs[n_runs++] = (struct run){next, A_ENOSYS};
	b->n_runs = n_runs;
}

/* Binary search over runs[lo, hi); the accumulator holds the syscall number. */
static void tree(struct builder *b, size_t lo, size_t hi)
{
	if (hi - lo == 1) {
		emit_action(b, b->runs[lo].act);
		return;
	}
	size_t mid = lo + (hi - lo) / 2;
	/* nr >= start: fall into the JA (a 32-bit offset: subtrees outgrow jt's 8 bits), else skip it. */
	emit(b, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, b->runs[mid].start, 0, 1));
	unsigned short ja = b->out->len;
	emit(b, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JA, 0, 0, 0));
	tree(b, lo, mid);
	b->out->filter[ja].k = (unsigned)(b->out->len - ja - 1);
	tree(b, mid, hi);
}

void seccomp_build(struct seccomp_prog *out, int setid_modes)
{
	struct builder b = {.out = out, .setid_modes = setid_modes};
	out->len = 0;
	make_runs(&b);
	emit(&b, (struct sock_filter)LD(offsetof(struct seccomp_data, arch)));
	emit(&b, (struct sock_filter)JEQ(NSBOX_AUDIT_ARCH, 1, 0));
	emit(&b, (struct sock_filter)RET(SECCOMP_RET_KILL_PROCESS));
	emit(&b, (struct sock_filter)LD(offsetof(struct seccomp_data, nr)));
#ifdef __x86_64__
	emit(&b, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, __X32_SYSCALL_BIT, 0, 1));
	emit(&b, (struct sock_filter)ERR(EPERM));
#endif
	tree(&b, 0, b.n_runs);
}

int seccomp_dump(int setid_modes)
{
	static struct seccomp_prog p;
	seccomp_build(&p, setid_modes);
	return write_all(1, p.filter, p.len * sizeof *p.filter) < 0 ? 1 : 0;
}
