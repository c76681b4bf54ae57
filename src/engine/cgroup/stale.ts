// Remove run parents left by engines that crashed: `nsbox-<pid>-<rand>` whose pid is dead or reused.
import { statSync } from "node:fs";
import { basename } from "node:path";
import { bootTimeMs, pidNamespace, pidNamespaceDepth, pidOwnerAlive } from "../proc";
import { type CgroupLayout, detectCgroups } from "./detect";
import { killLoop, procsOf, removeCgroupTree, subdirs, treeDirs, writeCg } from "./io";
import { RUN_DIR_RE } from "./types";

/**
 * Where an engine in our own cgroups puts run parents: the v2 root, own cgroup and the ancestors delegated to
 * it (cgroup/v2.ts), each v1 own cgroup.
 */
function placesFor(layout: CgroupLayout): string[] {
  const places = new Set<string>();
  if (layout.v2) {
    places.add(layout.v2.mountPoint);
    if (layout.v2.ownDir) places.add(layout.v2.ownDir);
    for (const d of layout.v2.delegatedAncestors) places.add(d);
  }
  for (const h of layout.v1) places.add(h.ownDir);
  return [...places];
}

// Deep enough for systemd's slices and containers' nesting; a bound, since cgroupfs is only so deep.
const MAX_DEPTH = 12;

interface RunDir {
  name: string;
  dir: string;
  parent: string;
}

/**
 * The `nsbox-*` dirs in `roots` and, down to `maxDepth` levels, in the dirs beneath them (which are not
 * descended into): one read of each dir.
 */
function runDirsBeneath(roots: Iterable<string>, maxDepth: number): RunDir[] {
  const out: RunDir[] = [];
  const walk = (dir: string, depth: number) => {
    for (const path of subdirs(dir)) {
      const name = basename(path);
      if (RUN_DIR_RE.test(name)) out.push({ name, dir: path, parent: dir });
      else if (depth < maxDepth) walk(path, depth + 1);
    }
  };
  for (const r of roots) walk(r, 0);
  return out;
}

/**
 * Every hierarchy whole (v1: every controller's): engines started from other cgroups (another session,
 * service or container) put their run parents beneath their own cgroup.
 */
function everywhere(layout: CgroupLayout): RunDir[] {
  const roots = new Set<string>();
  if (layout.v2) roots.add(layout.v2.mountPoint);
  for (const h of layout.v1) roots.add(h.mountPoint);
  return runDirsBeneath(roots, MAX_DEPTH);
}

/** The processes of a cgroup sub-tree outside its run parents (the engine and its neighbours). */
function procsAround(dir: string, depth = 0): number[] {
  const out = procsOf(dir);
  if (depth < MAX_DEPTH)
    for (const sub of subdirs(dir))
      if (!RUN_DIR_RE.test(basename(sub))) out.push(...procsAround(sub, depth + 1));
  return out;
}

/**
 * The pid in a run parent's name means something only in the pid namespace of the engine that made it:
 * an engine in a container names its dir with a pid of the container's namespace, which in ours is some
 * other process or none. So a run is judged by our /proc only when nothing says its engine lived in
 * another pid namespace:
 * - its sandboxes (the processes in its dirs) sit one namespace below their engine's: when there are
 *   some and none is at most one below ours, the engine was in a deeper namespace;
 * - a dir only the deep walk finds (beneath none of our own places) was made by an engine living in that
 *   dir's parent cgroup sub-tree: any process there (outside run parents) in a pid namespace other than
 *   ours, or one we cannot read, means the engine may be in that namespace.
 * A foreign engine's run whose whole container has exited shows neither, and is removed: its namespace,
 * and with it every sandbox beneath it, is gone.
 */
class PidNamespaceJudge {
  private readonly ours = pidNamespace("self");
  private readonly ourDepth = pidNamespaceDepth("self");
  private readonly foreignAround = new Map<string, boolean>();

  constructor(private readonly ownPlaces: Set<string>) {}

  foreign(run: RunDir[]): boolean {
    return (
      this.sandboxesDeeper(run) || run.some((d) => !this.ownPlaces.has(d.parent) && this.around(d.parent))
    );
  }

  private sandboxesDeeper(run: RunDir[]): boolean {
    const pids = run.flatMap((d) => treeDirs(d.dir).flatMap(procsOf));
    return (
      pids.length > 0 &&
      !pids.some((p) => {
        const depth = p === 0 ? null : pidNamespaceDepth(p); // 0: in a namespace we cannot see
        return depth !== null && this.ourDepth !== null && depth - this.ourDepth <= 1;
      })
    );
  }

  private around(parent: string): boolean {
    let foreign = this.foreignAround.get(parent);
    if (foreign === undefined) {
      foreign = procsAround(parent).some((p) => {
        const ns = p === 0 ? "unknown" : pidNamespace(p);
        return ns !== null && ns !== this.ours; // null: exited meanwhile
      });
      this.foreignAround.set(parent, foreign);
    }
    return foreign;
  }
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
  const places = placesFor(layout);
  const byName = new Map<string, RunDir[]>();
  for (const d of opts.deep ? everywhere(layout) : runDirsBeneath(places, 0))
    byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
  let judge: PidNamespaceJudge | null = null; // only a dead-looking owner needs it (usually none)
  const bootMs = bootTimeMs();
  let removed = 0;
  for (const [name, run] of byName) {
    const pid = Number(RUN_DIR_RE.exec(name)?.[1]);
    if (pid === process.pid) continue;
    const dirs = run.map((d) => d.dir);
    let createdMs = Number.POSITIVE_INFINITY;
    for (const d of dirs) {
      try {
        createdMs = Math.min(createdMs, statSync(d).mtimeMs);
      } catch {
        // raced with its owner's own cleanup
      }
    }
    if (createdMs === Number.POSITIVE_INFINITY || pidOwnerAlive(pid, createdMs, bootMs)) continue;
    judge ??= new PidNamespaceJudge(new Set(places));
    if (judge.foreign(run)) continue;
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
