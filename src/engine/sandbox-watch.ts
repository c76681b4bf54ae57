// What watches a running sandbox and what its report derives: the wall-clock and CPU-time limits, the
// output streams, the CPU time reported.
import type { Readable } from "node:stream";
import type { CgroupStats, SandboxCgroup } from "./cgroup/index";
import type { Rusage } from "./helper";
import type { SandboxOptions } from "./types";

const CPU_POLL_MS = 25;

// setTimeout fires at once beyond 2^31-1 ms (24.8 days): longer limits are waited for in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

export function longTimeout(ms: number, fn: () => void): { cancel(): void } {
  let timer: NodeJS.Timeout;
  const arm = (left: number) => {
    timer = setTimeout(
      () => (left > MAX_TIMER_MS ? arm(left - MAX_TIMER_MS) : fn()),
      Math.min(left, MAX_TIMER_MS),
    );
  };
  arm(ms);
  return { cancel: () => clearTimeout(timer) };
}

export function describeLimit(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * CPU time: the cgroup's (it counts every process, reaped or not), cross-checked with wait4's rusage of
 * the whole reaped tree. The cgroup can only see more; when it reports clearly less, its accounting is
 * not trustworthy here and rusage is used.
 */
export function pickCpu(
  cg: Pick<CgroupStats, "cpuUserMs" | "cpuSystemMs"> | null,
  rusage: Pick<Rusage, "utime_us" | "stime_us"> | null,
): { userMs: number; systemMs: number; source: "cgroup" | "rusage" } {
  const ru = { userMs: (rusage?.utime_us ?? 0) / 1000, systemMs: (rusage?.stime_us ?? 0) / 1000 };
  if (!cg) return { ...ru, source: "rusage" };
  const cgTotal = cg.cpuUserMs + cg.cpuSystemMs;
  const ruTotal = ru.userMs + ru.systemMs;
  if (rusage && ruTotal > 5 && cgTotal < ruTotal * 0.9) return { ...ru, source: "rusage" };
  return { userMs: cg.cpuUserMs, systemMs: cg.cpuSystemMs, source: "cgroup" };
}

export function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** cpu-time is a cgroup-wide budget: poll the cgroup's usage and stop the tree when it is spent. */
export function watchCpu(cg: SandboxCgroup, budgetMs: number, stop: (why: string) => void): NodeJS.Timeout {
  const timer = setInterval(() => {
    const used = cg.cpuUsageMs();
    if (used !== null && used >= budgetMs) {
      clearInterval(timer);
      stop(`cpu time limit ${describeLimit(budgetMs)} reached`);
    }
  }, CPU_POLL_MS);
  return timer;
}

/** `sink` is asked at each chunk: a spare's consumer is given only when its command is. */
export function pipeOutput(
  stream: Readable | null,
  which: "stdout" | "stderr",
  sink: () => SandboxOptions["onOutput"],
): void {
  if (!stream) return;
  stream.on("data", (chunk: Buffer) => {
    const pending = sink()?.(which, chunk);
    if (!pending) return;
    stream.pause();
    // A consumer that failed has said so through its own path; the sandbox must not stay paused.
    pending.catch(() => {}).finally(() => stream.resume());
  });
}
