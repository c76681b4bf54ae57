// The sudo worker's lifetime, through the runner harness as a passwordless-sudo user: the worker ends
// with the step that started it, even one SIGKILLed (the runner's force-cancel, the OOM killer), which
// no handler sees; and a worker killed on its own leaves what it finished reported.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  commandsInput,
  createRunner,
  ensureUser,
  REPO_ROOT,
  removeUser,
  runAction,
} from "../support/runner-harness";
import { alive, argvOf, hostProcesses, runDirsOf, sandboxSkipReason } from "../support/sandbox";
import { until } from "../support/until";

const USER = "nsbox-hworker";
/** How long a stopped worker may take to be gone: far more than it needs, on a loaded machine too. */
const GONE_MS = 30_000;

const cmdline = (pid: number) => argvOf(pid)?.join(" ") ?? "";

/** The processes whose command line is exactly `line` (a sandbox's unique `sleep N`). */
function processes(line: string): number[] {
  return hostProcesses()
    .filter((p) => p.argv.join(" ") === line)
    .map((p) => p.pid);
}

function parentOf(pid: number): number {
  return Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
}

/** The root worker (`node action.cjs --nsbox-worker`, not the sudo above it) a sandbox's process runs under. */
function workerAbove(pid: number): number {
  for (let p = parentOf(pid); p > 1; p = parentOf(p)) {
    const line = cmdline(p);
    if (line.includes("--nsbox-worker") && !line.startsWith("sudo ")) return p;
  }
  throw new Error(`no sudo worker above ${pid}`);
}

/** Waits for the sandbox running `line` and returns the worker it runs under. */
async function workerRunning(line: string): Promise<number> {
  await until(() => processes(line).length > 0, 120_000);
  return workerAbove(processes(line)[0] as number);
}

describe.skipIf(sandboxSkipReason !== null || !existsSync(join(REPO_ROOT, "dist", "index.js")))(
  "the sudo worker's lifetime, through the runner harness",
  () => {
    let sudoUser: { uid: number; gid: number } | null = null;
    beforeAll(() => {
      sudoUser = ensureUser(USER, { sudo: true });
    });
    afterAll(() => {
      if (sudoUser) removeUser(USER);
    });

    it("stops the worker's sandboxes when the step is SIGKILLed, with nothing of theirs left", async (ctx) => {
      if (!sudoUser) return ctx.skip("no sudo/useradd on this machine");
      const runner = createRunner({ as: sudoUser });
      const sandbox = "sleep 3611.25"; // a quiet command: no write of the worker's meets a broken pipe
      let worker = 0;
      try {
        // The launcher stands in for the runner's kill of the step's process tree, as the runner's user
        // can: the step's node and sudo die, the root worker (EPERM) does not. A second after the sandbox
        // started, so the test has seen which worker runs it.
        const kill = [
          "/bin/sh",
          "-c",
          `case "$2" in */index.js) ;; *) exec "$@" ;; esac
          "$@" & p=$!; n=0
          until pgrep -f '^${sandbox}$' >/dev/null || [ $n -gt 1200 ]; do n=$((n+1)); sleep 0.1; done
          sleep 1; for c in $(pgrep -P $p); do kill -KILL $c 2>/dev/null; done; kill -KILL $p; wait $p`,
          "kill",
        ];
        const step = runAction({
          runner,
          launcher: kill,
          with: { workspace: "none", commands: `${sandbox}\necho never` },
        });
        worker = await workerRunning(sandbox);
        const r = await step;
        expect(r.exitCode).toBe(137); // the launcher's: its step was SIGKILLed
        await until(() => !alive(worker) && processes(sandbox).length === 0, GONE_MS);
        expect(runDirsOf([worker])).toEqual([]);
      } finally {
        if (worker && alive(worker)) process.kill(worker, "SIGTERM"); // the unfixed worker runs on
        runner.remove();
      }
    }, 240_000);

    it("reports what a killed worker finished, names the signal, and lists the rest as not run", async (ctx) => {
      if (!sudoUser) return ctx.skip("no sudo/useradd on this machine");
      const runner = createRunner({ as: sudoUser });
      const sandbox = "sleep 3612.5";
      try {
        const step = runAction({
          runner,
          with: {
            workspace: "none",
            commands: commandsInput([
              { name: "quick", run: "echo quick-done" },
              { name: "slow", run: sandbox },
              { name: "later", run: "echo never" },
            ]),
          },
        });
        process.kill(await workerRunning(sandbox), "SIGKILL");
        const r = await step;
        expect(r.conclusion).toBe("failure");
        const died = "the sudo worker was killed by SIGKILL";
        expect(r.annotations.filter((a) => a.level === "error").map((a) => a.message)).toEqual([
          `${died}: 2 of 3 command(s) have no result`,
        ]);
        const results = JSON.parse(r.outputs.results ?? "[]") as Array<{ name: string; status: string }>;
        expect(results.map((x) => [x.name, x.status])).toEqual([["quick", "ok"]]);
        expect(r.outputs.passed).toBe("1");
        const file = JSON.parse(readFileSync(r.outputs["results-file"] ?? "", "utf8"));
        expect(file.notRun).toEqual([
          { position: 2, name: "slow", why: died },
          { position: 3, name: "later", why: died },
        ]);
        expect(r.summary).toContain("### nsbox results");
        expect(r.log).toContain("quick-done");
      } finally {
        runner.remove();
      }
    }, 240_000);

    it("fails the step when sudo ends as if done without starting the worker (stopped by a cancel)", async (ctx) => {
      if (!sudoUser) return ctx.skip("no sudo/useradd on this machine");
      const runner = createRunner({ as: sudoUser });
      const bin = mkdtempSync(join(tmpdir(), "nsbox-sudo-stopped-"));
      try {
        // sudo that a cancel stopped before it started its command exits 0 with nothing on stdout: here
        // the real sudo answers the privilege probe (`sudo -n true`), and the worker's start is that.
        writeFileSync(
          join(bin, "sudo"),
          '#!/bin/sh\n[ "$1 $2" = "-n true" ] && exec /usr/bin/sudo "$@"\nexit 0\n',
          { mode: 0o755 },
        );
        chmodSync(bin, 0o755);
        const r = await runAction({
          runner,
          launcher: ["/bin/sh", "-c", `PATH=${bin}:$PATH exec "$@"`, "sudo-stopped"],
          with: { workspace: "none", commands: "echo never" },
        });
        expect(r.conclusion).toBe("failure");
        expect(r.annotations.filter((a) => a.level === "error").map((a) => a.message)).toEqual([
          "the sudo worker ended without reporting its commands: 1 of 1 command(s) have no result",
        ]);
        expect(r.log).not.toContain("never\n");
      } finally {
        rmSync(bin, { recursive: true, force: true });
        runner.remove();
      }
    }, 240_000);
  },
);
