/* The sandbox spec: NUL-terminated `key=value` records on the control fd, finished by `end=`
 * (docs/design.md, "Spec (fd 3)").  All strings point into the one buffer spec_read reads into; each process
 * (the one-shot helper, or the server's child for one request) reads one spec and keeps it until it
 * exits, and the clone()d init gets its own copy with the rest of the address space. */
#ifndef NSBOX_SPEC_H
#define NSBOX_SPEC_H
#include <stddef.h>

#define MAX_LAYERS 16 /* per overlay, above its base (rootfs or mount source) */

enum mount_mode {
	MOUNT_RO,     /* read-only bind */
	MOUNT_RW,     /* writable bind */
	MOUNT_OVERLAY /* writable, changes discarded (an overlay with its upper dir in scratch) */
};

struct mount_ent {
	const char *src, *dst;
	enum mount_mode mode;
	int idmap;                    /* mount_idmap=1: source owner shown as inside root (root mode) */
	int tree;    /* root mode: detached mount (open_tree) made by layers.c, ready to attach, else -1 */
	int bare;    /* its nosuid/nodev/ro are still to be set (kernel < 5.12: no mount_setattr) */
	/* `overlay` mode: extra read-only lower layers above the source, bottom first (mount_layer*) */
	const char **layers;
	size_t n_layers;
};
struct file_ent {
	const char *path, *data;
};

struct spec {
	const char *rootfs, *scratch, *hostname, *workdir, *cgroup_v2;
	/* The root's read-only lower layers above rootfs, bottom first (layer*): packages, setup. */
	const char **layers;
	size_t n_layers;
	/* scratch_keep=1: scratch is used as the engine prepared it (its own tmpfs or disk), no private
	 * tmpfs over it, so the writable layers (scratch/upper, scratch/m<i>/u) outlive the sandbox. */
	int scratch_keep;
	unsigned long long tmpfs_size, tmpfs_inodes; /* each writable tmpfs: bytes and files */
	unsigned long uid_base, gid_base, id_count;
	const char **env, **argv; /* NULL-terminated */
	size_t n_env, n_arg;
	struct mount_ent *mounts;
	size_t n_mounts;
	struct file_ent *files;
	size_t n_files;
	const char **v1_cgroups; /* v1 sandbox cgroup dirs, one per hierarchy: init joins them (init.c) */
	size_t n_v1_cgroups;
	int *v1_tasks; /* outer: each dir's `tasks` file, opened as root before clone3, for init to write */
	const char *net; /* "none" | "veth" | "user" (an external stack, e.g. slirp4netns) */
	int net_wait, ipv6, net_prefix, net_mtu;
	/* start_wait=1 (prepared ahead): everything is set up, the command's process included, but it is
	 * let go (execve) only when the go byte arrives on fd 3; EOF instead ends the sandbox unstarted.
	 * start_wait=2 (a spare): the same, but the spec has no command: its arg, env and workdir records
	 * follow the go byte on fd 3, closed by `end=` (spec_read_command, in the command's process). */
	int start_wait;
	int tty; /* the command gets a pty of the sandbox's devpts, relayed by the outer helper */
	/* setid_modes=1 (the engine's package install only): the seccomp filter lets the command set
	 * S_ISUID/S_ISGID in modes, which apk needs for a package that ships such a file; the engine clears
	 * them on the host before the layer is used (src/engine/apk/layer.ts). */
	int setid_modes;
	const char *net_ifname, *net_addr, *net_gw;
	/* Bytes read past `end=` (the go byte may already be among them); consumed before fd 3. */
	const char *pending;
	size_t n_pending;
};

/* "ro", "rw" or "overlay", as in the spec. */
const char *mount_mode_name(enum mount_mode m);
/* Reads records from fd until `end=` into a fresh spec; dies (step "spec") on malformed input.
 * What it allocates lives as long as the process (one spec per process). */
void spec_read(int fd, struct spec *s);
/* Checks required keys and values (step "spec"): missing rootfs, host-root mapping, ... */
void spec_validate(const struct spec *s);
/* start_wait=2: reads the command's records (arg, env, workdir only; `pre` holds those already read past
 * the spec's end= and the go byte) into s, and checks them (step "spec"). */
void spec_read_command(int fd, struct spec *s, const char *pre, size_t n_pre);
#endif
