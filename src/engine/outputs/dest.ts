// Where output copies land: a directory tree on the host that live sandboxes may be able to write at the
// same time (the Action's `workspace: rw` with `parallel`, a CLI `--mount DIR:DEST:rw` holding the output
// dir) and whose existing entries a sandbox or a pull request's checkout may have planted (symlinks, fifos,
// hard links to other files). So nothing below the trusted root is reached by a path string: each directory
// is opened relative to its parent's descriptor with O_NOFOLLOW (through /proc/self/fd/N/NAME, Node's way
// to `openat`), a symlink swapped in at any moment ends that entry with ELOOP instead of being followed, and
// files are written to a new file and put in place by a link or a rename, so an existing entry there is
// replaced, never opened: a fifo cannot block the copy, a hard link cannot carry it to another file. The new
// file has no name while it fills (O_TMPFILE): a run killed mid-copy leaves nothing in the caller's
// directory, where no cleanup could know to look. Where a name is needed (a file system without O_TMPFILE
// or that refuses to link such a file, probed once per directory; the instant between the link and the
// rename over an existing entry) it carries the writer's pid (atomicTempName), and the next copy into that
// directory removes one whose writer is gone (readyForFiles).
import { closeSync, constants, fchownSync, lstatSync, mkdirSync, openSync, renameSync } from "node:fs";
import path from "node:path";
import { atomicTempName, errCode, makeDirs, removeStaleAtomicTemps, unlinkQuiet } from "../fs";
import { lastErrno, libcCalls } from "../libc";
import { pidOwnerAlive } from "../proc";

export type Owner = { uid: number; gid: number } | null;

/** An open directory of the output tree: its descriptor, and its path for messages and claims. */
export interface DestDir {
  fd: number;
  path: string;
  /** How files are made here, once probed (readyForFiles; a copy hands it on to the same path reopened). */
  way?: FileWay;
}

/**
 * How writeNewFileAt makes a file in a directory: "unnamed" (O_TMPFILE, then linkat) where a probe finds
 * both work there, else "named" (a temp name, then a rename).
 */
export type FileWay = "unnamed" | "named";

let namedOnly = false;

/**
 * Makes every directory take the named way, probe or not. For tests: the file systems they run on all
 * have O_TMPFILE, and the hostile-directory cases must hold down the named way too.
 */
export function forceNamedFiles(on: boolean): void {
  namedOnly = on;
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
 * Readies `dir` for the first file a copy writes there (once per directory and copy): removes the temp
 * files of writeNewFileAt a gone writer left (an engine killed mid-copy where the file system has no
 * O_TMPFILE, or between a link and its rename), found by name in the open directory, lstat'ed and unlinked
 * below its descriptor, so no link is followed; a regular file only, one of a live writer (another run
 * copying here now) kept; best effort, never the copy's failure. Then probes how files are made here.
 */
export function readyForFiles(dir: DestDir): FileWay {
  try {
    removeStaleAtomicTemps(`/proc/self/fd/${dir.fd}`, pidOwnerAlive, TEMP_BASE);
  } catch {
    // a leftover that cannot be removed now is the next copy's to try
  }
  return fileWay(dir);
}

/**
 * Writes a new file `name` in `dir` from `fill` (given the new file's descriptor; it returns a byte count,
 * or null to give up) and puts it in place over whatever `name` was. Returns fill's count, or null when the
 * file could not be made or fill gave up (nothing is left behind then, nor when this process is killed
 * meanwhile: the file is nameless until it is whole).
 */
export function writeNewFileAt(
  dir: DestDir,
  name: string,
  mode: number,
  owner: Owner,
  fill: (fd: number) => number | null,
): number | null {
  if (fileWay(dir) === "named") return writeNamedFileAt(dir, name, mode, owner, fill);
  let fd = -1;
  try {
    fd = openUnnamed(dir, mode);
  } catch {
    return writeNamedFileAt(dir, name, mode, owner, fill); // out of descriptors, say: nothing read yet
  }
  try {
    const n = fill(fd);
    if (n === null) return null;
    if (owner) fchownSync(fd, owner.uid, owner.gid);
    if (linkUnnamed(fd, at(dir, name)) === 0) return n;
    if (lastErrno() !== EEXIST) return null;
    // An entry is there: a name of our own for an instant, then the rename replaces it at once.
    const tmp = at(dir, atomicTempName(TEMP_BASE));
    if (linkUnnamed(fd, tmp) !== 0) return null;
    try {
      renameSync(tmp, at(dir, name));
    } catch {
      unlinkQuiet(tmp);
      return null;
    }
    return n;
  } catch {
    return null;
  } finally {
    closeSync(fd); // an unlinked O_TMPFILE file is freed here
  }
}

// O_TMPFILE is __O_TMPFILE with O_DIRECTORY, whose value differs by architecture (Node has no constant).
const O_TMPFILE = 0o20000000 | constants.O_DIRECTORY;
const AT_FDCWD = -100;
const AT_SYMLINK_FOLLOW = 0x400;
const EEXIST = 17;
const libc = libcCalls<{ linkat(a: number, b: string, c: number, d: string, e: number): number }>({
  linkat: "int linkat(int, const char *, int, const char *, int)",
});

/** How files are made in `dir`: probed once (readyForFiles, or at its first file), then kept on it. */
function fileWay(dir: DestDir): FileWay {
  if (namedOnly) return "named";
  dir.way ??= unnamedLinks(dir) ? "unnamed" : "named";
  return dir.way;
}

/**
 * Whether an unnamed file made in `dir` can be linked in: some file systems have O_TMPFILE but refuse the
 * link (EPERM, EOPNOTSUPP), found only after the file is filled, when its input is read and a retry the
 * named way has nothing to copy. An empty one, linked under a temp name (swept like any when a kill
 * leaves it) and unlinked at once.
 */
function unnamedLinks(dir: DestDir): boolean {
  let fd: number;
  try {
    fd = openUnnamed(dir, 0o600);
  } catch {
    return false; // a file system without O_TMPFILE
  }
  try {
    const tmp = at(dir, atomicTempName(TEMP_BASE));
    if (linkUnnamed(fd, tmp) !== 0) return false;
    unlinkQuiet(tmp);
    return true;
  } finally {
    closeSync(fd);
  }
}

/** A new file without a name in `dir` (throws where the file system has no O_TMPFILE). */
function openUnnamed(dir: DestDir, mode: number): number {
  // `.` after the descriptor's magic link: O_TMPFILE takes the directory itself.
  return openSync(`/proc/self/fd/${dir.fd}/.`, O_TMPFILE | constants.O_WRONLY, mode);
}

/** Gives the unnamed file `fd` the name `to` (linkat through /proc needs no CAP_DAC_READ_SEARCH, unlike
 *  AT_EMPTY_PATH); 0, or -1 with errno (EEXIST: `to` is taken, never replaced). */
function linkUnnamed(fd: number, to: string): number {
  return libc().linkat(AT_FDCWD, `/proc/self/fd/${fd}`, AT_FDCWD, to, AT_SYMLINK_FOLLOW);
}

/** writeNewFileAt where an unnamed file cannot be had or linked: the file fills under a temp name
 *  (O_EXCL), then is renamed. */
function writeNamedFileAt(
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
    unlinkQuiet(at(dir, tmp));
    return null;
  }
}
