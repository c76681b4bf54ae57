// Entry point: pick the driver for this host's layout and open a per-run parent cgroup.
import { randomBytes } from "../fs";
import { type CgroupLayout, detectCgroups, V2_CONTROLLERS, v2IsComplete } from "./detect";
import { NoneRun } from "./none";
import type { CgroupRun } from "./types";
import { openV1Run } from "./v1";
import { openV2Run } from "./v2";

export { type CgroupLayout, detectCgroups } from "./detect";
export { cleanupStaleCgroups } from "./stale";
export type { CgroupRun, CgroupStats, SandboxCgroup } from "./types";

export interface OpenCgroupRunOptions {
  /** v2 only: create the run parent beneath this cgroup dir instead of choosing one (tests). */
  root?: string;
  /** Use this layout instead of detecting it (tests). */
  layout?: CgroupLayout;
}

/**
 * Opens `nsbox-<enginePid>-<rand>` where this host lets us: the v2 tree when it carries memory, pids
 * and cpu; else the v1 hierarchies; else a "none" run whose sandboxes refuse limits (unless best effort).
 * Never throws for a host without cgroups: the reason travels with the "none" run.
 */
export function openCgroupRun(opts: OpenCgroupRunOptions = {}): CgroupRun {
  const layout = opts.layout ?? detectCgroups();
  const runName = `nsbox-${process.pid}-${randomBytes(4).toString("hex")}`;
  const v2 = layout.v2;
  if (v2 && opts.root) {
    const tree = { ...v2, ownDir: opts.root, ownUsable: true, mountPoint: opts.root, delegatedAncestors: [] };
    return openV2Run(tree, runName);
  }
  if (v2 && v2IsComplete(layout)) return openV2Run(v2, runName);
  if (layout.v1.length > 0) return openV1Run(layout.v1, runName);
  // Partial v2: the missing controllers are reported per limit.
  if (v2 && V2_CONTROLLERS.some((c) => v2.controllers.includes(c))) return openV2Run(v2, runName);
  return new NoneRun("no cgroup controllers on this host");
}
