// Carries out a plan with the engine and reports through events. Runs in the Action's own process (root
// or rootless) or in a `sudo -n` child (the worker), which is why it knows nothing of @actions/core.
import { CancelledError, type RunResult, Session } from "../engine/index";
import type { CommandResult } from "../results/format";
import type { ActionPlan, PlannedCommand, PlannedSetup } from "./plan";
import { SCRIPT_ARGV, scriptFiles } from "./scripts";

/** A result as the Action reports it: the engine's, plus the command's name, place and shard. */
export type NamedResult = CommandResult;

type Stream = "stdout" | "stderr";

/** Why a command did not run: the setup failed, an earlier command failed with fail-fast, or cancel. */
export type SkipReason = "setup failed" | "fail-fast" | "cancelled";

export type PlanEvent =
  | { t: "progress"; message: string }
  | { t: "session"; alpine: string }
  | { t: "setup-start" }
  | { t: "setup-out"; s: Stream; d: Buffer }
  | { t: "setup-result"; result: RunResult }
  | { t: "start"; i: number } // i: the command's index in plan.commands
  | { t: "out"; i: number; s: Stream; d: Buffer }
  | { t: "result"; i: number; result: NamedResult }
  | { t: "skipped"; i: number; why: SkipReason }
  | { t: "fatal"; kind: "usage" | "setup"; message: string };

/** Takes an event; a returned promise is backpressure: the producer waits for it before going on. */
export type Emit = (e: PlanEvent) => void | Promise<void>;

export async function runPlan(plan: ActionPlan, emit: Emit, signal?: AbortSignal): Promise<void> {
  // What a sandbox of the plan would be refused (a limit rootless cannot enforce) is refused before the
  // rootfs is prepared: the setup's layer is kept, and each command's when outputs are copied out of it.
  const planned = [
    ...(plan.setup ? [{ limits: plan.setup.limits, keepsLayer: true }] : []),
    ...plan.commands.map((c) => ({ limits: c.limits, keepsLayer: plan.outputs !== null })),
  ].map((p) => ({ ...p, bestEffort: plan.bestEffort }));
  // A cancellation during set-up (download, extraction...) throws CancelledError: no command runs.
  const session = await Session.open({
    ...plan.session,
    planned,
    onProgress: (message) => emit({ t: "progress", message }),
    signal,
  });
  emit({ t: "session", alpine: session.alpine });
  const onAbort = () => session.abortAll();
  signal?.addEventListener("abort", onAbort, { once: true });
  let next = 0;
  let stop: SkipReason | null = null;
  // The values of the setup or of a command (the step's, overridden by the command's own in the plan); its
  // script is a file in the sandbox's own /tmp, which SCRIPT_ARGV runs (scripts.ts).
  const sandboxOptions = (
    of: PlannedSetup | PlannedCommand,
    onOutput: (s: Stream, d: Buffer) => void | Promise<void>,
  ) => ({
    mounts: plan.mounts,
    files: scriptFiles(of.script),
    workdir: of.workdir,
    env: of.env,
    hostname: plan.hostname,
    limits: of.limits,
    bestEffort: plan.bestEffort,
    stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" } as const,
    onOutput,
    signal,
  });
  const runOptions = (i: number) => {
    const command = plan.commands[i] as PlannedCommand;
    return {
      argv: SCRIPT_ARGV,
      ...sandboxOptions(command, (s, d) => emit({ t: "out", i, s, d })),
      ...(plan.outputs ? { outputs: { ...plan.outputs, name: command.name } } : {}),
    };
  };
  // Ready before asked: while a command runs, the next one's sandbox is set up (the helper waits just
  // before execve), so its start is a byte away. Those never started are discarded at the end.
  const prepared = new Map<number, ReturnType<Session["prepare"]>>();
  const take = (i: number) => {
    const p = prepared.get(i) ?? session.prepare(runOptions(i));
    prepared.delete(i);
    return p;
  };
  // After the current command's go byte: setting the next one up (cgroup, request) is the engine's
  // synchronous work, which would otherwise delay that byte.
  const prepareNext = () => {
    if (next < plan.commands.length && !prepared.has(next) && !stop && !signal?.aborted)
      prepared.set(next, session.prepare(runOptions(next)));
  };
  const worker = async () => {
    while (!stop && !signal?.aborted && next < plan.commands.length) {
      const i = next++;
      const command = plan.commands[i];
      if (!command) break;
      const sandbox = take(i);
      await emit({ t: "start", i });
      const started = sandbox.start();
      prepareNext();
      const result = await started.catch((err) => {
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
    if (plan.setup) {
      await emit({ t: "setup-start" });
      const onOutput = (s: Stream, d: Buffer) => emit({ t: "setup-out", s, d });
      const result = await session.setup(SCRIPT_ARGV, sandboxOptions(plan.setup, onOutput));
      await emit({ t: "setup-result", result });
      if (result.status !== "ok") stop = "setup failed";
    }
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(plan.parallel, plan.commands.length)) }, worker),
    );
    const why: SkipReason = signal?.aborted ? "cancelled" : (stop ?? "cancelled");
    for (let i = next; i < plan.commands.length; i++) await emit({ t: "skipped", i, why });
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await Promise.all([...prepared.values()].map((p) => p.discard()));
    await session.close();
  }
}
