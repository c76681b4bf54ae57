// How the Action gets the privileges sandboxes need: root as is, passwordless sudo for the engine only
// (the runner's own files stay written by the runner), or rootless with what that turns off said aloud.
import { childProcess, isRoot } from "../engine/index";
import { captureDownloadEnv } from "./download-env";
import { FrameDecoder } from "./frames";
import type { ActionPlan } from "./plan";
import type { Emit, PlanEvent } from "./runner";
import { Tail } from "./tail";

export type Privilege = "root" | "sudo" | "rootless";

export function detectPrivilege(): Privilege {
  if (isRoot()) return "root";
  const probe = childProcess().spawnSync("sudo", ["-n", "true"], { stdio: "ignore", timeout: 10_000 });
  return probe.status === 0 ? "sudo" : "rootless";
}

export const ROOTLESS_LIMITS =
  "running rootless (not root, no passwordless sudo): cgroup limits cannot be enforced (they are refused unless best-effort is on), nat needs slirp4netns and nft, and the sandbox maps only your own uid";

/** How the sudo child ended: its exit code, or the signal that killed it (sudo dies by its command's). */
export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Runs the plan in a `sudo -n` child. sudo resets the environment, so nothing of the runner's (tokens,
 * INPUT_*) reaches the worker; the plan travels on stdin as one line, with the proxy and CA settings the
 * engine's downloads need (download-env.ts), and stdin stays open while the worker runs: its end tells the
 * worker that this process is gone (SIGKILLed, which no handler sees), so it stops its sandboxes rather
 * than run on with no one to report to. Events come back as frames (frames.ts) on stdout, read one chunk
 * at a time: while `emit` is busy the pipe fills and the worker waits. The worker's stderr goes to
 * `onStderr` (a bounded tail), never straight to the log.
 */
export async function runPlanWithSudo(
  plan: ActionPlan,
  entry: string,
  emit: Emit,
  onStderr: (chunk: Buffer) => void,
  signal?: AbortSignal,
): Promise<WorkerExit> {
  const child = childProcess().spawn("sudo", ["-n", "--", process.execPath, entry, "--nsbox-worker"], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const closed = new Promise<WorkerExit>((resolve) =>
    child.on("close", (code, killedBy) => resolve({ code, signal: killedBy })),
  );
  child.on("error", () => {}); // spawn failures surface as the close code and a fatal below
  child.stdin.on("error", () => {}); // a worker that died before reading the plan: reported by its exit
  child.stdin.write(`${JSON.stringify({ ...plan, downloadEnv: captureDownloadEnv(process.env) })}\n`);
  child.stderr.on("data", onStderr);
  const onAbort = () => child.kill("SIGTERM");
  signal?.addEventListener("abort", onAbort, { once: true });
  const decoder = new FrameDecoder();
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      for (const frame of decoder.push(chunk)) {
        if (frame.kind === "output") await emit({ t: "out", i: frame.i, s: frame.stream, d: frame.data });
        else if (frame.kind === "setup-output")
          await emit({ t: "setup-out", s: frame.stream, d: frame.data });
        else await emit(JSON.parse(frame.json) as PlanEvent);
      }
    }
    // A worker killed mid-frame cut it: its death is the error the caller reports, not the cut.
    if ((await closed).code === 0) decoder.end();
  } catch (err) {
    // Our own worker wrote something we cannot read: stop it rather than guess at the rest.
    child.kill("SIGTERM");
    await emit({
      t: "fatal",
      kind: "setup",
      message: `unreadable output from the sudo worker: ${(err as Error).message}`,
    });
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  const exit = await closed;
  child.stdin.destroy();
  return exit;
}

/**
 * `sudo -n node action.cjs --nsbox-cleanup`, the post step's privileged half, through @actions/exec:
 * silent (no `[command]` echo of the line into the log), its exit code, and its small output collected
 * (bounded) for the caller to print inert. The worker above cannot use it (see the README's Dependencies).
 */
export async function cleanupWithSudo(
  entry: string,
  cacheDir?: string,
): Promise<{ code: number; output: string }> {
  const output = new Tail(16 * 1024);
  const { exec } = await import("@actions/exec"); // the post step's rare path: not loaded by a run
  const code = await exec(
    "sudo",
    ["-n", "--", process.execPath, entry, "--nsbox-cleanup", ...(cacheDir ? [cacheDir] : [])],
    {
      silent: true,
      ignoreReturnCode: true,
      listeners: { stdout: (c) => output.push(c), stderr: (c) => output.push(c) },
    },
  );
  return { code, output: output.text(200) };
}
