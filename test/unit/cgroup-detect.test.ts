import { describe, expect, it } from "vitest";
import { detectLayout, type LayoutProbe, v2IsComplete } from "../../src/engine/cgroup/detect";
import { cpuQuotaUs, LimitGuard, requested } from "../../src/engine/cgroup/enforce";
import { openCgroupRun } from "../../src/engine/cgroup/index";
import { NoneRun } from "../../src/engine/cgroup/none";
import { pidOwnerAlive } from "../../src/engine/proc";
import { SetupError } from "../../src/engine/types";

/** A fake cgroupfs: file contents by path, and which paths are writable. */
function probe(files: Record<string, string>, writable: string[] | "all" = "all"): LayoutProbe {
  return {
    root: false,
    read: (p) => files[p] ?? null,
    writable: (p) => writable === "all" || writable.some((w) => p === w || p.startsWith(`${w}/`)),
  };
}

const mi = (lines: string[]) => lines.map((l, i) => `${30 + i} 1 0:${30 + i} ${l}`).join("\n");

const PURE_V2 = mi(["/ /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate"]);
const ALL = "cpuset cpu io memory hugetlb pids rdma misc";

describe("detectLayout", () => {
  it("pure v2, engine in a non-root leaf (a runner step): v2 complete, own cgroup not usable", () => {
    const l = detectLayout(
      PURE_V2,
      "0::/system.slice/runner.service\n",
      probe({
        "/sys/fs/cgroup/cgroup.controllers": ALL,
        "/sys/fs/cgroup/system.slice/runner.service/cgroup.controllers": "cpu io memory pids",
        "/sys/fs/cgroup/system.slice/runner.service/cgroup.subtree_control": "",
      }),
    );
    expect(l.kind).toBe("v2");
    expect(l.v1).toEqual([]);
    expect(l.v2?.ownDir).toBe("/sys/fs/cgroup/system.slice/runner.service");
    expect(l.v2?.ownWritable).toBe(true);
    expect(l.v2?.ownUsable).toBe(false);
    expect(v2IsComplete(l)).toBe(true);
  });

  it("pure v2, engine in the root cgroup: own cgroup usable", () => {
    const l = detectLayout(PURE_V2, "0::/\n", probe({ "/sys/fs/cgroup/cgroup.controllers": ALL }));
    expect(l.v2?.ownDir).toBe("/sys/fs/cgroup");
    expect(l.v2?.ownUsable).toBe(true);
  });

  it("pure v2, delegated with controllers already on: own cgroup usable", () => {
    const own = "/sys/fs/cgroup/user.slice/u.service";
    const l = detectLayout(
      PURE_V2,
      "0::/user.slice/u.service\n",
      probe(
        {
          "/sys/fs/cgroup/cgroup.controllers": ALL,
          [`${own}/cgroup.controllers`]: "cpu memory pids",
          [`${own}/cgroup.subtree_control`]: "cpu memory pids",
        },
        [own],
      ),
    );
    expect(l.v2?.ownUsable).toBe(true);
  });

  it("rootless v2 without delegation: not writable", () => {
    const l = detectLayout(
      PURE_V2,
      "0::/user.slice/user-1000.slice/session-1.scope\n",
      probe({ "/sys/fs/cgroup/cgroup.controllers": ALL }, []),
    );
    expect(l.v2?.ownWritable).toBe(false);
    expect(l.v2?.ownUsable).toBe(false);
  });

  it("this VM's hybrid: v1 controllers beneath our own cgroup, v2 with hugetlb only", () => {
    const mountinfo = mi([
      "/ /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu",
      "/ /sys/fs/cgroup/cpuacct rw - cgroup cgroup rw,cpuacct",
      "/ /sys/fs/cgroup/cpuset rw - cgroup cgroup rw,cpuset",
      "/ /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory",
      "/ /sys/fs/cgroup/freezer rw - cgroup cgroup rw,freezer",
      "/ /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids",
      "/ /sys/fs/cgroup/systemd rw - cgroup cgroup rw,name=systemd",
      "/ /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw",
    ]);
    const cg =
      "9:name=systemd:/\n8:pids:/\n6:freezer:/\n4:memory:/process_api/abc\n3:cpuset:/\n2:cpuacct:/\n1:cpu:/\n0::/\n";
    const l = detectLayout(
      mountinfo,
      cg,
      probe({ "/sys/fs/cgroup/unified/cgroup.controllers": "hugetlb\n" }),
    );
    expect(l.kind).toBe("hybrid");
    expect(v2IsComplete(l)).toBe(false);
    expect(l.v2?.controllers).toEqual(["hugetlb"]);
    expect(l.v1.map((h) => [h.controllers.join(","), h.ownDir])).toEqual([
      ["cpu", "/sys/fs/cgroup/cpu"],
      ["cpuacct", "/sys/fs/cgroup/cpuacct"],
      ["memory", "/sys/fs/cgroup/memory/process_api/abc"],
      ["freezer", "/sys/fs/cgroup/freezer"],
      ["pids", "/sys/fs/cgroup/pids"],
    ]);
  });

  it("pure v1 with co-mounted cpu,cpuacct: one hierarchy serves both", () => {
    const mountinfo = mi([
      "/ /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct",
      "/ /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory",
    ]);
    const l = detectLayout(mountinfo, "3:cpu,cpuacct:/a\n2:memory:/a\n", probe({}));
    expect(l.kind).toBe("v1");
    expect(l.v2).toBeNull();
    expect(l.v1).toHaveLength(2);
    expect(l.v1[0]?.controllers).toEqual(["cpu", "cpuacct"]);
    expect(l.v1[0]?.ownDir).toBe("/sys/fs/cgroup/cpu,cpuacct/a");
  });

  it("nothing mounted: none", () => {
    expect(detectLayout("22 1 254:0 / / rw - ext4 /dev/vda rw\n", "0::/\n", probe({})).kind).toBe("none");
  });
});

describe("limits enforcement helpers", () => {
  it("cpu quota: cpus × 100 ms, at least the kernel's 1 ms", () => {
    expect(cpuQuotaUs(0.5)).toBe(50_000);
    expect(cpuQuotaUs(2)).toBe(200_000);
    expect(cpuQuotaUs(1.255)).toBe(125_500);
    expect(cpuQuotaUs(0.001)).toBe(1000);
  });

  it("requested lists only cgroup-backed limits", () => {
    expect(requested({ memoryBytes: 1, pids: 2, cpus: 1, timeoutMs: 5, tmpfsBytes: 9 })).toEqual([
      "memory",
      "pids",
      "cpus",
    ]);
    expect(requested({ timeoutMs: 5 })).toEqual([]);
  });

  it("strict: a SetupError naming the limit, the reason and the ways out", () => {
    const g = new LimitGuard(false);
    expect(() => g.cannot("memory", "no memory controller")).toThrow(SetupError);
    try {
      g.cannot("memory", "no memory controller");
    } catch (e) {
      expect((e as SetupError).step).toBe("cgroup");
      expect((e as Error).message).toBe("cannot enforce memory limit: no memory controller");
      expect((e as SetupError).hint).toBe("best-effort");
    }
  });

  it("best effort: recorded, not thrown", () => {
    const g = new LimitGuard(true);
    g.cannot("pids", "EACCES writing /x/pids.max");
    expect(g.notEnforced).toEqual(["pids (EACCES writing /x/pids.max)"]);
  });

  it("a none run refuses limits unless best effort, and allows none", () => {
    const run = new NoneRun("no usable cgroup v2 parent (EACCES creating /sys/fs/cgroup/x)");
    expect(() => run.createSandbox("a", { memoryBytes: 1 << 20 }, false)).toThrow(
      "cannot enforce memory limit: no usable cgroup v2 parent (EACCES creating /sys/fs/cgroup/x)",
    );
    const sb = run.createSandbox("a", { memoryBytes: 1 << 20, cpus: 1 }, true);
    expect(sb.kind).toBe("none");
    expect(sb.notEnforced).toHaveLength(2);
    expect(sb.helperSpec()).toEqual([]);
    expect(sb.cpuUsageMs()).toBeNull();
    expect(sb.stats().memoryPeakBytes).toBeNull();
    expect(run.createSandbox("b", { timeoutMs: 100 }, false).notEnforced).toEqual([]);
    // Asked ahead (a session, before its rootfs): the same refusal; a default or best effort passes.
    expect(() => run.checkEnforceable({ memoryBytes: 1 << 20 }, false)).toThrow(
      "cannot enforce memory limit: no usable cgroup v2 parent (EACCES creating /sys/fs/cgroup/x)",
    );
    expect(() => run.checkEnforceable({ memoryBytes: 1 << 20, defaulted: ["memory"] }, false)).not.toThrow();
    expect(() => run.checkEnforceable({ memoryBytes: 1 << 20, cpus: 1 }, true)).not.toThrow();
  });

  it("a host without cgroups opens a none run instead of throwing", () => {
    const run = openCgroupRun({ layout: { kind: "none", v2: null, v1: [] } });
    expect(run.kind).toBe("none");
    run.dispose();
  });
});

describe("stale owner check", () => {
  it("a live process that started before the dir owns it; a dead or later one does not", () => {
    expect(pidOwnerAlive(process.pid, Date.now())).toBe(true);
    expect(pidOwnerAlive(process.pid, Date.now() - 10 * 365 * 86_400_000)).toBe(false); // pid reused
    expect(pidOwnerAlive(2 ** 22 + 1, Date.now())).toBe(false); // above pid_max: never alive
  });
});
