/* The command's seccomp program (seccomp.c): an allow-list, built once per sandbox. */
#ifndef NSBOX_SECCOMP_H
#define NSBOX_SECCOMP_H
#include <linux/filter.h>

struct seccomp_prog {
	struct sock_filter filter[1024];
	unsigned short len; /* instructions used */
};

/* Builds the program for the helper's own architecture into *out; setid_modes: the spec's setid_modes=1
 * (S_ISUID/S_ISGID allowed in modes). */
void seccomp_build(struct seccomp_prog *out, int setid_modes);
/* `nsbox-helper --seccomp-bpf [--setid-modes]`: the raw program on stdout, so tests can decode and run
 * it for any syscall (the aarch64 build runs under qemu-user). */
int seccomp_dump(int setid_modes);
#endif
