// The limits a sandbox gets when the caller names none: enough for real builds and tests, small enough
// that a fork bomb or a memory hog leaves the CI runner (and the other sandboxes) responsive. "none" lifts
// a default explicitly.
import { totalmem } from "node:os";
import { cgroupChain, smallestLimit } from "./cgroup/enclosing";
import { type CgroupLayout, detectCgroups } from "./cgroup/index";
import type { AppliedLimits, Limits, ResolvedLimits } from "./types";

/** Processes (and threads) per sandbox: far above what builds need, far below what starves a host. */
export const DEFAULT_PIDS = 1024;
export const DEFAULT_TMPFS_BYTES = 512 * 1024 ** 2;
/** One inode per 8 KiB of tmpfs (at least 1024): a tmpfs full of empty files costs ~1 KiB of kernel memory
 *  each, so the cap bounds that as the size bounds the data. */
const TMPFS_BYTES_PER_INODE = 8192;
const MIN_TMPFS_INODES = 1024;
/** The helper's spec takes at most 2^32 inodes (native/spec.c): with one per 8 KiB, 32 TiB of tmpfs. */
export const MAX_TMPFS_BYTES = 2 ** 32 * TMPFS_BYTES_PER_INODE;
const MIB = 1024 ** 2;

export function tmpfsInodes(bytes: number): number {
  return Math.max(MIN_TMPFS_INODES, Math.floor(bytes / TMPFS_BYTES_PER_INODE));
}

/**
 * The memory this engine may use: the host's, or less when the engine itself runs in a memory-limited
 * cgroup (a container, a systemd slice). Read up the engine's own cgroup path: any ancestor's limit binds.
 */
export function memoryAvailable(layout: CgroupLayout = detectCgroups(), total = totalmem()): number {
  let avail = total;
  const bind = (v: number | null) => {
    if (v !== null) avail = Math.min(avail, v);
  };
  if (layout.v2?.ownDir)
    bind(smallestLimit(cgroupChain(layout.v2.ownDir, layout.v2.mountPoint), "memory.max"));
  const v1 = layout.v1.find((h) => h.controllers.includes("memory"));
  if (v1) bind(smallestLimit(cgroupChain(v1.ownDir, v1.mountPoint), "memory.limit_in_bytes"));
  return avail;
}

/** Host memory / (parallel + 1), in whole MiB: `parallel` sandboxes at their limit still leave a share. */
export function defaultMemoryBytes(parallel: number, available: number): number {
  const share = Math.floor(available / (Math.max(1, parallel) + 1) / MIB) * MIB;
  return Math.max(64 * MIB, share);
}

export interface LimitDefaults {
  memoryBytes: number;
  pids: number;
}

export function sessionDefaults(parallel = 1, layout: CgroupLayout = detectCgroups()): LimitDefaults {
  return { memoryBytes: defaultMemoryBytes(parallel, memoryAvailable(layout)), pids: DEFAULT_PIDS };
}

/** The caller's limits with the defaults filled in and "none" taken out; pure. */
export function resolveLimits(asked: Limits, d: LimitDefaults): ResolvedLimits {
  const { memoryBytes, pids, ...rest } = asked;
  const out: ResolvedLimits = { ...rest, defaulted: [] };
  if (memoryBytes === undefined) {
    out.memoryBytes = d.memoryBytes;
    out.defaulted?.push("memory");
  } else if (memoryBytes !== "none") out.memoryBytes = memoryBytes;
  if (pids === undefined) {
    out.pids = d.pids;
    out.defaulted?.push("pids");
  } else if (pids !== "none") out.pids = pids;
  return out;
}

export function appliedLimits(r: ResolvedLimits): AppliedLimits {
  const tmpfsBytes = r.tmpfsBytes ?? DEFAULT_TMPFS_BYTES;
  return {
    memoryBytes: r.memoryBytes ?? null,
    pids: r.pids ?? null,
    tmpfsBytes,
    tmpfsInodes: tmpfsInodes(tmpfsBytes),
    defaulted: [...(r.defaulted ?? [])],
  };
}
