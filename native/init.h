/* Sandbox side of nsbox-helper: runs as PID 1 of the new namespaces. */
#ifndef NSBOX_INIT_H
#define NSBOX_INIT_H
#include "spec.h"

/* Entry of the clone3()d child; sync_fd is the read end of the parent's "maps written" pipe;
 * argv0 (the helper's own, host path) is overwritten so the sandbox does not see it. */
_Noreturn void init_main(const struct spec *s, int sync_fd, int rootless, char *argv0);
/* mounts.c: assemble the root under scratch and pivot into it (cwd is "/" afterwards). */
void build_root(const struct spec *s);
#endif
