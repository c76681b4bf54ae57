// Limits are enforced and the report is exact, on whichever cgroup layout this host has (the
// same file runs on pure v2 in the VM lane: npm run test:vm).
import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../../src/engine/session";
import type { Limits } from "../../src/engine/types";
import {
  hostProcesses,
  leftovers,
  openSession,
  probe,
  runCaptured,
  sandboxSkipReason,
} from "../support/sandbox";

const MiB = 1024 * 1024;
const slow = process.env.NSBOX_VM_LANE === "1"; // software-emulated CPU: timing bounds stay, workloads shrink

function hostProcessCount(): number {
  return readdirSync("/proc").filter((e) => /^\d+$/.test(e)).length;
}

function hostPidsWithArg(arg: string): number[] {
  return hostProcesses()
    .filter((p) => p.argv.includes(arg))
    .map((p) => p.pid);
}

describe.skipIf(sandboxSkipReason !== null)("limits and the resource report", () => {
  let session: Session;
  const probes = () => [{ source: dirname(probe("memtouch")), target: "/probes", mode: "ro" as const }];
  const run = (argv: string[], limits: Limits = {}) =>
    runCaptured({ argv, limits, mounts: probes() }, session);

  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
    expect(leftovers()).toEqual([]);
  });

  it("reports a 100 MiB touch as a peak within 5%", async () => {
    const r = await run(["/probes/memtouch", "100"]);
    expect(r.status).toBe("ok");
    expect(r.stdout).toBe("touched 100\n");
    expect(r.cgroup).not.toBe("none");
    expect(r.memoryPeakBytes).not.toBeNull();
    expect(Math.abs((r.memoryPeakBytes as number) - 100 * MiB) / (100 * MiB)).toBeLessThan(0.05);
  });

  it("ends a 100 MiB touch under --memory 64M as oom, and the host is fine", async () => {
    const r = await run(["/probes/memtouch", "100"], { memoryBytes: 64 * MiB });
    expect(r.status).toBe("oom");
    expect(r.oomKills).toBeGreaterThan(0);
    expect(r.exitCode).toBe(137);
    expect(r.memoryPeakBytes).toBeLessThanOrEqual(64 * MiB);
    const after = await run(["/probes/memtouch", "10"]);
    expect(after.status).toBe("ok");
  });

  it("stops a fork bomb at --pids 32 without touching the host's process count", async () => {
    const before = hostProcessCount();
    // The classic bomb; its shell exits 1 afterwards, as a bomb's caller would see the failures.
    const r = await run(["sh", "-c", "bomb() { bomb | bomb & }; bomb; sleep 2; exit 1"], {
      pids: 32,
      timeoutMs: 4000,
    });
    expect(["pids-limit", "timeout", "failed"]).toContain(r.status);
    expect(r.pidsPeak).not.toBeNull();
    expect(r.pidsPeak).toBeLessThanOrEqual(32);
    expect(r.pidsPeak).toBeGreaterThanOrEqual(slow ? 8 : 28);
    expect(hostProcessCount()).toBeLessThan(before + 10);
    const counted = await run(["sh", "-c", "for i in $(seq 64); do sleep 3 & done; wait"], { pids: 16 });
    expect(counted.status).toBe("pids-limit");
    expect(counted.pidsPeak).toBe(16);
  });

  it("gives about half a CPU under --cpus 0.5", async () => {
    // A full second of CPU in the VM lane too: the sandbox's own start-up (~40-100 ms of cgroup CPU under
    // emulation, before the command's wall clock starts) must stay a small share of the ratio (0.52-0.56 with
    // 400 ms there, against a bound of 0.6).
    const r = await run(["/probes/burn", "1000"], { cpus: 0.5 });
    expect(r.status).toBe("ok");
    const cpu = r.cpuUserMs + r.cpuSystemMs;
    expect(cpu / r.wallMs).toBeGreaterThan(0.4);
    expect(cpu / r.wallMs).toBeLessThan(0.6);
  });

  it("ends a tree that ignores SIGTERM and double-forks within 200 ms of --timeout 1s", async () => {
    const marker = `${100 + (process.pid % 1000)}.${Date.now() % 1000}`;
    const script = `trap '' TERM; (trap '' TERM; setsid sh -c "trap '' TERM; exec sleep ${marker}" &); sleep ${marker}`;
    const r = await run(["sh", "-c", script], { timeoutMs: 1000 });
    expect(r.status).toBe("timeout");
    expect(r.reason).toBe("wall-clock timeout 1s reached");
    expect(r.wallMs).toBeGreaterThanOrEqual(1000);
    expect(r.wallMs).toBeLessThan(1200);
    expect(hostPidsWithArg(marker)).toEqual([]);
  });

  it("ends a fork bomb within 200 ms of --timeout 1s", async () => {
    // It forks without pause, up to its pids limit and on. No freezer holds it still (v1 sandboxes have no
    // freezer dir): SIGKILL to the pid namespace's init ends the whole tree, whatever it forks meanwhile.
    const marker = `${200 + (process.pid % 1000)}.${Date.now() % 1000}`;
    const script = `bomb() { bomb | bomb & }; bomb 2>/dev/null; exec sleep ${marker}`;
    const pids = slow ? 16 : 64; // emulated, ending each process costs ~10x: a smaller tree, the same bound
    const r = await run(["sh", "-c", script], { timeoutMs: 1000, pids });
    expect(["timeout", "pids-limit"]).toContain(r.status);
    expect(r.reason).toBe("wall-clock timeout 1s reached");
    // It did fork up to its limit: the kill had a tree to end.
    expect(r.pidsPeak).toBeGreaterThanOrEqual(pids - 4);
    expect(r.pidsPeak).toBeLessThanOrEqual(pids);
    expect(r.wallMs).toBeGreaterThanOrEqual(1000);
    expect(r.wallMs).toBeLessThan(1200);
    expect(hostPidsWithArg(marker)).toEqual([]);
  });

  it("a command ending by itself as --timeout fires is never a timeout with its own exit code", async () => {
    // At the boundary either may win; what must hold is that the status agrees with the exit code.
    for (let i = 0; i < 16; i++) {
      const r = await run(["/bin/sleep", "0.197"], { timeoutMs: 200 });
      if (r.status === "timeout") expect(r).toMatchObject({ exitCode: 137, signal: "SIGKILL" });
      else expect(r).toMatchObject({ status: "ok", exitCode: 0, signal: null, reason: null });
    }
  });

  it("ends a busy loop at --cpu-time", async () => {
    const r = await run(["/probes/burn", "60000"], { cpuTimeMs: 500 });
    expect(r.status).toBe("timeout");
    expect(r.reason).toBe("cpu time limit 500ms reached");
    expect(r.cpuUserMs + r.cpuSystemMs).toBeGreaterThanOrEqual(500);
    expect(r.cpuUserMs + r.cpuSystemMs).toBeLessThan(900);
  });

  it("reports user and system CPU within 5% of a known busy loop", async () => {
    const want = slow ? 1000 : 1500; // the sandbox's own start-up is ~45 ms of cgroup CPU under emulation
    const r = await run(["/probes/burn", String(want)]);
    expect(r.status).toBe("ok");
    expect(r.cpuSource).toBe("cgroup");
    const cpu = r.cpuUserMs + r.cpuSystemMs;
    // Under emulation the sandbox's own start-up (clone, mounts, exec) is a visible share of the cgroup's time.
    expect(Math.abs(cpu - want) / want).toBeLessThan(slow ? 0.15 : 0.05);
    expect(r.cpuUserMs).toBeGreaterThan(r.cpuSystemMs);
  });

  it("caps the writable layer and /tmp at --tmpfs-size", async () => {
    const r = await run(
      [
        "sh",
        "-c",
        "for f in /tmp/fill /fill; do dd if=/dev/zero of=$f bs=1M count=64 2>&1 | grep -o 'No space left on device'; done",
      ],
      { tmpfsBytes: 16 * MiB },
    );
    expect(r.stdout.match(/No space left on device/g)?.length).toBe(2);
  });
});
