// A writable layer the engine keeps after its sandbox ends (spec `scratch_keep=1`): needed to copy result
// files out, to turn a setup sandbox's changes into a layer, and for `--scratch disk`. Otherwise the
// helper mounts a private tmpfs that dies with it (the fast path).
//   memory: a tmpfs of the sandbox's size cap, mounted by the engine on its own dir (root mode).
//   disk:   a file under the cache dir, formatted ext4 and loop-mounted: the cap is the file system's
//           size, which holds whatever the sandbox writes (quota-free, works on any host fs). Its blocks
//           are reserved before the sandbox starts: a cache without room for the cap is refused up front.
//   rootless: a plain directory (no mount possible): the layer sits on the cache's file system, uncapped.
import {
  closeSync,
  existsSync,
  ftruncateSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmdirSync,
  rmSync,
  statfsSync,
} from "node:fs";
import { constants } from "node:os";
import path from "node:path";
import { errCode, randomBytes, removeHostTree } from "../fs";
import { lastErrno, libcCalls } from "../libc";
import { bootTimeMs, childProcess, pidOwnerAlive } from "../proc";
import { SetupError } from "../types";
import { formatBytes } from "../units";

export type ScratchKind = "memory" | "disk";

export interface KeptScratch {
  readonly dir: string; // given to the helper as `scratch`
  readonly kind: ScratchKind | "plain";
  /** The sandbox root's writable layer (overlay upper dir) once the helper has made it. */
  readonly upper: string;
  /** The writable layer of caller mount i (`overlay` mode). */
  mountUpper(i: number): string;
  /** Unmounts and removes everything; safe to call twice. */
  dispose(): void;
}

const PREFIX = "keep-";

type MountFn = (src: string, dst: string, type: string, flags: number, data: string | null) => number;
type Umount2Fn = (target: string, flags: number) => number;
type FallocateFn = (fd: number, mode: number, offset: number, len: number) => number;
const libc = libcCalls<{ mount: MountFn; umount2: Umount2Fn; fallocate: FallocateFn }>({
  mount: "int mount(const char *, const char *, const char *, unsigned long, const char *)",
  umount2: "int umount2(const char *, int)",
  fallocate: "int fallocate(int, int, int64_t, int64_t)", // off_t: 64 bits on x86_64 and aarch64
});

const MS_NOSUID = 2;
const MS_NODEV = 4;
const MNT_DETACH = 2;
const UMOUNT_NOFOLLOW = 8;

/** Not under <cacheDir>/scratch: every fast-path sandbox mounts its private tmpfs over that dir, which
 *  would hide a setup layer living below it. */
function keptBase(cacheDir: string): string {
  return path.join(cacheDir, "layers");
}

/** A fresh kept writable layer of `bytes` under `<cacheDir>/layers`. */
export function createKeptScratch(
  cacheDir: string,
  kind: ScratchKind,
  bytes: number,
  inodes: number, // a memory layer holds at most this many files (kernel memory is not free)
  root: boolean,
): KeptScratch {
  const base = keptBase(cacheDir);
  mkdirSync(base, { recursive: true, mode: 0o755 });
  const dir = path.join(base, `${PREFIX}${process.pid}-${randomBytes(6).toString("hex")}`);
  mkdirSync(dir, { mode: 0o755 });
  let mounted = false;
  const image = `${dir}.img`;
  try {
    if (root && kind === "memory") {
      if (
        libc().mount(
          "tmpfs",
          dir,
          "tmpfs",
          MS_NOSUID | MS_NODEV,
          `size=${bytes},nr_inodes=${inodes},mode=0755`,
        ) !== 0
      )
        throw new SetupError("scratch", `cannot mount a tmpfs on ${dir} (errno ${lastErrno()})`);
      mounted = true;
    } else if (root && kind === "disk") {
      checkLoopDevices();
      makeExt4(image, bytes);
      try {
        childProcess().execFileSync("mount", ["-o", "loop,nosuid,nodev", image, dir], {
          stdio: ["ignore", "ignore", "pipe"],
        });
      } catch (e) {
        throw new SetupError(
          "scratch",
          `cannot loop-mount the disk scratch ${image}: ${stderrOf(e)}`,
          "scratch-memory",
        );
      }
      mounted = true;
      // The image's blocks are held by the mount; unlinking now leaves nothing behind on a crash but
      // the mount, which the stale sweep detaches.
      rmSync(image, { force: true });
      rmdirSync(path.join(dir, "lost+found"));
    }
  } catch (e) {
    rmSync(image, { force: true });
    if (mounted) libc().umount2(dir, MNT_DETACH);
    removeHostTree(dir);
    throw e;
  }
  let disposed = false;
  return {
    dir,
    kind: root ? kind : "plain",
    upper: path.join(dir, "upper"),
    mountUpper: (i) => path.join(dir, `m${i}`, "u"),
    dispose() {
      if (disposed) return;
      disposed = true;
      if (mounted) libc().umount2(dir, MNT_DETACH);
      removeHostTree(dir);
    },
  };
}

/** Without the loop driver, mount(8) only says "Operation not permitted" (seen in a VM whose kernel could
 *  not load its modules): say what is missing instead. */
export function checkLoopDevices(control = "/dev/loop-control"): void {
  if (!existsSync(control))
    throw new SetupError(
      "scratch",
      `this host has no loop devices (${control} is missing: the loop module is not loaded), which a disk scratch needs`,
      "scratch-memory",
    );
}

function makeExt4(image: string, bytes: number): void {
  // Before anything is written: on a file system this full mkfs.ext4 itself may fail, in its own words.
  checkScratchRoom(path.dirname(image), bytes);
  const fd = openSync(image, "wx", 0o600);
  try {
    // Sparse until reserveImage: mkfs.ext4's discard of a file's holes lets it skip zeroing inode tables.
    ftruncateSync(fd, bytes);
  } catch (e) {
    const code = errCode(e);
    const why =
      code === "EFBIG" ? "is larger than the cache dir's file system allows a file to be" : "failed";
    throw new SetupError(
      "scratch",
      `cannot create the disk scratch: its ${formatBytes(bytes)} image ${why} (${code})`,
      "scratch-memory",
    );
  } finally {
    closeSync(fd);
  }
  try {
    // No journal (a throwaway layer), no lazy init work left behind, root-owned 0755 top.
    childProcess().execFileSync(
      "mkfs.ext4",
      [
        "-q",
        "-F",
        "-O",
        "^has_journal",
        "-E",
        "lazy_itable_init=1,lazy_journal_init=1,root_owner=0:0",
        image,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
  } catch (e) {
    const why =
      errCode(e) === "ENOENT"
        ? "mkfs.ext4 (from e2fsprogs) is not installed"
        : `mkfs.ext4 failed on its ${formatBytes(bytes)} image: ${stderrOf(e)}`;
    throw new SetupError("scratch", `cannot create the disk scratch: ${why}`, "scratch-memory");
  }
  reserveImage(image, bytes);
}

/**
 * Gives the image all its blocks before the sandbox starts (after mkfs.ext4, whose discard would punch
 * them out again; mode 0 fills only the holes, which still read as zeros). Left sparse, a sandbox's
 * writes met a full cache file system only at the loop device's writeback: an 8 MB write on a cache with
 * 1.6 MiB free exited 0 and was lost (fdatasync said ENOSPC). Cost, allocating and (at unmount) freeing
 * the extents on ext4: ~0.3 ms for 512 MiB, ~15 ms for 8 GiB.
 */
function reserveImage(image: string, bytes: number): void {
  const { ENOSPC, EDQUOT, EINTR, EOPNOTSUPP } = constants.errno;
  const fd = openSync(image, "r+");
  try {
    for (;;) {
      if (libc().fallocate(fd, 0, 0, bytes) === 0) return;
      const errno = lastErrno();
      if (errno === EINTR) continue; // a signal during a long allocation (tmpfs checks): nothing kept
      // A file system without fallocate (NFS before 4.2, some FUSE): checkScratchRoom's look is all.
      if (errno === EOPNOTSUPP) return;
      if (errno === ENOSPC || errno === EDQUOT)
        throw noRoom(path.dirname(image), bytes, errno === EDQUOT ? "EDQUOT" : "ENOSPC");
      throw new SetupError(
        "scratch",
        `cannot create the disk scratch: reserving its ${formatBytes(bytes)} image failed (errno ${errno})`,
        "scratch-memory",
      );
    }
  } finally {
    closeSync(fd);
  }
}

/** Refuses a disk scratch of `bytes` when the file system of `dir` has less free than that (what
 *  non-root users may take: root's reserve is the system's, not a sandbox's). */
export function checkScratchRoom(dir: string, bytes: number): void {
  if (freeBytes(dir) < bytes) throw noRoom(dir, bytes);
}

function freeBytes(dir: string): number {
  const { bavail, bsize } = statfsSync(dir);
  return bavail * bsize;
}

function noRoom(dir: string, bytes: number, code?: string): SetupError {
  const why = code === "EDQUOT" ? " (EDQUOT: your disk quota is used up)" : code ? ` (${code})` : "";
  return new SetupError(
    "scratch",
    `cannot create the disk scratch: its ${formatBytes(bytes)} image needs that much room on the file system of '${dir}', which has ${formatBytes(freeBytes(dir))} free${why}`,
    "scratch-space",
  );
}

/** A tool's whole complaint on one line (mkfs.ext4 wraps one sentence over several). */
function stderrOf(e: unknown): string {
  const err = e as { stderr?: Buffer; message?: string };
  return (err.stderr?.toString() || err.message || String(e)).trim().replace(/\s*\n\s*/g, " ");
}

/** A kept writable layer in a plain new directory `dir` (to be renamed into a cache): on the cache's
 *  file system, no mount, no cap (used for nsbox's own package installation). */
export function createPlainScratch(dir: string): KeptScratch {
  mkdirSync(dir, { mode: 0o755 });
  let disposed = false;
  return {
    dir,
    kind: "plain",
    upper: path.join(dir, "upper"),
    mountUpper: (i) => path.join(dir, `m${i}`, "u"),
    dispose() {
      if (disposed) return;
      disposed = true;
      removeHostTree(dir);
    },
  };
}

/**
 * Detaches and removes kept layers of dead runs: their name carries the pid, and a live pid that started
 * after the layer was made is a reused one (common in containers), not its owner. Returns how many.
 */
export function cleanupStaleScratch(cacheDir: string): number {
  const base = keptBase(cacheDir);
  let removed = 0;
  let names: string[] = [];
  try {
    names = readdirSync(base);
  } catch {
    return 0;
  }
  const bootMs = bootTimeMs();
  for (const name of names) {
    const m = /^keep-(\d+)-[0-9a-f]+(\.img)?$/.exec(name);
    if (!m) continue;
    const dir = path.join(base, name);
    try {
      if (pidOwnerAlive(Number(m[1]), lstatSync(dir).mtimeMs, bootMs)) continue;
      // Whether a tmpfs or loop mount is on it or not: EINVAL when none is, which is fine.
      libc().umount2(dir, MNT_DETACH | UMOUNT_NOFOLLOW);
      removeHostTree(dir);
      removed++;
    } catch {}
  }
  return removed;
}
