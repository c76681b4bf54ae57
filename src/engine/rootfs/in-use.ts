// Which cache entries (rootfs trees, package layers) a live session stands on: each session holds a
// shared flock on the directory of each entry it uses until it closes, and the kernel drops it when the
// process dies however it dies. `nsbox cache prune` keeps an entry whose exclusive lock it cannot take,
// whatever its last-use time says: a session may run for hours, and its mark is set only when it opens.
import { closeSync, constants, openSync } from "node:fs";
import { lastErrno, libcCalls } from "../libc";

const LOCK_SH = 1;
const LOCK_EX = 2;
const LOCK_NB = 4;
const EINTR = 4;
const EWOULDBLOCK = 11;

const calls = libcCalls<{ flock(fd: number, op: number): number }>({ flock: "int flock(int, int)" });

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
  let r = calls().flock(fd, LOCK_SH);
  while (r < 0 && lastErrno() === EINTR) r = calls().flock(fd, LOCK_SH);
  if (r < 0) {
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
    return calls().flock(fd, LOCK_EX | LOCK_NB) < 0 && lastErrno() === EWOULDBLOCK;
  } finally {
    closeSync(fd); // drops the lock, if it was taken
  }
}
