/* Spec parsing and validation.  Unknown or repeated scalar keys are errors: the engine and the helper
 * ship together, so a mismatch is a bug to surface, not to tolerate. */
#include "spec.h"
#include "util.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SPEC_MAX (64u << 20) /* file_data records may be large-ish; cap runaway input */

/* Appends one element of size sz to arr (count *n); one spare slot keeps string lists NULL-terminated. */
static void *grow(void *arr, size_t *n, size_t sz)
{
	arr = realloc(arr, (*n + 2) * sz);
	if (!arr)
		die("spec", "realloc");
	(*n)++;
	return arr;
}

static void push_str(const char ***arr, size_t *n, const char *v)
{
	*arr = grow(*arr, n, sizeof **arr);
	(*arr)[*n - 1] = v;
	(*arr)[*n] = NULL;
}

static unsigned long long num(const char *key, const char *v, unsigned long long max)
{
	char *end;
	errno = 0;
	unsigned long long x = strtoull(v, &end, 10);
	if (!*v || *v == '-' || *v == '+' || *end || errno || x > max)
		die_exact("spec", 0, "invalid number for %s: \"%s\"", key, v);
	return x;
}

static void set_once(const char **slot, const char *key, const char *v)
{
	if (*slot)
		die_exact("spec", 0, "duplicate key %s", key);
	*slot = v;
}

/* The parser's own state for one spec: entries in progress (mount_mode and file_data complete one)
 * and the numeric keys seen so far (each may appear once). */
struct parser {
	struct spec *s;
	struct mount_ent mount;
	const char *file;
	const char *seen[16];
	size_t n_seen;
};

const char *mount_mode_name(enum mount_mode m)
{
	return m == MOUNT_RO ? "ro" : m == MOUNT_RW ? "rw" : "overlay";
}

static void record(struct parser *ps, char *rec)
{
	struct spec *s = ps->s;
	struct mount_ent *cur = &ps->mount;
	char *eq = strchr(rec, '=');
	if (!eq)
		die_exact("spec", 0, "record without '=': \"%.100s\"", rec);
	*eq = 0;
	const char *k = rec, *v = eq + 1;
	const char *num_v = NULL;
#define IS(x) (strcmp(k, x) == 0)
	if (IS("rootfs")) set_once(&s->rootfs, k, v);
	else if (IS("scratch")) set_once(&s->scratch, k, v);
	else if (IS("hostname")) set_once(&s->hostname, k, v);
	else if (IS("workdir")) set_once(&s->workdir, k, v);
	else if (IS("cgroup_v2")) set_once(&s->cgroup_v2, k, v);
	else if (IS("net")) set_once(&s->net, k, v);
	else if (IS("net_ifname")) set_once(&s->net_ifname, k, v);
	else if (IS("net_addr")) set_once(&s->net_addr, k, v);
	else if (IS("net_gw")) set_once(&s->net_gw, k, v);
	else if (IS("env")) push_str(&s->env, &s->n_env, v);
	else if (IS("arg")) push_str(&s->argv, &s->n_arg, v);
	else if (IS("layer")) push_str(&s->layers, &s->n_layers, v);
	else if (IS("mount_layer")) push_str(&cur->layers, &cur->n_layers, v);
	else if (IS("cgroup_v1")) push_str(&s->v1_cgroups, &s->n_v1_cgroups, v);
	else if (IS("mount_src")) set_once(&cur->src, k, v);
	else if (IS("mount_dst")) set_once(&cur->dst, k, v);
	else if (IS("mount_idmap")) {
		if (cur->idmap || strcmp(v, "1"))
			die_exact("spec", 0, "mount_idmap must be 1, at most once per mount entry");
		cur->idmap = 1;
	} else if (IS("setid_modes")) {
		if (s->setid_modes || strcmp(v, "1"))
			die_exact("spec", 0, "setid_modes must be 1, at most once");
		s->setid_modes = 1;
	} else if (IS("mount_mode")) {
		if (!cur->src || !cur->dst)
			die_exact("spec", 0, "mount_mode before mount_src and mount_dst");
		if (strcmp(v, "ro") == 0) cur->mode = MOUNT_RO;
		else if (strcmp(v, "rw") == 0) cur->mode = MOUNT_RW;
		else if (strcmp(v, "overlay") == 0) cur->mode = MOUNT_OVERLAY;
		else die_exact("spec", 0, "invalid mount_mode \"%.20s\" (ro, rw or overlay)", v);
		cur->tree = -1;
		s->mounts = grow(s->mounts, &s->n_mounts, sizeof *s->mounts);
		s->mounts[s->n_mounts - 1] = *cur;
		memset(cur, 0, sizeof *cur);
	} else if (IS("file_path")) set_once(&ps->file, k, v);
	else if (IS("file_data")) {
		if (!ps->file)
			die_exact("spec", 0, "file_data before file_path");
		s->files = grow(s->files, &s->n_files, sizeof *s->files);
		s->files[s->n_files - 1] = (struct file_ent){ps->file, v};
		ps->file = NULL;
	} else {
		/* numeric keys: each may appear once */
		for (size_t i = 0; i < ps->n_seen; i++)
			if (strcmp(ps->seen[i], k) == 0)
				die_exact("spec", 0, "duplicate key %s", k);
		if (ps->n_seen < sizeof ps->seen / sizeof *ps->seen)
			ps->seen[ps->n_seen++] = k;
		num_v = v;
	}
	if (!num_v)
		return;
	if (IS("tmpfs_size")) s->tmpfs_size = num(k, v, 1ull << 50);
	else if (IS("tmpfs_inodes")) s->tmpfs_inodes = num(k, v, 1ull << 32);
	else if (IS("uid_base")) s->uid_base = num(k, v, 0xfffffffeu);
	else if (IS("gid_base")) s->gid_base = num(k, v, 0xfffffffeu);
	else if (IS("id_count")) s->id_count = num(k, v, 0xfffffffeu);
	else if (IS("net_wait")) s->net_wait = (int)num(k, v, 1);
	else if (IS("start_wait")) s->start_wait = (int)num(k, v, 2);
	else if (IS("ipv6")) s->ipv6 = (int)num(k, v, 1);
	else if (IS("scratch_keep")) s->scratch_keep = (int)num(k, v, 1);
	else if (IS("net_prefix")) s->net_prefix = (int)num(k, v, 128);
	else if (IS("net_mtu")) s->net_mtu = (int)num(k, v, 65535);
	else if (IS("tty")) s->tty = (int)num(k, v, 1);
	else die_exact("spec", 0, "unknown key \"%.64s\"", k);
#undef IS
}

/* Reads fd, after the `n_pre` bytes of `pre` already read from it, until a record `end=`.  Returns the
 * buffer (records point into it, so it lives as long as the process); *records is the length of the
 * records before `end=`, *rest / *n_rest what was read past it. */
static char *read_records(int fd, const char *pre, size_t n_pre, size_t *records, const char **rest,
			  size_t *n_rest)
{
	size_t cap = 16384, len = 0, rec = 0; /* rec: start of the record being scanned */
	char *buf = NULL;
	while (cap < n_pre)
		cap *= 2;
	if (cap > SPEC_MAX)
		die_exact("spec", 0, "spec larger than %u bytes", SPEC_MAX);
	if (!(buf = malloc(cap)))
		die("spec", "malloc");
	if (n_pre)
		memcpy(buf, pre, n_pre);
	len = n_pre;
	for (;;) {
		char *nul;
		while (rec < len && (nul = memchr(buf + rec, 0, len - rec))) {
			if (strcmp(buf + rec, "end=") == 0) {
				size_t end = (size_t)(nul - buf) + 1;
				*records = rec;
				*rest = buf + end;
				*n_rest = len - end;
				return buf;
			}
			rec = (size_t)(nul - buf) + 1;
		}
		if (len == cap) {
			if (cap >= SPEC_MAX)
				die_exact("spec", 0, "spec larger than %u bytes", SPEC_MAX);
			if (!(buf = realloc(buf, cap *= 2)))
				die("spec", "realloc");
		}
		ssize_t n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("spec", "read(fd %d)", fd);
		if (n == 0)
			die_exact("spec", 0, "control pipe (fd %d) closed before the end= record", fd);
		len += (size_t)n;
	}
}

/* Parses the records of buf[0, n) into ps->s (records are split in place at their '='). */
static void parse_records(struct parser *ps, char *buf, size_t n)
{
	for (size_t p = 0, l; p < n; p += l + 1) {
		l = strlen(buf + p); /* before record() splits it at '=' */
		record(ps, buf + p);
	}
}

void spec_read(int fd, struct spec *s)
{
	size_t n;
	memset(s, 0, sizeof *s);
	s->ipv6 = 1;
	s->uid_base = s->gid_base = s->id_count = (unsigned long)-1;
	char *buf = read_records(fd, NULL, 0, &n, &s->pending, &s->n_pending);
	struct parser ps = {.s = s};
	parse_records(&ps, buf, n);
	if (ps.mount.src || ps.mount.dst || ps.mount.idmap || ps.mount.n_layers || ps.file)
		die_exact("spec", 0, "incomplete mount or file entry before end=");
}

void spec_read_command(int fd, struct spec *s, const char *pre, size_t n_pre)
{
	size_t n, n_rest;
	const char *rest;
	char *buf = read_records(fd, pre, n_pre, &n, &rest, &n_rest);
	for (size_t p = 0; p < n; p += strlen(buf + p) + 1)
		if (strncmp(buf + p, "arg=", 4) && strncmp(buf + p, "env=", 4) && strncmp(buf + p, "workdir=", 8))
			die_exact("spec", 0, "a spare's command takes arg, env and workdir records only: \"%.64s\"",
				  buf + p);
	struct parser ps = {.s = s};
	parse_records(&ps, buf, n);
	if (s->n_arg == 0)
		die_exact("spec", 0, "missing arg (the command)");
	if (!s->workdir || s->workdir[0] != '/')
		die_exact("spec", 0, "workdir must be absolute: %.200s", s->workdir ? s->workdir : "(none)");
}

static void need(const char *v, const char *key)
{
	if (!v || !*v)
		die_exact("spec", 0, "missing %s", key);
}

/* Paths that end up in overlay option strings must not contain its separators. */
static void overlay_safe(const char *path, const char *what)
{
	if (strpbrk(path, ",:\\\n"))
		die_exact("spec", 0, "%s \"%.200s\" contains ',', ':', '\\' or a line break (not usable as an overlay layer)", what,
			  path);
}

static void host_dir(const char *path, const char *key)
{
	struct stat st;
	if (path[0] != '/' || strlen(path) > 1024)
		die_exact("spec", 0, "%s must be an absolute path of at most 1024 bytes", key);
	if (stat(path, &st) < 0)
		die("spec", "%s %s", key, path);
	if (!S_ISDIR(st.st_mode))
		die_exact("spec", ENOTDIR, "%s %s: %s", key, path, strerror(ENOTDIR));
}

static void check_layers(const char **layers, size_t n, const char *key)
{
	if (n > MAX_LAYERS)
		die_exact("spec", 0, "more than %d %s records", MAX_LAYERS, key);
	for (size_t i = 0; i < n; i++) {
		host_dir(layers[i], key);
		overlay_safe(layers[i], key);
	}
}

void spec_validate(const struct spec *s)
{
	need(s->rootfs, "rootfs");
	need(s->scratch, "scratch");
	need(s->hostname, "hostname");
	if (s->start_wait == 2 && (s->workdir || s->n_arg || s->n_env))
		die_exact("spec", 0, "start_wait=2 takes the command (arg, env, workdir) after the go byte");
	if (s->start_wait != 2) {
		need(s->workdir, "workdir");
		if (s->n_arg == 0)
			die_exact("spec", 0, "missing arg (the command)");
		if (s->workdir[0] != '/')
			die_exact("spec", 0, "workdir must be absolute: %.200s", s->workdir);
	}
	if (s->tmpfs_size == 0 || s->tmpfs_inodes == 0)
		die_exact("spec", 0, "missing tmpfs_size or tmpfs_inodes");
	if (s->id_count == (unsigned long)-1 || s->uid_base == (unsigned long)-1 ||
	    s->gid_base == (unsigned long)-1 || s->id_count == 0)
		die_exact("spec", 0, "missing uid_base, gid_base or id_count");
	/* Inside root must never be host root, and the range must not wrap. */
	if (s->uid_base == 0 || s->gid_base == 0)
		die_exact("spec", 0, "refusing to map the sandbox to host root (uid_base/gid_base 0)");
	if (s->uid_base + s->id_count - 1 > 0xfffffffeu || s->gid_base + s->id_count - 1 > 0xfffffffeu)
		die_exact("spec", 0, "id range beyond 4294967294");
	if (s->net_wait && s->start_wait)
		die_exact("spec", 0, "net_wait and start_wait both want the go byte (one of them)");
	host_dir(s->rootfs, "rootfs");
	host_dir(s->scratch, "scratch");
	overlay_safe(s->rootfs, "rootfs");
	overlay_safe(s->scratch, "scratch");
	check_layers(s->layers, s->n_layers, "layer");
	for (size_t i = 0; i < s->n_mounts; i++) {
		const struct mount_ent *m = &s->mounts[i];
		if (m->src[0] != '/' || m->dst[0] != '/')
			die_exact("spec", 0, "mount paths must be absolute: %.200s -> %.200s", m->src, m->dst);
		if (m->mode == MOUNT_OVERLAY)
			overlay_safe(m->src, "overlay mount_src");
		else if (m->n_layers)
			die_exact("spec", 0, "mount_layer on the %s mount %.200s (only overlay mounts have layers)",
				  mount_mode_name(m->mode), m->dst);
		check_layers(m->layers, m->n_layers, "mount_layer");
		}
	for (size_t i = 0; i < s->n_files; i++)
		if (s->files[i].path[0] != '/')
			die_exact("spec", 0, "file_path must be absolute: %.200s", s->files[i].path);
	const char *net = s->net ? s->net : "none";
	if (strcmp(net, "none") && strcmp(net, "veth") && strcmp(net, "user"))
		die_exact("spec", 0, "invalid net \"%.20s\" (none, veth or user)", net);
	if (strcmp(net, "veth") == 0) {
		need(s->net_ifname, "net_ifname");
		need(s->net_addr, "net_addr");
		if (s->net_prefix == 0)
			die_exact("spec", 0, "missing net_prefix");
	}
}
