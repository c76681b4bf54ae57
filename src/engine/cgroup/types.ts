// The contract between the cgroup drivers (v2, v1, none) and the engine's run loop.
import type { ResolvedLimits } from "../types";
import type { EnclosingCaps } from "./enclosing";

export type CgroupKind = "v2" | "v1" | "none";

export interface CgroupStats {
  /** The cgroup keeps CPU accounting (v1 without cpuacct does not): else the report takes rusage. */
  cpuAccounted: boolean;
  cpuUserMs: number;
  cpuSystemMs: number;
  memoryPeakBytes: number | null;
  memoryPeakNote: string | null; // the source of memoryPeakBytes, or why it is null
  pidsPeak: number | null;
  pidsPeakSource: "pids.peak" | "sampled" | null;
  oomKills: number;
  pidsLimitHit: boolean;
}

export interface SandboxCgroup {
  readonly kind: CgroupKind;
  /** Best effort only: limits asked for but not applied, e.g. "memory (no memory controller)". */
  readonly notEnforced: string[];
  /** Records for the helper spec: `cgroup_v2`, or one `cgroup_v1` per hierarchy. */
  helperSpec(): Array<[string, string]>;
  /** The command is running: start sampling pids.current where the kernel keeps no peak. */
  started(): void;
  /** user+system CPU so far; null when the host keeps no CPU accounting here (use rusage instead). */
  cpuUsageMs(): number | null;
  /** SIGKILL every process in the sandbox cgroup, including re-parented and double-forked ones. */
  kill(): void;
  /** Read after the sandbox exits. */
  stats(): CgroupStats;
  /** Kill leftovers and remove the cgroup dirs; idempotent, never throws for a dir already gone. */
  remove(): void;
}

export interface CgroupRun {
  readonly kind: CgroupKind;
  /** The limits of the cgroups that hold the engine: they bind all of the run's sandboxes together. */
  readonly enclosing: EnclosingCaps;
  /** `name` is one path component ([A-Za-z0-9_.-], unique within the run). */
  createSandbox(name: string, limits: ResolvedLimits, bestEffort: boolean): SandboxCgroup;
  /**
   * Throws, making nothing, what createSandbox would throw for a limit this run has no controller for (the
   * same words): a session asks before its rootfs is prepared. A limit file the kernel refuses to take is
   * found by createSandbox alone.
   */
  checkEnforceable(limits: ResolvedLimits, bestEffort: boolean): void;
  /** Remove the per-run parent (and any sandbox cgroups still in it). */
  dispose(): void;
}

/** Name of a per-run parent cgroup: `nsbox-<enginePid>-<rand>`. */
export const RUN_DIR_RE = /^nsbox-(\d+)-([0-9a-z]+)$/;
const SANDBOX_NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

export function assertSandboxName(name: string): void {
  if (!SANDBOX_NAME_RE.test(name)) throw new Error(`invalid sandbox cgroup name ${JSON.stringify(name)}`);
}
