/* Status lines on fd 4: one JSON object per line, each emitted with a single write() of less than
 * PIPE_BUF bytes, so lines from the outer helper and from init never interleave. */
#ifndef NSBOX_REPORT_H
#define NSBOX_REPORT_H
#include <sys/resource.h>
#include <sys/types.h>

/* Server mode: every line this process writes from now on starts with "id":N (0: untagged, the one-shot
 * helper).  Set once per process, by the server's child for its request, before any line. */
void report_tag(unsigned long id);
int report_pid(pid_t pid);
int report_setup_error(const char *step, int err, const char *message);
/* event "exit" (ru == NULL) or "init-exit" (with rusage); status is a wait(2) status. */
int report_exit(const char *event, int status, const struct rusage *ru);

/* Server: the request's end, after the server reaped its child (wait(2) status). */
int report_done(unsigned long id, int status);

/* Server, before any request: the tree check's answer (tree.h), {"event":"tree",...} with "damage"
 * (null: whole) or "unchecked" (why it could not run). */
int report_tree(int damaged, int unchecked, const char *why);

/* Appends src to dst (capacity cap, always NUL-terminated) as JSON string contents.  Invalid UTF-8
 * bytes become U+FFFD so the line is always valid JSON. */
void json_escape(char *dst, size_t cap, const char *src);
#endif
