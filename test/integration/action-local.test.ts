// The Action's TypeScript entry (src/action/main.ts `run()`, post.ts) run by GitHub's own
// local runner, @github/local-action, which loads action.yml itself and stubs @actions/core. Its stdout is
// read with the runner harness's command parser: the stub prints `::set-output` / `::error` lines.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { LineSplitter, SecretMasker, StepCommands } from "../support/runner-commands";
import { REPO_ROOT } from "../support/runner-harness";
import { sandboxSkipReason } from "../support/sandbox";

const bin = join(REPO_ROOT, "node_modules", ".bin", "local-action");

async function localAction(script: string) {
  const dir = mkdtempSync("/tmp/nsbox-local-action-");
  try {
    // local-action reads inputs (INPUT_<NAME>, dashes kept) and the runner's variables from a dotenv file.
    const dotenv = {
      INPUT_RUN: script,
      INPUT_WORKSPACE: "none",
      INPUT_MIRROR: inject("mirrorUrl"),
      RUNNER_TOOL_CACHE: inject("cacheDir"),
      RUNNER_TEMP: dir,
    };
    const file = join(dir, ".env");
    writeFileSync(
      file,
      Object.entries(dotenv)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}\n`)
        .join(""),
    );
    const child = spawn(bin, ["run", REPO_ROOT, "src/action/main.ts", file, "--post", "src/action/post.ts"], {
      cwd: REPO_ROOT,
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const step = new StepCommands({ masker: new SecretMasker(), deprecateStepOutputCommands: false });
    const lines = new LineSplitter((l) => step.line(l));
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      lines.push(d);
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    lines.end();
    return { status, stdout, stderr, outputs: step.outputs, annotations: step.annotations };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(sandboxSkipReason !== null)("the Action under @github/local-action", () => {
  it("runs a passing command and reports its outputs", async () => {
    const r = await localAction("echo hello-from-local-action");
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("hello-from-local-action");
    expect(r.outputs.passed).toBe("1");
    expect(r.outputs.failed).toBe("0");
    expect(r.outputs["exit-code"]).toBe("0");
    expect(r.outputs["alpine-version"]).toMatch(/^3\.\d+\.\d+$/);
    expect(JSON.parse(r.outputs.results as string)[0]).toMatchObject({ name: "run", status: "ok" });
    expect(r.annotations.filter((a) => a.level === "error")).toEqual([]);
    expect(r.stdout).toContain("nsbox: nothing to clean up"); // the post entry ran
  }, 120_000);

  it("fails on a failing command, with its annotation and outputs", async () => {
    const r = await localAction("echo about-to-fail; exit 3");
    // local-action records setFailed (its stub prints the ::error:: line) but exits 0 whatever the
    // action's verdict, so the failure is read from the step's annotations below, not the exit status.
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("about-to-fail");
    expect(r.outputs.failed).toBe("1");
    expect(r.outputs["exit-code"]).toBe("3");
    expect(r.annotations.filter((a) => a.level === "error").map((a) => a.message)).toEqual([
      "run: failed, exit code 3",
      "1 of 1 command(s) failed",
    ]);
  }, 120_000);
});
