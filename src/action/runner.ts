// Carries out a plan with the engine and reports through events. Runs in the Action's own process (root
// or rootless) or in a `sudo -n` child (the worker), which is why it knows nothing of @actions/core.
import { Session } from "../engine/session";
import { CancelledError, type RunResult } from "../engine/types";
import type { ActionPlan } from "./plan";

export type NamedResult = RunResult & { name: string };

export type PlanEvent =
  | { t: "progress"; message: string }
  | { t: "session"; alpine: string }
  | { t: "start"; i: number }
  | { t: "out"; i: number; s: "stdout" | "stderr"; d: string } // base64
  | { t: "result"; i: number; result: NamedResult }
  | { t: "skipped"; i: number }
  | { t: "fatal"; kind: "usage" | "setup"; message: string };

export async function runPlan(
  plan: ActionPlan,
  emit: (e: PlanEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  // A cancellation during set-up (download, extraction...) throws CancelledError: no command runs.
  const session = await Session.open({
    ...plan.session,
    onProgress: (message) => emit({ t: "progress", message }),
    signal,
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
      emit({ t: "start", i });
      const result = await session
        .run({
          argv: command.argv,
          mounts: plan.mounts,
          workdir: plan.workdir,
          env: plan.env,
          hostname: plan.hostname,
          limits: plan.limits,
          bestEffort: plan.bestEffort,
          stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
          signal,
          onOutput: (s, chunk) => emit({ t: "out", i, s, d: chunk.toString("base64") }),
        })
        .catch((err) => {
          if (err instanceof CancelledError) return null; // cancelled before it started: it never ran
          throw err;
        });
      if (!result) {
        emit({ t: "skipped", i });
        break;
      }
      emit({ t: "result", i, result: { name: command.name, ...result } });
      if (plan.failFast && result.status !== "ok") stop = true;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(plan.parallel, plan.commands.length) }, worker));
    for (let i = next; i < plan.commands.length; i++) emit({ t: "skipped", i });
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await session.close();
  }
}
