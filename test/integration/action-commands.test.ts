// A command's own values really apply in its sandbox (and only there); its name is its own output folder.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunner, REPO_ROOT, type RunnerFixture, runAction } from "../support/runner-harness";
import { sandboxSkipReason } from "../support/sandbox";

const skip =
  sandboxSkipReason ?? (existsSync(join(REPO_ROOT, "dist", "index.js")) ? null : "dist is not built");

describe.skipIf(skip !== null)("per-command values of the commands input", () => {
  let runner: RunnerFixture;
  beforeAll(() => {
    runner = createRunner();
  });
  afterAll(() => runner.remove());

  it("a per-command timeout ends that command only; env and working-directory apply to it", async () => {
    const r = await runAction({
      runner,
      with: {
        workspace: "none",
        env: "A=step\nB=step",
        timeout: "30s",
        "fail-on-error": "false",
        commands: `- name: slow
  run: sleep 5
  timeout: 1s
- name: also slow, the step's timeout
  run: sleep 2
- name: own env and dir
  working-directory: /tmp
  env:
    B: own
  run: |
    echo "ENV $A $B"
    echo "DIR $(pwd)"
`,
      },
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.conclusion).toBe("success");
    const results = JSON.parse(r.outputs.results as string) as Array<{
      name: string;
      status: string;
      reason: string;
    }>;
    expect(results.map((x) => `${x.name}: ${x.status}`)).toEqual([
      "slow: timeout",
      "also slow, the step's timeout: ok",
      "own env and dir: ok",
    ]);
    expect(results[0]?.reason).toMatch(/1s/);
    expect(r.log).toContain("ENV step own");
    expect(r.log).toContain("DIR /tmp");
  });

  it("a command that cannot start while the one before runs (prepared ahead) reports no negative time", async () => {
    // Command two is prepared while one sleeps: its missing working directory ends its sandbox then, before
    // it is started. It never ran, so its wall time is 0 in the results, the JUnit file and the summary.
    const r = await runAction({
      runner,
      with: {
        workspace: "none",
        junit: join(runner.temp, "junit.xml"), // not in the workspace, which the next test checks
        "fail-on-error": "false",
        commands: `- name: one
  run: sleep 0.5
- name: two
  working-directory: /nowhere
  run: 'true'
- name: three
  run: 'true'
`,
      },
    });
    expect(r.exitCode, r.log).toBe(0);
    const results = JSON.parse(r.outputs.results as string) as Array<{
      name: string;
      status: string;
      wallMs: number;
    }>;
    expect(results.map((x) => `${x.name}: ${x.status}`)).toEqual([
      "one: ok",
      "two: setup-error",
      "three: ok",
    ]);
    // No exact 0: on a loaded host `two` may still be setting up when it is started (then it has a start).
    // The engine's own test (helper-server.test.ts) waits for the sandbox's end before starting it.
    for (const x of results) expect(x.wallMs, x.name).toBeGreaterThanOrEqual(0);
    const junit = readFileSync(r.outputs["junit-file"] as string, "utf8");
    expect(junit).toContain('<testcase name="two" classname="nsbox" time="');
    expect(junit).not.toContain('time="-');
    expect(r.summary).toContain('<td align="left">two</td>');
    expect(r.summary).not.toContain('<td align="right">-');
  });

  it("a working directory the sandbox lacks is said with the fix in the Action's words", async () => {
    const r = await runAction({
      runner,
      with: {
        workspace: "none",
        "working-directory": "/nope",
        commands: "- name: here\n  run: 'true'\n",
        junit: join(runner.temp, "nope.xml"),
      },
    });
    expect(r.conclusion, r.log).toBe("failure");
    const message =
      "working directory not found: /nope; set working-directory to a directory that exists in the sandbox: in the rootfs, or in /workspace (where a relative path points; none with workspace: none)";
    expect(r.annotations).toContainEqual({
      level: "error",
      message: `here: the sandbox failed to start: ${message}`,
      title: "nsbox: here",
    });
    expect(r.summary).toContain(`<td align="left">${message.replace(/'/g, "&#39;")}</td>`);
    // The command's own verdict line in the log says it too, and the JUnit file's error.
    expect(r.log).toContain(`⮑ setup-error, exit 125 (${message})`);
    const junit = readFileSync(join(runner.temp, "nope.xml"), "utf8");
    expect(junit).toContain(`message="the sandbox failed to start: ${message}"`);
    // The results keep the engine's sentence, the fix as a key (README: the result).
    const results = JSON.parse(r.outputs.results as string) as Array<{ error: unknown }>;
    expect(results[0]?.error).toEqual({
      step: "workdir",
      message: "working directory not found: /nope",
      hint: "workdir",
    });
  });

  it("a name is one output folder: '/', '.' and '..' in it make no path", async () => {
    const names = ["unit", "./unit", "../escaped", "a/b/c"];
    const r = await runAction({
      runner,
      with: {
        outputs: "out/f",
        commands: names.map((n) => `- name: '${n}'\n  run: mkdir out; echo 'from ${n}' > out/f\n`).join(""),
      },
    });
    expect(r.conclusion, r.log).toBe("success");
    const artifacts = join(runner.workspace, "nsbox-output");
    const folders = ["unit", "._unit", ".._escaped", "a_b_c"];
    const results = JSON.parse(r.outputs.results as string) as Array<{ outputs: { dir: string } }>;
    expect(results.map((x) => x.outputs.dir)).toEqual(folders.map((f) => join(artifacts, f)));
    // Each its own copy, all inside output-dir, none nested.
    expect(readdirSync(runner.workspace)).toEqual(["nsbox-output"]);
    expect(readdirSync(artifacts).sort()).toEqual([...folders].sort());
    for (const [i, f] of folders.entries())
      expect(readFileSync(join(artifacts, f, "workspace/out/f"), "utf8")).toBe(`from ${names[i]}\n`);
  });
});
