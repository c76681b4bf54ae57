/* The sandbox's layers, all under scratch: a tmpfs, the root overlay (scratch/root), and per caller
 * mount i the prepared sources scratch/m<i>/src (idmapped bind) and scratch/m<i>/merged (overlay).
 * init later binds these into the new root (mounts.c).
 *
 * Root mode: the OUTER helper runs this as real root in a private mount namespace of its own, before
 * clone3(); the sandbox's mount namespace is a copy in which these mounts are locked.  As real root,
 * overlay keeps its metadata in trusted.* xattrs, which tmpfs supports on every kernel (user.* only
 * from 6.6: an overlay made inside the user namespace fails directory renames/removals with EIO on
 * older kernels), and idmapped mounts are possible.
 * Rootless: init runs it inside its user namespace, with `userxattr`. */
#include "init.h"
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

/* scratch/m<i>/src: an idmapped recursive clone of the source, or nothing (then init binds the source
 * as is, owner shown as nobody) when the kernel (< 5.12) or the filesystem cannot idmap. */
static void idmapped_src(const struct spec *s, int mdir, const struct mount_ent *m, const struct stat *st)
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
		int ok = syscall(SYS_mount_setattr, t, "", AT_EMPTY_PATH | AT_RECURSIVE, &a, sizeof a) == 0;
		if (ok) {
			why = "move_mount";
			int made = S_ISDIR(st->st_mode) ? mkdirat(mdir, "src", 0755)
							: close(openat(mdir, "src", O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644));
			if (made < 0)
				die("mount", "create %s/.../src for %s", s->scratch, m->src);
			if (syscall(SYS_move_mount, t, "", mdir, "src", MOVE_MOUNT_F_EMPTY_PATH) == 0) {
				close(t);
				close(ns);
				return;
			}
			int err = errno;
			unlinkat(mdir, "src", S_ISDIR(st->st_mode) ? AT_REMOVEDIR : 0);
			errno = err;
		}
	}
	warn("idmapped mount of %s (%s) failed, bound as is (its owner shows as nobody inside)", m->src, why);
	if (t >= 0)
		close(t);
	if (ns >= 0)
		close(ns);
}

/* overlay on the fd target; `userxattr` (metadata in user.* xattrs) in a user namespace, retried
 * without it for kernels that do not know the option. */
static void overlay_at(int target, const char *lower, const char *upper, const char *work, int in_userns,
		       const char *what)
{
	char opt[3 * PATH_MAX + 64], p[32];
	snprintf(opt, sizeof opt, "lowerdir=%s,upperdir=%s,workdir=%s%s", lower, upper, work,
		 in_userns ? ",userxattr" : "");
	if (mount("overlay", fd_path(target, p), "overlay", 0, opt) == 0)
		return;
	if (in_userns) {
		*strrchr(opt, ',') = 0;
		if (mount("overlay", p, "overlay", 0, opt) == 0)
			return;
	}
	die("mount", "mount overlay on %s with %s", what, opt);
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

void layers_prepare(const struct spec *s, int in_userns)
{
	/* scratch is at most 1024 bytes (spec.c) */
	char opt[64], path[1100], upper[1200], work[1200], name[32];
	struct stat st;
	snprintf(opt, sizeof opt, "size=%llu,mode=0755", s->tmpfs_size);
	if (mount("tmpfs", s->scratch, "tmpfs", MS_NOSUID | MS_NODEV, opt) < 0)
		die("mount", "mount tmpfs on %s", s->scratch);
	int scratch = open(s->scratch, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (scratch < 0)
		die("mount", "open %s", s->scratch);
	if (stat(s->rootfs, &st) < 0)
		die("mount", "stat %s", s->rootfs);
	/* In a user namespace our mkdirs already belong to inside root; real root must chown. */
	const struct stat *like = in_userns ? NULL : &st;
	close(subdir(scratch, "upper", like, s->scratch));
	close(subdir(scratch, "work", NULL, s->scratch));
	int root = subdir(scratch, "root", NULL, s->scratch);
	snprintf(upper, sizeof upper, "%s/upper", s->scratch);
	snprintf(work, sizeof work, "%s/work", s->scratch);
	overlay_at(root, s->rootfs, upper, work, in_userns, "/ (overlay)");
	close(root);

	for (size_t i = 0; i < s->n_mounts; i++) {
		const struct mount_ent *m = &s->mounts[i];
		int ovl = strcmp(m->mode, "overlay") == 0;
		if (!ovl && !m->idmap)
			continue;
		if (stat(m->src, &st) < 0)
			die("mount", "mount source %s", m->src);
		if (ovl && !S_ISDIR(st.st_mode))
			die_exact("mount", ENOTDIR, "overlay mount source %s is not a directory", m->src);
		snprintf(name, sizeof name, "m%zu", i);
		snprintf(path, sizeof path, "%s/%s", s->scratch, name);
		int mdir = subdir(scratch, name, NULL, s->scratch);
		const char *lower = m->src;
		if (m->idmap && in_userns)
			warn("idmapped mount of %s needs the root mode helper, bound as is", m->src);
		else if (m->idmap) {
			idmapped_src(s, mdir, m, &st);
			snprintf(upper, sizeof upper, "%s/src", path);
			if (faccessat(mdir, "src", F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
				lower = upper;
				if (stat(lower, &st) < 0) /* the owner as the idmapped mount shows it */
					die("mount", "stat %s", lower);
			}
		}
		if (ovl) {
			char low[PATH_MAX + 64];
			snprintf(low, sizeof low, "%s", lower);
			close(subdir(mdir, "u", like ? &st : NULL, path));
			close(subdir(mdir, "w", NULL, path));
			int merged = subdir(mdir, "merged", NULL, path);
			snprintf(upper, sizeof upper, "%s/u", path);
			snprintf(work, sizeof work, "%s/w", path);
			overlay_at(merged, low, upper, work, in_userns, m->dst);
			close(merged);
		}
		close(mdir);
	}
	close(scratch);
}
