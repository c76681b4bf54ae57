// Where the v2 run parent goes and what it carries, on a fake cgroupfs (plain dirs and files): the real
// kernel's side is test/integration/cgroup-enclosing.test.ts, in the VM lane.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { V2Tree } from "../../src/engine/cgroup/detect";
import { cgroupChain, enclosingNotes, v2Caps } from "../../src/engine/cgroup/enclosing";
import type { NoneRun } from "../../src/engine/cgroup/none";
import { openV2Run } from "../../src/engine/cgroup/v2";

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

describe("enclosing limits", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "nsbox-enclosing-"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A tree whose engine sits in `own` (a path below root); root's controllers are memory, pids, cpu. */
  function tree(own: string, extra: Partial<V2Tree> = {}): V2Tree {
    const ownDir = join(root, own);
    mkdirSync(ownDir, { recursive: true });
    writeFileSync(join(root, "cgroup.controllers"), "cpu memory pids\n");
    return {
      mountPoint: root,
      ownPath: `/${own}`,
      ownDir,
      controllers: ["cpu", "memory", "pids"],
      ownWritable: true,
      ownUsable: false,
      delegatedAncestors: [],
      ...extra,
    };
  }

  it("take the smallest of the engine's cgroup and its ancestors, 'max' being none", () => {
    const t = tree("system.slice/runner.service");
    writeFileSync(join(root, "system.slice/memory.max"), `${2 * GiB}\n`);
    writeFileSync(join(root, "system.slice/runner.service/memory.max"), `${600 * MiB}\n`);
    writeFileSync(join(root, "system.slice/runner.service/pids.max"), "max\n");
    writeFileSync(join(root, "system.slice/pids.max"), "60\n");
    expect(v2Caps(cgroupChain(t.ownDir as string, root))).toEqual({
      memoryBytes: 600 * MiB,
      swapBytes: null,
      pids: 60,
    });
  });

  it("as root outside the engine's cgroup, the run parent carries the enclosing limits", () => {
    const t = tree("system.slice/runner.service");
    writeFileSync(join(root, "system.slice/runner.service/memory.max"), `${600 * MiB}\n`);
    writeFileSync(join(root, "system.slice/runner.service/memory.swap.max"), "0\n");
    writeFileSync(join(root, "system.slice/runner.service/pids.max"), "60\n");
    const run = openV2Run(t, "nsbox-1-ab");
    expect(run.kind).toBe("v2");
    const dir = join(root, "nsbox-1-ab");
    expect(readFileSync(join(dir, "memory.max"), "utf8")).toBe(String(600 * MiB));
    expect(readFileSync(join(dir, "pids.max"), "utf8")).toBe("60");
    // No swap.max file in a plain dir: only where the kernel has one is it written.
    expect(existsSync(join(dir, "memory.swap.max"))).toBe(false);
    expect(run.enclosing).toEqual({ memoryBytes: 600 * MiB, swapBytes: 0, pids: 60 });
  });

  it("not root, the nearest delegated ancestor holds the run parent, capped by the engine's own cgroup", () => {
    const t = tree("user.slice/deleg/leaf", { delegatedAncestors: [] });
    const deleg = join(root, "user.slice/deleg");
    writeFileSync(join(deleg, "cgroup.controllers"), "cpu memory pids\n");
    writeFileSync(join(deleg, "leaf/pids.max"), "40\n");
    const run = openV2Run({ ...t, delegatedAncestors: [deleg] }, "nsbox-2-cd");
    expect(run.kind).toBe("v2");
    expect(readdirSync(deleg)).toContain("nsbox-2-cd");
    expect(readFileSync(join(deleg, "nsbox-2-cd/pids.max"), "utf8")).toBe("40");
    expect(existsSync(join(root, "nsbox-2-cd"))).toBe(false);
  });

  it("a run parent nowhere says why in one clause, naming the place it could not use", () => {
    const t = tree("a", { mountPoint: join(root, "absent"), ownDir: null });
    const run = openV2Run(t, "nsbox-3-ef") as NoneRun;
    expect(run.kind).toBe("none");
    expect(run.reason).toBe(`no usable cgroup v2 parent: ENOENT creating a cgroup in ${root}/absent`);
    expect(() => run.createSandbox("s", { memoryBytes: 64 * MiB }, false)).toThrow(
      expect.objectContaining({ hint: "best-effort" }),
    );
  });

  it("notes an explicit limit above the enclosing one (or none), never a default", () => {
    const caps = { memoryBytes: 600 * MiB, swapBytes: null, pids: 60 };
    expect(enclosingNotes({ memoryBytes: GiB, pids: 200, defaulted: [] }, caps)).toEqual([
      "memory 1G: the enclosing cgroup allows 600M for all sandboxes of the run",
      "pids 200: the enclosing cgroup allows 60 processes for all sandboxes of the run",
    ]);
    expect(enclosingNotes({ defaulted: [] }, caps)).toEqual([
      "memory none: the enclosing cgroup allows 600M for all sandboxes of the run",
      "pids none: the enclosing cgroup allows 60 processes for all sandboxes of the run",
    ]);
    // Within it (pids 59 + init = 60), or defaulted: nothing to say.
    expect(enclosingNotes({ memoryBytes: 600 * MiB, pids: 59, defaulted: [] }, caps)).toEqual([]);
    expect(enclosingNotes({ memoryBytes: GiB, pids: 1024, defaulted: ["memory", "pids"] }, caps)).toEqual([]);
    expect(enclosingNotes({ defaulted: [] }, { memoryBytes: null, swapBytes: null, pids: null })).toEqual([]);
  });
});
