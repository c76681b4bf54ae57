// One process at a time prepares a given cache entry (downloads and extracts a rootfs tree, installs a
// package layer): the others wait for it, then find the entry committed and use it, instead of each doing
// the same work at once (N cold runs started together: N downloads and extractions, N installs).
// An exclusive flock on <cacheDir>/locks/<name>.lock, removed by its holder as it lets go; the kernel
// drops the lock however the holder dies (the file then stays, for the next run's stale sweep, `nsbox
// cleanup` or `nsbox cache prune`: removeIdleLocks). The locks dir is reached once by path, never through a
// symlink, and everything in it relative to its descriptor (/proc/self/fd/N/NAME); no entry is ever
// followed or waited on: a fifo or a symlink planted at a lock's name (another user who may write the
// cache) would otherwise hang every run at its open, or have a sweep unlink files wherever it points. The
// same sweeps remove such a planted entry (the run before them goes without the lock).
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, unlinkSync } from "node:fs";
import path from "node:path";
import { EWOULDBLOCK, flock, LOCK_EX, LOCK_NB } from "../flock";
import { makeDirs, unlinkQuiet } from "../fs";
import { loadLibc } from "../libc";
import { sleepUnlessAborted } from "../sleep";
import { CancelledError, throwIfCancelled } from "../types";

// A wait is for a download, an extraction or an install (a second to minutes): a poll this often costs
// nothing, and is what lets an abort end the wait at once (a blocking flock would hold the event loop).
const POLL_MS = 50;

// The locks dir (made when missing, for a lock) is opened once by path, not followed when it is a
// symlink: everything in it is reached below this descriptor.
const DIR_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
// A lock file is opened without following a symlink, without blocking on a fifo (a blocking open of one
// with no writer never returns, and holds the event loop) and without taking a terminal; then used only
// when it is a regular file.
const FILE_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY;

const at = (dirFd: number, name: string) => `/proc/self/fd/${dirFd}/${name}`;

function openLocksDir(cacheDir: string, create: boolean): number | null {
  const dir = path.join(cacheDir, "locks");
  try {
    if (create) makeDirs(dir);
    return openSync(dir, DIR_FLAGS);
  } catch {
    return null;
  }
}

/**
 * Holds the preparation lock of entry `name` until the returned release() (or this process's end). While
 * another process holds it, waits (onWait is called once, when the wait begins); an abort ends the wait at
 * once with CancelledError. A cache where the lock cannot be had (read-only, another user's, a file system
 * without flock, a locks dir that is a symlink, something not a regular file at the lock's name) goes
 * without: the commit's rename still keeps the entry whole, the work may just be done twice.
 */
export async function lockPreparation(
  cacheDir: string,
  name: string,
  opts: { signal?: AbortSignal; onWait?: () => void } = {},
): Promise<() => void> {
  await loadLibc();
  const dir = openLocksDir(cacheDir, true);
  if (dir === null) return () => {};
  const file = `${name}.lock`;
  let waiting = false;
  try {
    for (;;) {
      throwIfCancelled(opts.signal);
      const fd = openLockFile(dir, file);
      if (fd === null) break;
      let r = flock(fd, LOCK_EX | LOCK_NB);
      while (r === EWOULDBLOCK) {
        if (!waiting) opts.onWait?.();
        waiting = true;
        await sleepUnlessAborted(POLL_MS, opts.signal);
        if (opts.signal?.aborted) {
          closeSync(fd);
          throw new CancelledError(opts.signal.reason);
        }
        r = flock(fd, LOCK_EX | LOCK_NB);
      }
      if (r !== 0) {
        closeSync(fd);
        break;
      }
      // The holder we waited for removed the file as it let go (or a prune did): a lock on a file no
      // longer at the name excludes nobody, so take the one that is there now.
      if (atName(fd, dir, file)) return releaseOnce(fd, dir, file);
      closeSync(fd);
    }
  } catch (e) {
    closeSync(dir);
    throw e;
  }
  closeSync(dir);
  return () => {};
}

/** The lock file `file` in the locks dir, created when missing; null when it cannot be had or is no
 *  regular file (a planted fifo, device or symlink: never followed, never waited on). */
function openLockFile(dir: number, file: string): number | null {
  let fd: number;
  try {
    // Read-only is enough for flock: another user's lock file still works for one who may read it.
    fd = openSync(at(dir, file), FILE_FLAGS | constants.O_CREAT, 0o644);
  } catch {
    return null;
  }
  if (isRegular(fd)) return fd;
  closeSync(fd);
  return null;
}

function isRegular(fd: number): boolean {
  try {
    return fstatSync(fd).isFile();
  } catch {
    return false;
  }
}

function atName(fd: number, dir: number, file: string): boolean {
  try {
    const [open, named] = [fstatSync(fd), lstatSync(at(dir, file))];
    return open.ino === named.ino && open.dev === named.dev;
  } catch {
    return false;
  }
}

/** Removes the file while still holding it (so no lock file outlives its use), then lets go. */
function releaseOnce(fd: number, dir: number, file: string): () => void {
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    unlinkQuiet(at(dir, file));
    closeSync(fd);
    closeSync(dir);
  };
}

/**
 * Removes what was planted at a lock's name and is not a lock nsbox would make (a fifo, a symlink, a
 * socket, a device): lockPreparation goes without a lock while it is there, so every preparation of that
 * entry could run twice at once until it goes. unlink never follows the name's last component, so a
 * symlink's target stays. A directory is left (not ours to empty).
 */
function removePlanted(dir: number, name: string): boolean {
  try {
    const st = lstatSync(at(dir, name));
    if (st.isFile() || st.isDirectory()) return false;
    unlinkSync(at(dir, name));
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes the lock files no process holds (the stale sweep, `nsbox cache prune`): those of holders killed
 * before they let go. One is taken before its removal, as a holder does, so no wait is ever broken; and
 * anything planted at a lock's name (removePlanted). Only in a locks dir that is no symlink. Returns how
 * many.
 */
export async function removeIdleLocks(cacheDir: string): Promise<number> {
  await loadLibc();
  const dir = openLocksDir(cacheDir, false);
  if (dir === null) return 0;
  let removed = 0;
  try {
    for (const n of readdirSync(at(dir, "")).filter((n) => n.endsWith(".lock"))) {
      if (removePlanted(dir, n)) {
        removed++;
        continue;
      }
      let fd: number;
      try {
        fd = openSync(at(dir, n), FILE_FLAGS);
      } catch {
        continue;
      }
      try {
        if (!isRegular(fd) || flock(fd, LOCK_EX | LOCK_NB) !== 0 || !atName(fd, dir, n)) continue;
        unlinkSync(at(dir, n));
        removed++;
      } catch {
        // not ours to remove
      } finally {
        closeSync(fd);
      }
    }
  } catch {
    // an unreadable locks dir: nothing to remove
  } finally {
    closeSync(dir);
  }
  return removed;
}
