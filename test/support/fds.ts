// Descriptors Node cannot make itself, for tests that hand them to the CLI: a non-blocking socket (what
// libuv makes of a socket it wraps, e.g. a Node process's stdout), its flags, and a pty whose master the
// test drives.
import { closeSync, openSync, read, writeSync } from "node:fs";
import { lastErrno, libcCalls } from "../../src/engine/libc";

interface Calls {
  socketpair(domain: number, type: number, proto: number, fds: Int32Array): number;
  fcntl(fd: number, cmd: number, arg: number): number;
  posix_openpt(flags: number): number;
  grantpt(fd: number): number;
  unlockpt(fd: number): number;
  ptsname(fd: number): string;
  ioctl(fd: number, req: number, arg: Buffer): number;
  syscall(nr: number, a: number, b: number): number;
  open(path: string, flags: number): number;
}

const bind = libcCalls<Calls>({
  socketpair: "int socketpair(int d, int t, int p, _Out_ int *fds)",
  fcntl: "int fcntl(int fd, int cmd, int arg)",
  posix_openpt: "int posix_openpt(int flags)",
  grantpt: "int grantpt(int fd)",
  unlockpt: "int unlockpt(int fd)",
  ptsname: "const char *ptsname(int fd)",
  ioctl: "int ioctl(int fd, unsigned long req, void *arg)",
  syscall: "long syscall(long nr, long a, long b)",
  open: "int open(const char *path, int flags)",
});

const AF_UNIX = 1;
const SOCK_STREAM = 1;
const SOCK_CLOEXEC = 0o2000000;
const F_DUPFD_CLOEXEC = 1030;
const F_GETFL = 3;
const F_SETFL = 4;
const O_NONBLOCK = 0o4000;
const O_RDWR = 2;
const O_NOCTTY = 0o400;
const TIOCSWINSZ = 0x5414;
const FIONREAD = 0x541b;
const SYS_pidfd_open = 434; // the same number on x86_64 and aarch64
const O_PATH = 0o10000000;
const O_CLOEXEC = 0o2000000;

/** [ours, theirs]: a stream socket pair, both ends blocking (as a shell or a supervisor may hand one). */
export function blockingSocketPair(): [number, number] {
  const fds = new Int32Array(2);
  if (bind().socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) !== 0)
    throw new Error(`socketpair: ${lastErrno()}`);
  return [fds[0] as number, fds[1] as number];
}

/** [ours, theirs]: theirs is non-blocking, as libuv leaves a socket it wraps. */
export function nonBlockingSocketPair(): [number, number] {
  const [ours, theirs] = blockingSocketPair();
  if (bind().fcntl(theirs, F_SETFL, O_NONBLOCK) !== 0) throw new Error(`fcntl: ${lastErrno()}`);
  return [ours, theirs];
}

/** A pidfd of a process (an anonymous inode: what kill-like calls take instead of a pid). */
export function pidfdOf(pid: number): number {
  const fd = bind().syscall(SYS_pidfd_open, pid, 0);
  if (fd < 0) throw new Error(`pidfd_open(${pid}): ${lastErrno()}`);
  return fd;
}

/** An O_PATH descriptor of path (no access mode: a handle to walk from or reopen through /proc). */
export function openPath(path: string): number {
  const fd = bind().open(path, O_PATH | O_CLOEXEC);
  if (fd < 0) throw new Error(`open(${path}, O_PATH): ${lastErrno()}`);
  return fd;
}

/** Another descriptor of fd's open file description (close-on-exec): it shares fd's status flags. */
export function dupFd(fd: number): number {
  const n = bind().fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (n < 0) throw new Error(`fcntl(F_DUPFD_CLOEXEC): ${lastErrno()}`);
  return n;
}

/** Whether fd's open file description is non-blocking (O_NONBLOCK). */
export function isNonBlocking(fd: number): boolean {
  const fl = bind().fcntl(fd, F_GETFL, 0);
  if (fl < 0) throw new Error(`fcntl(F_GETFL): ${lastErrno()}`);
  return (fl & O_NONBLOCK) !== 0;
}

/** How many bytes wait to be read on fd (a socket or a pipe). */
export function pendingBytes(fd: number): number {
  const n = Buffer.alloc(4);
  if (bind().ioctl(fd, FIONREAD, n) !== 0) throw new Error(`FIONREAD: ${lastErrno()}`);
  return n.readInt32LE(0);
}

export interface Pty {
  master: number;
  slave: number; // open on the slave, to hand to a child (which must make it its controlling tty)
  openSlave(): number; // another descriptor of the slave (e.g. to look at its modes)
  output(): string; // everything read from the master so far
  write(s: string): void;
  resize(rows: number, cols: number): void;
  waitFor(re: RegExp, ms?: number): Promise<string>;
  close(): void;
}

export function openPty(): Pty {
  const c = bind();
  const master = c.posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0 || c.grantpt(master) !== 0 || c.unlockpt(master) !== 0)
    throw new Error(`pty: ${lastErrno()}`);
  const slave = openSync(c.ptsname(master), O_RDWR | O_NOCTTY);
  let out = "";
  let open = true;
  const buf = Buffer.alloc(65536);
  const pump = () =>
    read(master, buf, 0, buf.length, null, (err, n) => {
      if (err || n === 0 || !open) return; // EIO: every slave closed
      out += buf.toString("utf8", 0, n);
      pump();
    });
  pump();
  return {
    master,
    slave,
    output: () => out,
    openSlave: () => openSync(c.ptsname(master), O_RDWR | O_NOCTTY),
    write: (s) => {
      writeSync(master, s);
    },
    resize: (rows, cols) => {
      const ws = Buffer.alloc(8);
      ws.writeUInt16LE(rows, 0);
      ws.writeUInt16LE(cols, 2);
      if (c.ioctl(master, TIOCSWINSZ, ws) !== 0) throw new Error(`TIOCSWINSZ: ${lastErrno()}`);
    },
    waitFor: async (re, ms = 10_000) => {
      const end = Date.now() + ms;
      while (!re.test(out)) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${re} in ${JSON.stringify(out)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return out;
    },
    close: () => {
      open = false;
      for (const fd of [slave, master]) {
        try {
          closeSync(fd);
        } catch {}
      }
    },
  };
}
