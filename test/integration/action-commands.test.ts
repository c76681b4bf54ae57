// Issue 10, item 9: a command's own values really apply in its sandbox (and only there).
import { existsSync, rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distIndex, makeStepRunner, runMainStep, type StepRunner } from "../support/action-step";
import { sandboxSkipReason } from "../support/sandbox";

const skip = sandboxSkipReason ?? (existsSync(distIndex) ? null : "dist is not built");

describe.skipIf(skip !== null)("per-command values of the commands input", () => {
  let runner: StepRunner;
  beforeAll(() => {
    runner = makeStepRunner();
  });
  afterAll(() => rmSync(runner.root, { recursive: true, force: true }));

  it("a per-command timeout ends that command only; env and working-directory apply to it", () => {
    const r = runMainStep(runner, {
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
    });
    expect(r.status, r.log).toBe(0);
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
});
