// cgroup v1 driver: in every hierarchy we use, a per-run parent beneath the engine's own cgroup and one
// sandbox dir per sandbox. Init joins the sandbox dirs itself before it may run (no CLONE_INTO_CGROUP;
// native/outer.c says how).
import { existsSync } from "node:fs";
import { errCode, readTextOrNull } from "../fs";
import { type ResolvedLimits, SetupError } from "../types";
import { V1_CONTROLLERS, type V1Hierarchy } from "./detect";
import { cgroupChain, type EnclosingCaps, smallestLimit } from "./enclosing";
import { CPU_PERIOD_US, cpuQuotaUs, LimitGuard, swapActive, withLimits } from "./enforce";
import {
  type DriverStats,
  killLoop,
  mkdirCg,
  PidsSampler,
  readNum,
  removeCgroupTree,
  removeSandboxDirs,
  rmdirRetry,
  sandboxStats,
} from "./io";
import { NoneRun } from "./none";
import { parseKeyed, splitLikeTicks } from "./parse";
import { assertSandboxName, type CgroupRun, type CgroupStats, type SandboxCgroup } from "./types";

// cpuacct.stat counts USER_HZ ticks, which is 100 on every Linux ABI.
const MS_PER_TICK = 10;

interface Part {
  controllers: string[];
  runDir: string;
}

/** Returns the run, or a none run that says why not a single hierarchy could hold it. */
export function openV1Run(hierarchies: V1Hierarchy[], runName: string): V1Run | NoneRun {
  const parts: Part[] = [];
  const missing = new Map<string, string>();
  for (const c of V1_CONTROLLERS) missing.set(c, `no ${c} controller mounted`);
  // A hierarchy no sandbox can need (the freezer's alone) gets no run dir either.
  for (const h of hierarchies.filter((h) => h.controllers.some((c) => sandboxUses(c)))) {
    // Never elsewhere than beneath our own cgroup: on shared hosts the rest belongs to others.
    const runDir = `${h.ownDir}/${runName}`;
    try {
      mkdirCg(runDir);
      parts.push({ controllers: h.controllers, runDir });
      for (const c of h.controllers) missing.delete(c);
    } catch (e) {
      for (const c of h.controllers) missing.set(c, `${errCode(e)} creating a cgroup in ${h.ownDir}`);
    }
  }
  if (parts.length === 0)
    return new NoneRun(`no usable cgroup v1 hierarchy: ${[...new Set(missing.values())].join(", ")}`);
  // memory.use_hierarchy is 1 by default (forced since 5.16); limits sit on the leaf either way.
  return new V1Run(parts, missing, v1Caps(hierarchies));
}

/** The limits above the run dirs (beneath the engine's own cgroup, so they bind already: told, not copied). */
function v1Caps(hierarchies: V1Hierarchy[]): EnclosingCaps {
  const chain = (c: string) => {
    const h = hierarchies.find((h) => h.controllers.includes(c));
    return h ? cgroupChain(h.ownDir, h.mountPoint) : [];
  };
  return {
    memoryBytes: smallestLimit(chain("memory"), "memory.limit_in_bytes"),
    swapBytes: null, // memsw is memory+swap: the memory limit is the one that tells
    pids: smallestLimit(chain("pids"), "pids.max"),
  };
}

/**
 * Whether a sandbox with these limits (any sandbox: none given) uses a controller: cpu (CFS quota) only for a
 * cpus limit; freezer never (it is detected so the stale sweep reaches older runs' dirs there); the rest
 * always. A freezer dir served a clean kill, but every process of a sandbox is in its pid namespace, and
 * SIGKILL to that namespace's init ends them all (forks fail once it is dying). The dir cost a mkdir, a move
 * and an rmdir per sandbox: 5% throughput.
 */
function sandboxUses(controller: string, limits?: ResolvedLimits): boolean {
  if (controller === "freezer") return false;
  return controller !== "cpu" || !limits || limits.cpus !== undefined;
}

/** Whether a sandbox needs a dir in a hierarchy: one of its controllers is used. */
function needsHierarchy(controllers: readonly string[], limits: ResolvedLimits): boolean {
  return controllers.some((c) => sandboxUses(c, limits));
}

/** Why a controller has no hierarchy of the run. */
function unavailable(missing: Map<string, string>, controller: string): string {
  return missing.get(controller) ?? `no ${controller} controller`;
}

/** Whether the kernel's cgroup dirs have a file (the same in every dir of its hierarchy): looked up once. */
type HasFile = (dir: string, file: string) => boolean;

function fileCheckCache(): HasFile {
  const known = new Map<string, boolean>();
  return (dir, file) => {
    let has = known.get(file);
    if (has === undefined) {
      has = existsSync(`${dir}/${file}`);
      known.set(file, has);
    }
    return has;
  };
}

class V1Run implements CgroupRun {
  readonly kind = "v1" as const;
  private readonly sandboxes = new Set<V1Sandbox>();
  private readonly hasFile = fileCheckCache();
  constructor(
    private readonly parts: Part[],
    private readonly missing: Map<string, string>, // controller → why it is unavailable
    readonly enclosing: EnclosingCaps,
  ) {}

  createSandbox(name: string, limits: ResolvedLimits, bestEffort: boolean): SandboxCgroup {
    assertSandboxName(name);
    // Each dir costs a mkdir, the helper's move and an rmdir per sandbox: none where nothing is limited
    // or counted (the cpu hierarchy without a cpus limit; cpuacct counts).
    const parts = this.parts.filter((p) => needsHierarchy(p.controllers, limits));
    const sb = new V1Sandbox(parts, name, this.missing, this.hasFile, () => this.sandboxes.delete(sb));
    withLimits(sb, limits, bestEffort); // before it is registered: a failure removes it
    this.sandboxes.add(sb);
    return sb;
  }

  checkEnforceable(limits: ResolvedLimits, bestEffort: boolean): void {
    const guard = new LimitGuard(bestEffort, limits.defaulted);
    const has = (c: string) => this.parts.some((p) => p.controllers.includes(c));
    const why = (c: string) => unavailable(this.missing, c);
    // In V1Sandbox.apply's order: the first refusal is the one a sandbox would have met.
    if (limits.memoryBytes !== undefined && !has("memory")) guard.cannot("memory", why("memory"));
    if (limits.pids !== undefined && !has("pids")) guard.cannot("pids", why("pids"));
    if (limits.cpuTimeMs !== undefined && !has("cpuacct")) guard.cannot("cpu-time", why("cpuacct"));
    if (limits.cpus !== undefined && !has("cpu")) guard.cannot("cpus", why("cpu"));
  }

  dispose(): void {
    for (const sb of [...this.sandboxes]) sb.remove();
    let err: Error | null = null;
    for (const p of this.parts) {
      if (rmdirRetry(p.runDir, 1) === null) continue; // empty, as after every sandbox's removal
      killLoop([p.runDir]);
      err = removeCgroupTree(p.runDir) ?? err;
    }
    if (err) throw new Error(`cannot remove cgroup run dirs: ${err.message}`);
  }
}

class V1Sandbox implements SandboxCgroup {
  readonly kind = "v1" as const;
  notEnforced: string[] = [];
  private readonly dirs: Array<{ controllers: string[]; dir: string }> = [];
  private sampler: PidsSampler | null = null;
  private removed = false;

  constructor(
    parts: Part[],
    name: string,
    private readonly missing: Map<string, string>,
    private readonly hasFile: HasFile,
    private readonly onRemove: () => void,
  ) {
    for (const p of parts) {
      const dir = `${p.runDir}/${name}`;
      try {
        mkdirCg(dir);
      } catch (e) {
        for (const d of this.dirs) rmdirRetry(d.dir);
        throw new SetupError("cgroup", `cannot create cgroup ${dir}: ${errCode(e)}`);
      }
      this.dirs.push({ controllers: p.controllers, dir });
    }
  }

  private dirOf(controller: string): string | null {
    return this.dirs.find((d) => d.controllers.includes(controller))?.dir ?? null;
  }

  private why(controller: string): string {
    return unavailable(this.missing, controller);
  }

  apply(limits: ResolvedLimits, guard: LimitGuard): void {
    this.notEnforced = guard.notEnforced;
    const mem = this.dirOf("memory");
    if (limits.memoryBytes !== undefined) {
      if (!mem) guard.cannot("memory", this.why("memory"));
      else if (guard.write("memory", `${mem}/memory.limit_in_bytes`, String(limits.memoryBytes))) {
        // memsw = memory+swap; the same value means zero swap. After limit_in_bytes: memsw may not be lower.
        if (this.hasFile(mem, "memory.memsw.limit_in_bytes")) {
          guard.write("memory", `${mem}/memory.memsw.limit_in_bytes`, String(limits.memoryBytes));
        } else if (swapActive()) {
          guard.notEnforced.push("swap (no swap accounting: memory.memsw.* absent, swap is not limited)");
        }
      }
    }
    if (limits.pids !== undefined) {
      const d = this.dirOf("pids");
      if (d) guard.write("pids", `${d}/pids.max`, String(limits.pids));
      else guard.cannot("pids", this.why("pids"));
    }
    // The budget is watched through cpuacct.usage (cpuUsageMs): without it nothing would ever stop the tree.
    if (limits.cpuTimeMs !== undefined && !this.dirOf("cpuacct"))
      guard.cannot("cpu-time", this.why("cpuacct"));
    if (limits.cpus !== undefined) {
      const d = this.dirOf("cpu");
      if (!d) guard.cannot("cpus", this.why("cpu"));
      else if (guard.write("cpus", `${d}/cpu.cfs_period_us`, String(CPU_PERIOD_US))) {
        guard.write("cpus", `${d}/cpu.cfs_quota_us`, String(cpuQuotaUs(limits.cpus)));
      }
    }
  }

  helperSpec(): Array<[string, string]> {
    return this.dirs.map((d): [string, string] => ["cgroup_v1", d.dir]);
  }

  started(): void {
    const d = this.dirOf("pids");
    if (d && !this.hasFile(d, "pids.peak")) {
      this.sampler ??= new PidsSampler(`${d}/pids.current`);
      this.sampler.start();
    }
  }

  cpuUsageMs(): number | null {
    const d = this.dirOf("cpuacct");
    const ns = d ? readNum(`${d}/cpuacct.usage`) : null;
    return ns === null ? null : ns / 1e6;
  }

  kill(): void {
    killLoop(this.dirs.map((d) => d.dir)); // the caller also kills the pid namespace's init
  }

  stats(): CgroupStats {
    return sandboxStats(this.sampler, () => this.read());
  }

  private read(): DriverStats {
    const acct = this.dirOf("cpuacct");
    let user = 0;
    let sys = 0;
    const userNs = acct ? readNum(`${acct}/cpuacct.usage_user`) : null;
    const sysNs = acct ? readNum(`${acct}/cpuacct.usage_sys`) : null;
    if (userNs !== null && sysNs !== null) {
      user = userNs / 1e6;
      sys = sysNs / 1e6;
    } else if (acct) {
      const st = parseKeyed(readTextOrNull(`${acct}/cpuacct.stat`) ?? "");
      user = (st.get("user") ?? 0) * MS_PER_TICK;
      sys = (st.get("system") ?? 0) * MS_PER_TICK;
    }
    const totalNs = acct ? readNum(`${acct}/cpuacct.usage`) : null;
    if (totalNs !== null) [user, sys] = splitLikeTicks(totalNs / 1e6, user, sys);
    const mem = this.dirOf("memory");
    const pids = this.dirOf("pids");
    return {
      cpuAccounted: totalNs !== null, // as cpuUsageMs() would say
      cpuUserMs: user,
      cpuSystemMs: sys,
      memoryPeakBytes: mem ? readNum(`${mem}/memory.max_usage_in_bytes`) : null,
      memoryNote: {
        missing: mem ? null : this.why("memory"),
        unreadable: "memory.max_usage_in_bytes not readable",
        source: "cgroup v1 memory.max_usage_in_bytes (includes page cache)",
      },
      pidsPeak: pids ? readNum(`${pids}/pids.peak`) : null,
      // `oom_kill N` exists since 4.13; older kernels only have under_oom / failcnt.
      oomKills: mem
        ? (parseKeyed(readTextOrNull(`${mem}/memory.oom_control`) ?? "").get("oom_kill") ?? 0)
        : 0,
      pidsEventsFile: pids ? `${pids}/pids.events` : null,
    };
  }

  remove(): void {
    this.sampler?.stop();
    if (this.removed) return;
    const err = removeSandboxDirs(
      this.dirs.map((d) => d.dir),
      () => this.kill(),
    );
    if (err) throw new Error(`cannot remove cgroup: ${err.message}`);
    this.removed = true;
    this.onRemove();
  }
}
