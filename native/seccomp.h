/* The command's seccomp program (seccomp.c): an allow-list, built once per sandbox. */
#ifndef NSBOX_SECCOMP_H
#define NSBOX_SECCOMP_H
#include <linux/filter.h>

struct seccomp_prog {
	struct sock_filter filter[1024];
	unsigned short len; /* instructions used */
};

/* Builds the program for the helper's own architecture into *out. */
void seccomp_build(struct seccomp_prog *out);
/* `nsbox-helper --seccomp-bpf`: the raw program on stdout, so tests can decode and run it for any
 * syscall (the aarch64 build runs under qemu-user). */
int seccomp_dump(void);
#endif
