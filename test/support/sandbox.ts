// What integration tests share: whether sandboxes can run here (and why not), and a runner that
// uses the local mirror and the shared cache.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import { helperPath } from "../../src/engine/helper";
import { runSandbox, Session } from "../../src/engine/session";
import type { RunOptions, RunResult, SandboxOptions, SessionOptions } from "../../src/engine/types";

const isRoot = process.getuid?.() === 0;

function helperMissing(): string | null {
  try {
    return existsSync(helperPath()) ? null : "the helper is not built (npm run build)";
  } catch (err) {
    return (err as Error).message;
  }
}

/** Why sandbox tests cannot run here, or null when they can. */
export const sandboxSkipReason: string | null = !isRoot
  ? "sandbox tests need root: run npm test as root or with passwordless sudo"
  : helperMissing();

export function sessionOptions(extra: SessionOptions = {}): SessionOptions {
  return { mirror: inject("mirrorUrl"), cacheDir: inject("cacheDir"), alpine: "3.20", ...extra };
}

/**
 * Runs one sandbox with piped output and returns its result with what it printed: in `session` when given,
 * else as a run of its own (runSandbox, with the test mirror's session options).
 */
export async function runCaptured(
  opts: Partial<RunOptions> & { argv: string[] },
  session?: Session,
): Promise<RunResult & { stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const capture: SandboxOptions = {
    argv: opts.argv,
    stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
    onOutput: (stream, chunk) => {
      if (stream === "stdout") stdout += chunk.toString();
      else stderr += chunk.toString();
    },
  };
  const result = session
    ? await session.run({ ...capture, ...opts })
    : await runSandbox({ ...sessionOptions(), ...capture, ...opts });
  return { ...result, stdout, stderr };
}

export async function openSession(extra: SessionOptions = {}): Promise<Session> {
  return Session.open(sessionOptions(extra));
}

export function probe(name: string): string {
  return join(inject("probesDir"), name);
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every host process with its argv, as any local user reads it in /proc/<pid>/cmdline. */
export function hostProcesses(): Array<{ pid: number; argv: string[] }> {
  const found: Array<{ pid: number; argv: string[] }> = [];
  for (const e of readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    const argv = argvOf(Number(e));
    if (argv) found.push({ pid: Number(e), argv });
  }
  return found;
}

/** A process's argv, or null when it is gone (or a kernel thread's, which has none). */
export function argvOf(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return raw ? raw.replace(/\0$/, "").split("\0") : null;
  } catch {
    return null; // gone meanwhile
  }
}

/** The run parents (nsbox-<pid>-…) of these engines, in every hierarchy and below any slice or service. */
export function runDirsOf(engines: readonly number[]): string[] {
  return cgroupRunDirs().filter((d) => engines.some((p) => d.includes(`/nsbox-${p}-`)));
}

function cgroupRunDirs(): string[] {
  try {
    return execFileSync("find", ["/sys/fs/cgroup", "-maxdepth", "6", "-type", "d", "-name", "nsbox-*"], {
      encoding: "utf8",
    })
      .split("\n")
      .filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * What this process's engine (or a dead one) left: its cgroups and kept layers (named nsbox-<pid>-… and
 * keep-<pid>-…; other engines, e.g. other test files' workers, may run beside the tests), nsbox links and
 * mounts (for "nothing left behind"). The only nsbox mounts not counted: the tests' own network
 * namespaces (/run/netns/nsbox-test-*) and live other processes' kept layers.
 */
export function leftovers(): string[] {
  const found: string[] = [];
  const mounts = readFileSync("/proc/self/mountinfo", "utf8");
  for (const line of mounts.split("\n")) {
    if (!line.includes("nsbox")) continue;
    const target = (line.split(" ")[4] ?? "").replace(/\\(\d{3})/g, (_, o) =>
      String.fromCharCode(Number.parseInt(o, 8)),
    );
    if (/^\/run\/netns\/nsbox-test-[^/]*$/.test(target)) continue;
    const keep = Number(/\/keep-(\d+)-[0-9a-f]+$/.exec(target)?.[1] ?? Number.NaN);
    if (keep > 0 && keep !== process.pid && alive(keep)) continue;
    found.push(line);
  }
  try {
    const links = execFileSync("ip", ["-o", "link", "show"], { encoding: "utf8" });
    for (const line of links.split("\n")) if (/^\d+: nsb[a-z0-9]+[@:]/.test(line)) found.push(line);
  } catch {}
  for (const d of cgroupRunDirs()) {
    const pid = Number(/\/nsbox-(\d+)-[^/]*$/.exec(d)?.[1] ?? Number.NaN);
    if (pid === process.pid || (pid > 0 && !alive(pid))) found.push(d); // ours, or a dead engine's
  }
  return found;
}

function sysctl(path: string): string | null {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return null;
  }
}

/** Why an unprivileged user cannot make a user namespace here (rootless mode), or null when it can. */
export function rootlessSkipReason(): string | null {
  if (sysctl("/proc/sys/kernel/unprivileged_userns_clone") === "0")
    return "unprivileged user namespaces are disabled";
  if (sysctl("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") === "1") {
    return "AppArmor restricts unprivileged user namespaces (Ubuntu 24.04)";
  }
  if (sysctl("/proc/sys/user/max_user_namespaces") === "0") return "user.max_user_namespaces is 0";
  return null;
}

/**
 * argv prefix running the rest of argv in a private mount namespace after `script` (`"$@"` is the rest):
 * `[...inPrivateMounts('mount ... && exec "$@"'), cmd, ...args]`.
 */
export function inPrivateMounts(script: string): string[] {
  return ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh"];
}

/** The built CLI's `nsbox run` against the test mirror and cache (node's argv after the executable). */
export function cliRunArgs(cli: string, ...extra: string[]): string[] {
  return [
    cli,
    "run",
    "--mirror",
    inject("mirrorUrl"),
    "--cache-dir",
    inject("cacheDir"),
    "--alpine",
    "3.20",
    ...extra,
  ];
}

export interface BoundedRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Runs argv without blocking the event loop (unlike spawnSync, whose wait also lasts as long as any
 * descendant holds the output pipes: a test's own timeout could never fire). It runs in its own process
 * group; at `timeoutMs` the whole group is SIGKILLed. It settles at the exit plus at most 2 s for the
 * output to drain.
 */
export function runBounded(argv: string[], timeoutMs: number): Promise<BoundedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] as string, argv.slice(1), {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {}
    }, timeoutMs);
    child.once("exit", (status, signal) => {
      clearTimeout(timer);
      const done = () => resolve({ status, signal, stdout, stderr, timedOut });
      const drained = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        done();
      }, 2000);
      child.once("close", () => {
        clearTimeout(drained);
        done();
      });
    });
  });
}

/**
 * argv as a child whose stderr is watched as it comes (onStderr gets all of it so far, e.g. to signal the
 * child at a given line); SIGKILLed after 50 s. For a child that talks to a server this process serves
 * (so not spawnSync).
 */
export function spawnWatched(argv: string[], onStderr: (stderr: string) => void = () => {}) {
  const child = spawn(argv[0] as string, argv.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
  const bound = setTimeout(() => child.kill("SIGKILL"), 50_000);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => {
    stderr += d;
    onStderr(stderr);
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => {
      clearTimeout(bound);
      resolve({ code, stdout, stderr });
    }),
  );
  return { child, done };
}
