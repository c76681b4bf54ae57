// Syscalls newer than the seccomp allow-list's table (native/seccomp.c): refused with ENOSYS, so a libc
// falls back as on an older kernel. The filter's decoding (test/unit/seccomp-filter.test.ts) and a probe in
// a real sandbox (test/integration/escape-ii.test.ts) both check each one.
export const NEWER_SYSCALLS = [
  "statmount",
  "listmount",
  "lsm_get_self_attr",
  "lsm_set_self_attr",
  "lsm_list_modules",
  "mseal",
  "setxattrat",
  "getxattrat",
  "listxattrat",
  "removexattrat",
  "open_tree_attr",
  "file_getattr",
  "file_setattr",
] as const;
