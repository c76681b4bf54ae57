/* Parent side of one sandbox: the outer helper (outer.c).  Run by the one-shot helper itself or by a
 * server's per-request child (serve.c), always in a process of its own for that sandbox. */
#ifndef NSBOX_OUTER_H
#define NSBOX_OUTER_H
#include "relay.h"
#include "spec.h"
#include "util.h"
#include <sys/types.h>

/* Everything one sandbox needs on the parent side; nothing of it outlives the sandbox. */
struct sandbox {
	struct spec spec;
	struct relay relay;
	struct die_undo undo; /* undo.kill: init once cloned */
	pid_t parent;         /* the engine (one-shot) or the server: we die with it */
	int rootless;         /* an unprivileged helper mapping only itself */
	int root;             /* root mode: the detached root overlay (layers.c), else -1 */
	int cgfd;             /* cgroup v2 leaf for CLONE_INTO_CGROUP, else -1 */
	int sync[2];          /* "maps written" pipe to init; its closing tells init we died */
};

/* Runs one sandbox with its stdio on fds 0-2, its spec on CONTROL_FD and its status lines on STATUS_FD,
 * and returns the helper's exit status (the command's, 128+N after signal N).  A failure reports a
 * setup-error on the status lines and ends this process (die, util.h): only this sandbox's. */
int run_one_sandbox(struct sandbox *sb, pid_t parent, char **argv);
#endif
