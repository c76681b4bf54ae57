// The engine's one module about processes: who we are (root or not), whether a pid is alive, when a
// process started (from /proc), which tells a live owner from a reused pid, and which pid namespace it is
// in, which tells whether its pid numbers mean the same as ours.
import { readlinkSync } from "node:fs";
import { errCode, readTextOrNull } from "./fs";

/**
 * node:child_process, loaded on first use: only rare paths start programs (sudo, git, nft, mount,
 * slirp4netns), and loading it with the engine costs every Action run ~1 ms (it brings dgram along).
 */
export function childProcess(): typeof import("node:child_process") {
  return process.getBuiltinModule("node:child_process");
}

/** Whether the engine runs as host root: the one place privilege is decided from inside the engine. */
export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** SIGKILL, ignoring a process that is already gone. */
export function sigkill(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // ESRCH: already gone
  }
}

/**
 * The fields of /proc/<pid>/stat after the parenthesised comm (which may itself hold spaces or parens):
 * [0] is the state (field 3), [1] the parent's pid, [19] starttime (field 22). Null: no such process.
 */
export function procStatFields(pid: number): string[] | null {
  const stat = readTextOrNull(`/proc/${pid}/stat`);
  return stat === null ? null : stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** Whether the process exists and is not a zombie (one killed but not yet reaped reads as alive to kill 0). */
export function pidRunning(pid: number): boolean {
  const state = procStatFields(pid)?.[0];
  return state !== undefined && state !== "Z" && state !== "X";
}

/** /proc/<pid>/stat starttime (clock ticks since boot, as text), or null when the process does not exist. */
export function processStartTicks(pid: number): string | null {
  return procStatFields(pid)?.[19] ?? null;
}

// starttime is in clock ticks; USER_HZ is 100 on every Linux ABI.
const MS_PER_TICK = 10;

export function bootTimeMs(): number {
  const m = /^btime (\d+)$/m.exec(readTextOrNull("/proc/stat") ?? "");
  return m ? Number(m[1]) * 1000 : 0;
}

/**
 * Whether the process that made something named after its pid (a run's cgroup, a kept layer's dir) is
 * still alive: it made it after it started, so a live pid that started later than the thing was made
 * is a reused pid, not the owner (btime has 1 s resolution: allow some slack). `createdMs`: the thing's
 * mtime (never earlier than its creation).
 */
export function pidOwnerAlive(pid: number, createdMs: number, bootMs?: number): boolean {
  const start = processStartMs(pid, bootMs);
  return start !== null && start <= createdMs + 2000;
}

/** Start of a process in epoch ms, or null when it does not exist. */
function processStartMs(pid: number, bootMs = bootTimeMs()): number | null {
  const ticks = processStartTicks(pid);
  return ticks === null ? null : bootMs + Number(ticks) * MS_PER_TICK;
}

/**
 * The pid namespace a process is in (`pid:[4026531836]`); null when it is gone, "unknown" when it exists
 * but its namespace cannot be read (another user's process, for a non-root caller).
 */
export function pidNamespace(pid: number | "self"): string | null {
  try {
    return readlinkSync(`/proc/${pid}/ns/pid`);
  } catch (e) {
    return errCode(e) === "ENOENT" || errCode(e) === "ESRCH" ? null : "unknown";
  }
}

/** How many pid namespaces a process is nested in as /proc sees it (the NSpid line), or null when gone. */
export function pidNamespaceDepth(pid: number | "self"): number | null {
  const m = /^NSpid:\s*(.*)$/m.exec(readTextOrNull(`/proc/${pid}/status`) ?? "");
  return m ? m[1].trim().split(/\s+/).length : null;
}
