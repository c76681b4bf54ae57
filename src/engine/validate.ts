// Checks of a sandbox's options that need no sandbox: run up front by the front ends (so nothing is
// downloaded or created for a run that cannot work) and again by the engine. Each failure is a
// UsageError of one sentence naming the value and what would work.

import { lstatSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, posix } from "node:path";
import { MAX_TMPFS_BYTES } from "./defaults";
import { readTextOrNull, realPathAhead } from "./fs";
import type { ScratchKind } from "./layers/scratch";
import type { Limits, MountSpec } from "./types";
import { UsageError } from "./types";
import { formatBytes } from "./units";

/**
 * The smallest memory limit a sandbox can start under. Measured on cgroup v1 (kernel 6.18, warm page
 * cache): init's own set-up and `true` peak at 0.6-0.75 MiB and die below ~0.55 MiB (the memcg charges
 * in 256 KiB batches). Cold, the first reads of busybox and musl (~1.4 MiB of page cache) are charged
 * too, and cgroup v2 always charges the kernel memory of the mounts, namespaces and page tables init
 * makes. 4 MiB covers all of these with room for a shell to start.
 */
const MIN_MEMORY_BYTES = 4 * 1024 * 1024;
const PID_MAX_MIN = 301;
/**
 * The smallest disk scratch: its ext4 image (tmpfs-size bytes) must hold the file system's own blocks and
 * inodes (mkfs.ext4 fails below ~128 KiB), then the overlay's dirs and init's files (the mount fails at
 * 128 KiB; 192 KiB leaves 8 inodes free). 1 MiB leaves ~110 inodes and 900 KiB for the command.
 */
const MIN_DISK_SCRATCH_BYTES = 1024 * 1024;

/** Targets the sandbox builds itself: a bind mount over them would hide or replace its own. */
const RESERVED_TARGETS = ["/proc", "/sys", "/dev"];

/** `scratch`: where the session keeps writable layers (a disk one has a smallest size). */
export function checkLimits(limits: Limits, scratch: ScratchKind = "memory"): void {
  if (typeof limits.memoryBytes === "number" && limits.memoryBytes < MIN_MEMORY_BYTES) {
    throw new UsageError(
      `memory: ${beside(limits.memoryBytes, MIN_MEMORY_BYTES)} is below the ${formatBytes(MIN_MEMORY_BYTES)} the sandbox's own set-up needs; use at least 4M`,
    );
  }
  checkTmpfsSize(limits.tmpfsBytes, scratch);
  // The kernel refuses a pid_max below 301 (PID_MAX_MIN): a smaller limit always fits, unread.
  if (typeof limits.pids === "number" && limits.pids >= PID_MAX_MIN) {
    const max = kernelPidMax();
    // The sandbox's init is one more process than the command's N, and the kernel never has more
    // than pid_max processes in all (pids.max itself is capped at 4194304).
    if (max !== null && limits.pids >= max) {
      throw new UsageError(
        `pids: ${limits.pids} is more than this kernel allows (kernel.pid_max ${max}); use at most ${max - 1}`,
      );
    }
  }
}

function checkTmpfsSize(bytes: number | undefined, scratch: ScratchKind): void {
  if (bytes === undefined) return;
  if (bytes > MAX_TMPFS_BYTES)
    throw new UsageError(
      `tmpfs-size: ${beside(bytes, MAX_TMPFS_BYTES)} is above the ${formatBytes(MAX_TMPFS_BYTES)} a sandbox's tmpfs can have; use at most 32T`,
    );
  if (scratch === "disk" && bytes < MIN_DISK_SCRATCH_BYTES)
    throw new UsageError(
      `tmpfs-size: ${beside(bytes, MIN_DISK_SCRATCH_BYTES)} is below the ${formatBytes(MIN_DISK_SCRATCH_BYTES)} a disk scratch needs (its ext4 file system's own blocks and inodes); use at least 1M`,
    );
}

/** `bytes` as formatBytes says it, or exactly where that rounds it to the bound it is compared with (4194303
 *  bytes is "4.00 MiB", which is not below "the 4.00 MiB"). */
function beside(bytes: number, bound: number): string {
  const shown = formatBytes(bytes);
  return shown === formatBytes(bound) ? `${bytes} bytes` : shown;
}

function kernelPidMax(): number | null {
  const n = Number((readTextOrNull("/proc/sys/kernel/pid_max") ?? "").trim());
  return Number.isSafeInteger(n) && n > 1 ? n : null;
}

/** `cacheDir`: where the sandbox's rootfs trees are (given once it is known: a rw mount must not reach it). */
export function checkMounts(mounts: readonly MountSpec[], cacheDir?: string): void {
  for (const m of mounts) {
    if (!isAbsolute(m.source)) {
      throw new UsageError(`mount: '${m.source}' is not an absolute host path; give it as /path`);
    }
    const target = normalTarget(m.target);
    if (!target.startsWith("/")) {
      throw new UsageError(`mount: '${m.target}' is not an absolute path inside the sandbox; use /src`);
    }
    if (target === "/" || RESERVED_TARGETS.some((r) => target === r || target.startsWith(`${r}/`))) {
      throw new UsageError(
        `mount: '${m.target}' is provided by the sandbox itself; mount somewhere outside /, /proc, /sys and /dev`,
      );
    }
    // The helper walks a target one component at a time and never climbs: refused here as what it is.
    if (m.target.split("/").includes("..")) {
      throw new UsageError(`mount: '${m.target}' has a '..'; give the target without it, like /src`);
    }
    // overlayfs takes its layers as an option string where these characters are separators.
    if (m.mode === "overlay" && OVERLAY_UNSAFE.test(m.source)) {
      throw new UsageError(
        `mount: overlay cannot use '${shown(m.source)}' (overlayfs cannot take ',', ':', '\\' or a line break in a layer path); use ro or rw, or a path without them`,
      );
    }
    if (m.mode === "rw" && cacheDir !== undefined) checkCacheOutOfReach(m.source, cacheDir);
  }
  checkNesting(mounts);
}

/** A sandbox path as the helper walks it: `.` and doubled or trailing slashes gone. */
export const normalTarget = (t: string) => posix.normalize(t).replace(/(.)\/+$/, "$1");

/**
 * A mount inside another: mounted after it (mounts are made in order, and a later outer one would hide it
 * without a word), on a mount point its host source already has. The helper would otherwise create the
 * point in a `rw` source on the host and leave it there (and fail on a `ro` one); an `overlay` one's point
 * is made in the sandbox's own layer.
 */
function checkNesting(mounts: readonly MountSpec[]): void {
  const targets = mounts.map((m) => normalTarget(m.target));
  targets.forEach((inner, j) => {
    let outer = -1; // the deepest mount holding this one
    targets.forEach((t, i) => {
      if (i !== j && inner.startsWith(`${t}/`) && (outer < 0 || t.length > (targets[outer] as string).length))
        outer = i;
    });
    if (outer < 0) return;
    const o = mounts[outer] as MountSpec;
    if (outer > j)
      throw new UsageError(
        `mount: '${mounts[j]?.target}' comes before '${o.target}', which would hide it; list the mount on '${o.target}' first`,
      );
    if (o.mode === "overlay") return;
    const rel = inner.slice((targets[outer] as string).length + 1);
    if (statSync(o.source, { throwIfNoEntry: false })?.isDirectory() === false)
      throw new UsageError(
        `mount: '${mounts[j]?.target}' lies in the mount of '${shown(o.source)}', which is a file: nothing can be mounted inside it; give it a target outside '${o.target}'`,
      );
    if (!existsOnHost(o.source, rel))
      throw new UsageError(
        `mount: '${mounts[j]?.target}' lies in the ${o.mode} mount of '${shown(o.source)}', which has no '${rel}' to mount it on, and nsbox never writes a caller's source; create '${shown(posix.join(o.source, rel))}' first`,
      );
  });
}

/**
 * Whether `rel` is there below host dir `dir`, each component itself (no symlink, as the helper walks); not
 * when `dir` is a file or cannot be looked into (ENOTDIR, EACCES).
 */
function existsOnHost(dir: string, rel: string): boolean {
  let p = dir;
  for (const c of rel.split("/")) {
    p = posix.join(p, c);
    try {
      if (lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink() !== false) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * A sandbox never writes the cache: its rootfs trees are what every later sandbox runs on (owned by the
 * sandboxes' own root, or rootless by the caller, and checked quickly by size and time only), and the disk
 * scratch lives there too. So a rw mount of the cache dir, of a dir inside it, or of one that holds it (a
 * rootless $HOME holds ~/.cache/nsbox) is refused; real paths compared, so no link or `..` gets around it.
 */
function checkCacheOutOfReach(source: string, cacheDir: string): void {
  let src: string;
  try {
    src = realpathSync(source);
  } catch {
    return; // a missing source is the helper's to report
  }
  const cache = realPathAhead(cacheDir);
  const where = src === cache ? "is" : within(src, cache) ? "is inside" : within(cache, src) ? "holds" : null;
  if (where)
    throw new UsageError(
      `mount: '${shown(source)}' (rw) ${where} the cache dir '${shown(cache)}', which no sandbox may write; mount it ro or overlay, or use a cache dir outside it`,
    );
}

/** Whether real path `p` lies strictly below real directory `dir`. */
const within = (p: string, dir: string) => p.startsWith(dir === "/" ? "/" : `${dir}/`) && p !== dir;

/** A path in a one-line message: a line break shown as `\\n`. */
const shown = (p: string) => p.replace(/\n/g, "\\n");

/** What overlayfs cannot take in a layer's path: its option separators, and a line break (the kernel
 *  reads the option string as text). */
const OVERLAY_UNSAFE = /[,:\\\n]/;

/** The cache dir holds every layer: it must be usable in an overlay option string. */
export function checkCacheDir(dir: string): void {
  if (OVERLAY_UNSAFE.test(dir))
    throw new UsageError(
      `cache dir: '${shown(dir)}' contains ',', ':', '\\' or a line break, which overlayfs cannot take in a layer's path; use a directory without them`,
    );
}
