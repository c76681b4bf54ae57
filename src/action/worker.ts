// The privileged half of the Action under `sudo -n`: reads the plan on stdin, runs it, and writes events
// as frames (frames.ts) on stdout. It never touches the runner's files (GITHUB_OUTPUT etc. stay the
// runner's).
import { Socket } from "node:net";
import { cleanupStale, UsageError } from "../engine/index";
import { applyDownloadEnv } from "./download-env";
import { encodeEvent, encodeOutput } from "./frames";
import { actionErrorText } from "./hints";
import type { ActionPlan } from "./plan";
import { type PlanEvent, runPlan } from "./runner";

/** Why the worker stops when the Action is gone: what stops late (an output copy) names it. */
const ACTION_GONE = "the end of the Action's step";

/**
 * Events as frames on stdout. Not process.stdout: Node makes its pipe writes blocking, which would stall
 * the whole event loop (timeouts included) while the Action is busy. This socket on the same pipe writes
 * without blocking and says when to wait (drain); the wait pauses the sandbox's output (runner.ts →
 * onOutput). A broken pipe (the Action killed) calls `onGone`; what is emitted after it is dropped.
 */
function frameWriter(onGone: () => void): {
  emit: (e: PlanEvent) => void | Promise<void>;
  end: () => Promise<void>;
} {
  const sink = new Socket({ fd: 1, readable: false, writable: true });
  sink.on("error", onGone);
  // A write that waits for room is released by the pipe breaking too, or the plan would hang on it.
  const room = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        sink.off("drain", done);
        sink.off("close", done);
        resolve();
      };
      sink.on("drain", done);
      sink.on("close", done);
    });
  const emit = (e: PlanEvent): void | Promise<void> => {
    if (sink.destroyed) return;
    const frames =
      e.t === "out"
        ? encodeOutput(e.i, e.s, e.d)
        : e.t === "setup-out"
          ? encodeOutput("setup", e.s, e.d)
          : [encodeEvent(JSON.stringify(e))];
    let ok = true;
    for (const f of frames) ok = sink.write(f);
    if (!ok) return room();
  };
  return { emit, end: () => new Promise<void>((resolve) => sink.end(resolve)) };
}

/**
 * The plan: the first line on stdin (JSON has no raw line break). The Action keeps stdin open until the
 * worker is done, so its end before then means the Action is gone (its step SIGKILLed by the runner's
 * cancel or the OOM killer), with no one left to report to: `onGone`. The caller stops reading stdin when
 * it is done (an open stdin keeps the process alive).
 */
function readPlan(onGone: () => void): Promise<ActionPlan> {
  return new Promise((resolve, reject) => {
    const head: Buffer[] = [];
    let read = false;
    process.stdin.on("data", (chunk: Buffer) => {
      if (read) return; // the Action sends nothing after the plan
      const newline = chunk.indexOf(0x0a);
      head.push(newline < 0 ? chunk : chunk.subarray(0, newline));
      if (newline < 0) return;
      read = true;
      try {
        resolve(JSON.parse(Buffer.concat(head).toString("utf8")) as ActionPlan);
      } catch (err) {
        reject(err);
      }
    });
    const gone = () => {
      if (!read) reject(new Error("the Action closed the worker's stdin before sending the whole plan"));
      onGone();
    };
    process.stdin.on("end", gone);
    process.stdin.on("error", gone);
  });
}

export async function workerMain(): Promise<number> {
  const abort = new AbortController();
  for (const s of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(s, () => abort.abort(s));
  const gone = () => abort.abort(ACTION_GONE);
  const out = frameWriter(gone);
  let code = 0;
  try {
    const plan = await readPlan(gone);
    applyDownloadEnv(plan.downloadEnv);
    await runPlan(plan, out.emit, abort.signal);
  } catch (err) {
    out.emit({
      t: "fatal",
      kind: err instanceof UsageError ? "usage" : "setup",
      message: actionErrorText(err),
    });
    code = 1;
  }
  process.stdin.destroy();
  await out.end();
  return code;
}

export async function cleanupMain(cacheDir?: string): Promise<number> {
  const removed = await cleanupStale(cacheDir);
  process.stdout.write(`nsbox: removed ${removed} leftover(s)\n`);
  return 0;
}
