// The limits of the cgroups that hold the engine: what all sandboxes of a run may use together. On v2 the
// run parent may sit outside the engine's own cgroup (no-internal-processes rule), where those limits would
// no longer bind: the driver copies them onto it, and a sandbox asking for more is told what binds it.
import path from "node:path";
import { readTextOrNull } from "../fs";
import type { ResolvedLimits } from "../types";

export interface EnclosingCaps {
  memoryBytes: number | null; // null: no enclosing cgroup sets one
  swapBytes: number | null;
  pids: number | null;
}

export const NO_CAPS: EnclosingCaps = { memoryBytes: null, swapBytes: null, pids: null };

// cgroup files say "max" (v2) or a number near 2^63 (v1) for no limit.
const UNLIMITED = 2 ** 60;

/** `dir` and its ancestors up to `top` (included: a cgroup namespace's root may carry the container's limits). */
export function cgroupChain(dir: string, top: string): string[] {
  const out: string[] = [];
  for (let d = dir; d === top || d.startsWith(`${top}/`); d = path.dirname(d)) {
    out.push(d);
    if (d === top) break;
  }
  return out;
}

/** The smallest limit `file` holds in any of `dirs`, or null when none sets one. */
export function smallestLimit(dirs: readonly string[], file: string): number | null {
  let min: number | null = null;
  for (const d of dirs) {
    const text = (readTextOrNull(`${d}/${file}`) ?? "").trim();
    const v = /^\d+$/.test(text) ? Number(text) : Number.NaN; // "max", or no such file: none
    if (v < UNLIMITED) min = min === null ? v : Math.min(min, v); // swap.max 0 is a limit too
  }
  return min;
}

/** The v2 limits of `dirs` (the ones that bind the engine). */
export function v2Caps(dirs: readonly string[]): EnclosingCaps {
  return {
    memoryBytes: smallestLimit(dirs, "memory.max"),
    swapBytes: smallestLimit(dirs, "memory.swap.max"),
    pids: smallestLimit(dirs, "pids.max"),
  };
}

/** `600M`, `1G`, `1536K`: the largest binary unit that divides it, as the size options are written. */
function sizeText(bytes: number): string {
  for (const [unit, scale] of [
    ["T", 2 ** 40],
    ["G", 2 ** 30],
    ["M", 2 ** 20],
    ["K", 2 ** 10],
  ] as const) {
    if (bytes % scale === 0) return `${bytes / scale}${unit}`;
  }
  return String(bytes);
}

/**
 * One note per limit the caller set above what the enclosing cgroup allows (or lifted with none): the sandbox
 * runs, capped by it. `limits` are the caller's (pids without init); a default never gets one: it is sized
 * within the enclosing memory already, and the pids default is no promise of the caller's.
 */
export function enclosingNotes(limits: ResolvedLimits, caps: EnclosingCaps): string[] {
  const notes: string[] = [];
  const explicit = (l: "memory" | "pids") => !(limits.defaulted ?? []).includes(l);
  const mem = limits.memoryBytes;
  if (caps.memoryBytes !== null && explicit("memory") && (mem === undefined || mem > caps.memoryBytes))
    notes.push(
      `memory ${mem === undefined ? "none" : sizeText(mem)}: the enclosing cgroup allows ${sizeText(caps.memoryBytes)} for all sandboxes of the run`,
    );
  // The sandbox's cgroup holds its init too (pids + 1), as the run parent's cap counts every process.
  const pids = limits.pids;
  if (caps.pids !== null && explicit("pids") && (pids === undefined || pids + 1 > caps.pids))
    notes.push(
      `pids ${pids ?? "none"}: the enclosing cgroup allows ${caps.pids} processes for all sandboxes of the run`,
    );
  return notes;
}
