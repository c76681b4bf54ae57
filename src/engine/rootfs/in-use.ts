// Which cache entries (rootfs trees, package layers) a live session stands on: each session holds a
// shared flock on the directory of each entry it uses until it closes, and the kernel drops it when the
// process dies however it dies. `nsbox cache prune` keeps an entry whose exclusive lock it cannot take,
// whatever its last-use time says: a session may run for hours, and its mark is set only when it opens.
import { closeSync, constants, openSync } from "node:fs";
import { EWOULDBLOCK, flock, LOCK_EX, LOCK_NB, LOCK_SH } from "../flock";

function openDir(dir: string): number | null {
  try {
    return openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  } catch {
    return null;
  }
}

/**
 * Marks `dir` in use until the returned release() (or this process's end). An entry that cannot be opened
 * is not marked: its last-use time still protects it for the hour after this use.
 */
export function holdInUse(dir: string): () => void {
  const fd = openDir(dir);
  if (fd === null) return () => {};
  // Blocks only while a prune looks at this entry (it takes and drops its lock at once).
  if (flock(fd, LOCK_SH) !== 0) {
    closeSync(fd);
    return () => {};
  }
  let open = true;
  return () => {
    if (open) closeSync(fd);
    open = false;
  };
}

/** Whether a live process holds `dir` in use (its shared lock keeps this exclusive one away). */
export function heldInUse(dir: string): boolean {
  const fd = openDir(dir);
  if (fd === null) return false;
  try {
    return flock(fd, LOCK_EX | LOCK_NB) === EWOULDBLOCK;
  } finally {
    closeSync(fd); // drops the lock, if it was taken
  }
}
