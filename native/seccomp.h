/* The command's seccomp program (seccomp.c): an allow-list, built once per sandbox. */
#ifndef NSBOX_SECCOMP_H
#define NSBOX_SECCOMP_H
#include <linux/filter.h>

/* Builds the program for the helper's own architecture; *len gets its number of instructions. */
const struct sock_filter *seccomp_program(unsigned short *len);
/* `nsbox-helper --seccomp-bpf`: the raw program on stdout, so tests can decode and run it for any
 * syscall (the aarch64 build runs under qemu-user). */
int seccomp_dump(void);
#endif
