/* The error idiom and small I/O helpers. */
#include "util.h"
#include "report.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The process's registered undo (see util.h); a signal-free, single-threaded process has one. */
static const struct die_undo *undo;

void die_undo(const struct die_undo *u)
{
	undo = u;
}

static _Noreturn void fail(const char *step, int err, const char *msg)
{
	/* Status fd absent (manual run): fall back to stderr so the error is never silent. */
	if (report_setup_error(step, err, msg) < 0)
		dprintf(2, "nsbox-helper: %s: %s\n", step, msg);
	if (undo && undo->fail_fd >= 0) {
		char one = 1;
		(void)!write(undo->fail_fd, &one, 1);
	}
	if (undo && undo->kill > 0) {
		kill(undo->kill, SIGKILL);
		while (waitpid(undo->kill, NULL, 0) < 0 && errno == EINTR) {
		}
	}
	_exit(EXIT_SETUP);
}

void die(const char *step, const char *fmt, ...)
{
	int err = errno;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (err && n >= 0 && (size_t)n < sizeof msg)
		snprintf(msg + n, sizeof msg - n, ": %s", strerror(err));
	fail(step, err, msg);
}

void die_exact(const char *step, int err, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fail(step, err, msg);
}

void warn(const char *fmt, ...)
{
	int err = errno;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	dprintf(2, "nsbox-helper: warning: %s%s%s\n", msg, err ? ": " : "", err ? strerror(err) : "");
}

int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int write_str_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	/* One write(): /proc map files and cgroup.procs must receive the whole value at once. */
	ssize_t n = write(fd, s, strlen(s));
	int err = errno;
	close(fd);
	if (n != (ssize_t)strlen(s)) {
		errno = n < 0 ? err : EIO;
		return -1;
	}
	return 0;
}

const char *fd_path(int fd, char buf[32])
{
	snprintf(buf, 32, "/proc/self/fd/%d", fd);
	return buf;
}
