// No usable cgroups (rootless without delegation, or nothing mounted): limits are an error unless best
// effort; the engine falls back to rusage for its report and to killing the helper's process tree.
import type { HintKey, ResolvedLimits } from "../types";
import { NO_CAPS } from "./enclosing";
import { LimitGuard, requested } from "./enforce";
import type { CgroupRun, CgroupStats, SandboxCgroup } from "./types";

export class NoneRun implements CgroupRun {
  readonly kind = "none" as const;
  readonly enclosing = NO_CAPS;
  /** `reason` is one clause (it is quoted inside "memory (...)"); `hint` the fix a front end words. */
  constructor(
    readonly reason: string,
    private readonly hint: HintKey = "best-effort",
  ) {}

  createSandbox(_name: string, limits: ResolvedLimits, bestEffort: boolean): SandboxCgroup {
    return new NoneSandbox(this.notEnforced(limits, bestEffort), this.reason);
  }

  checkEnforceable(limits: ResolvedLimits, bestEffort: boolean): void {
    this.notEnforced(limits, bestEffort);
  }

  /** Every limit asked for is refused (or, best effort or a default, listed). */
  private notEnforced(limits: ResolvedLimits, bestEffort: boolean): string[] {
    const guard = new LimitGuard(bestEffort, limits.defaulted);
    for (const limit of requested(limits)) guard.cannot(limit, this.reason, this.hint);
    return guard.notEnforced;
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
      memoryPeakNote: this.reason,
      pidsPeak: null,
      pidsPeakSource: null,
      oomKills: 0,
      pidsLimitHit: false,
    };
  }
  remove(): void {}
}
