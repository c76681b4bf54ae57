// What the escape suite (test/integration/escape.test.ts) shares: where the attack probes are, how to
// read their verdict lines, and the few host-side tools an attack needs (a pty that is some host
// session's controlling terminal, a session keyring holding a secret).
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, constants as fsConstants, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import koffi from "koffi";
import { expect, inject } from "vitest";

/** Host path of a compiled escape probe (test/fixtures/escape/<name>.c). */
export function escapeProbe(name: string): string {
  return join(inject("escapeProbesDir"), name);
}

/** The probes' directory, mounted read-only at /probes. */
export function probesMount() {
  return { source: inject("escapeProbesDir"), target: "/probes", mode: "ro" as const };
}

export type Verdict = "BLOCKED" | "ESCAPED" | "CONTAINED" | "INFO";
export interface ProbeLine {
  verdict: Verdict;
  name: string;
  errno: string | null; // e.g. "EPERM" for BLOCKED lines
  detail: string;
}

export function parseProbe(stdout: string): ProbeLine[] {
  const lines: ProbeLine[] = [];
  for (const raw of stdout.split("\n")) {
    const m = /^(BLOCKED|ESCAPED|CONTAINED|INFO) (\S+) ?(.*)$/.exec(raw);
    if (!m) continue;
    const detail = m[3] ?? "";
    const errno = m[1] === "BLOCKED" ? (/errno=\d+ (\S+)/.exec(detail)?.[1] ?? null) : null;
    lines.push({ verdict: m[1] as Verdict, name: m[2] as string, errno, detail });
  }
  return lines;
}

interface ProbeRun {
  stdout: string;
  stderr: string;
  status: string;
  exitCode: number;
}

/** The probe ran to its end (DONE) and reported no ESCAPED line. */
export function expectNoEscape(r: ProbeRun): ProbeLine[] {
  const context = `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
  expect(r.stdout, `probe did not finish (status ${r.status}, exit ${r.exitCode})\n${context}`).toMatch(
    /^DONE$/m,
  );
  const escapes = parseProbe(r.stdout).filter((l) => l.verdict === "ESCAPED");
  expect(
    escapes.map((l) => `${l.name} ${l.detail}`),
    context,
  ).toEqual([]);
  return parseProbe(r.stdout);
}

/** The line `name` exists and is BLOCKED with one of `errnos` (names such as "EPERM"). */
export function expectBlocked(r: ProbeRun, name: string, errnos: string[]): ProbeLine {
  const line = parseProbe(r.stdout).find((l) => l.name === name && l.verdict !== "INFO");
  const context = `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
  expect(line, `no line for ${name}\n${context}`).toBeDefined();
  const l = line as ProbeLine;
  expect(`${l.verdict} ${l.errno ?? l.detail}`, `${name}\n${context}`).toBe(
    errnos.includes(l.errno ?? "") ? `BLOCKED ${l.errno}` : `BLOCKED one of ${errnos.join("|")}`,
  );
  return l;
}

/** The line `name` has the given verdict. */
export function expectVerdict(r: ProbeRun, name: string, verdict: Verdict): ProbeLine {
  const line = parseProbe(r.stdout).find(
    (l) => l.name === name && (verdict === "INFO") === (l.verdict === "INFO"),
  );
  expect(line?.verdict, `${name}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`).toBe(verdict);
  return line as ProbeLine;
}

// --- host-side syscalls through koffi (the engine already depends on it) ---

let libcHandle: ReturnType<typeof koffi.load> | null = null;
function libc() {
  libcHandle ??= koffi.load("libc.so.6");
  return libcHandle;
}

const SYS = process.arch === "arm64" ? { add_key: 217, keyctl: 219 } : { add_key: 248, keyctl: 250 };
const KEYCTL_JOIN_SESSION_KEYRING = 1;
const KEYCTL_REVOKE = 3;
const KEY_SPEC_SESSION_KEYRING = -3;

/**
 * Give this (test) process a fresh session keyring holding a "user" key `name` = `value`, as a
 * process started by systemd (KeyringMode=private, e.g. a CI runner service) or a login has. Every
 * child the engine spawns from now on inherits that keyring. Returns a function revoking the key.
 */
export function sessionKeyringWithSecret(name: string, value: string): () => void {
  const syscall = libc().func("long syscall(long nr, ...)");
  const ring = syscall(SYS.keyctl, "int", KEYCTL_JOIN_SESSION_KEYRING, "str", null) as number;
  if (ring < 0) throw new Error(`keyctl(JOIN_SESSION_KEYRING) failed: errno ${koffi.errno()}`);
  const payload = Buffer.from(value);
  const id = syscall(
    SYS.add_key,
    "str",
    "user",
    "str",
    name,
    "void *",
    payload,
    "size_t",
    payload.length,
    "int",
    KEY_SPEC_SESSION_KEYRING,
  ) as number;
  if (id < 0) throw new Error(`add_key failed: errno ${koffi.errno()}`);
  return () => {
    syscall(SYS.keyctl, "int", KEYCTL_REVOKE, "int", id);
  };
}

const FIONREAD = 0x541b;

export interface HostTerminal {
  master: number;
  slave: number; // pass as the sandbox's stdin
  holder: ChildProcess; // a host session whose controlling terminal is the slave
  pendingInput(): number; // bytes waiting to be read from the slave (TIOCSTI would put them there)
  close(): void;
}

/**
 * A pty whose slave is the controlling terminal of a host session (a `sleep` made session leader by
 * `setsid --ctty`): the situation of CVE-2017-5226, where the sandbox's stdin is the user's terminal.
 */
export async function hostTerminal(): Promise<HostTerminal> {
  const lib = libc();
  const posixOpenpt = lib.func("int posix_openpt(int)");
  const grantpt = lib.func("int grantpt(int)");
  const unlockpt = lib.func("int unlockpt(int)");
  const ptsname = lib.func("const char *ptsname(int)");
  const ioctlInt = lib.func("int ioctl(int, unsigned long, _Out_ int *)");
  const master = posixOpenpt(fsConstants.O_RDWR | fsConstants.O_NOCTTY) as number;
  if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0) throw new Error("cannot allocate a pty");
  const slavePath = ptsname(master) as string;
  const slave = openSync(slavePath, fsConstants.O_RDWR | fsConstants.O_NOCTTY);
  const holder = spawn("setsid", ["--ctty", "sleep", "120"], { stdio: [slave, "ignore", "ignore"] });
  // Wait until the holder's session owns the terminal.
  const deadline = Date.now() + 5000;
  while (!holderHasTty(holder.pid as number, slavePath)) {
    if (Date.now() > deadline) throw new Error("setsid --ctty did not take the terminal");
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    master,
    slave,
    holder,
    pendingInput() {
      const n = [0];
      return ioctlInt(slave, FIONREAD, n) < 0 ? -1 : (n[0] as number);
    },
    close() {
      holder.kill("SIGKILL");
      closeSync(slave);
      closeSync(master);
    },
  };
}

/** Does the session of `pid` (or its child, setsid may fork) have `ttyPath` as controlling tty? */
function holderHasTty(pid: number, ttyPath: string): boolean {
  const rdev = statSync(ttyPath).rdev;
  // /proc/<pid>/stat field 7 is tty_nr: the controlling terminal's device number.
  const candidates = [pid];
  try {
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      const kids = readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim().split(/\s+/);
      for (const k of kids) if (k) candidates.push(Number(k));
    }
  } catch {}
  for (const p of candidates) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ttyNr = Number(fields[4]);
      const major = (ttyNr >> 8) & 0xfff;
      const minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
      const want = { major: Math.floor(rdev / 256) & 0xfff, minor: (rdev & 0xff) | ((rdev >> 12) & 0xfff00) };
      if (ttyNr !== 0 && major === want.major && minor === want.minor) return true;
    } catch {}
  }
  return false;
}
