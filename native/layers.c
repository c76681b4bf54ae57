/* The sandbox's layers, all under scratch: a tmpfs (unless scratch_keep: the engine's own tmpfs or
 * disk, kept after the sandbox), the root overlay (scratch/root: lower = rootfs then each `layer`,
 * upper = scratch/upper), and per `overlay` caller mount i scratch/m<i>/merged (lower: the source, or
 * its idmapped clone on scratch/m<i>/src, then each `mount_layer`; upper scratch/m<i>/u).
 * init later puts these into the new root (mounts.c).
 *
 * Root mode: the OUTER helper runs this as real root in a private mount namespace of its own, before
 * clone3(); the sandbox's mount namespace is a copy in which these mounts are locked.  As real root,
 * overlay keeps its metadata in trusted.* xattrs, which tmpfs supports on every kernel (user.* only
 * from 6.6: an overlay made inside the user namespace fails directory renames/removals with EIO on
 * older kernels), and idmapped mounts are possible.
 * Root mode also takes every caller mount source here, as a detached tree (mount_ent.tree) that init
 * attaches with move_mount: sources behind parents inside root cannot traverse work.
 * Rootless: init runs it inside its user namespace, with `userxattr`, and binds the sources itself. */
#include "layers.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* A user namespace mapping owner/group to uid_base/gid_base (inside root), for MOUNT_ATTR_IDMAP:
 * files of the source's owner appear as root inside, and root's new files get that owner on disk.
 * Its only process waits on a pipe and leaves once we hold the namespace fd.  -1 on failure. */
static int idmap_userns(const struct spec *s, uid_t owner, gid_t group)
{
	int p[2], fd = -1;
	char path[64], map[64];
	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	struct clone_args ca = {.flags = CLONE_NEWUSER, .exit_signal = SIGCHLD};
	pid_t pid = (pid_t)syscall(SYS_clone3, &ca, sizeof ca);
	if (pid == 0) {
		char c;
		close(p[1]);
		(void)!read(p[0], &c, 1);
		_exit(0);
	}
	close(p[0]);
	if (pid > 0) {
		snprintf(path, sizeof path, "/proc/%d/uid_map", (int)pid);
		snprintf(map, sizeof map, "%lu %lu 1\n", (unsigned long)owner, s->uid_base);
		if (write_str_file(path, map) == 0) {
			snprintf(path, sizeof path, "/proc/%d/gid_map", (int)pid);
			snprintf(map, sizeof map, "%lu %lu 1\n", (unsigned long)group, s->gid_base);
			if (write_str_file(path, map) == 0) {
				snprintf(path, sizeof path, "/proc/%d/ns/user", (int)pid);
				fd = open(path, O_RDONLY | O_CLOEXEC);
			}
		}
	}
	int err = errno;
	close(p[1]);
	if (pid > 0)
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
		}
	errno = err;
	return fd;
}

/* An idmapped recursive clone of the source, detached; -1 (with a warning: init then gets a plain
 * clone, owner shown as nobody) when the kernel (< 5.12) or the filesystem cannot idmap. */
static int idmapped_tree(const struct spec *s, const struct mount_ent *m, const struct stat *st)
{
	const char *why = "create user namespace";
	int ns = idmap_userns(s, st->st_uid, st->st_gid), t = -1;
	if (ns >= 0) {
		why = "open_tree";
		t = (int)syscall(SYS_open_tree, AT_FDCWD, m->src, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
	}
	if (t >= 0) {
		struct mount_attr a = {.attr_set = MOUNT_ATTR_IDMAP, .userns_fd = (unsigned long long)ns};
		why = "mount_setattr(MOUNT_ATTR_IDMAP)";
		if (syscall(SYS_mount_setattr, t, "", AT_EMPTY_PATH | AT_RECURSIVE, &a, sizeof a) == 0) {
			close(ns);
			return t;
		}
		close(t);
	}
	warn("idmapped mount of %s (%s) failed, bound as is (its owner shows as nobody inside)", m->src, why);
	if (ns >= 0)
		close(ns);
	return -1;
}

/* overlay on the fd target over the lower layers lower[0..n-1], bottom first (overlayfs lists them
 * top first); `userxattr` (metadata in user.* xattrs) in a user namespace, retried without it for
 * kernels that do not know the option.  Layers are given as /proc/self/fd paths, which is also all the
 * sandbox's /proc/self/mountinfo shows of them (no host paths).  A lower layer that was another
 * overlay's upper dir keeps its whiteouts and opaque dirs: overlayfs honours them in any lower layer. */
static void overlay_at(int target, const int *lower, size_t n, int upper, int work, int in_userns,
		       const char *what)
{
	char opt[96 + 24 * (MAX_LAYERS + 1)], p[32], l[32], u[32], w[32];
	size_t len = (size_t)snprintf(opt, sizeof opt, "lowerdir=");
	for (size_t i = n; i-- > 0;)
		len += (size_t)snprintf(opt + len, sizeof opt - len, "%s%s", fd_path(lower[i], l), i ? ":" : "");
	snprintf(opt + len, sizeof opt - len, ",upperdir=%s,workdir=%s%s", fd_path(upper, u), fd_path(work, w),
		 in_userns ? ",userxattr" : "");
	if (mount("overlay", fd_path(target, p), "overlay", 0, opt) == 0)
		return;
	if (in_userns) {
		*strrchr(opt, ',') = 0;
		if (mount("overlay", p, "overlay", 0, opt) == 0)
			return;
	}
	die("mount", "mount overlay on %s", what);
}

/* Opens base then each extra layer (bottom first) into fds[]; returns the count. */
static size_t open_layers(int base, const char **layers, size_t n, int *fds)
{
	fds[0] = base;
	for (size_t i = 0; i < n; i++)
		if ((fds[i + 1] = open(layers[i], O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
			die("mount", "open layer %s", layers[i]);
	return n + 1;
}

static void close_layers(int *fds, size_t n)
{
	for (size_t i = 0; i < n; i++)
		close(fds[i]);
}

/* Root mode: the caller mount ready to attach, detached, nosuid+nodev (+ read-only for `ro`), recursive.
 * The source was looked up by real root, so it may sit behind a parent inside root cannot traverse
 * (a 0750 home).  Before kernel 5.12 (no mount_setattr) init sets the flags once it is attached. */
static void finish_tree(int t, struct mount_ent *m)
{
	struct mount_attr a = {.attr_set = MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV |
					  (m->mode == MOUNT_RO ? MOUNT_ATTR_RDONLY : 0)};
	m->tree = t;
	if (syscall(SYS_mount_setattr, t, "", AT_EMPTY_PATH | AT_RECURSIVE, &a, sizeof a) == 0)
		return;
	if (errno != ENOSYS)
		die("mount", "mount_setattr(nosuid,nodev%s) on %s", a.attr_set & MOUNT_ATTR_RDONLY ? ",ro" : "",
		    m->src);
	m->bare = 1;
}

/* mkdir name in dir (0755), owned like `like` (the lower layer's top): the overlay's top directory
 * takes the upper dir's owner and mode, which must look like the lower one's from inside. */
static int subdir(int dir, const char *name, const struct stat *like, const char *what)
{
	if (mkdirat(dir, name, 0755) < 0)
		die("mount", "mkdir %s/%s", what, name);
	int fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		die("mount", "open %s/%s", what, name);
	if (like && (fchown(fd, like->st_uid, like->st_gid) < 0 || fchmod(fd, like->st_mode & 07777) < 0))
		die("mount", "chown/chmod %s/%s", what, name);
	return fd;
}

int layers_prepare(struct spec *s, int in_userns)
{
	char opt[96], name[32];
	struct stat st;
	int lowers[MAX_LAYERS + 1];
	size_t n;
	snprintf(opt, sizeof opt, "size=%llu,nr_inodes=%llu,mode=0755", s->tmpfs_size, s->tmpfs_inodes);
	if (!s->scratch_keep && mount("tmpfs", s->scratch, "tmpfs", MS_NOSUID | MS_NODEV, opt) < 0)
		die("mount", "mount tmpfs on %s", s->scratch);
	int scratch = open(s->scratch, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (scratch < 0)
		die("mount", "open %s", s->scratch);
	int lower = open(s->rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (lower < 0 || fstat(lower, &st) < 0)
		die("mount", "open %s", s->rootfs);
	/* In a user namespace our mkdirs already belong to inside root; real root must chown. */
	const struct stat *like = in_userns ? NULL : &st;
	int upper = subdir(scratch, "upper", like, s->scratch), work = subdir(scratch, "work", NULL, s->scratch);
	int root = subdir(scratch, "root", NULL, s->scratch);
	n = open_layers(lower, s->layers, s->n_layers, lowers);
	overlay_at(root, lowers, n, upper, work, in_userns, "/ (overlay)");
	close(root);
	/* by name: the fd `root` is the directory under the overlay.  Root mode: detached, as init's
	 * mount namespace is only a copy of ours (our mounts would be locked and out of reach there). */
	root = in_userns ? openat(scratch, "root", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
			 : (int)syscall(SYS_open_tree, scratch, "root", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
	if (root < 0)
		die("mount", "open %s/root", s->scratch);
	close_layers(lowers, n);
	close(upper);
	close(work);

	for (size_t i = 0; i < s->n_mounts; i++) {
		struct mount_ent *m = &s->mounts[i];
		int ovl = m->mode == MOUNT_OVERLAY, t = -1;
		if (in_userns && !ovl) /* rootless: init binds the source itself */
			continue;
		if (stat(m->src, &st) < 0)
			die("mount", "mount source %s", m->src);
		if (ovl && !S_ISDIR(st.st_mode))
			die_exact("mount", ENOTDIR, "overlay mount source %s is not a directory", m->src);
		if (m->idmap && in_userns)
			warn("idmapped mount of %s needs the root mode helper, bound as is", m->src);
		/* A root-owned dir anyone may write (a shared 0777/1777 dir) needs no idmap to be written,
		 * and with one the sandbox could leave setuid-root files there for every local user. */
		else if (m->idmap && !((st.st_uid == 0 || st.st_gid == 0) && (st.st_mode & S_IWOTH)))
			t = idmapped_tree(s, m, &st);
		if (!ovl) {
			if (t < 0)
				t = (int)syscall(SYS_open_tree, AT_FDCWD, m->src,
						 OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
			if (t < 0)
				die("mount", "mount source %s", m->src);
			finish_tree(t, m);
			continue;
		}
		/* overlay: scratch/m<i>/{u,w,merged}, lower = the (idmapped) source */
		snprintf(name, sizeof name, "m%zu", i);
		int mdir = subdir(scratch, name, NULL, s->scratch);
		lower = t >= 0 ? t : open(m->src, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (lower < 0)
			die("mount", "open overlay mount source %s", m->src);
		if (t >= 0) { /* a layer must be attached (kernels before 6.15) */
			if (mkdirat(mdir, "src", 0755) < 0 ||
			    syscall(SYS_move_mount, t, "", mdir, "src", MOVE_MOUNT_F_EMPTY_PATH) < 0)
				die("mount", "attach the idmapped %s under %s", m->src, s->scratch);
			close(t);
			if ((lower = openat(mdir, "src", O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
				die("mount", "open the idmapped %s", m->src);
		}
		/* Top directory owned by inside root, idmapped or not (as when made in the user
		 * namespace): new top-level entries are always possible. */
		st.st_uid = (uid_t)s->uid_base;
		st.st_gid = (gid_t)s->gid_base;
		upper = subdir(mdir, "u", like ? &st : NULL, name);
		work = subdir(mdir, "w", NULL, name);
		int merged = subdir(mdir, "merged", NULL, name);
		n = open_layers(lower, m->layers, m->n_layers, lowers);
		overlay_at(merged, lowers, n, upper, work, in_userns, m->dst);
		close_layers(lowers, n);
		close(upper);
		close(work);
		if (!in_userns) {
			/* by name: the fd `merged` is the directory under the overlay */
			t = (int)syscall(SYS_open_tree, mdir, "merged", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
			if (t < 0)
				die("mount", "open_tree(overlay for %s)", m->dst);
			finish_tree(t, m);
		}
		close(merged);
		close(mdir);
	}
	close(scratch);
	return root;
}
