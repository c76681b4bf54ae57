/* Sandbox side of nsbox-helper: runs as PID 1 of the new namespaces. */
#ifndef NSBOX_INIT_H
#define NSBOX_INIT_H
#include "spec.h"

/* Entry of the clone3()d child; sync_fd is the read end of the parent's "maps written" pipe;
 * root: the detached root the outer helper prepared (layers.c, root mode), else -1;
 * argv0 (the helper's own, host path) is overwritten so the sandbox does not see it. */
_Noreturn void init_main(struct spec *s, int sync_fd, int rootless, int root, char *argv0);
/* layers.c: tmpfs on scratch, the root overlay and the prepared caller mounts under it (root mode: all
 * caller mounts as detached trees in mounts[i].tree).  Called by the outer helper as real root
 * (in_userns 0, root mode) or by init itself (in_userns 1, rootless).  Returns the root overlay: an
 * O_PATH fd (rootless) or a detached clone of it (root mode). */
int layers_prepare(struct spec *s, int in_userns);
/* mounts.c: assemble the root and pivot into it (cwd is "/" afterwards); prepares the layers itself
 * unless the outer helper did (root >= 0: its detached root). */
void build_root(struct spec *s, int root);
/* harden.c: no_new_privs, capabilities, seccomp; the command's last step before execve(). */
void harden_command(void);
/* mounts.c: /proc/sys, sysrq-trigger, irq, bus, fs read-only; after init's last sysctl write. */
void proc_lockdown(void);
#endif
