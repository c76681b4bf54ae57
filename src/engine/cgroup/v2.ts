// cgroup v2 driver: a per-run parent with memory/pids/cpu enabled, one leaf per sandbox that the
// helper starts its child in with clone3(CLONE_INTO_CGROUP).
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { errCode, readTextOrNull } from "../fs";
import { type ResolvedLimits, SetupError } from "../types";
import { V2_CONTROLLERS, type V2Tree } from "./detect";
import { cgroupChain, type EnclosingCaps, v2Caps } from "./enclosing";
import { CPU_PERIOD_US, cpuQuotaUs, LimitGuard, swapActive, withLimits } from "./enforce";
import {
  killLoop,
  mkdirCg,
  PidsSampler,
  readNum,
  removeCgroupTree,
  removeSandboxDirs,
  rmdirRetry,
  sandboxStats,
  writeCg,
} from "./io";
import { NoneRun } from "./none";
import { parseKeyed } from "./parse";
import { assertSandboxName, type CgroupRun, type CgroupStats, type SandboxCgroup } from "./types";

/** Why a limit of a run whose tree lacks the controller cannot be enforced. */
const noController = (c: string) => `no ${c} controller in the cgroup v2 tree`;

const words = (s: string | null): string[] => (s ?? "").split(/\s+/).filter(Boolean);

/** Turn on our controllers in `dir`'s subtree_control; returns those on, or throws. */
function enableControllers(dir: string): string[] {
  const avail = V2_CONTROLLERS.filter((c) => words(readTextOrNull(`${dir}/cgroup.controllers`)).includes(c));
  const on = words(readTextOrNull(`${dir}/cgroup.subtree_control`));
  const missing = avail.filter((c) => !on.includes(c));
  // One write for all: the kernel applies the list as a unit.
  if (missing.length > 0) writeCg(`${dir}/cgroup.subtree_control`, missing.map((c) => `+${c}`).join(" "));
  return avail;
}

/**
 * Create the run parent, in the first place that takes it: our own cgroup when it is the root or delegated
 * with controllers on; else (not root) the nearest ancestor delegated to us; else the hierarchy root. A
 * non-root cgroup that holds processes — ours does — cannot enable controllers for children. Returns the
 * run, or a none run that says why none could be made.
 */
export function openV2Run(tree: V2Tree, runName: string): V2Run | NoneRun {
  const bases: string[] = [];
  if (tree.ownUsable && tree.ownDir) bases.push(tree.ownDir);
  bases.push(...tree.delegatedAncestors);
  if (!bases.includes(tree.mountPoint)) bases.push(tree.mountPoint);
  const chain = tree.ownDir ? cgroupChain(tree.ownDir, tree.mountPoint) : [];
  const failures: Array<{ code: string; step: string }> = [];
  for (const base of bases) {
    let step = `enabling controllers in ${base}`;
    try {
      const enabled = enableControllers(base);
      const dir = `${base}/${runName}`;
      step = `creating a cgroup in ${base}`;
      mkdirCg(dir);
      try {
        // Our cgroups it is not beneath: their limits would not bind the run's sandboxes any more.
        step = `limiting ${dir} to its enclosing cgroup's limits`;
        capRunParent(dir, enabled, v2Caps(chain.filter((d) => d.startsWith(`${base}/`))));
        step = `enabling controllers in ${dir}`;
        return new V2Run(dir, enableControllers(dir), v2Caps(chain), sharedCapEvents(dir));
      } catch (e) {
        rmdirRetry(dir);
        throw e;
      }
    } catch (e) {
      failures.push({ code: errCode(e), step });
    }
  }
  // EBUSY: the no-internal-processes rule (a cgroup-namespace root holding processes), which root is no fix for.
  const busy = failures.every((f) => f.code === "EBUSY");
  const why = failures.map(
    (f) => `${f.code} ${f.step}${f.code === "EBUSY" ? ", which holds processes" : ""}`,
  );
  return new NoneRun(`no usable cgroup v2 parent: ${why.join(", ")}`, busy ? "cgroup-busy" : "best-effort");
}

/**
 * Where a fork refused by the run parent's own pids.max is counted, when the sandbox's pids.events does not
 * (kernel ≥ 6.12 counts it in the limiting cgroup and up, not where the fork failed): its pids.events.local.
 * Older kernels count it in the forking cgroup, the sandbox's, and have no such file.
 */
function sharedCapEvents(dir: string): string | null {
  const file = `${dir}/pids.events.local`;
  return readTextOrNull(`${dir}/pids.max`)?.trim() !== "max" && existsSync(file) ? file : null;
}

/** The enclosing limits on the run parent: all of the run's sandboxes together stay within them. */
function capRunParent(dir: string, enabled: string[], caps: EnclosingCaps): void {
  if (enabled.includes("memory") && caps.memoryBytes !== null) {
    writeCg(`${dir}/memory.max`, String(caps.memoryBytes));
    if (caps.swapBytes !== null && existsSync(`${dir}/memory.swap.max`))
      writeCg(`${dir}/memory.swap.max`, String(caps.swapBytes));
  }
  if (enabled.includes("pids") && caps.pids !== null) writeCg(`${dir}/pids.max`, String(caps.pids));
}

class V2Run implements CgroupRun {
  readonly kind = "v2" as const;
  private readonly sandboxes = new Set<V2Sandbox>();
  constructor(
    readonly dir: string,
    readonly enabled: string[],
    readonly enclosing: EnclosingCaps,
    private readonly capEvents: string | null,
  ) {}

  createSandbox(name: string, limits: ResolvedLimits, bestEffort: boolean): SandboxCgroup {
    assertSandboxName(name);
    const sb = new V2Sandbox(`${this.dir}/${name}`, this.enabled, this.capEvents, () =>
      this.sandboxes.delete(sb),
    );
    withLimits(sb, limits, bestEffort); // before it is registered: a failure removes it
    this.sandboxes.add(sb);
    return sb;
  }

  checkEnforceable(limits: ResolvedLimits, bestEffort: boolean): void {
    const guard = new LimitGuard(bestEffort, limits.defaulted);
    const has = (c: string) => this.enabled.includes(c);
    // In V2Sandbox.apply's order (cpu-time needs the sandbox's own cpu.stat: apply alone can tell).
    if (limits.memoryBytes !== undefined && !has("memory")) guard.cannot("memory", noController("memory"));
    if (limits.pids !== undefined && !has("pids")) guard.cannot("pids", noController("pids"));
    if (limits.cpus !== undefined && !has("cpu")) guard.cannot("cpus", noController("cpu"));
  }

  dispose(): void {
    for (const sb of [...this.sandboxes]) sb.remove();
    if (rmdirRetry(this.dir, 1) === null) return; // empty, as after every sandbox's removal
    // cgroup.kill is recursive: anything a crashed sandbox left behind dies with it.
    if (existsSync(`${this.dir}/cgroup.kill`)) {
      try {
        writeCg(`${this.dir}/cgroup.kill`, "1");
      } catch {
        // ENOENT: already removed
      }
    }
    const err = removeCgroupTree(this.dir);
    if (err) throw new Error(`cannot remove cgroup ${this.dir}: ${err.message}`);
  }
}

class V2Sandbox implements SandboxCgroup {
  readonly kind = "v2" as const;
  notEnforced: string[] = [];
  private sampler: PidsSampler | null = null;
  private removed = false;
  private capHitsAtStart = 0;

  constructor(
    readonly dir: string,
    private readonly enabled: string[],
    private readonly capEvents: string | null, // the run parent's, when it has a shared pids cap
    private readonly onRemove: () => void,
  ) {
    try {
      mkdirCg(dir);
    } catch (e) {
      throw new SetupError("cgroup", `cannot create cgroup ${dir}: ${errCode(e)}`);
    }
  }

  apply(limits: ResolvedLimits, guard: LimitGuard): void {
    this.notEnforced = guard.notEnforced;
    const has = (c: string) => this.enabled.includes(c);
    if (has("memory")) {
      if (limits.memoryBytes !== undefined) {
        if (guard.write("memory", `${this.dir}/memory.max`, String(limits.memoryBytes))) {
          // Without swap.max=0 a sandbox could page out past its limit: the limit would not be real.
          if (existsSync(`${this.dir}/memory.swap.max`))
            guard.write("memory", `${this.dir}/memory.swap.max`, "0");
          else if (swapActive()) guard.notEnforced.push("swap (no memory.swap.max: swap is not limited)");
        }
      }
      // Kubernetes-style: an OOM kill takes the whole sandbox, so "oom" is one clear outcome instead
      // of a tree with a random member missing that runs on (and may hang).
      try {
        writeCg(`${this.dir}/memory.oom.group`, "1");
      } catch {
        // kernel without oom.group (< 4.19): single-task kills, still counted in memory.events
      }
    } else if (limits.memoryBytes !== undefined) {
      guard.cannot("memory", noController("memory"));
    }
    if (limits.pids !== undefined) {
      if (has("pids")) guard.write("pids", `${this.dir}/pids.max`, String(limits.pids));
      else guard.cannot("pids", noController("pids"));
    }
    // The budget is watched through cpu.stat's usage_usec (cpuUsageMs): without it nothing would stop the tree.
    if (limits.cpuTimeMs !== undefined && this.cpuUsageMs() === null)
      guard.cannot("cpu-time", "no CPU usage in the cgroup's cpu.stat");
    if (limits.cpus !== undefined) {
      if (has("cpu"))
        guard.write("cpus", `${this.dir}/cpu.max`, `${cpuQuotaUs(limits.cpus)} ${CPU_PERIOD_US}`);
      else guard.cannot("cpus", noController("cpu"));
    }
  }

  helperSpec(): Array<[string, string]> {
    return [["cgroup_v2", this.dir]];
  }

  started(): void {
    if (this.capEvents) this.capHitsAtStart = capHits(this.capEvents);
    if (this.enabled.includes("pids") && !existsSync(`${this.dir}/pids.peak`)) {
      this.sampler ??= new PidsSampler(`${this.dir}/pids.current`);
      this.sampler.start();
    }
  }

  cpuUsageMs(): number | null {
    // cpu.stat exists in every v2 cgroup, with or without the cpu controller.
    const t = readTextOrNull(`${this.dir}/cpu.stat`);
    const us = t === null ? undefined : parseKeyed(t).get("usage_usec");
    return us === undefined ? null : us / 1000;
  }

  kill(): void {
    try {
      writeCg(`${this.dir}/cgroup.kill`, "1");
      return;
    } catch (e) {
      if (errCode(e) !== "ENOENT" || !existsSync(this.dir)) return; // gone already
    }
    killLoop([this.dir]); // kernel < 5.14: no cgroup.kill
  }

  stats(): CgroupStats {
    return sandboxStats(this.sampler, () => {
      const cpu = parseKeyed(readTextOrNull(`${this.dir}/cpu.stat`) ?? "");
      const mem = this.enabled.includes("memory");
      return {
        cpuAccounted: cpu.has("usage_usec"), // as cpuUsageMs() would say
        cpuUserMs: (cpu.get("user_usec") ?? 0) / 1000,
        cpuSystemMs: (cpu.get("system_usec") ?? 0) / 1000,
        memoryPeakBytes: mem ? readNum(`${this.dir}/memory.peak`) : null,
        memoryNote: {
          missing: mem ? null : "no memory controller in the cgroup v2 tree",
          unreadable: "memory.peak not available on this kernel",
          source: "cgroup memory.peak (includes page cache)",
        },
        pidsPeak: this.enabled.includes("pids") ? readNum(`${this.dir}/pids.peak`) : null,
        oomKills: parseKeyed(readTextOrNull(`${this.dir}/memory.events`) ?? "").get("oom_kill") ?? 0,
        pidsEventsFile: `${this.dir}/pids.events`,
        sharedPidsCapHit: this.sharedCapHit(),
      };
    });
  }

  /**
   * The run parent's shared pids cap refused a fork of this sandbox's: it was refused while this one ran,
   * and this one alone reached the cap (a sandbox beside it that hit the cap is not this one's doing).
   */
  private sharedCapHit(): boolean {
    if (this.capEvents === null || capHits(this.capEvents) <= this.capHitsAtStart) return false;
    const cap = readNum(`${dirname(this.capEvents)}/pids.max`);
    const peak = readNum(`${this.dir}/pids.peak`);
    return cap !== null && peak !== null && peak >= cap;
  }

  remove(): void {
    this.sampler?.stop();
    if (this.removed) return;
    const err = removeSandboxDirs([this.dir], () => this.kill());
    if (err) throw new Error(`cannot remove cgroup ${this.dir}: ${err.message}`);
    this.removed = true;
    this.onRemove();
  }
}

function capHits(eventsFile: string): number {
  return parseKeyed(readTextOrNull(eventsFile) ?? "").get("max") ?? 0;
}
