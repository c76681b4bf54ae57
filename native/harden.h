/* Child side: the command's last steps before execve() (harden.c says what and why). */
#ifndef NSBOX_HARDEN_H
#define NSBOX_HARDEN_H

/* no_new_privs, rlimits, capabilities, seccomp (setid_modes: the spec's, seccomp.c says what it allows). */
void harden_command(int setid_modes);
#endif
