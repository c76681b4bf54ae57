// The caller's terminal while a sandbox's pty is relayed to it (SandboxOptions.tty): raw, so every key
// (^C, ^Z, ^D) reaches the sandbox's own line discipline instead of acting on the engine; restored
// afterwards. Node itself also restores its startup modes when it exits, which covers a crash.
import { libcCalls, loadLibc } from "./libc";

// Loaded on a terminal's first use: a run whose stdout is a pipe (the Action's) never needs node:tty.
const tty = () => process.getBuiltinModule("node:tty");

interface TermiosCalls {
  tcgetattr(fd: number, t: Buffer): number;
  tcsetattr(fd: number, when: number, t: Buffer): number;
  cfmakeraw(t: Buffer): void;
  tcgetpgrp(fd: number): number;
  getpgrp(): number;
}

const TCSADRAIN = 1;
const TERMIOS_BYTES = 256; // larger than glibc's and musl's struct termios (60 bytes)
const bind = libcCalls<TermiosCalls>({
  tcgetattr: "int tcgetattr(int fd, void *t)",
  tcsetattr: "int tcsetattr(int fd, int when, const void *t)",
  cfmakeraw: "void cfmakeraw(void *t)",
  tcgetpgrp: "int tcgetpgrp(int fd)",
  getpgrp: "int getpgrp()",
});

/**
 * Whether `fd` is a terminal this process may take over: it is in the terminal's foreground process
 * group. A background job (`cmd &`) is not: changing the terminal's modes would stop it (SIGTTOU).
 */
export async function isForegroundTerminal(fd: number): Promise<boolean> {
  if (!tty().isatty(fd)) return false;
  await loadLibc(); // the bundles load koffi only this way
  const c = bind();
  return c.tcgetpgrp(fd) === c.getpgrp();
}

/** Puts `fd` in raw mode when it is a terminal; returns what restores it (a no-op otherwise). */
export function rawTerminal(fd: number): () => void {
  if (!tty().isatty(fd)) return () => {};
  const c = bind();
  const saved = Buffer.alloc(TERMIOS_BYTES);
  if (c.tcgetattr(fd, saved) !== 0) return () => {};
  const raw = Buffer.from(saved);
  c.cfmakeraw(raw);
  c.tcsetattr(fd, TCSADRAIN, raw);
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    c.tcsetattr(fd, TCSADRAIN, saved);
  };
}
