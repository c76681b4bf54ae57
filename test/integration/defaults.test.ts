// Safe defaults. With no limit flags a sandbox gets a pids limit, a memory limit derived
// from the memory the engine may use and `parallel`, and tmpfs mounts whose inodes are capped with their
// size; a fork bomb and a memory bomb are classified and leave the engine responsive; "none" lifts them.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectCgroups } from "../../src/engine/cgroup/index";
import { DEFAULT_PIDS, defaultMemoryBytes, memoryAvailable } from "../../src/engine/defaults";
import type { Session } from "../../src/engine/session";
import {
  cliRunArgs,
  leftovers,
  openSession,
  probe,
  runBounded,
  runCaptured,
  sandboxSkipReason,
} from "../support/sandbox";

const MiB = 1024 ** 2;
const cli = join(import.meta.dirname, "..", "..", "dist", "cli.js");

describe.skipIf(sandboxSkipReason !== null)("safe defaults", () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
    expect(leftovers()).toEqual([]);
  });

  it("reports the defaults it applied: pids 1024, memory = available / 2 for one sandbox", async () => {
    const r = await runCaptured({ argv: ["true"] }, session);
    expect(r.limits).toEqual({
      memoryBytes: defaultMemoryBytes(1, memoryAvailable()),
      pids: DEFAULT_PIDS,
      tmpfsBytes: 512 * MiB,
      tmpfsInodes: 65536,
      defaulted: ["memory", "pids"],
    });
    expect(r.notEnforced).toEqual([]); // root with cgroups: enforced
    const lifted = await runCaptured(
      { argv: ["true"], limits: { memoryBytes: "none", pids: "none" } },
      session,
    );
    expect(lifted.limits).toMatchObject({ memoryBytes: null, pids: null, defaulted: [] });
  });

  it("a fork bomb hits the default pids limit, is classified, and the next sandbox runs at once", async () => {
    // Forks until fork fails; the shell then exits (busybox ash: "can't fork").
    const r = await runCaptured({ argv: ["sh", "-c", "while :; do sleep 60 & done"] }, session);
    expect({ status: r.status, reason: r.reason }).toEqual({
      status: "pids-limit",
      reason: `the process limit ${DEFAULT_PIDS} (processes and threads) was reached`,
    });
    expect(r.pidsPeak).toBeLessThanOrEqual(DEFAULT_PIDS);
    const next = await runCaptured({ argv: ["echo", "responsive"] }, session);
    expect(next.stdout).toBe("responsive\n");
  });

  it("caps each tmpfs's inodes in proportion to its size", async () => {
    const count = "stat -f -c %c /tmp; stat -f -c %c /dev/shm; stat -f -c %c /";
    const r = await runCaptured({ argv: ["sh", "-c", count], limits: { tmpfsBytes: 8 * MiB } }, session);
    expect(r.stdout).toBe("1024\n1024\n1024\n");
    expect(r.limits.tmpfsInodes).toBe(1024);
    // Files beyond the cap fail with ENOSPC although the bytes would fit.
    const fill = await runCaptured(
      {
        argv: ["sh", "-c", "i=0; while touch /tmp/f$i 2>/dev/null; do i=$((i+1)); done; echo $i"],
        limits: { tmpfsBytes: 8 * MiB },
      },
      session,
    );
    expect(Number(fill.stdout)).toBeGreaterThan(1000);
    expect(Number(fill.stdout)).toBeLessThan(1024);
    const big = await runCaptured({ argv: ["stat", "-f", "-c", "%c", "/tmp"] }, session);
    expect(big.stdout).toBe("65536\n");
  });
});

/**
 * A memory cgroup of `bytes` for a child process, where the engine will find it as its own (v1: beneath our
 * own memory cgroup; v2: beside the root's children). Returns the shell prefix that moves the child in.
 */
function limitedParent(bytes: number): { enter: string; dispose(): void } | null {
  const layout = detectCgroups();
  const name = `nsbox-test-mem-${process.pid}`;
  const v1 = layout.v1.find((h) => h.controllers.includes("memory"));
  let dir: string;
  if (layout.kind === "v2" && layout.v2?.controllers.includes("memory")) {
    dir = join(layout.v2.mountPoint, name);
    mkdirSync(dir);
    writeFileSync(join(dir, "memory.max"), String(bytes));
  } else if (v1) {
    dir = join(v1.ownDir, name);
    mkdirSync(dir);
    writeFileSync(join(dir, "memory.limit_in_bytes"), String(bytes));
  } else return null;
  return {
    enter: `echo $$ > ${dir}/cgroup.procs && exec "$@"`,
    dispose: () => {
      for (let i = 0; i < 50 && existsSync(dir); i++) {
        try {
          rmdirSync(dir);
        } catch {
          spawnSync("sleep", ["0.1"]);
        }
      }
    },
  };
}

describe.skipIf(sandboxSkipReason !== null || !existsSync(cli))(
  "safe defaults (CLI in a 1 GiB cgroup)",
  () => {
    it("a memory bomb hits the default memory limit (half of what the engine may use) and is classified", async () => {
      const parent = limitedParent(1024 * MiB);
      if (!parent) return expect.unreachable("no memory controller: root tests need one");
      try {
        const probes = dirname(probe("memtouch"));
        const r = await runBounded(
          [
            "sh",
            "-c",
            parent.enter,
            "sh",
            process.execPath,
            ...cliRunArgs(cli, "--json"),
            "--mount",
            `${probes}:/probes`,
            "--",
            "/probes/memtouch",
            "2048",
          ],
          120_000,
        );
        expect(r.timedOut, r.stderr).toBe(false);
        const result = JSON.parse(r.stdout);
        expect(result).toMatchObject({
          status: "oom",
          limits: { memoryBytes: 512 * MiB, pids: DEFAULT_PIDS, defaulted: ["memory", "pids"] },
          reason: expect.stringMatching(/^out of memory \(memory limit 512(\.0)? MiB\)/),
        });
        expect(result.memoryPeakBytes).toBeLessThanOrEqual(512 * MiB);
        expect(r.status).toBe(137);
      } finally {
        parent.dispose();
      }
    }, 150_000);
  },
);
