// The engine's one set of host-filesystem helpers: read a file or null, write through a rename, remove
// quietly, remove a whole tree, hash content; read a file someone else could have planted
// (readRegularFile), and clear the setuid/setgid bits of a tree a sandbox wrote (clearSetidBits). The rest
// works on the host's own files (caches, state dirs); a sandbox's files are read by outputs/copy.ts, which
// never follows what they point to. Random names come from here too.
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rm,
  rmSync,
  statfsSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { childPath, namesOf } from "./file-names";
import { UsageError } from "./types";

/** The errno code of a failed fs call (`ENOENT`, …), `EUNKNOWN` for anything else. */
export function errCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? "EUNKNOWN";
}

// node:crypto takes ~4 ms to load, which a warm run (cached rootfs, nothing to hash) never needs: it is
// loaded on a hash's first use, and random bytes come from the same kernel source it would read.
const crypto = () => process.getBuiltinModule("node:crypto");

/** The sha256 of some content, in hex (tarballs, cached files, repository indexes). */
export function sha256Hex(data: Buffer | string): string {
  return crypto().createHash("sha256").update(data).digest("hex");
}

const HASH_CHUNK = 256 * 1024;
let hashBuffer: Buffer | null = null;

/**
 * The sha256 of a file's content, in hex, read in chunks through one reused buffer: a layer's files (a
 * toolchain's binaries) are never held whole, and hashing a 767 KB binary takes ~0.5 ms instead of ~0.9.
 */
export function sha256File(file: string | Buffer): string {
  hashBuffer ??= Buffer.allocUnsafe(HASH_CHUNK);
  const buf = hashBuffer;
  const hash = crypto().createHash("sha256");
  const fd = openSync(file, "r");
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, HASH_CHUNK, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

/** Unpredictable bytes (names, tokens) from /dev/urandom, or from node:crypto where it cannot be opened. */
export function randomBytes(n: number): Buffer {
  const buf = Buffer.alloc(n);
  let fd: number;
  try {
    fd = openSync("/dev/urandom", "r");
  } catch {
    return crypto().randomBytes(n);
  }
  try {
    for (let got = 0; got < n; ) got += readSync(fd, buf, got, n - got, null);
  } finally {
    closeSync(fd);
  }
  return buf;
}

/** A text file's content, or null when it cannot be read (missing, a directory, no permission). */
export function readTextOrNull(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** A JSON file's value, or null when it cannot be read or parsed (the caller checks its shape). */
export function readJsonOrNull(file: string): unknown {
  const text = readTextOrNull(file);
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Why readRegularFile refused a file; the caller words it (which input, which fix). */
export class RefusedFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: "missing" | "symlink" | "not-a-file" | "too-large" | "unreadable",
    readonly code: string, // the errno code when the open failed, else ""
  ) {
    super(`${path}: ${reason}${code ? ` (${code})` : ""}`);
  }
}

/**
 * The first `n` bytes of a file (fewer when it is shorter), never through a symbolic link at its last
 * component nor blocking on a fifo; null when it cannot be opened or read (missing, a directory).
 */
export function readHead(path: string, n: number): Buffer | null {
  let fd: number;
  try {
    fd = openSync(
      path,
      constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY,
    );
  } catch {
    return null;
  }
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * A file that another party could have put there (a workspace a sandbox wrote, another job's artifact):
 * read without following a symbolic link at its last component, without blocking on a fifo or taking a
 * terminal, and only when it is a regular file of at most maxBytes. Throws RefusedFileError otherwise.
 */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(
      path,
      constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY,
    );
  } catch (e) {
    const code = errCode(e);
    const reason = code === "ENOENT" ? "missing" : code === "ELOOP" ? "symlink" : "unreadable";
    throw new RefusedFileError(path, reason, code);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new RefusedFileError(path, "not-a-file", "");
    if (st.size > maxBytes) throw new RefusedFileError(path, "too-large", "");
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * readRegularFile of `root`/`names…` in a tree another party wrote (a sandbox's layer), with no symbolic
 * link followed anywhere below `root`: each directory on the way is opened relative to the one before
 * with O_NOFOLLOW (through /proc/self/fd/N/NAME, Node's way to `openat`), the file by readRegularFile.
 * Throws RefusedFileError (for `root`/`names…`): "symlink" also for a directory on the way that is one
 * or is no directory at all.
 */
export function readRegularFileBelow(root: string, names: string[], maxBytes: number): Buffer {
  const shown = path.join(root, ...names);
  const refused = (e: unknown, dirOnTheWay: boolean) => {
    if (e instanceof RefusedFileError) return new RefusedFileError(shown, e.reason, e.code);
    const code = errCode(e);
    // O_DIRECTORY wins over O_NOFOLLOW: a symlink on the way is ENOTDIR, like a file there.
    const link = code === "ELOOP" || (dirOnTheWay && code === "ENOTDIR");
    return new RefusedFileError(shown, code === "ENOENT" ? "missing" : link ? "symlink" : "unreadable", code);
  };
  let fd: number;
  try {
    fd = openSync(root, constants.O_RDONLY | constants.O_DIRECTORY);
  } catch (e) {
    throw refused(e, false);
  }
  try {
    for (const name of names.slice(0, -1)) {
      const next = openSync(
        `/proc/self/fd/${fd}/${name}`,
        constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW | constants.O_NONBLOCK,
      );
      closeSync(fd);
      fd = next;
    }
    return readRegularFile(`/proc/self/fd/${fd}/${names.at(-1)}`, maxBytes);
  } catch (e) {
    throw refused(e, true);
  } finally {
    closeSync(fd);
  }
}

const O_PATH = 0o10000000; // Linux's, the same on x86_64 and aarch64; node's fs.constants lacks it

/**
 * S_ISUID | S_ISGID: never kept in the cache. A file there is owned by the sandboxes' host uid (or, rootless,
 * the caller's), so with either bit any local user who runs it becomes that uid (and could rewrite every
 * cached tree, or signal running sandboxes); inside a sandbox no_new_privs makes the bits inert anyway.
 */
export const SETID_BITS = 0o6000;

/**
 * Clears S_ISUID and S_ISGID on every regular file and directory of a host tree whose writers are all gone,
 * never following a symlink: each entry is lstat'ed, opened O_PATH|O_NOFOLLOW (no read access needed),
 * checked to be the inode lstat saw, and changed through that descriptor (by its /proc/self/fd link:
 * fchmod refuses an O_PATH descriptor). Throws on anything it cannot clear. Returns how many it changed.
 */
export function clearSetidBits(dir: string): number {
  let changed = 0;
  // By bytes: a sandbox may leave names that are not UTF-8 (file-names.ts).
  const visit = (abs: string | Buffer) => {
    const st = lstatSync(abs);
    if (!st.isFile() && !st.isDirectory()) return;
    if (st.mode & SETID_BITS) {
      const fd = openSync(abs, O_PATH | constants.O_NOFOLLOW);
      try {
        const now = fstatSync(fd);
        if (now.ino !== st.ino || now.dev !== st.dev) throw new Error(`${abs.toString()} was replaced`);
        chmodSync(`/proc/self/fd/${fd}`, now.mode & 0o1777);
        changed++;
      } finally {
        closeSync(fd);
      }
    }
    if (st.isDirectory()) for (const name of namesOf(abs)) visit(childPath(abs, name));
  };
  visit(dir);
  return changed;
}

/**
 * Through a temp file and a rename: a reader sees the old content, the new one, or none. The temp file is
 * new (O_EXCL: never a link or a fifo someone left there) and whatever `file` was is replaced, never opened.
 */
export function writeFileAtomic(file: string, data: string, mode = 0o600): void {
  const tmp = atomicTempName(file);
  try {
    writeFileSync(tmp, data, { mode, flag: "wx" });
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Writes all of `buf[0, n)` to fd (a write may take less than it was given). */
export function writeAll(fd: number, buf: Buffer, n: number): void {
  for (let off = 0; off < n; ) off += writeSync(fd, buf, off, n - off);
}

/** unlink that reports instead of throwing: true when the file was removed by this call. */
export function unlinkQuiet(file: string): boolean {
  try {
    unlinkSync(file);
    return true;
  } catch {
    return false;
  }
}

/** The real path of `p`, which need not exist yet (a cache dir still to be made): its nearest existing
 *  ancestor's real path, plus the rest. */
export function realPathAhead(p: string): string {
  let existing = path.resolve(p);
  const rest: string[] = [];
  while (!existsSync(existing) && path.dirname(existing) !== existing) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  return path.join(realpathSync(existing), ...rest);
}

export function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** rm -rf of a host directory tree that also works without root on trees holding 0555 directories. */
export function removeHostTree(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    openDirs(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** removeHostTree on libuv's threads: for a removal off the caller's path (DeferredRemovals). */
export async function removeHostTreeLater(dir: string): Promise<void> {
  const remove = () =>
    new Promise<void>((resolve, reject) =>
      rm(dir, { recursive: true, force: true }, (err) => (err ? reject(err) : resolve())),
    );
  try {
    await remove();
  } catch {
    openDirs(dir);
    await remove();
  }
}

function openDirs(dir: string): void {
  try {
    chmodSync(dir, 0o700);
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      if (d.isDirectory()) openDirs(path.join(dir, d.name));
    }
  } catch {
    // best effort; the rm that follows reports what is left
  }
}

/**
 * The temp file a write to `file` goes through before its rename: `<file>.<pid>.<8 hex>.tmp`, named by
 * its writer's pid so that one a kill left behind can be told from one still being written
 * (removeStaleAtomicTemps; ATOMIC_TEMP reads it back).
 */
export function atomicTempName(file: string): string {
  return `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
}

/** atomicTempName's form: [1] the file written, [2] the writer's pid. */
const ATOMIC_TEMP = /^(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Removes the temp files of atomicTempName in `dir` whose writer is gone (a kill between the write and the
 * rename leaves one, which no later write replaces): only regular files, by lstat (`dir` may be a
 * /proc/self/fd/N path: then nothing below the open directory is followed). `ownerAlive` judges a pid
 * against the file's ctime (proc.ts pidOwnerAlive: a reused pid started later is not the owner). `only`:
 * the temps of that one file name, in a directory whose other names are not nsbox's. Returns how many went.
 */
export function removeStaleAtomicTemps(
  dir: string,
  ownerAlive: (pid: number, ctimeMs: number) => boolean,
  only?: string,
): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const m = ATOMIC_TEMP.exec(name);
    if (!m || (only !== undefined && m[1] !== only)) continue;
    const file = path.join(dir, name);
    const st = lstatSync(file, { throwIfNoEntry: false });
    if (!st?.isFile() || ownerAlive(Number(m[2]), st.ctimeMs)) continue;
    if (unlinkQuiet(file)) removed++;
  }
  return removed;
}

/**
 * mkdir -p without Node's recursive mkdir, which retries ENOENT for ever (the event loop held, no signal
 * handled) where a kernel file system answers it under an existing parent (`/proc/x/y`): each missing
 * component is made in turn and an error thrown as it comes. A component another process made meanwhile
 * (runs started together on a new cache or output dir) is taken as there, not as made here. Returns the
 * directories made here, parents first.
 */
export function makeDirs(dir: string, mode = 0o755): string[] {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !existsSync(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  return makeMissingDirs(missing, mode);
}

/** makeDirs' second half: the dirs found missing, parents first, made; those made here returned. */
export function makeMissingDirs(missing: string[], mode: number): string[] {
  const made: string[] = [];
  for (const d of missing) {
    try {
      mkdirSync(d, { mode });
      made.push(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || !statSync(d).isDirectory()) throw err;
    }
  }
  return made;
}

function isDanglingLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false; // missing, or under a non-directory (ENOTDIR): not a link
  }
}

// Kernel file systems (statfs f_type): nothing of a run's belongs there, and mkdir in them misleads.
const PSEUDO_FS = new Map<number, string>([
  [0x9fa0, "proc"],
  [0x62656572, "sysfs"],
  [0x27e0eb, "cgroup"],
  [0x63677270, "cgroup2"],
  [0x64626720, "debugfs"],
  [0x74726163, "tracefs"],
  [0x73636673, "securityfs"],
  [0xcafe4a11, "bpf"],
  [0x1cd1, "devpts"],
]);

/**
 * Checks, before anything is written, that `dir` is (or can be made, as makeDirs would) a writable
 * directory of a real file system: an existing non-directory, a link to nothing, a read-only or
 * unwritable place, or a kernel file system would otherwise fail half-way with a misleading errno, or
 * hang. Throws UsageError `<what>: '<shown>' <why>; <hint>` (`shown`: the file, for a file's dir; `hint`:
 * the front end's words).
 */
export function checkWritableDir(what: string, dir: string, hint: string, shown = dir): void {
  let existing = path.resolve(dir);
  while (!existsSync(existing) && path.dirname(existing) !== existing) {
    if (isDanglingLink(existing))
      throw new UsageError(
        `${what}: '${shown}' cannot be made: '${existing}' is a symbolic link to nothing; ${hint}`,
      );
    existing = path.dirname(existing);
  }
  // The dir itself is named as it is; a file, or a dir still to be made, by what stands in its way.
  const where = (why: string) =>
    existing === shown ? why : `cannot be ${shown === dir ? "created" : "written"}: '${existing}' ${why}`;
  if (!statSync(existing).isDirectory())
    throw new UsageError(`${what}: '${shown}' ${where("is not a directory")}; ${hint}`);
  const pseudo = PSEUDO_FS.get(statfsSync(existing).type);
  if (pseudo)
    throw new UsageError(`${what}: '${shown}' ${where(`is on the kernel's ${pseudo} file system`)}; ${hint}`);
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch (err) {
    const why = errCode(err) === "EROFS" ? "is on a read-only file system" : "is not writable";
    throw new UsageError(`${what}: '${shown}' ${where(why)}; ${hint}`);
  }
}
