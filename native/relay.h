/* Parent side: the outer helper's stdio.  The sandbox never shares an open file description's flags
 * with the caller: pipes and ttys are reopened (a description of our own, blocking), regular files are
 * kept (their offset is the caller's, O_NONBLOCK means nothing for them), and a non-blocking descriptor
 * that cannot be reopened (a socket) reaches the sandbox as a pipe that the outer helper pumps.  With
 * tty=1 the command gets a pty of the sandbox's own devpts; the outer helper relays it to the caller's
 * stdin and stdout and passes window size changes on.  See docs/design.md, "Stdio and the terminal". */
#ifndef NSBOX_RELAY_H
#define NSBOX_RELAY_H
#include <sys/resource.h>
#include <sys/types.h>

/* Before clone3: gives fds 0-2 their final form for init (and, tty, moves the caller's away). */
void relay_prepare(int tty);
/* Init, first thing: closes the parent-side fds it inherited with the address space.  Returns init's
 * end of the tty socket (receives the pty master's ack), or -1 without tty. */
int relay_child_takeover(void);
/* After clone3, in the outer helper: closes the child-side ends. */
void relay_parent_started(void);
/* Waits for init like wait4(), pumping the relays meanwhile; returns after init is reaped and every
 * output relay is drained. */
void relay_wait(pid_t pid, int *status, struct rusage *ru);
#endif
