/* The sandbox's mount tree on top of the layers (layers.c): /dev /proc /tmp /sys, files, caller mounts,
 * then pivot_root.  Runs in init (new user + mount + pid ns) before any sandboxed code exists.
 *
 * Targets inside the new root are reached by walking one component at a time from the root fd with
 * O_NOFOLLOW, so a symlink in the rootfs (or a caller path with "..") can never redirect a mount or a
 * file write to the host; mounts are then done on /proc/self/fd/N of the fd found. */
#include "layers.h"
#include "mounts.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { WANT_DIR, WANT_FILE };

/* Opens (creating if missing) path below root without following symlinks or "..".  Returns an O_PATH
 * fd of the target; a missing last component is created as a directory or as an empty file. */
static int walk(int root, const char *path, int want, const char *what)
{
	char buf[PATH_MAX], *save = NULL, *comp, *next;
	if (strlen(path) >= sizeof buf)
		die_exact(what, ENAMETOOLONG, "%s: path too long", path);
	strcpy(buf, path);
	int dir = dup(root);
	if (dir < 0)
		die(what, "dup");
	for (comp = strtok_r(buf, "/", &save); comp; comp = next) {
		next = strtok_r(NULL, "/", &save);
		if (strcmp(comp, ".") == 0)
			continue;
		if (strcmp(comp, "..") == 0)
			die_exact(what, EINVAL, "%s: \"..\" is not allowed in sandbox paths", path);
		int last = next == NULL, fd;
		int flags = O_PATH | O_NOFOLLOW | O_CLOEXEC | ((!last || want == WANT_DIR) ? O_DIRECTORY : 0);
		fd = openat(dir, comp, flags);
		if (fd < 0 && errno == ENOENT) {
			if (!last || want == WANT_DIR) {
				if (mkdirat(dir, comp, 0755) < 0 && errno != EEXIST)
					die(what, "mkdir %s (component %s)", path, comp);
			} else {
				int f = openat(dir, comp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
				if (f < 0)
					die(what, "create %s", path);
				close(f);
			}
			fd = openat(dir, comp, flags);
		}
		/* A caller's mount target: said as the option it came from, with what to do instead. The open
		 * cannot tell a file from a link (O_PATH|O_NOFOLLOW|O_DIRECTORY fails ENOTDIR on both): ask. */
		if (fd < 0 && (errno == ENOTDIR || errno == ELOOP) && strcmp(what, "mount") == 0) {
			int saved = errno;
			struct stat ls;
			int link = fstatat(dir, comp, &ls, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(ls.st_mode);
			die_exact(what, saved,
				  "mount: '%s' cannot be a mount point: '%s' is a %s in the sandbox%s; mount on a "
				  "directory of the sandbox or a new path",
				  path, comp, link ? "symlink" : "file", link ? " (symlinks are not followed)" : "");
		}
		if (fd < 0 && (errno == ENOTDIR || errno == ELOOP))
			die(what, "%s: component \"%s\" is a symlink or not a directory (symlinks are not followed)",
			    path, comp);
		if (fd < 0)
			die(what, "open %s (component %s)", path, comp);
		close(dir);
		dir = fd;
	}
	struct stat st;
	if (fstat(dir, &st) < 0)
		die(what, "fstat %s", path);
	if (S_ISLNK(st.st_mode))
		die_exact(what, ELOOP, "%s: is a symlink (symlinks are not followed)", path);
	if ((want == WANT_DIR ? !S_ISDIR(st.st_mode) : S_ISDIR(st.st_mode)) && strcmp(what, "mount") == 0)
		die_exact(what, want == WANT_DIR ? ENOTDIR : EISDIR,
			  want == WANT_DIR ? "mount: '%s' is a file in the sandbox, and a directory cannot be mounted "
					     "on it; mount on a directory of the sandbox or a new path"
					   : "mount: '%s' is a directory in the sandbox, and a file cannot be mounted on "
					     "it; mount on a file of the sandbox or a new path",
			  path);
	if (want == WANT_DIR ? !S_ISDIR(st.st_mode) : S_ISDIR(st.st_mode))
		die_exact(what, want == WANT_DIR ? ENOTDIR : EISDIR, "%s: %s", path,
			  want == WANT_DIR ? "not a directory" : "is a directory (source is a file)");
	return dir;
}

/* mount(2) onto the fd found by walk(); `step` names the setup step in the error report. */
static void mount_at(const char *src, int fd, const char *type, unsigned long flags, const char *data,
		     const char *step, const char *dst)
{
	char p[32];
	if (mount(src, fd_path(fd, p), type, flags, data) < 0)
		die(step, "mount %s (%s) on %s%s%s", src ? src : "", type ? type : "bind", dst,
		    data ? " with " : "", data ? data : "");
}

/* Adds mount flags (MOUNT_ATTR_RDONLY/NOSUID/NODEV) recursively with mount_setattr; else the classic
 * remount, which must repeat the locked flags (noexec/atime) of the source or a user namespace gets
 * EPERM (the fallback covers the top mount only: pre-5.12 kernels). */
static void set_flags(int fd, unsigned long long attr, const char *dst)
{
	struct mount_attr a = {.attr_set = attr};
	if (syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &a, sizeof a) == 0)
		return;
	if (errno != ENOSYS)
		die("mount", "mount_setattr(%#llx) on %s", attr, dst);
	struct statvfs sv;
	if (fstatvfs(fd, &sv) < 0)
		die("mount", "statvfs %s", dst);
	unsigned long fl = MS_REMOUNT | MS_BIND;
	fl |= (attr & MOUNT_ATTR_RDONLY ? MS_RDONLY : 0) | (attr & MOUNT_ATTR_NOSUID ? MS_NOSUID : 0) |
	      (attr & MOUNT_ATTR_NODEV ? MS_NODEV : 0);
	fl |= (sv.f_flag & ST_RDONLY ? MS_RDONLY : 0) | (sv.f_flag & ST_NOSUID ? MS_NOSUID : 0) |
	      (sv.f_flag & ST_NODEV ? MS_NODEV : 0) | (sv.f_flag & ST_NOEXEC ? MS_NOEXEC : 0) |
	      (sv.f_flag & ST_NOATIME ? MS_NOATIME : 0) | (sv.f_flag & ST_NODIRATIME ? MS_NODIRATIME : 0) |
	      (sv.f_flag & ST_RELATIME ? MS_RELATIME : 0);
	mount_at(NULL, fd, NULL, fl, NULL, "remount", dst);
}

static void make_readonly(int fd, const char *dst)
{
	set_flags(fd, MOUNT_ATTR_RDONLY, dst);
}

/* Host device nodes by fd, each checked to be the expected char device (major:minor): a bind source
 * is never taken from a path that could have been swapped for a symlink (CVE-2025-31133 class). */
static int host_node(const char *name, unsigned maj, unsigned min)
{
	char hp[64];
	struct stat st;
	snprintf(hp, sizeof hp, "/dev/%s", name);
	int fd = open(hp, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0)
		die("dev", "open %s", hp);
	if (!S_ISCHR(st.st_mode) || major(st.st_rdev) != maj || minor(st.st_rdev) != min)
		die_exact("dev", EPERM, "%s is not the character device %u:%u", hp, maj, min);
	return fd;
}

/* /dev: a small tmpfs holding bind mounts of the harmless host nodes, devpts, shm and the links.
 * Returns an fd of the verified host /dev/null (the masking source for /proc). */
static int make_dev(int root, const struct spec *s)
{
	static const struct { const char *name; unsigned maj, min; } nodes[] = {
		{"null", 1, 3}, {"zero", 1, 5}, {"full", 1, 7}, {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0}};
	char opt[96], src[32];
	int null_fd = -1;
	int t = walk(root, "/dev", WANT_DIR, "dev");
	/* nodev is fine: the node binds below are mounts of their own, from the host devtmpfs. */
	mount_at("tmpfs", t, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0755,size=65536,nr_inodes=256", "dev", "/dev");
	close(t);
	int dev = walk(root, "/dev", WANT_DIR, "dev"); /* the fresh tmpfs now covering /dev */
	for (size_t i = 0; i < sizeof nodes / sizeof *nodes; i++) {
		int h = host_node(nodes[i].name, nodes[i].maj, nodes[i].min);
		int f = openat(dev, nodes[i].name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (f < 0)
			die("dev", "create /dev/%s", nodes[i].name);
		mount_at(fd_path(h, src), f, NULL, MS_BIND, NULL, "dev", nodes[i].name);
		close(f);
		if (i == 0)
			null_fd = h;
		else
			close(h);
	}
	if (mkdirat(dev, "pts", 0755) < 0 || mkdirat(dev, "shm", 01777) < 0)
		die("dev", "mkdir /dev/pts, /dev/shm");
	t = walk(dev, "pts", WANT_DIR, "dev");
	mount_at("devpts", t, "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620", "dev",
		 "/dev/pts");
	close(t);
	t = walk(dev, "shm", WANT_DIR, "dev");
	snprintf(opt, sizeof opt, "mode=1777,size=%llu,nr_inodes=%llu", s->tmpfs_size, s->tmpfs_inodes);
	mount_at("tmpfs", t, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, opt, "dev", "/dev/shm");
	close(t);
	static const char *links[][2] = {{"pts/ptmx", "ptmx"},       {"/proc/self/fd", "fd"},
					 {"/proc/self/fd/0", "stdin"}, {"/proc/self/fd/1", "stdout"},
					 {"/proc/self/fd/2", "stderr"}};
	for (size_t i = 0; i < sizeof links / sizeof *links; i++)
		if (symlinkat(links[i][0], dev, links[i][1]) < 0)
			die("dev", "symlink /dev/%s", links[i][1]);
	close(dev);
	return null_fd;
}

/* Hide entries of a fresh /proc or /sys like runc's defaults: files under the verified /dev/null,
 * directories under an empty read-only tmpfs; missing entries are skipped. */
static void mask(int dir, const char *const *names, size_t n, int null_fd, const char *step)
{
	char src[32], p[32];
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		int fd = openat(dir, names[i], O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 && errno == ENOENT)
			continue;
		if (fd < 0 || fstat(fd, &st) < 0)
			die(step, "open %s", names[i]);
		if (S_ISDIR(st.st_mode))
			mount_at("tmpfs", fd, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0555,size=0,nr_inodes=16",
				 step, names[i]);
		else if (mount(fd_path(null_fd, src), fd_path(fd, p), NULL, MS_BIND, NULL) < 0)
			die(step, "bind /dev/null over %s", names[i]);
		close(fd);
	}
}

/* /proc: fresh (our pid namespace); kernel-wide information masked.  Read-only parts: proc_lockdown. */
static void make_proc(int root, int null_fd)
{
	static const char *const masked[] = {"kcore",	     "keys", "timer_list", "timer_stats", "sched_debug",
					     "latency_stats", "acpi", "scsi",       "asound"};
	int t = walk(root, "/proc", WANT_DIR, "proc");
	mount_at("proc", t, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, "proc", "/proc");
	close(t);
	int proc = walk(root, "/proc", WANT_DIR, "proc");
	mask(proc, masked, sizeof masked / sizeof *masked, null_fd, "proc");
	close(proc);
}

void proc_lockdown(void)
{
	static const char *const ro[] = {"sys", "sysrq-trigger", "irq", "bus", "fs"};
	char p[32];
	int proc = open("/proc", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (proc < 0)
		die("proc", "open /proc");
	for (size_t i = 0; i < sizeof ro / sizeof *ro; i++) {
		int fd = openat(proc, ro[i], O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 && errno == ENOENT)
			continue;
		if (fd < 0)
			die("proc", "open /proc/%s", ro[i]);
		mount_at(fd_path(fd, p), fd, NULL, MS_BIND | MS_REC, NULL, "proc", ro[i]);
		close(fd);
		if ((fd = openat(proc, ro[i], O_PATH | O_NOFOLLOW | O_CLOEXEC)) < 0) /* the bind just made */
			die("proc", "open /proc/%s", ro[i]);
		make_readonly(fd, ro[i]);
		close(fd);
	}
	close(proc);
}

/* /sys: a fresh sysfs, read-only.  Allowed because the network namespace is ours: it lists only the
 * sandbox's interfaces and holds no host cgroup tree.  The cgroup2 tree, rooted at the sandbox's cgroup
 * by the cgroup namespace, goes read-only on /sys/fs/cgroup (runtimes read their limits there).
 * sysfs is informational: /sys stays an empty directory if the kernel refuses. */
static void make_sys(int root, const struct spec *s, int null_fd)
{
	static const char *const masked[] = {"firmware", "devices/virtual/powercap"};
	const unsigned long fl = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC;
	char p[32];
	int t = walk(root, "/sys", WANT_DIR, "sys");
	int ok = mount("sysfs", fd_path(t, p), "sysfs", fl, NULL) == 0;
	close(t);
	if (!ok)
		return;
	int sys = walk(root, "/sys", WANT_DIR, "sys");
	mask(sys, masked, sizeof masked / sizeof *masked, null_fd, "sys");
	if (s->cgroup_v2 && (t = openat(sys, "fs/cgroup", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) >= 0) {
		(void)!mount("cgroup2", fd_path(t, p), "cgroup2", fl, NULL);
		close(t);
	}
	close(sys);
}

static void write_files(int root, const struct spec *s)
{
	for (size_t i = 0; i < s->n_files; i++) {
		const struct file_ent *f = &s->files[i];
		char dir[PATH_MAX];
		snprintf(dir, sizeof dir, "%s", f->path);
		char *slash = strrchr(dir, '/'), *name = slash + 1;
		*slash = 0;
		if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
			die_exact("files", EINVAL, "%s: not a file path", f->path);
		int d = walk(root, dir, WANT_DIR, "files");
		int fd = openat(d, name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd < 0)
			die("files", "open %s (symlinks are not followed)", f->path);
		if (fchmod(fd, 0644) < 0 || write_all(fd, f->data, strlen(f->data)) < 0)
			die("files", "write %s", f->path);
		close(fd);
		close(d);
	}
}

/* Caller mounts, in order, recursive, always nosuid+nodev (and read-only for `ro`).  Root mode: the
 * detached trees of layers.c, flags already set, moved onto the target.  Otherwise a bind of the host
 * path (or of scratch/m<i>/merged for `overlay`), flags set afterwards. */
static void caller_mounts(int root, const struct spec *s)
{
	char src[32], name[PATH_MAX];
	for (size_t i = 0; i < s->n_mounts; i++) {
		const struct mount_ent *m = &s->mounts[i];
		struct stat st;
		int ovl = m->mode == MOUNT_OVERLAY;
		snprintf(name, sizeof name, "%s/m%zu/merged", s->scratch, i);
		int from = m->tree >= 0 ? m->tree : open(ovl ? name : m->src, O_PATH | O_CLOEXEC);
		if (from < 0 || fstat(from, &st) < 0)
			die("mount", "mount source %s", m->src);
		int want = S_ISDIR(st.st_mode) ? WANT_DIR : WANT_FILE, t = walk(root, m->dst, want, "mount");
		if (m->tree >= 0) {
			if (syscall(SYS_move_mount, from, "", t, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
				die("mount", "move_mount %s onto %s", m->src, m->dst);
		} else {
			mount_at(fd_path(from, src), t, NULL, MS_BIND | MS_REC, NULL, "mount", m->dst);
			close(from);
			from = walk(root, m->dst, want, "mount"); /* the bind just made */
		}
		if (m->tree < 0 || m->bare)
			set_flags(from, (m->mode == MOUNT_RO ? MOUNT_ATTR_RDONLY : 0) | MOUNT_ATTR_NOSUID |
						MOUNT_ATTR_NODEV, m->dst);
		close(t);
		close(from);
	}
}

void build_root(struct spec *s, int root)
{
	char opt[96];
	/* Nothing done here may propagate back to the host's mount tree. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		die("mount", "make / private (MS_REC|MS_PRIVATE)");
	if (root < 0)
		root = layers_prepare(s, 1);
	/* Root mode: attach the detached root over "/" (lookups from our root do not see it; the fd
	 * does), which makes it a mount of this namespace pivot_root accepts. */
	else if (syscall(SYS_move_mount, root, "", AT_FDCWD, "/", MOVE_MOUNT_F_EMPTY_PATH) < 0)
		die("mount", "move_mount the root overlay onto /");

	int null_fd = make_dev(root, s);
	make_proc(root, null_fd);
	int t = walk(root, "/tmp", WANT_DIR, "tmp");
	snprintf(opt, sizeof opt, "mode=1777,size=%llu,nr_inodes=%llu", s->tmpfs_size, s->tmpfs_inodes);
	mount_at("tmpfs", t, "tmpfs", MS_NOSUID | MS_NODEV, opt, "tmp", "/tmp");
	close(t);
	make_sys(root, s, null_fd);
	close(null_fd);
	/* Files before caller mounts: they belong in the sandbox's own layer, never in a caller's
	 * bind-mounted host directory, and a caller mount may deliberately cover one. */
	write_files(root, s);
	caller_mounts(root, s);

	/* pivot_root(".", "."): the old root ends up stacked on "."; detach it, no leftover dir. */
	if (fchdir(root) < 0)
		die("pivot", "chdir to new root");
	close(root);
	if (syscall(SYS_pivot_root, ".", ".") < 0)
		die("pivot", "pivot_root(\".\", \".\")");
	if (mount("", ".", NULL, MS_SLAVE | MS_REC, NULL) < 0)
		die("pivot", "make old root rslave");
	if (umount2(".", MNT_DETACH) < 0)
		die("pivot", "umount2(old root, MNT_DETACH)");
	if (chdir("/") < 0)
		die("pivot", "chdir /");
}
