/* Child side: the sandbox's mount tree on top of the layers, and the pivot into it (mounts.c). */
#ifndef NSBOX_MOUNTS_H
#define NSBOX_MOUNTS_H
#include "spec.h"

/* Assembles the root and pivots into it (cwd is "/" afterwards); prepares the layers itself unless the
 * outer helper did (root >= 0: its detached root). */
void build_root(struct spec *s, int root);
/* /proc/sys, sysrq-trigger, irq, bus, fs read-only; after init's last sysctl write. */
void proc_lockdown(void);
#endif
