/* The quick check of a cached tree: see tree.h.  The wording of each damage is checkTree's, word for
 * word (test/integration/tree-check.test.ts holds the two side by side), so a user reads the same
 * sentence whichever side found it. */
#include "tree.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LIST_HEADER "nsbox-tree-check 1"
#define LIST_MAX_BYTES (64u << 20)

struct entry {
	char kind;
	long mode; /* -1: not checked */
	unsigned long uid, gid;
	long long size; /* -1: not checked */
	double mtime_ms; /* < 0: none recorded */
	const char *path;
};

/* The directories whose mtime is still the recorded one, by path (open addressing, never full). */
struct dir_set {
	const char **slot;
	size_t mask;
};

static uint64_t hash_of(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static void set_add(struct dir_set *set, const char *path)
{
	size_t i = hash_of(path, strlen(path)) & set->mask;
	while (set->slot[i])
		i = (i + 1) & set->mask;
	set->slot[i] = path;
}

/* Whether the first n bytes of `path` name a directory of the set. */
static int set_has(const struct dir_set *set, const char *path, size_t n)
{
	for (size_t i = hash_of(path, n) & set->mask; set->slot[i]; i = (i + 1) & set->mask)
		if (strlen(set->slot[i]) == n && memcmp(set->slot[i], path, n) == 0)
			return 1;
	return 0;
}

static const char *kind_name(char kind)
{
	switch (kind) {
	case 'd':
		return "a directory";
	case 'f':
		return "a file";
	case 'l':
		return "a symlink";
	default:
		return "a special file";
	}
}

static char kind_of(mode_t mode)
{
	return S_ISLNK(mode) ? 'l' : S_ISDIR(mode) ? 'd' : S_ISREG(mode) ? 'f' : 'o';
}

/* Node's name for an errno (its `code`), for the errors an lstat can give. */
static const char *errno_code(int err, char buf[24])
{
	static const struct {
		int err;
		const char *code;
	} codes[] = {{EACCES, "EACCES"}, {ELOOP, "ELOOP"}, {ENAMETOOLONG, "ENAMETOOLONG"}, {EIO, "EIO"},
		     {EPERM, "EPERM"}, {EOVERFLOW, "EOVERFLOW"}, {ENOMEM, "ENOMEM"}, {EFAULT, "EFAULT"}};
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (codes[i].err == err)
			return codes[i].code;
	snprintf(buf, 24, "errno %d", err);
	return buf;
}

/* One field of a list line, up to the next space; NULL when the line ends first. */
static char *field(char **cursor)
{
	char *start = *cursor, *space = strchr(start, ' ');
	if (!space)
		return NULL;
	*space = 0;
	*cursor = space + 1;
	return start;
}

static int parse_line(char *line, struct entry *e)
{
	char *kind = field(&line), *mode = field(&line), *uid = field(&line), *gid = field(&line);
	char *size = field(&line), *mtime = field(&line), *end;
	if (!mtime || strlen(kind) != 1 || !strchr("dflo", kind[0]))
		return -1;
	e->kind = kind[0];
	e->mode = strcmp(mode, "-") == 0 ? -1 : strtol(mode, &end, 8);
	e->uid = strtoul(uid, &end, 10);
	e->gid = strtoul(gid, &end, 10);
	e->size = strcmp(size, "-") == 0 ? -1 : strtoll(size, &end, 10);
	e->mtime_ms = strcmp(mtime, "-") == 0 ? -1 : strtod(mtime, &end);
	e->path = line; /* the rest of the line */
	return 0;
}

/* The damage of one entry in `why` (1), or 0 when it is as recorded; `st` gets its lstat. */
static int entry_damage(const char *dir, const struct entry *e, struct stat *st, char *why, size_t cap)
{
	char abs[PATH_MAX], code[24];
	const char *name = e->path[0] ? e->path : "the tree's root";
	if (e->path[0] && snprintf(abs, sizeof abs, "%s/%s", dir, e->path) >= (int)sizeof abs) {
		snprintf(why, cap, "%s cannot be read (ENAMETOOLONG)", name);
		return 1;
	}
	if (lstat(e->path[0] ? abs : dir, st) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			snprintf(why, cap, "%s is missing", name);
		else
			snprintf(why, cap, "%s cannot be read (%s)", name, errno_code(errno, code));
		return 1;
	}
	char now = kind_of(st->st_mode);
	if (now != e->kind)
		snprintf(why, cap, "%s is %s, expected %s", name, kind_name(now), kind_name(e->kind));
	else if (e->kind == 'f' && e->size >= 0 && st->st_size != e->size)
		snprintf(why, cap, "%s has %lld bytes, expected %lld", name, (long long)st->st_size, e->size);
	else if (e->kind == 'l' && e->size >= 0 && st->st_size != e->size)
		snprintf(why, cap, "%s points elsewhere", name);
	else if (e->kind != 'l' && e->mode >= 0 && (long)(st->st_mode & 07777) != e->mode)
		snprintf(why, cap, "%s has mode 0%lo, expected 0%lo", name, (unsigned long)(st->st_mode & 07777),
			 (unsigned long)e->mode);
	else if (st->st_uid != e->uid || st->st_gid != e->gid)
		snprintf(why, cap, "%s is owned by %u:%u, expected %lu:%lu", name, (unsigned)st->st_uid,
			 (unsigned)st->st_gid, e->uid, e->gid);
	/* whatever the list says: no cached tree keeps these bits (an older nsbox's tree may) */
	else if (e->kind != 'l' && (st->st_mode & 06000))
		snprintf(why, cap, "%s is setuid or setgid (mode 0%lo)", name, (unsigned long)(st->st_mode & 07777));
	else
		return 0;
	return 1;
}

/* The list's bytes, NUL-terminated (caller frees); NULL with `why` when it cannot be read. */
static char *read_list(const char *list, char *why, size_t cap)
{
	int fd = open(list, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	struct stat st;
	char *text = NULL;
	if (fd < 0 || fstat(fd, &st) < 0) {
		snprintf(why, cap, "cannot read %s: %s", list, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode) || (size_t)st.st_size > LIST_MAX_BYTES || !(text = malloc((size_t)st.st_size + 1))) {
		snprintf(why, cap, "cannot read %s: not a regular file of at most 64 MiB", list);
		goto fail;
	}
	size_t got = 0;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, text + got, (size_t)st.st_size - got);
		if (n <= 0) {
			snprintf(why, cap, "cannot read %s: %s", list, n < 0 ? strerror(errno) : "it shrank");
			goto fail;
		}
		got += (size_t)n;
	}
	text[got] = 0;
	close(fd);
	return text;
fail:
	free(text);
	if (fd >= 0)
		close(fd);
	return NULL;
}

enum tree_verdict tree_check(const char *dir, const char *list, char *why, size_t cap)
{
	char *text = read_list(list, why, cap);
	if (!text)
		return TREE_UNCHECKED;
	size_t lines = 0;
	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	size_t slots = 16;
	while (slots < 2 * lines)
		slots *= 2;
	struct dir_set unchanged = {.slot = calloc(slots, sizeof(char *)), .mask = slots - 1};
	enum tree_verdict verdict = TREE_WHOLE;
	char *line = text, *next;
	if (!unchanged.slot || strncmp(text, LIST_HEADER "\n", sizeof LIST_HEADER) != 0) {
		snprintf(why, cap, "%s is not a tree check list", list);
		verdict = TREE_UNCHECKED;
		goto out;
	}
	for (line = text + sizeof LIST_HEADER; *line; line = next) {
		char *nl = strchr(line, '\n');
		if (!nl) {
			snprintf(why, cap, "%s ends in the middle of a line", list);
			verdict = TREE_UNCHECKED;
			break;
		}
		*nl = 0;
		next = nl + 1;
		struct entry e;
		if (parse_line(line, &e) < 0) {
			snprintf(why, cap, "%s has a malformed line", list);
			verdict = TREE_UNCHECKED;
			break;
		}
		const char *slash = strrchr(e.path, '/');
		if (e.kind == 'l' && set_has(&unchanged, e.path, slash ? (size_t)(slash - e.path) : 0))
			continue;
		struct stat st;
		if (entry_damage(dir, &e, &st, why, cap)) {
			verdict = TREE_DAMAGED;
			break;
		}
		/* What Node's lstat reads as mtimeMs, computed the same way. */
		double ms = (double)st.st_mtim.tv_sec * 1e3 + (double)st.st_mtim.tv_nsec / 1e6;
		if (e.kind == 'd' && e.mtime_ms >= 0 && ms == e.mtime_ms)
			set_add(&unchanged, e.path);
	}
out:
	free(unchanged.slot);
	free(text);
	return verdict;
}
