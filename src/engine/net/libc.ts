// The few libc calls the network layer needs, bound lazily through koffi (loading costs ~8 ms).
import { lastErrno, libcCalls } from "../libc";

export interface Libc {
  socket(domain: number, type: number, protocol: number): number;
  setsockopt(fd: number, level: number, name: number, value: Buffer, len: number): number;
  sendto(fd: number, buf: Buffer, len: number, flags: number, addr: Buffer, addrlen: number): number;
  recv(fd: number, buf: Buffer, len: number, flags: number): number;
  close(fd: number): number;
  flock(fd: number, op: number): number;
  errno(): number;
}

const calls = libcCalls<Omit<Libc, "errno">>({
  socket: "int socket(int, int, int)",
  setsockopt: "int setsockopt(int, int, int, const void *, uint32_t)",
  sendto: "ssize_t sendto(int, const void *, size_t, int, const void *, uint32_t)",
  recv: "ssize_t recv(int, void *, size_t, int)",
  close: "int close(int)",
  flock: "int flock(int, int)",
});
let withErrno: Libc | null = null;

export function libc(): Libc {
  withErrno ??= { ...calls(), errno: lastErrno };
  return withErrno;
}

const NAMES: Record<number, string> = {
  1: "EPERM",
  2: "ENOENT",
  3: "ESRCH",
  4: "EINTR",
  11: "EAGAIN",
  12: "ENOMEM",
  13: "EACCES",
  16: "EBUSY",
  17: "EEXIST",
  19: "ENODEV",
  22: "EINVAL",
  34: "ERANGE",
  93: "EPROTONOSUPPORT",
  95: "EOPNOTSUPP",
  97: "EAFNOSUPPORT",
  99: "EADDRNOTAVAIL",
  101: "ENETUNREACH",
  105: "ENOBUFS",
};

const errnoName = (n: number): string => NAMES[n] ?? `errno ${n}`;

/** An Error carrying the errno so callers can tolerate e.g. ENODEV on delete. */
export class ErrnoError extends Error {
  constructor(
    readonly errno: number,
    what: string,
    detail?: string,
  ) {
    super(`${what}: ${errnoName(errno)}${detail ? ` (${detail})` : ""}`);
    this.name = "ErrnoError";
  }
  get code(): string {
    return errnoName(this.errno);
  }
}
