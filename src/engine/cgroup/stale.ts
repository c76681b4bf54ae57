// Remove run parents left by engines that crashed: `nsbox-<pid>-<rand>` whose pid is dead or reused.
import { type Dirent, readdirSync, statSync } from "node:fs";
import { bootTimeMs, pidOwnerAlive } from "../proc";
import { type CgroupLayout, detectCgroups } from "./detect";
import { killLoop, removeCgroupTree, treeDirs, writeCg } from "./io";
import { RUN_DIR_RE } from "./types";

/** Where an engine in our own cgroups puts run parents: the v2 root and own cgroup, each v1 own cgroup. */
function placesFor(layout: CgroupLayout): string[] {
  const places = new Set<string>();
  if (layout.v2) {
    places.add(layout.v2.mountPoint);
    if (layout.v2.ownDir) places.add(layout.v2.ownDir);
  }
  for (const h of layout.v1) places.add(h.ownDir);
  return [...places];
}

// Deep enough for systemd's slices and containers' nesting; a bound, since cgroupfs is only so deep.
const MAX_DEPTH = 12;

/**
 * Every dir of every hierarchy that can hold run parents (`nsbox-*` dirs are not descended into): engines
 * started from other cgroups (another session, service or container) put theirs beneath their own cgroup.
 */
function everywhere(layout: CgroupLayout): string[] {
  const roots = new Set<string>();
  if (layout.v2) roots.add(layout.v2.mountPoint);
  for (const h of layout.v1) roots.add(h.mountPoint);
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    out.push(dir);
    if (depth >= MAX_DEPTH) return;
    let ents: Dirent[];
    try {
      ents = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of ents)
      if (e.isDirectory() && !RUN_DIR_RE.test(e.name)) walk(`${dir}/${e.name}`, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  return out;
}

function thawAll(dirs: string[]): void {
  for (const d of dirs) {
    try {
      writeCg(`${d}/freezer.state`, "THAWED"); // a crash mid-kill may have left it FROZEN
    } catch {
      // not a freezer hierarchy
    }
  }
}

/**
 * Kill what is left in stale run parents and remove them; returns how many run parents were removed.
 * `deep` searches each hierarchy whole (v1: every controller's), not only where this engine would create.
 */
export function cleanupStaleCgroups(
  layout: CgroupLayout = detectCgroups(),
  opts: { deep?: boolean } = {},
): number {
  const byName = new Map<string, string[]>();
  for (const place of opts.deep ? everywhere(layout) : placesFor(layout)) {
    let names: string[];
    try {
      names = readdirSync(place);
    } catch {
      continue;
    }
    for (const n of names) if (RUN_DIR_RE.test(n)) byName.set(n, [...(byName.get(n) ?? []), `${place}/${n}`]);
  }
  const bootMs = bootTimeMs();
  let removed = 0;
  for (const [name, dirs] of byName) {
    const pid = Number(RUN_DIR_RE.exec(name)?.[1]);
    if (pid === process.pid) continue;
    let createdMs = Number.POSITIVE_INFINITY;
    for (const d of dirs) {
      try {
        createdMs = Math.min(createdMs, statSync(d).mtimeMs);
      } catch {
        // raced with its owner's own cleanup
      }
    }
    if (createdMs === Number.POSITIVE_INFINITY || pidOwnerAlive(pid, createdMs, bootMs)) continue;
    const all = dirs.flatMap(treeDirs);
    for (const d of dirs) {
      try {
        writeCg(`${d}/cgroup.kill`, "1"); // v2: recursive kill
      } catch {
        // v1 or kernel < 5.14
      }
    }
    thawAll(all);
    killLoop(all);
    if (dirs.map(removeCgroupTree).every((e) => e === null)) removed++;
  }
  return removed;
}
