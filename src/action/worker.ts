// The privileged half of the Action under `sudo -n`: reads the plan on stdin, runs it, and writes events
// as JSON lines on stdout. It never touches the runner's files (GITHUB_OUTPUT etc. stay the runner's).
import { text } from "node:stream/consumers";
import { cleanupStale } from "../engine/session";
import { UsageError } from "../engine/types";
import type { ActionPlan } from "./plan";
import { type PlanEvent, runPlan } from "./runner";

function emit(e: PlanEvent): void {
  process.stdout.write(`${JSON.stringify(e)}\n`);
}

export async function workerMain(): Promise<number> {
  const abort = new AbortController();
  for (const s of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(s, () => abort.abort(s));
  try {
    const plan = JSON.parse(await text(process.stdin)) as ActionPlan;
    await runPlan(plan, emit, abort.signal);
    return 0;
  } catch (err) {
    emit({
      t: "fatal",
      kind: err instanceof UsageError ? "usage" : "setup",
      message: (err as Error).message,
    });
    return 1;
  }
}

export async function cleanupMain(cacheDir?: string): Promise<number> {
  const removed = await cleanupStale(cacheDir);
  process.stdout.write(`nsbox: removed ${removed} leftover(s)\n`);
  return 0;
}
