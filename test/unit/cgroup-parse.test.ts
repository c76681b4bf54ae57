import { describe, expect, it } from "vitest";
import {
  cgroupDir,
  parseCgroupMounts,
  parseKeyed,
  parseNumber,
  parsePids,
  parseProcCgroup,
  splitLikeTicks,
} from "../../src/engine/cgroup/parse";

describe("parseKeyed", () => {
  it("reads v2 cpu.stat", () => {
    const s = parseKeyed(
      "usage_usec 1234567\nuser_usec 1000000\nsystem_usec 234567\nnr_periods 10\nnr_throttled 4\nthrottled_usec 99\nnr_bursts 0\nburst_usec 0\n",
    );
    expect(s.get("usage_usec")).toBe(1234567);
    expect(s.get("user_usec")).toBe(1000000);
    expect(s.get("system_usec")).toBe(234567);
    expect(s.get("nr_throttled")).toBe(4);
  });

  it("reads memory.events and pids.events", () => {
    const mem = parseKeyed("low 0\nhigh 0\nmax 12\noom 2\noom_kill 1\noom_group_kill 1\n");
    expect(mem.get("oom_kill")).toBe(1);
    expect(mem.get("max")).toBe(12);
    expect(parseKeyed("max 3\n").get("max")).toBe(3);
    // 6.x adds max.imposed to pids.events
    expect(parseKeyed("max 0\nmax.imposed 5\n").get("max")).toBe(0);
  });

  it("reads v1 cpuacct.stat and memory.oom_control", () => {
    const acct = parseKeyed("user 150\nsystem 25\n");
    expect(acct.get("user")).toBe(150);
    expect(acct.get("system")).toBe(25);
    const oom = parseKeyed("oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
    expect(oom.get("oom_kill")).toBe(3);
    expect(parseKeyed("oom_kill_disable 0\nunder_oom 0\n").get("oom_kill")).toBeUndefined();
  });

  it("skips malformed and non-numeric lines", () => {
    const s = parseKeyed("a max\nb 1 2\n\n  c 7  \nd -1\n");
    expect([...s.entries()]).toEqual([["c", 7]]);
  });
});

describe("single values and pid lists", () => {
  it("parseNumber", () => {
    expect(parseNumber("104857600\n")).toBe(104857600);
    expect(parseNumber("max\n")).toBeNull();
    expect(parseNumber("")).toBeNull();
  });

  it("parsePids", () => {
    expect(parsePids("12\n345\n\n6\n")).toEqual([12, 345, 6]);
    expect(parsePids("")).toEqual([]);
  });
});

const HYBRID_MOUNTINFO = `22 1 254:0 / / rw,relatime - ext4 /dev/vda rw
31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
`;

describe("parseCgroupMounts", () => {
  it("keeps cgroup and cgroup2 mounts with their options", () => {
    const m = parseCgroupMounts(HYBRID_MOUNTINFO);
    expect(m.map((x) => x.mountPoint)).toEqual([
      "/sys/fs/cgroup/cpu",
      "/sys/fs/cgroup/cpuacct",
      "/sys/fs/cgroup/memory",
      "/sys/fs/cgroup/systemd",
      "/sys/fs/cgroup/unified",
    ]);
    expect(m[0]?.superOptions).toEqual(["rw", "cpu"]);
    expect(m[4]?.fsType).toBe("cgroup2");
  });

  it("handles optional fields and escaped mount points", () => {
    const line = "50 31 0:40 /sub /mnt/cg\\040two rw shared:5 master:1 - cgroup2 cgroup2 rw,nsdelegate";
    expect(parseCgroupMounts(line)).toEqual([
      { root: "/sub", mountPoint: "/mnt/cg two", fsType: "cgroup2", superOptions: ["rw", "nsdelegate"] },
    ]);
  });
});

describe("parseProcCgroup", () => {
  it("splits v1 controllers and the v2 line", () => {
    const p = parseProcCgroup("9:name=systemd:/\n4:memory:/process_api/abc\n2:cpu,cpuacct:/x\n0::/\n");
    expect(p.v2Path).toBe("/");
    expect(p.v1.get("memory")).toBe("/process_api/abc");
    expect(p.v1.get("cpu")).toBe("/x");
    expect(p.v1.get("cpuacct")).toBe("/x");
    expect(p.v1.get("name=systemd")).toBe("/");
  });

  it("pure v2", () => {
    const p = parseProcCgroup("0::/system.slice/runner.service\n");
    expect(p.v2Path).toBe("/system.slice/runner.service");
    expect(p.v1.size).toBe(0);
  });
});

describe("cgroupDir", () => {
  it("joins mount point and path", () => {
    expect(cgroupDir("/sys/fs/cgroup", "/", "/")).toBe("/sys/fs/cgroup");
    expect(cgroupDir("/sys/fs/cgroup/memory", "/", "/process_api/abc")).toBe(
      "/sys/fs/cgroup/memory/process_api/abc",
    );
  });

  it("strips a sub-tree mount root, and refuses paths outside it", () => {
    expect(cgroupDir("/mnt/cg", "/docker/x", "/docker/x/inner")).toBe("/mnt/cg/inner");
    expect(cgroupDir("/mnt/cg", "/docker/x", "/docker/x")).toBe("/mnt/cg");
    expect(cgroupDir("/mnt/cg", "/docker/x", "/docker/xy")).toBeNull();
  });
});

describe("splitLikeTicks (v1: the exact total, split as the tick counters are)", () => {
  it("keeps the total cpuacct.usage gives, whatever the ticks sum to", () => {
    // The case that made a 500 ms --cpu-time report 499.99 ms: ticks a little behind the exact total.
    const [user, sys] = splitLikeTicks(503.2, 400, 99.9);
    expect(user + sys).toBeCloseTo(503.2, 9);
    expect(user / sys).toBeCloseTo(400 / 99.9, 9);
  });

  it("gives everything to the one side that has ticks, or to user when neither has", () => {
    expect(splitLikeTicks(12, 0, 0)).toEqual([12, 0]);
    expect(splitLikeTicks(12, 5, 0)).toEqual([12, 0]);
    expect(splitLikeTicks(12, 0, 5)).toEqual([0, 12]);
  });
});
