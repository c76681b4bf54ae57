// How the Action gets the privileges sandboxes need: root as is, passwordless sudo for the engine only
// (the runner's own files stay written by the runner), or rootless with what that turns off said aloud.
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import type { ActionPlan } from "./plan";
import type { PlanEvent } from "./runner";

export type Privilege = "root" | "sudo" | "rootless";

export function detectPrivilege(): Privilege {
  if (process.getuid?.() === 0) return "root";
  const probe = spawnSync("sudo", ["-n", "true"], { stdio: "ignore", timeout: 10_000 });
  return probe.status === 0 ? "sudo" : "rootless";
}

export const ROOTLESS_LIMITS =
  "running rootless (not root, no passwordless sudo): cgroup limits cannot be enforced (they are refused unless best-effort is on), nat needs slirp4netns and nft, and the sandbox maps only your own uid";

/**
 * Runs the plan in a `sudo -n` child. sudo resets the environment, so nothing of the runner's (tokens,
 * INPUT_*) reaches the worker; the plan travels on stdin, events come back as JSON lines on stdout.
 */
export function runPlanWithSudo(
  plan: ActionPlan,
  entry: string,
  emit: (e: PlanEvent) => void,
  signal?: AbortSignal,
): Promise<number> {
  const child = spawn("sudo", ["-n", "--", process.execPath, entry, "--nsbox-worker"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  child.stdin.end(JSON.stringify(plan));
  const onAbort = () => child.kill("SIGTERM");
  signal?.addEventListener("abort", onAbort, { once: true });
  const lines = createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on("line", (line) => {
    if (!line.startsWith("{")) return;
    try {
      emit(JSON.parse(line) as PlanEvent);
    } catch {
      emit({
        t: "fatal",
        kind: "setup",
        message: `unreadable line from the sudo worker: ${line.slice(0, 200)}`,
      });
    }
  });
  return new Promise((resolve) => {
    child.on("close", (code) => {
      signal?.removeEventListener("abort", onAbort);
      resolve(code ?? 1);
    });
  });
}

/** `sudo -n node action.js --nsbox-cleanup`: the post step's privileged half. */
export function cleanupWithSudo(entry: string, cacheDir?: string): number {
  const r = spawnSync(
    "sudo",
    ["-n", "--", process.execPath, entry, "--nsbox-cleanup", ...(cacheDir ? [cacheDir] : [])],
    {
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  return r.status ?? 1;
}
