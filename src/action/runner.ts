// Carries out a plan with the engine and reports through events. Runs in the Action's own process (root
// or rootless) or in a `sudo -n` child (the worker), which is why it knows nothing of @actions/core.
import { Session } from "../engine/session";
import type { CommandResult } from "../results/format";
import type { ActionPlan } from "./plan";

/** A result as the Action reports it: the engine's, plus the command's name, place and shard. */
export type NamedResult = CommandResult;

export type PlanEvent =
  | { t: "progress"; message: string }
  | { t: "session"; alpine: string }
  | { t: "start"; i: number }
  | { t: "out"; i: number; s: "stdout" | "stderr"; d: Buffer }
  | { t: "result"; i: number; result: NamedResult }
  | { t: "skipped"; i: number; why: "fail-fast" | "cancelled" }
  | { t: "fatal"; kind: "usage" | "setup"; message: string };

/** Takes an event; a returned promise is backpressure: the producer waits for it before going on. */
export type Emit = (e: PlanEvent) => void | Promise<void>;

export async function runPlan(plan: ActionPlan, emit: Emit, signal?: AbortSignal): Promise<void> {
  const session = await Session.open({
    ...plan.session,
    onProgress: (message) => emit({ t: "progress", message }),
  });
  emit({ t: "session", alpine: session.alpine });
  const onAbort = () => session.abortAll();
  signal?.addEventListener("abort", onAbort, { once: true });
  let next = 0;
  let stop = false;
  const worker = async () => {
    while (!stop && !signal?.aborted && next < plan.commands.length) {
      const i = next++;
      const command = plan.commands[i];
      if (!command) break;
      await emit({ t: "start", i });
      const result = await session.run({
        argv: command.argv,
        mounts: plan.mounts,
        workdir: command.workdir,
        env: command.env,
        hostname: plan.hostname,
        limits: command.limits,
        bestEffort: plan.bestEffort,
        stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
        onOutput: (s, chunk) => emit({ t: "out", i, s, d: chunk }),
      });
      const named = { name: command.name, position: command.position, shard: plan.shard, ...result };
      await emit({ t: "result", i, result: named });
      if (plan.failFast && result.status !== "ok") stop = true;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(plan.parallel, plan.commands.length) }, worker));
    const why = signal?.aborted ? "cancelled" : "fail-fast";
    for (let i = next; i < plan.commands.length; i++) await emit({ t: "skipped", i, why });
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await session.close();
  }
}
