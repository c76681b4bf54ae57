// Starts the helper server with posix_spawn (glibc: clone(CLONE_VM|CLONE_VFORK)) instead of Node's spawn,
// which forks: a fork copies the page tables, so its cost grows with the engine's memory (3.5 ms at 120 MB
// against 1.2 ms here), and marks fds 0-2 close-on-exec. The server gets exactly fds 0-4 and an empty
// environment with default signal dispositions (Node ignores SIGPIPE; that must not leak into sandboxes)
// and SIGINT, SIGTERM, SIGHUP blocked (SERVER_BLOCKED):
// fd 3 a SOCK_SEQPACKET socket for requests, on which sendFds passes each sandbox's descriptors
// (SCM_RIGHTS, which Node cannot do by itself), fd 4 the events pipe. makePipe makes the sandboxes' pipes.
import { closeSync } from "node:fs";
import { Socket } from "node:net";
import { koffiModule, lastErrno, libcHandle } from "./libc";
import { SetupError } from "./types";

export type StdioSpec = "inherit" | "ignore" | "pipe" | number;

/** How a process ended: its exit code, or the signal that killed it (both null: not reaped). */
export interface ExitStatus {
  code: number | null;
  signal: number | null;
}

/** A started `nsbox-helper --serve`: requests go out on `requests` (our blocking end), events come in. */
export interface ServerProcess {
  pid: number;
  requests: number; // fd of our end of the request socket (never handed to libuv)
  events: Socket; // the shared events pipe
  exit: Promise<ExitStatus>; // the server's own end (reaped after the events pipe closed)
}

interface ProcessCalls {
  spawn(pid: number[], path: string, fa: Buffer, attr: Buffer, argv: (string | null)[], envp: null[]): number;
  faInit(fa: Buffer): number;
  faDup2(fa: Buffer, fd: number, newfd: number): number;
  faOpen(fa: Buffer, fd: number, path: string, flags: number, mode: number): number;
  faDestroy(fa: Buffer): number;
  attrInit(attr: Buffer): number;
  attrSetFlags(attr: Buffer, flags: number): number;
  attrSetSigDefault(attr: Buffer, set: Buffer): number;
  attrSetSigMask(attr: Buffer, set: Buffer): number;
  attrDestroy(attr: Buffer): number;
  sigfillset(set: Buffer): number;
  sigemptyset(set: Buffer): number;
  sigaddset(set: Buffer, sig: number): number;
  pipe2(fds: Int32Array, flags: number): number;
  socketpair(domain: number, type: number, protocol: number, sv: Int32Array): number;
  sendmsg(fd: number, msg: object, flags: number): number;
  waitpid(pid: number, status: Int32Array, options: number): number;
}

const O_RDWR = 2;
const AF_UNIX = 1;
const SOCK_SEQPACKET = 5;
const SOCK_CLOEXEC = 0o2000000;
const SOL_SOCKET = 1;
const SCM_RIGHTS = 1;
const MSG_DONTWAIT = 0x40;
const MSG_NOSIGNAL = 0x4000;
const O_CLOEXEC = 0o2000000;
const WNOHANG = 1;
const POSIX_SPAWN_SETSIGMASK = 0x08;
const POSIX_SPAWN_SETSIGDEF = 0x04;
const OPAQUE = 1024; // larger than glibc's and musl's posix_spawn structs and sigset_t

let calls: ProcessCalls | null = null;

function bind(): ProcessCalls {
  if (calls) return calls;
  const lib = libcHandle();
  const k = koffiModule();
  k.struct("nsbox_iovec", { base: "void *", len: "size_t" });
  k.struct("nsbox_msghdr", {
    name: "void *",
    namelen: "uint32_t",
    iov: "nsbox_iovec *",
    iovlen: "size_t",
    control: "void *",
    controllen: "size_t",
    flags: "int",
  });
  calls = {
    spawn: lib.func(
      "int posix_spawn(_Out_ int *pid, const char *path, void *fa, void *attr, const char **argv, const char **envp)",
    ),
    faInit: lib.func("int posix_spawn_file_actions_init(void *fa)"),
    faDup2: lib.func("int posix_spawn_file_actions_adddup2(void *fa, int fd, int newfd)"),
    faOpen: lib.func(
      "int posix_spawn_file_actions_addopen(void *fa, int fd, const char *path, int flags, int mode)",
    ),
    faDestroy: lib.func("int posix_spawn_file_actions_destroy(void *fa)"),
    attrInit: lib.func("int posix_spawnattr_init(void *attr)"),
    attrSetFlags: lib.func("int posix_spawnattr_setflags(void *attr, short flags)"),
    attrSetSigDefault: lib.func("int posix_spawnattr_setsigdefault(void *attr, const void *set)"),
    attrSetSigMask: lib.func("int posix_spawnattr_setsigmask(void *attr, const void *set)"),
    attrDestroy: lib.func("int posix_spawnattr_destroy(void *attr)"),
    sigfillset: lib.func("int sigfillset(void *set)"),
    sigemptyset: lib.func("int sigemptyset(void *set)"),
    sigaddset: lib.func("int sigaddset(void *set, int sig)"),
    pipe2: lib.func("int pipe2(_Out_ int *fds, int flags)"),
    socketpair: lib.func("int socketpair(int domain, int type, int protocol, _Out_ int *sv)"),
    sendmsg: lib.func("long sendmsg(int fd, const nsbox_msghdr *msg, int flags)"),
    waitpid: lib.func("int waitpid(int pid, _Out_ int *status, int options)"),
  } as ProcessCalls;
  return calls;
}

/** A close-on-exec pipe of our own: [read end, write end]. */
export function makePipe(c: ProcessCalls = bind()): [read: number, write: number] {
  const fds = new Int32Array(2);
  if (c.pipe2(fds, O_CLOEXEC) !== 0) throw new SetupError("helper", `pipe2 failed: errno ${lastErrno()}`);
  return [fds[0] as number, fds[1] as number];
}

/** Reaps the child once its status pipe is closed (it exits right after), without blocking the loop. */
function reap(c: ProcessCalls, pid: number): Promise<ExitStatus> {
  return new Promise((resolve) => {
    const status = new Int32Array(1);
    let delay = 0;
    const poll = () => {
      const r = c.waitpid(pid, status, WNOHANG);
      if (r === pid) {
        const s = status[0] as number;
        const sig = s & 0x7f;
        resolve(sig === 0 ? { code: (s >> 8) & 0xff, signal: null } : { code: null, signal: sig });
      } else if (r < 0) {
        resolve({ code: null, signal: null });
      } else {
        delay = Math.min(delay * 2 || 1, 50);
        setTimeout(poll, delay).unref(); // an exiting engine leaves the last reap to init
      }
    };
    poll();
  });
}

// Blocked from the server's first instruction: it shares the engine's process group, and a Ctrl-C that came
// while it starts must not end it either (native/serve.c keeps them blocked; its children unblock them).
const SERVER_BLOCKED = [1 /* SIGHUP */, 2 /* SIGINT */, 15 /* SIGTERM */];

/** Sets default signal dispositions and the server's mask, spawns with an empty environment; errno or 0. */
function launch(
  c: ProcessCalls,
  path: string,
  argv: string[],
  fa: Buffer,
  attr: Buffer,
  pid: number[],
): number {
  const sigs = Buffer.alloc(OPAQUE);
  c.sigfillset(sigs);
  c.attrSetSigDefault(attr, sigs);
  c.sigemptyset(sigs);
  for (const sig of SERVER_BLOCKED) c.sigaddset(sigs, sig);
  c.attrSetSigMask(attr, sigs);
  c.attrSetFlags(attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  return c.spawn(pid, path, fa, attr, [path, ...argv, null], [null]);
}

/** `path --serve` with fds 0-2 on /dev/null, fd 3 the request socket, fd 4 the events pipe. */
export function spawnServer(path: string, args: readonly string[] = []): ServerProcess {
  const c = bind();
  const fa = Buffer.alloc(OPAQUE);
  const attr = Buffer.alloc(OPAQUE);
  const sv = new Int32Array(2);
  if (c.socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) !== 0)
    throw new SetupError("helper", `socketpair failed: errno ${lastErrno()}`);
  const [mine, theirs] = [sv[0] as number, sv[1] as number];
  const [eventsIn, eventsOut] = makePipe(c);
  c.faInit(fa);
  c.attrInit(attr);
  try {
    for (const fd of [0, 1, 2]) c.faOpen(fa, fd, "/dev/null", O_RDWR, 0);
    c.faDup2(fa, theirs, 3);
    c.faDup2(fa, eventsOut, 4);
    const pid = [0];
    const err = launch(c, path, ["--serve", ...args], fa, attr, pid);
    if (err !== 0) {
      closeSync(mine);
      closeSync(eventsIn);
      throw new SetupError("helper", `cannot start the sandbox helper ${path}: errno ${err}`);
    }
    const events = new Socket({ fd: eventsIn, readable: true, writable: false });
    const serverPid = pid[0] as number;
    const exit = new Promise<void>((resolve) => events.once("close", () => resolve())).then(() =>
      reap(c, serverPid),
    );
    return { pid: serverPid, requests: mine, events, exit };
  } finally {
    closeSync(theirs);
    closeSync(eventsOut);
    c.faDestroy(fa);
    c.attrDestroy(attr);
  }
}

/** One message with descriptors (SCM_RIGHTS), never blocking: 0, or the errno (EAGAIN: queue full). */
export function sendFds(socket: number, data: Buffer, fds: readonly number[]): number {
  const c = bind();
  const len = 16 + 4 * fds.length; // CMSG_LEN: cmsghdr (len, level, type) + the fds
  const control = Buffer.alloc((len + 7) & ~7); // CMSG_SPACE
  control.writeBigUInt64LE(BigInt(len), 0);
  control.writeInt32LE(SOL_SOCKET, 8);
  control.writeInt32LE(SCM_RIGHTS, 12);
  fds.forEach((fd, i) => {
    control.writeInt32LE(fd, 16 + 4 * i);
  });
  const msg = {
    name: null,
    namelen: 0,
    iov: [{ base: data, len: data.length }],
    iovlen: 1,
    control,
    controllen: control.length,
    flags: 0,
  };
  return c.sendmsg(socket, msg, MSG_DONTWAIT | MSG_NOSIGNAL) === data.length ? 0 : lastErrno() || -1;
}
