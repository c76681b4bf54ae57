// Where output copies land: a directory tree on the host that live sandboxes may be able to write at the
// same time (the Action's `workspace: rw` with `parallel`, a CLI `--mount DIR:DEST:rw` holding the output
// dir) and whose existing entries a sandbox or a pull request's checkout may have planted (symlinks, fifos,
// hard links to other files). So nothing below the trusted root is reached by a path string: each directory
// is opened relative to its parent's descriptor with O_NOFOLLOW (through /proc/self/fd/N/NAME, Node's way
// to `openat`), a symlink swapped in at any moment ends that entry with ELOOP instead of being followed, and
// files are written to a new name (O_EXCL) and renamed over the final one, so an existing entry there is
// replaced, never opened: a fifo cannot block the copy, a hard link cannot carry it to another file.
// That new name carries the writer's pid (atomicTempName): one a kill left mid-copy is removed by the next
// copy into that directory (removeStaleTempsAt), one still being written is not.
import {
  closeSync,
  constants,
  fchownSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  unlinkSync,
} from "node:fs";
import path from "node:path";
import { atomicTempName, errCode, makeDirs, removeStaleAtomicTemps } from "../fs";
import { pidOwnerAlive } from "../proc";

export type Owner = { uid: number; gid: number } | null;

/** An open directory of the output tree: its descriptor, and its path for messages and claims. */
export interface DestDir {
  fd: number;
  path: string;
}

const at = (dir: DestDir, name: string) => `/proc/self/fd/${dir.fd}/${name}`;

const DIR_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * Opens (creating it when missing) `name` in `parent`, never through a symlink; a directory this call
 * created belongs to `owner`. Throws an Error whose message is the entry's skip reason.
 */
export function openDirAt(parent: DestDir, name: string, owner: Owner): DestDir {
  const where = path.join(parent.path, name);
  let created = false;
  for (;;) {
    try {
      const fd = openSync(at(parent, name), DIR_FLAGS);
      if (created && owner) fchownSync(fd, owner.uid, owner.gid);
      return { fd, path: where };
    } catch (e) {
      const code = errCode(e);
      // O_DIRECTORY wins over O_NOFOLLOW: a symlink is ENOTDIR too (lstat only words the message).
      if (code === "ELOOP" || (code === "ENOTDIR" && isSymlinkAt(parent, name)))
        throw new Error(`output directory ${where} is a symbolic link (not followed)`);
      if (code === "ENOTDIR") throw new Error(`output directory ${where} is not a directory`);
      if (code !== "ENOENT" || created) throw new Error(`output directory ${where}: ${code}`);
    }
    try {
      mkdirSync(at(parent, name), { mode: 0o755 });
      created = true;
    } catch (e) {
      if (errCode(e) !== "EEXIST") throw new Error(`output directory ${where}: ${errCode(e)}`);
      created = true; // someone else made it between our open and mkdir: open it, do not take it over
      owner = null;
    }
  }
}

function isSymlinkAt(parent: DestDir, name: string): boolean {
  try {
    return lstatSync(at(parent, name)).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Opens the directory `dir` (absolute): the part up to `trusted` is the caller's and opened as given; each
 * component below it is opened with `openDirAt` (created when missing, for `owner`).
 */
export function openDestDir(dir: string, trusted: string, owner: Owner): DestDir {
  const below = path.relative(trusted, dir);
  if (below.startsWith("..") || path.isAbsolute(below)) throw new Error(`${dir} is not under ${trusted}`);
  const made = makeDirs(trusted);
  // Only the directories made here become the owner's (one another process made meanwhile is its own).
  for (const d of made) {
    if (!owner) break;
    const fd = openSync(d, DIR_FLAGS);
    try {
      fchownSync(fd, owner.uid, owner.gid);
    } finally {
      closeSync(fd);
    }
  }
  let cur: DestDir = { fd: openSync(trusted, constants.O_RDONLY | constants.O_DIRECTORY), path: trusted };
  for (const c of below.split("/").filter(Boolean)) {
    try {
      const next = openDirAt(cur, c, owner);
      closeDest(cur);
      cur = next;
    } catch (e) {
      closeDest(cur);
      throw e;
    }
  }
  return cur;
}

export function closeDest(dir: DestDir): void {
  closeSync(dir.fd);
}

/** What a copied file's temp name starts with: `.nsbox.<pid>.<8 hex>.tmp`; no other name is swept. */
const TEMP_BASE = ".nsbox";

/**
 * Removes the temp files of writeNewFileAt in `dir` whose writer is gone (an engine killed mid-copy):
 * found by name in the open directory, lstat'ed and unlinked below its descriptor, so no link is
 * followed; a regular file only, one of a live writer (another run copying here now) kept. Returns how
 * many went.
 */
export function removeStaleTempsAt(dir: DestDir): number {
  return removeStaleAtomicTemps(
    `/proc/self/fd/${dir.fd}`,
    (pid, ctimeMs) => pidOwnerAlive(pid, ctimeMs),
    TEMP_BASE,
  );
}

/**
 * Writes a new file `name` in `dir` from `fill` (given the new file's descriptor; it returns a byte count,
 * or null to give up) and renames it over whatever `name` was. Returns fill's count, or null when the file
 * could not be made or fill gave up (nothing is left behind then).
 */
export function writeNewFileAt(
  dir: DestDir,
  name: string,
  mode: number,
  owner: Owner,
  fill: (fd: number) => number | null,
): number | null {
  const tmp = atomicTempName(TEMP_BASE);
  let fd = -1;
  try {
    fd = openSync(
      at(dir, tmp),
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      mode,
    );
    const n = fill(fd);
    if (n === null) throw new Error("gave up");
    if (owner) fchownSync(fd, owner.uid, owner.gid);
    closeSync(fd);
    fd = -1;
    renameSync(at(dir, tmp), at(dir, name));
    return n;
  } catch {
    if (fd >= 0) closeSync(fd);
    try {
      unlinkSync(at(dir, tmp));
    } catch {}
    return null;
  }
}
