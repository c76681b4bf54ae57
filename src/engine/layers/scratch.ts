// A writable layer the engine keeps after its sandbox ends (spec `scratch_keep=1`): needed to copy result
// files out, to turn a setup sandbox's changes into a layer, and for `--scratch disk`. Otherwise the
// helper mounts a private tmpfs that dies with it (the fast path).
//   memory: a tmpfs of the sandbox's size cap, mounted by the engine on its own dir (root mode).
//   disk:   a sparse file under the cache dir, formatted ext4 and loop-mounted: the cap is the file
//           system's size, which holds whatever the sandbox writes (quota-free, works on any host fs).
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
} from "node:fs";
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
const libc = libcCalls<{ mount: MountFn; umount2: Umount2Fn }>({
  mount: "int mount(const char *, const char *, const char *, unsigned long, const char *)",
  umount2: "int umount2(const char *, int)",
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
  const fd = openSync(image, "wx", 0o600);
  try {
    ftruncateSync(fd, bytes); // sparse: blocks are only used as the sandbox writes
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
