/* The quick check of a cached tree (the rootfs), done as the engine's checkTree does it (src/engine/
 * manifest.ts), for the server to run at its start on a CPU of its own while the engine goes on setting
 * the session up (docs/design.md, "Tree check").  The list is written by the engine beside the tree
 * (`<tree>.check`), from the tree's manifest, in the manifest's order:
 *
 *   nsbox-tree-check 1
 *   <kind> <mode|-> <uid> <gid> <size|-> <mtime-ms|-> <path>
 *
 * kind d, f, l or o; mode in octal (the 07777 bits; "-" for a link); size: a file's bytes or a link's
 * target length ("-": not checked); mtime-ms: a directory's recorded mtime in ms ("-": none recorded);
 * path: relative to the tree, the rest of the line ("" is the tree's root).  A link is not looked at
 * while its directory's mtime is still the recorded one: it could not have been removed, replaced or
 * re-pointed without changing it. */
#ifndef NSBOX_TREE_H
#define NSBOX_TREE_H
#include <stddef.h>

enum tree_verdict { TREE_WHOLE = 0, TREE_DAMAGED = 1, TREE_UNCHECKED = 2 };

/* The first damage in the engine's words ("bin/busybox is missing") in `why`; or, TREE_UNCHECKED, why the
 * check could not run (an unreadable or malformed list: the engine then checks by itself). */
enum tree_verdict tree_check(const char *dir, const char *list, char *why, size_t cap);
#endif
