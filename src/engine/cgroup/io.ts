// Small synchronous helpers over cgroupfs shared by the drivers and the stale cleanup.
import { mkdirSync, readdirSync, rmdirSync, writeFileSync } from "node:fs";
import { errCode, readTextOrNull } from "../fs";
import { sigkill } from "../proc";
import { sleepSync } from "../sleep";
import { parseKeyed, parseNumber, parsePids } from "./parse";
import type { CgroupStats } from "./types";

export function readNum(path: string): number | null {
  const t = readTextOrNull(path);
  return t === null ? null : parseNumber(t);
}

/** cgroupfs wants one write(2) per value; writeFileSync with a string does exactly that. */
export function writeCg(path: string, value: string): void {
  writeFileSync(path, value);
}

/** mkdir that treats an existing dir as an error: a name collision means someone else's cgroup. */
export function mkdirCg(path: string): void {
  mkdirSync(path, { mode: 0o755 });
}

export function procsOf(dir: string): number[] {
  const t = readTextOrNull(`${dir}/cgroup.procs`);
  return t === null ? [] : parsePids(t);
}

/**
 * SIGKILL whatever the dirs hold until they are empty. Without a freezer a fork loop can race this,
 * so it repeats; pids.max bounds how many there can be. Returns true when the dirs ended up empty.
 */
export function killLoop(dirs: string[], rounds = 50): boolean {
  for (let i = 0; i < rounds; i++) {
    const pids = new Set(dirs.flatMap(procsOf));
    if (pids.size === 0) return true;
    for (const pid of pids) sigkill(pid);
    sleepSync(i < 5 ? 1 : 5);
  }
  return dirs.every((d) => procsOf(d).length === 0);
}

/** Wait until the dirs hold no process (killed tasks take a moment to leave), up to `ms`. */
function waitEmpty(dirs: string[], ms: number): boolean {
  const end = Date.now() + ms;
  for (;;) {
    if (dirs.every((d) => procsOf(d).length === 0)) return true;
    if (Date.now() >= end) return false;
    sleepSync(2);
  }
}

/**
 * rmdir with a few retries a few ms apart: a cgroup stays busy for a moment after its last task
 * exits. ENOENT counts as success. Returns the error that remained, or null.
 */
export function rmdirRetry(dir: string, tries = 20): Error | null {
  let last: unknown = null;
  for (let i = 0; i < tries; i++) {
    try {
      rmdirSync(dir);
      return null;
    } catch (e) {
      if (errCode(e) === "ENOENT") return null;
      last = e;
      if (i + 1 < tries) sleepSync(Math.min(2 ** i, 20));
    }
  }
  return last as Error;
}

/**
 * Removes one sandbox's cgroup dirs. After the usual end they are empty and rmdir alone does it:
 * cgroupfs refuses a populated dir (EBUSY), so cgroup.procs is read only when that happens, and
 * `kill` runs only when a process is really left. Returns the error that remained, or null.
 */
export function removeSandboxDirs(dirs: string[], kill: () => void): Error | null {
  if (dirs.every((d) => rmdirRetry(d, 1) === null)) return null;
  if (dirs.some((d) => procsOf(d).length > 0)) {
    kill();
    waitEmpty(dirs, 2000);
  }
  return dirs.map((d) => rmdirRetry(d)).find((e) => e !== null) ?? null;
}

/** Child cgroup dirs (cgroupfs lists only dirs as directories). */
export function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `${dir}/${d.name}`);
  } catch {
    return [];
  }
}

/** Depth-first removal of a cgroup sub-tree (rmdir only: cgroupfs holds no files); returns the first error that remained. */
export function removeCgroupTree(dir: string): Error | null {
  let err: Error | null = null;
  for (const sub of subdirs(dir)) err = removeCgroupTree(sub) ?? err;
  return rmdirRetry(dir) ?? err;
}

/** Every dir of a sub-tree, deepest first. */
export function treeDirs(dir: string): string[] {
  return [...subdirs(dir).flatMap(treeDirs), dir];
}

/**
 * Samples a pids.current file every 20 ms where the kernel keeps no pids.peak. The timer is unref'd:
 * it never keeps the engine alive, and it only runs while the engine awaits the sandbox.
 */
export class PidsSampler {
  peak = 0;
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly file: string) {}

  start(): void {
    if (this.timer) return;
    this.sample();
    this.timer = setInterval(() => this.sample(), 20);
    this.timer.unref();
  }

  sample(): void {
    const n = readNum(this.file);
    if (n !== null && n > this.peak) this.peak = n;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** What a driver reads from its own files after the sandbox exits; sandboxStats() makes the rest. */
export interface DriverStats {
  cpuAccounted: boolean;
  cpuUserMs: number;
  cpuSystemMs: number;
  memoryPeakBytes: number | null;
  /** Why there is no memory peak: no controller (`missing`), or a file the kernel lacks (`unreadable`). */
  memoryNote: { missing: string | null; unreadable: string; source: string };
  pidsPeak: number | null; // the kernel's pids.peak, when it keeps one
  oomKills: number;
  pidsEventsFile: string | null; // pids.events of the sandbox's pids cgroup
  /** The run parent's shared pids cap (cgroup/enclosing.ts) refused a fork while the sandbox ran. */
  sharedPidsCapHit?: boolean;
}

/** The end of every driver's stats(): stop sampling, then the notes and sources both drivers share. */
export function sandboxStats(sampler: PidsSampler | null, read: () => DriverStats): CgroupStats {
  sampler?.sample();
  sampler?.stop();
  const r = read();
  const pidsEvents = parseKeyed((r.pidsEventsFile && readTextOrNull(r.pidsEventsFile)) ?? "");
  return {
    cpuAccounted: r.cpuAccounted,
    cpuUserMs: r.cpuUserMs,
    cpuSystemMs: r.cpuSystemMs,
    memoryPeakBytes: r.memoryPeakBytes,
    memoryPeakNote:
      r.memoryNote.missing ?? (r.memoryPeakBytes === null ? r.memoryNote.unreadable : r.memoryNote.source),
    pidsPeak: r.pidsPeak ?? (sampler ? sampler.peak : null),
    pidsPeakSource: r.pidsPeak !== null ? "pids.peak" : sampler ? "sampled" : null,
    oomKills: r.oomKills,
    pidsLimitHit: (pidsEvents.get("max") ?? 0) > 0 || r.sharedPidsCapHit === true,
  };
}
