// The default limits: pure resolution, the memory share, the inode cap, and reading the memory limits up a
// (fake, on-disk) cgroup path.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CgroupLayout } from "../../src/engine/cgroup/index";
import {
  appliedLimits,
  DEFAULT_PIDS,
  defaultMemoryBytes,
  memoryAvailable,
  resolveLimits,
  tmpfsInodes,
} from "../../src/engine/defaults";

const MiB = 1024 ** 2;
const GiB = 1024 * MiB;
const d = { memoryBytes: 4 * GiB, pids: DEFAULT_PIDS };

describe("default limits", () => {
  it("fill what is unset, keep what is given, and drop what is 'none'", () => {
    expect(resolveLimits({}, d)).toEqual({ memoryBytes: 4 * GiB, pids: 1024, defaulted: ["memory", "pids"] });
    expect(resolveLimits({ memoryBytes: 64 * MiB, cpus: 1 }, d)).toEqual({
      memoryBytes: 64 * MiB,
      pids: 1024,
      cpus: 1,
      defaulted: ["pids"],
    });
    expect(resolveLimits({ memoryBytes: "none", pids: "none" }, d)).toEqual({ defaulted: [] });
  });

  it("share memory between parallel sandboxes and the host", () => {
    expect(defaultMemoryBytes(1, 16 * GiB)).toBe(8 * GiB);
    expect(defaultMemoryBytes(3, 16 * GiB)).toBe(4 * GiB);
    expect(defaultMemoryBytes(4, 7 * GiB) % MiB).toBe(0); // whole MiB
    expect(defaultMemoryBytes(64, 1 * GiB)).toBe(64 * MiB); // a floor
  });

  it("cap inodes at one per 8 KiB, at least 1024", () => {
    expect(tmpfsInodes(512 * MiB)).toBe(65536);
    expect(tmpfsInodes(1 * MiB)).toBe(1024);
    expect(appliedLimits({ tmpfsBytes: 64 * MiB })).toMatchObject({
      tmpfsBytes: 64 * MiB,
      tmpfsInodes: 8192,
    });
  });

  it("take the tightest memory limit up the engine's own cgroup path (v2 and v1)", () => {
    const root = mkdtempSync(join(tmpdir(), "nsbox-defaults-"));
    try {
      const own = join(root, "a/b");
      mkdirSync(own, { recursive: true });
      writeFileSync(join(root, "a/memory.max"), `${2 * GiB}\n`);
      writeFileSync(join(own, "memory.max"), "max\n");
      const v2: CgroupLayout = {
        kind: "v2",
        v2: {
          mountPoint: root,
          ownPath: "/a/b",
          ownDir: own,
          controllers: [],
          ownWritable: true,
          ownUsable: true,
          delegatedAncestors: [],
        },
        v1: [],
      };
      expect(memoryAvailable(v2, 16 * GiB)).toBe(2 * GiB);
      expect(memoryAvailable(v2, 1 * GiB)).toBe(1 * GiB); // the host is smaller still
      writeFileSync(join(own, "memory.limit_in_bytes"), "9223372036854771712\n"); // v1's "unlimited"
      const v1: CgroupLayout = {
        kind: "v1",
        v2: null,
        v1: [{ controllers: ["memory"], mountPoint: root, ownDir: own, ownWritable: true }],
      };
      expect(memoryAvailable(v1, 16 * GiB)).toBe(16 * GiB);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
