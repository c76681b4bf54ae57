/* The sandbox's writable layers and overlays under scratch (layers.c says where each lives). */
#ifndef NSBOX_LAYERS_H
#define NSBOX_LAYERS_H
#include "spec.h"

/* tmpfs on scratch, the root overlay and the prepared caller mounts under it (root mode: all caller
 * mounts as detached trees in mounts[i].tree).  Called by the outer helper as real root (in_userns 0,
 * root mode) or by init itself (in_userns 1, rootless).  Returns the root overlay: an O_PATH fd
 * (rootless) or a detached clone of it (root mode). */
int layers_prepare(struct spec *s, int in_userns);
#endif
