/* `nsbox-helper --serve`: one helper for a whole session (serve.c; protocol in docs/design.md). */
#ifndef NSBOX_SERVE_H
#define NSBOX_SERVE_H

/* Serves requests from fd 3 until the engine closes it; returns the server's exit status.  With a tree
 * (`--serve --check-tree <dir> <list>`), it first checks it (tree.h) and reports the answer on fd 4. */
int serve(int argc, char **argv);
#endif
