/* The sandbox's mount tree: tmpfs scratch, overlay root, /proc /dev /tmp /sys, caller mounts, files,
 * then pivot_root.  Runs in init (new user + mount + pid ns) before any sandboxed code exists.
 *
 * Targets inside the new root are reached by walking one component at a time from the root fd with
 * O_NOFOLLOW, so a symlink in the rootfs (or a caller path with "..") can never redirect a mount or a
 * file write to the host; mounts are then done on /proc/self/fd/N of the fd found. */
#include "init.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
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

/* Read-only, recursively (mount_setattr); else the classic remount, which must repeat the locked
 * flags (nosuid/nodev/noexec/atime) of the source or a user namespace gets EPERM. */
static void make_readonly(int fd, const char *dst)
{
	struct mount_attr a = {.attr_set = MOUNT_ATTR_RDONLY};
	if (syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &a, sizeof a) == 0)
		return;
	if (errno != ENOSYS)
		die("mount", "mount_setattr(read-only) on %s", dst);
	struct statvfs sv;
	if (fstatvfs(fd, &sv) < 0)
		die("mount", "statvfs %s", dst);
	unsigned long fl = MS_REMOUNT | MS_BIND | MS_RDONLY;
	fl |= (sv.f_flag & ST_NOSUID ? MS_NOSUID : 0) | (sv.f_flag & ST_NODEV ? MS_NODEV : 0) |
	      (sv.f_flag & ST_NOEXEC ? MS_NOEXEC : 0) | (sv.f_flag & ST_NOATIME ? MS_NOATIME : 0) |
	      (sv.f_flag & ST_NODIRATIME ? MS_NODIRATIME : 0) | (sv.f_flag & ST_RELATIME ? MS_RELATIME : 0);
	mount_at(NULL, fd, NULL, fl, NULL, "remount", dst);
}

/* /dev: a small tmpfs holding bind mounts of the harmless host nodes, devpts, shm and the links. */
static void make_dev(int root, const struct spec *s)
{
	static const char *nodes[] = {"null", "zero", "full", "random", "urandom", "tty"};
	char opt[64], hp[64];
	int t = walk(root, "/dev", WANT_DIR, "dev");
	mount_at("tmpfs", t, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755,size=65536", "dev", "/dev");
	close(t);
	int dev = walk(root, "/dev", WANT_DIR, "dev"); /* the fresh tmpfs now covering /dev */
	for (size_t i = 0; i < sizeof nodes / sizeof *nodes; i++) {
		int f = openat(dev, nodes[i], O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (f < 0)
			die("dev", "create /dev/%s", nodes[i]);
		snprintf(hp, sizeof hp, "/dev/%s", nodes[i]);
		mount_at(hp, f, NULL, MS_BIND, NULL, "dev", hp);
		close(f);
	}
	if (mkdirat(dev, "pts", 0755) < 0 || mkdirat(dev, "shm", 01777) < 0)
		die("dev", "mkdir /dev/pts, /dev/shm");
	t = walk(dev, "pts", WANT_DIR, "dev");
	mount_at("devpts", t, "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620", "dev",
		 "/dev/pts");
	close(t);
	t = walk(dev, "shm", WANT_DIR, "dev");
	snprintf(opt, sizeof opt, "mode=1777,size=%llu", s->tmpfs_size);
	mount_at("tmpfs", t, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, opt, "dev", "/dev/shm");
	close(t);
	static const char *links[][2] = {{"pts/ptmx", "ptmx"},       {"/proc/self/fd", "fd"},
					 {"/proc/self/fd/0", "stdin"}, {"/proc/self/fd/1", "stdout"},
					 {"/proc/self/fd/2", "stderr"}};
	for (size_t i = 0; i < sizeof links / sizeof *links; i++)
		if (symlinkat(links[i][0], dev, links[i][1]) < 0)
			die("dev", "symlink /dev/%s", links[i][1]);
	close(dev);
}

/* /sys: the host's, read-only, or nothing: sysfs is informational, never required. */
static void make_sys(int root)
{
	int t = walk(root, "/sys", WANT_DIR, "sys");
	char p[32];
	if (mount("/sys", fd_path(t, p), NULL, MS_BIND | MS_REC, NULL) == 0) {
		int m = walk(root, "/sys", WANT_DIR, "sys");
		struct mount_attr a = {.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV |
						   MOUNT_ATTR_NOEXEC};
		if (syscall(SYS_mount_setattr, m, "", AT_EMPTY_PATH | AT_RECURSIVE, &a, sizeof a) < 0 &&
		    umount2(fd_path(m, p), MNT_DETACH) < 0)
			die("sys", "cannot make /sys read-only nor remove it");
		close(m);
	}
	close(t);
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

static void caller_mounts(int root, int scratch, const struct spec *s)
{
	char opt[3 * PATH_MAX], dirs[64];
	for (size_t i = 0; i < s->n_mounts; i++) {
		const struct mount_ent *m = &s->mounts[i];
		struct stat st;
		if (stat(m->src, &st) < 0)
			die("mount", "mount source %s", m->src);
		int ovl = strcmp(m->mode, "overlay") == 0;
		if (ovl && !S_ISDIR(st.st_mode))
			die_exact("mount", ENOTDIR, "overlay mount source %s is not a directory", m->src);
		int t = walk(root, m->dst, S_ISDIR(st.st_mode) ? WANT_DIR : WANT_FILE, "mount");
		if (ovl) {
			/* Its own upper/work pair in the scratch tmpfs: writes vanish with the sandbox. */
			snprintf(dirs, sizeof dirs, "m%zu", i);
			if (mkdirat(scratch, dirs, 0755) < 0)
				die("mount", "mkdir %s/%s", s->scratch, dirs);
			int d = openat(scratch, dirs, O_PATH | O_DIRECTORY | O_CLOEXEC);
			if (d < 0 || mkdirat(d, "u", 0755) < 0 || mkdirat(d, "w", 0755) < 0)
				die("mount", "mkdir %s/%s/{u,w}", s->scratch, dirs);
			close(d);
			snprintf(opt, sizeof opt, "lowerdir=%s,upperdir=%s/%s/u,workdir=%s/%s/w,userxattr", m->src,
				 s->scratch, dirs, s->scratch, dirs);
			char p[32];
			if (mount("overlay", fd_path(t, p), "overlay", 0, opt) < 0) {
				*strrchr(opt, ',') = 0; /* retry without userxattr */
				mount_at("overlay", t, "overlay", 0, opt, "mount", m->dst);
			}
		} else {
			mount_at(m->src, t, NULL, MS_BIND | MS_REC, NULL, "mount", m->dst);
			if (strcmp(m->mode, "ro") == 0) {
				int top = walk(root, m->dst, S_ISDIR(st.st_mode) ? WANT_DIR : WANT_FILE, "mount");
				make_readonly(top, m->dst);
				close(top);
			}
		}
		close(t);
	}
}

void build_root(const struct spec *s)
{
	char opt[3 * PATH_MAX + 64], p[32];
	/* Nothing done here may propagate back to the host's mount tree. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		die("mount", "make / private (MS_REC|MS_PRIVATE)");
	snprintf(opt, sizeof opt, "size=%llu,mode=0755", s->tmpfs_size);
	if (mount("tmpfs", s->scratch, "tmpfs", MS_NOSUID | MS_NODEV, opt) < 0)
		die("mount", "mount tmpfs on %s", s->scratch);
	int scratch = open(s->scratch, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (scratch < 0)
		die("mount", "open %s", s->scratch);
	if (mkdirat(scratch, "upper", 0755) < 0 || mkdirat(scratch, "work", 0755) < 0 ||
	    mkdirat(scratch, "root", 0755) < 0)
		die("mount", "mkdir upper/work/root in %s", s->scratch);
	/* userxattr: overlay metadata in user.* xattrs, required for overlay inside a user namespace on
	 * most kernels; retried without it for kernels that reject the option. */
	snprintf(opt, sizeof opt, "lowerdir=%s,upperdir=%s/upper,workdir=%s/work,userxattr", s->rootfs,
		 s->scratch, s->scratch);
	int rt = openat(scratch, "root", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (rt < 0)
		die("mount", "open %s/root", s->scratch);
	if (mount("overlay", fd_path(rt, p), "overlay", 0, opt) < 0) {
		*strrchr(opt, ',') = 0;
		mount_at("overlay", rt, "overlay", 0, opt, "mount", "/ (overlay)");
	}
	close(rt);
	int root = openat(scratch, "root", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (root < 0)
		die("mount", "open %s/root", s->scratch);

	int t = walk(root, "/proc", WANT_DIR, "proc");
	mount_at("proc", t, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, "proc", "/proc");
	close(t);
	make_dev(root, s);
	t = walk(root, "/tmp", WANT_DIR, "tmp");
	snprintf(opt, sizeof opt, "mode=1777,size=%llu", s->tmpfs_size);
	mount_at("tmpfs", t, "tmpfs", MS_NOSUID | MS_NODEV, opt, "tmp", "/tmp");
	close(t);
	make_sys(root);
	/* Files before caller mounts: they belong in the sandbox's own layer, never in a caller's
	 * bind-mounted host directory, and a caller mount may deliberately cover one. */
	write_files(root, s);
	caller_mounts(root, scratch, s);
	close(scratch);

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
