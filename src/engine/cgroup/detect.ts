// Which cgroup layout this host has, where each controller lives, and where the engine itself sits.
import { accessSync, constants } from "node:fs";
import path from "node:path";
import { readTextOrNull } from "../fs";
import { isRoot } from "../proc";
import { cgroupDir, parseCgroupMounts, parseProcCgroup } from "./parse";

/**
 * The controllers the engine uses. v1 also needs cpuacct (CPU accounting); freezer is detected only so the
 * stale sweep reaches the dirs older runs made there (sandboxes no longer get one: cgroup/v1.ts says why).
 */
export const V2_CONTROLLERS = ["memory", "pids", "cpu"] as const;
export const V1_CONTROLLERS = ["memory", "pids", "cpu", "cpuacct", "freezer"] as const;

export interface V2Tree {
  mountPoint: string;
  ownPath: string; // from `0::/path`
  ownDir: string | null; // null when our cgroup is outside the mounted tree
  controllers: string[]; // bound to v2 (the root's cgroup.controllers)
  ownWritable: boolean; // we may create children in our own cgroup
  /** Our own cgroup can parent the sandboxes: it is the root, or delegated with controllers already on. */
  ownUsable: boolean;
  /**
   * Not root: our cgroup's ancestors below the root delegated to us (systemd Delegate=, user@.service: we may
   * create cgroups in them and enable controllers), nearest first. Root: none (every one is writable, none
   * is ours to fill: the hierarchy root is the place).
   */
  delegatedAncestors: string[];
}

export interface V1Hierarchy {
  controllers: string[]; // ours that live here, e.g. ["cpu", "cpuacct"] when co-mounted
  mountPoint: string;
  ownDir: string; // the engine's own cgroup in this hierarchy
  ownWritable: boolean;
}

export interface CgroupLayout {
  kind: "v2" | "hybrid" | "v1" | "none";
  v2: V2Tree | null;
  v1: V1Hierarchy[];
}

export interface LayoutProbe {
  read(path: string): string | null;
  writable(path: string): boolean;
  root: boolean;
}

const fsProbe: LayoutProbe = {
  root: isRoot(),
  read: readTextOrNull,
  writable(path) {
    try {
      accessSync(path, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  },
};

const words = (s: string | null): string[] => (s ?? "").split(/\s+/).filter(Boolean);

/** Pure given its inputs: unit-tested with sample mountinfo / cgroup text and a fake probe. */
export function detectLayout(
  mountinfo: string,
  procCgroup: string,
  probe: LayoutProbe = fsProbe,
): CgroupLayout {
  const mounts = parseCgroupMounts(mountinfo);
  const own = parseProcCgroup(procCgroup);

  let v2: V2Tree | null = null;
  const m2 = mounts.find((m) => m.fsType === "cgroup2");
  if (m2 && own.v2Path !== null) {
    const ownDir = cgroupDir(m2.mountPoint, m2.root, own.v2Path);
    const controllers = words(probe.read(`${m2.mountPoint}/cgroup.controllers`));
    const ownWritable =
      ownDir !== null &&
      probe.writable(`${ownDir}/cgroup.procs`) &&
      probe.writable(`${ownDir}/cgroup.subtree_control`);
    const ownControllers = ownDir ? words(probe.read(`${ownDir}/cgroup.controllers`)) : [];
    const ownSubtree = ownDir ? words(probe.read(`${ownDir}/cgroup.subtree_control`)) : [];
    const wanted = V2_CONTROLLERS.filter((c) => controllers.includes(c));
    // A non-root cgroup that holds processes (ours does: we are in it) cannot enable controllers for
    // children (no-internal-processes rule); it is usable only when someone already enabled them.
    // (A cgroup-namespace root also reads "/" but may hold processes: the driver verifies by trying.)
    const ownUsable =
      ownWritable &&
      (own.v2Path === "/" || wanted.every((c) => ownControllers.includes(c) && ownSubtree.includes(c)));
    const delegatedAncestors: string[] = [];
    for (let d = ownDir && path.dirname(ownDir); d?.startsWith(`${m2.mountPoint}/`); d = path.dirname(d)) {
      if (!probe.root && probe.writable(d) && probe.writable(`${d}/cgroup.subtree_control`))
        delegatedAncestors.push(d);
    }
    v2 = {
      mountPoint: m2.mountPoint,
      ownPath: own.v2Path,
      ownDir,
      controllers,
      ownWritable,
      ownUsable,
      delegatedAncestors,
    };
  }

  const v1: V1Hierarchy[] = [];
  for (const m of mounts) {
    if (m.fsType !== "cgroup") continue;
    const ctrls = V1_CONTROLLERS.filter((c) => m.superOptions.includes(c));
    if (ctrls.length === 0) continue; // e.g. name=systemd, cpuset, blkio
    const path = own.v1.get(ctrls[0] as string);
    if (path === undefined) continue;
    const ownDir = cgroupDir(m.mountPoint, m.root, path);
    if (ownDir === null || v1.some((h) => h.mountPoint === m.mountPoint)) continue;
    v1.push({
      controllers: [...ctrls],
      mountPoint: m.mountPoint,
      ownDir,
      ownWritable: probe.writable(ownDir),
    });
  }

  const kind = v1.length > 0 ? (v2 ? "hybrid" : "v1") : v2 ? "v2" : "none";
  return { kind, v2, v1 };
}

export function detectCgroups(): CgroupLayout {
  const mountinfo = fsProbe.read("/proc/self/mountinfo") ?? "";
  const procCgroup = fsProbe.read("/proc/self/cgroup") ?? "";
  return detectLayout(mountinfo, procCgroup);
}

/** The v2 driver is primary when the unified tree carries memory, pids and cpu. */
export function v2IsComplete(layout: CgroupLayout): boolean {
  return !!layout.v2 && V2_CONTROLLERS.every((c) => layout.v2?.controllers.includes(c));
}
