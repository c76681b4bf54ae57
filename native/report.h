/* Status lines on fd 4: one JSON object per line, each emitted with a single write() of less than
 * PIPE_BUF bytes, so lines from the outer helper and from init never interleave. */
#ifndef NSBOX_REPORT_H
#define NSBOX_REPORT_H
#include <sys/resource.h>
#include <sys/types.h>

int report_pid(pid_t pid);
int report_setup_error(const char *step, int err, const char *message);
/* event "exit" (ru == NULL) or "init-exit" (with rusage); status is a wait(2) status. */
int report_exit(const char *event, int status, const struct rusage *ru);

/* Appends src to dst (capacity cap, always NUL-terminated) as JSON string contents.  Invalid UTF-8
 * bytes become U+FFFD so the line is always valid JSON. */
void json_escape(char *dst, size_t cap, const char *src);
#endif
