// Carries out a plan with the engine and reports through events. Runs in the Action's own process (root
// or rootless) or in a `sudo -n` child (the worker), which is why it knows nothing of @actions/core.
import { CancelledError, Session } from "../engine/index";
import type { CommandResult } from "../results/format";
import type { ActionPlan } from "./plan";

/** A result as the Action reports it: the engine's, plus the command's name, place and shard. */
export type NamedResult = CommandResult;

/** Why a command did not run: the setup failed, an earlier command failed with fail-fast, or cancel. */
export type SkipReason = "setup failed" | "fail-fast" | "cancelled";

export type PlanEvent =
  | { t: "progress"; message: string }
  | { t: "session"; alpine: string }
  | { t: "start"; i: number }
  | { t: "out"; i: number; s: "stdout" | "stderr"; d: Buffer }
  | { t: "result"; i: number; result: NamedResult }
  | { t: "skipped"; i: number; why: SkipReason }
  | { t: "fatal"; kind: "usage" | "setup"; message: string };

/** Takes an event; a returned promise is backpressure: the producer waits for it before going on. */
export type Emit = (e: PlanEvent) => void | Promise<void>;

export async function runPlan(plan: ActionPlan, emit: Emit, signal?: AbortSignal): Promise<void> {
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
  let stop: SkipReason | null = null;
  // The command's own values (the step's, overridden by the command's in the plan).
  const sandboxOptions = (i: number) => ({
    mounts: plan.mounts,
    workdir: plan.commands[i].workdir,
    env: plan.commands[i].env,
    hostname: plan.hostname,
    limits: plan.commands[i].limits,
    bestEffort: plan.bestEffort,
    stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" } as const,
    onOutput: (s: "stdout" | "stderr", chunk: Buffer) => emit({ t: "out", i, s, d: chunk }),
  });
  const runOptions = (i: number) => ({
    argv: plan.commands[i]?.argv ?? [],
    ...sandboxOptions(i),
    signal,
    ...(plan.outputs ? { outputs: { ...plan.outputs, name: plan.commands[i]?.name ?? "" } } : {}),
  });
  // Ready before asked: while a command runs, the next one's sandbox is set up (the helper waits just
  // before execve), so its start is a byte away. Those never started are discarded at the end.
  const prepared = new Map<number, ReturnType<Session["prepare"]>>();
  const take = (i: number) => {
    const p = prepared.get(i) ?? session.prepare(runOptions(i));
    prepared.delete(i);
    if (next < plan.commands.length && !prepared.has(next))
      prepared.set(next, session.prepare(runOptions(next)));
    return p;
  };
  const worker = async () => {
    while (!stop && !signal?.aborted && next < plan.commands.length) {
      const i = next++;
      const command = plan.commands[i];
      if (!command) break;
      const sandbox = take(i);
      await emit({ t: "start", i });
      const result = await sandbox.start().catch((err) => {
        if (err instanceof CancelledError) return null; // cancelled before it started: it never ran
        throw err;
      });
      if (!result) {
        await emit({ t: "skipped", i, why: "cancelled" });
        break;
      }
      const named = { name: command.name, position: command.position, shard: plan.shard, ...result };
      await emit({ t: "result", i, result: named });
      if (plan.failFast && result.status !== "ok") stop ??= "fail-fast";
    }
  };
  try {
    // The setup runs first and alone: every command runs on its layers, none after it failed.
    const first = plan.commands[0];
    if (first?.setup !== undefined) {
      next = 1;
      await emit({ t: "start", i: 0 });
      const result = await session.setup(first.setup, { ...sandboxOptions(0), signal });
      await emit({
        t: "result",
        i: 0,
        result: { name: first.name, position: first.position, shard: plan.shard, ...result },
      });
      if (result.status !== "ok") stop = "setup failed";
    }
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(plan.parallel, plan.commands.length - next)) }, worker),
    );
    const why: SkipReason = signal?.aborted ? "cancelled" : (stop ?? "cancelled");
    for (let i = next; i < plan.commands.length; i++) await emit({ t: "skipped", i, why });
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await Promise.all([...prepared.values()].map((p) => p.discard()));
    await session.close();
  }
}
