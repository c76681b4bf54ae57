// One process at a time prepares a given cache entry (downloads and extracts a rootfs tree, installs a
// package layer): the others wait for it, then find the entry committed and use it, instead of each doing
// the same work at once (N cold runs started together: N downloads and extractions, N installs).
// An exclusive flock on <cacheDir>/locks/<name>.lock, removed by its holder as it lets go; the kernel
// drops the lock however the holder dies (the file then stays, for the next run's stale sweep, `nsbox
// cleanup` or `nsbox cache prune`: removeIdleLocks).
import { closeSync, constants, fstatSync, openSync, readdirSync, statSync, unlinkSync } from "node:fs";
import path from "node:path";
import { EWOULDBLOCK, flock, LOCK_EX, LOCK_NB } from "../flock";
import { makeDirs, unlinkQuiet } from "../fs";
import { loadLibc } from "../libc";
import { sleepUnlessAborted } from "../sleep";
import { CancelledError, throwIfCancelled } from "../types";

// A wait is for a download, an extraction or an install (a second to minutes): a poll this often costs
// nothing, and is what lets an abort end the wait at once (a blocking flock would hold the event loop).
const POLL_MS = 50;

const locksDir = (cacheDir: string) => path.join(cacheDir, "locks");

/**
 * Holds the preparation lock of entry `name` until the returned release() (or this process's end). While
 * another process holds it, waits (onWait is called once, when the wait begins); an abort ends the wait at
 * once with CancelledError. A cache where the lock cannot be had (read-only, another user's, a file system
 * without flock) goes without: the commit's rename still keeps the entry whole, the work may just be done
 * twice.
 */
export async function lockPreparation(
  cacheDir: string,
  name: string,
  opts: { signal?: AbortSignal; onWait?: () => void } = {},
): Promise<() => void> {
  await loadLibc();
  const file = path.join(locksDir(cacheDir), `${name}.lock`);
  let waiting = false;
  for (;;) {
    throwIfCancelled(opts.signal);
    const fd = openLockFile(file);
    if (fd === null) return () => {};
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
      return () => {};
    }
    // The holder we waited for removed the file as it let go (or a prune did): a lock on a file no longer
    // at the path excludes nobody, so take the one that is there now.
    if (atPath(fd, file)) return releaseOnce(fd, file);
    closeSync(fd);
  }
}

function openLockFile(file: string): number | null {
  try {
    makeDirs(path.dirname(file));
    // Read-only is enough for flock: another user's lock file still works for one who may read it.
    return openSync(file, constants.O_RDONLY | constants.O_CREAT, 0o644);
  } catch {
    return null;
  }
}

function atPath(fd: number, file: string): boolean {
  try {
    const [open, named] = [fstatSync(fd), statSync(file)];
    return open.ino === named.ino && open.dev === named.dev;
  } catch {
    return false;
  }
}

/** Removes the file while still holding it (so no lock file outlives its use), then lets go. */
function releaseOnce(fd: number, file: string): () => void {
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    unlinkQuiet(file);
    closeSync(fd);
  };
}

/**
 * Removes the lock files no process holds (the stale sweep, `nsbox cache prune`): those of holders killed
 * before they let go. One is taken before its removal, as a holder does, so no wait is ever broken.
 * Returns how many.
 */
export async function removeIdleLocks(cacheDir: string): Promise<number> {
  await loadLibc();
  let names: string[];
  try {
    names = readdirSync(locksDir(cacheDir)).filter((n) => n.endsWith(".lock"));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const n of names) {
    const file = path.join(locksDir(cacheDir), n);
    let fd: number;
    try {
      fd = openSync(file, constants.O_RDONLY);
    } catch {
      continue;
    }
    try {
      if (flock(fd, LOCK_EX | LOCK_NB) !== 0 || !atPath(fd, file)) continue;
      unlinkSync(file);
      removed++;
    } catch {
      // not ours to remove
    } finally {
      closeSync(fd);
    }
  }
  return removed;
}
