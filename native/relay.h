/* Parent side: the outer helper's stdio.  The sandbox never shares an open file description's flags
 * with the caller: pipes and ttys are reopened (a description of our own, blocking), regular files are
 * kept (their offset is the caller's, O_NONBLOCK means nothing for them), a directory or an O_PATH
 * descriptor is refused (the host's tree would be reachable through it), and a socket, an anonymous inode
 * or another non-blocking descriptor that cannot be reopened reaches the sandbox as a pipe the outer helper
 * pumps.  With
 * tty=1 the command gets a pty of the sandbox's own devpts; the outer helper relays it to the caller's
 * stdin and stdout and passes window size changes on.  See docs/design.md, "Stdio and the terminal". */
#ifndef NSBOX_RELAY_H
#define NSBOX_RELAY_H
#include <stddef.h>
#include <sys/resource.h>
#include <sys/types.h>

#define RELAY_PUMP_BUF 65536

struct relay_pump {
	int from, to;
	int input; /* towards the sandbox: abandoned once init is gone */
	int tty;   /* one end is the pty master (shared by both tty pumps: closed only by a hang-up) */
	int eof, done;
	int veof_queued;    /* tty input: the end of file typed into the pty is in buf */
	int last;           /* the last byte written (-1: none yet) */
	size_t len, off;
	char buf[RELAY_PUMP_BUF];
};

/* One sandbox's stdio relays (part of its outer helper's state); relay_init before use. */
struct relay {
	struct relay_pump pumps[3];
	size_t n_pumps;
	int keep[3];         /* the caller's fds 0-2 while init is cloned with others */
	int parent_only[8];  /* fds init must close: they are the outer helper's */
	size_t n_parent_only;
	int ctl, child_ctl;  /* tty: socket pair with init (pty master in, ack out) */
	int tty_in, tty_out, master;
};

void relay_init(struct relay *r);
/* Before clone3: gives fds 0-2 their final form for init (and, tty, moves the caller's away). */
void relay_prepare(struct relay *r, int tty);
/* Init, first thing: closes the parent-side fds it inherited with the address space.  Returns init's
 * end of the tty socket (receives the pty master's ack), or -1 without tty. */
int relay_child_takeover(struct relay *r);
/* After clone3, in the outer helper: closes the child-side ends, and lets go of the descriptions init got
 * itself (fds 0-2 on /dev/null when there is a status fd): a pipe's reader sees its end with init's. */
void relay_parent_started(struct relay *r);
/* Waits for init like wait4(), pumping the relays meanwhile; returns after init is reaped and every
 * output relay is drained. */
void relay_wait(struct relay *r, pid_t pid, int *status, struct rusage *ru);
#endif
