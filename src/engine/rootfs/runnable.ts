// Whether an extracted tree can be a sandbox's rootfs on this machine, judged before it is committed to the
// cache: a tree without /bin/sh (a gzip of anything else) or of another CPU (an aarch64 minirootfs on
// x86_64, which would only fail inside with "Exec format error") is refused in one sentence.
import { lstatSync } from "node:fs";
import path from "node:path";
import { readHead } from "../fs";
import { SetupError } from "../types";

// ELF e_machine of each Alpine arch nsbox runs on (version.ts alpineArch).
const MACHINES: Record<string, number> = { x86_64: 62, aarch64: 183 };
const ARCH_OF = new Map(Object.entries(MACHINES).map(([arch, m]) => [m, arch]));

/** Throws SetupError("rootfs") when `dir` (extracted from `label`) is no rootfs for `arch`. */
export function checkRunnable(dir: string, label: string, arch: string): void {
  // lstat only: /bin/sh is a symlink (to /bin/busybox) whose target must not be followed on the host.
  if (!lstatSync(path.join(dir, "bin", "sh"), { throwIfNoEntry: false })) {
    throw new SetupError("rootfs", `${label} is not an Alpine minirootfs: it holds no /bin/sh`);
  }
  const machine = elfMachine(path.join(dir, "bin", "busybox"));
  if (machine === null || machine === MACHINES[arch]) return; // no busybox binary to judge by
  const theirs = ARCH_OF.get(machine) ?? `ELF machine ${machine}`;
  throw new SetupError(
    "rootfs",
    `${label} is a rootfs for ${theirs} (its /bin/busybox), not for this machine's ${arch}`,
  );
}

/** The e_machine of a regular ELF file (never through a symlink), or null when it is not one. */
function elfMachine(file: string): number | null {
  const h = readHead(file, 20);
  if (h === null || h.length < 20 || h.readUInt32BE(0) !== 0x7f454c46) return null;
  return h[5] === 2 ? h.readUInt16BE(18) : h.readUInt16LE(18); // EI_DATA: 1 little-endian, 2 big-endian
}
