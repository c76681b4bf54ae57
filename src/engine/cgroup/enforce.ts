// What happens when a limit cannot be applied: an error, or (best effort) a recorded note.
import { errCode, readTextOrNull } from "../fs";
import { type HintKey, type ResolvedLimits, SetupError } from "../types";
import { writeCg } from "./io";

/** The limits that need the host's help (a cgroup, or a mount for the writable layer's size). */
export type CgroupLimit = "memory" | "pids" | "cpus" | "cpu-time" | "tmpfs-size";

export const CPU_PERIOD_US = 100_000;
// The kernel rejects a CFS quota below 1 ms.
const MIN_QUOTA_US = 1000;

export function cpuQuotaUs(cpus: number): number {
  return Math.max(MIN_QUOTA_US, Math.round(cpus * CPU_PERIOD_US));
}

/** The cgroup-backed limits that were asked for (the wall-clock timeout and tmpfs size are enforced
 *  elsewhere; the cpu-time budget is the cgroup's CPU usage, polled). */
export function requested(limits: ResolvedLimits): CgroupLimit[] {
  const out: CgroupLimit[] = [];
  if (limits.memoryBytes !== undefined) out.push("memory");
  if (limits.pids !== undefined) out.push("pids");
  if (limits.cpus !== undefined) out.push("cpus");
  if (limits.cpuTimeMs !== undefined) out.push("cpu-time");
  return out;
}

export class LimitGuard {
  readonly notEnforced: string[] = [];
  constructor(
    private readonly bestEffort: boolean,
    private readonly defaulted: readonly CgroupLimit[] = [],
  ) {}

  /**
   * Throws SetupError unless best effort, then records `limit (reason)`. A default the caller never asked
   * for (e.g. rootless, no cgroup) is only recorded: the sandbox runs, and the report says so. `hint` names
   * the fix a front end words (the cause decides it: not root, or a cgroup that holds processes).
   */
  cannot(limit: CgroupLimit, reason: string, hint: HintKey = "best-effort"): void {
    if (this.defaulted.includes(limit)) {
      this.notEnforced.push(`${limit} default (${reason})`);
      return;
    }
    if (!this.bestEffort) {
      throw new SetupError("cgroup", `cannot enforce ${limit} limit: ${reason}`, hint);
    }
    this.notEnforced.push(`${limit} (${reason})`);
  }

  /** Write one limit file; a failure goes through cannot(). */
  write(limit: CgroupLimit, path: string, value: string): boolean {
    try {
      writeCg(path, value);
      return true;
    } catch (e) {
      this.cannot(limit, `${errCode(e)} writing ${path}`);
      return false;
    }
  }
}

/** Whether the host has active swap: without it, a missing swap limit does not weaken the memory limit. */
export function swapActive(): boolean {
  return (readTextOrNull("/proc/swaps") ?? "").trim().split("\n").length > 1;
}

/** Applies a new sandbox cgroup's limits; removes it again (and throws) when they cannot be. */
export function withLimits(
  sb: { apply(l: ResolvedLimits, g: LimitGuard): void; remove(): void },
  limits: ResolvedLimits,
  bestEffort: boolean,
): void {
  try {
    sb.apply(limits, new LimitGuard(bestEffort, limits.defaulted));
  } catch (e) {
    sb.remove();
    throw e;
  }
}
