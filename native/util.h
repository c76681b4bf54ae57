/* Shared helpers and the one error idiom of nsbox-helper.
 * die() never returns: it reports a `setup-error` status line (step, errno, message) on the status fd
 * and exits 125.  Messages name the failing call and path; die() appends strerror(errno).
 * A process dies for one sandbox only: the one-shot helper, a server's per-sandbox child (outer.c),
 * init or the command.  The server itself (serve.c) never calls die(): a failed request is reported
 * on that request's status lines and the server goes on. */
#ifndef NSBOX_UTIL_H
#define NSBOX_UTIL_H
#include <stddef.h>
#include <sys/types.h>

#define HELPER_VERSION "0.1.0"
#define STATUS_FD 4
#define CONTROL_FD 3
#define EXIT_SETUP 125

/* What die() must undo in the calling process, owned by that process's per-sandbox state and
 * registered with die_undo() (a pointer: the owner updates it as the sandbox progresses). */
struct die_undo {
	pid_t kill; /* outer: the sandbox init once cloned (SIGKILLed and reaped by die), else 0 */
	int fail_fd; /* command child: pipe to init, one byte marks "setup failed", else -1 */
};
void die_undo(const struct die_undo *u);

/* die: message = fmt + ": " + strerror(errno) (when errno != 0), errno taken from the caller. */
_Noreturn void die(const char *step, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* die_exact: message exactly as formatted, `err` reported as errno (e.g. "command not found: x"). */
_Noreturn void die_exact(const char *step, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* warn: non-fatal, to stderr (which is the command's stderr: use only for the unexpected). */
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int write_all(int fd, const void *buf, size_t len);
/* open(path, O_WRONLY) + one write of s + close; -1 with errno on failure. */
int write_str_file(const char *path, const char *s);
/* "/proc/self/fd/N": lets path-based calls (mount) act on an fd found by a no-follow walk. */
const char *fd_path(int fd, char buf[32]);

#endif
