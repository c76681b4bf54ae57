// No usable cgroups (rootless without delegation, or nothing mounted): limits are an error unless best
// effort; the engine falls back to rusage for its report and to killing the helper's process tree.
import type { ResolvedLimits } from "../types";
import { LimitGuard, requested } from "./enforce";
import type { CgroupRun, CgroupStats, SandboxCgroup } from "./types";

export class NoneRun implements CgroupRun {
  readonly kind = "none" as const;
  constructor(readonly reason: string) {}

  createSandbox(_name: string, limits: ResolvedLimits, bestEffort: boolean): SandboxCgroup {
    const guard = new LimitGuard(bestEffort, limits.defaulted);
    for (const limit of requested(limits)) guard.cannot(limit, this.reason);
    return new NoneSandbox(guard.notEnforced, this.reason);
  }

  dispose(): void {}
}

class NoneSandbox implements SandboxCgroup {
  readonly kind = "none" as const;
  constructor(
    readonly notEnforced: string[],
    private readonly reason: string,
  ) {}
  helperSpec(): Array<[string, string]> {
    return [];
  }
  started(): void {}
  cpuUsageMs(): number | null {
    return null;
  }
  kill(): void {}
  stats(): CgroupStats {
    return {
      cpuAccounted: false,
      cpuUserMs: 0,
      cpuSystemMs: 0,
      memoryPeakBytes: null,
      memoryPeakNote: `no cgroup: ${this.reason}`,
      pidsPeak: null,
      pidsPeakSource: null,
      oomKills: 0,
      pidsLimitHit: false,
    };
  }
  remove(): void {}
}
