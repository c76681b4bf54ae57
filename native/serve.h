/* `nsbox-helper --serve`: one helper for a whole session (serve.c; protocol in docs/design.md). */
#ifndef NSBOX_SERVE_H
#define NSBOX_SERVE_H

/* Serves requests from fd 3 until the engine closes it; returns the server's exit status. */
int serve(char **argv);
#endif
