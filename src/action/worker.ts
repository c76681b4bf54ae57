// The privileged half of the Action under `sudo -n`: reads the plan on stdin, runs it, and writes events
// as frames (frames.ts) on stdout. It never touches the runner's files (GITHUB_OUTPUT etc. stay the
// runner's).
import { Socket } from "node:net";
import { cleanupStale, UsageError } from "../engine/index";
import { encodeEvent, encodeOutput } from "./frames";
import { actionErrorText } from "./hints";
import type { ActionPlan } from "./plan";
import { type PlanEvent, runPlan } from "./runner";

// Only the sudo worker reads its plan from stdin: the main step never loads node:stream/consumers.
const consumers = () => process.getBuiltinModule("node:stream/consumers");

// Not process.stdout: Node makes its pipe writes blocking, which would stall the whole event loop
// (timeouts included) while the Action is busy. This socket on the same pipe writes without blocking and
// says when to wait (drain); the wait pauses the sandbox's output (runner.ts → onOutput).
let out: Socket | null = null;
function stdout(): Socket {
  out ??= new Socket({ fd: 1, readable: false, writable: true });
  return out;
}

function emit(e: PlanEvent): void | Promise<void> {
  const frames =
    e.t === "out"
      ? encodeOutput(e.i, e.s, e.d)
      : e.t === "setup-out"
        ? encodeOutput("setup", e.s, e.d)
        : [encodeEvent(JSON.stringify(e))];
  const sink = stdout();
  let ok = true;
  for (const f of frames) ok = sink.write(f);
  if (ok) return;
  return new Promise((resolve) => sink.once("drain", resolve));
}

export async function workerMain(): Promise<number> {
  const abort = new AbortController();
  for (const s of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(s, () => abort.abort(s));
  let code = 0;
  try {
    const plan = JSON.parse(await consumers().text(process.stdin)) as ActionPlan;
    await runPlan(plan, emit, abort.signal);
  } catch (err) {
    emit({
      t: "fatal",
      kind: err instanceof UsageError ? "usage" : "setup",
      message: actionErrorText(err),
    });
    code = 1;
  }
  await new Promise<void>((resolve) => stdout().end(resolve));
  return code;
}

export async function cleanupMain(cacheDir?: string): Promise<number> {
  const removed = await cleanupStale(cacheDir);
  process.stdout.write(`nsbox: removed ${removed} leftover(s)\n`);
  return 0;
}
