/* Sandbox side of nsbox-helper: runs as PID 1 of the new namespaces. */
#ifndef NSBOX_INIT_H
#define NSBOX_INIT_H
#include "spec.h"

/* Entry of the clone3()d child; sync_fd is the read end of the parent's "maps written" pipe; tty_ctl
 * init's end of the pty socket (relay_child_takeover), else -1; root: the detached root the outer helper
 * prepared (layers.c, root mode), else -1; argv (the helper's own: host path, --serve) is overwritten so
 * the sandbox does not see it. */
_Noreturn void init_main(struct spec *s, int sync_fd, int tty_ctl, int rootless, int root, char **argv);
#endif
