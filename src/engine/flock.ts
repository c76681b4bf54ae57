// flock(2) for the cache's locks (in-use marks, preparation locks): bound on first use, retried on EINTR.
import { lastErrno, libcCalls } from "./libc";

export const LOCK_SH = 1;
export const LOCK_EX = 2;
export const LOCK_NB = 4;
const EINTR = 4;
export const EWOULDBLOCK = 11;

const calls = libcCalls<{ flock(fd: number, op: number): number }>({ flock: "int flock(int, int)" });

/** 0 when the lock was taken, else the errno (EWOULDBLOCK: another holds it and LOCK_NB was given). */
export function flock(fd: number, op: number): number {
  while (calls().flock(fd, op) < 0) {
    const e = lastErrno();
    if (e !== EINTR) return e;
  }
  return 0;
}
