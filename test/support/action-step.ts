// The Action's main step as `node dist/index.js` with INPUT_* variables and the GITHUB_* files, as root
// (the action.test.ts style). Stopgap: Action end-to-end tests move to test/support/runner-harness.ts.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";

export const distIndex = join(import.meta.dirname, "..", "..", "dist", "index.js");

export interface StepRunner {
  root: string; // holds work/, temp/, files/
  workspace: string; // root/work/repo (GITHUB_WORKSPACE)
  temp: string; // RUNNER_TEMP
  env: Record<string, string>;
}

export function makeStepRunner(): StepRunner {
  const root = mkdtempSync("/tmp/nsbox-step-");
  const workspace = join(root, "work/repo");
  for (const d of ["work/repo", "temp", "files"]) mkdirSync(join(root, d), { recursive: true });
  const env: Record<string, string> = {
    PATH: `${join(process.execPath, "..")}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
    HOME: root,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: join(root, "temp"),
    RUNNER_TOOL_CACHE: inject("cacheDir").replace(/\/$/, ""),
  };
  for (const f of ["GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_STATE", "GITHUB_ENV"]) {
    env[f] = join(root, "files", f);
    writeFileSync(env[f], "");
  }
  return { root, workspace, temp: join(root, "temp"), env };
}

export function runMainStep(runner: StepRunner, inputs: Record<string, string>) {
  const env = { ...runner.env };
  for (const [k, v] of Object.entries({ mirror: inject("mirrorUrl"), ...inputs }))
    env[`INPUT_${k.toUpperCase()}`] = v;
  writeFileSync(env.GITHUB_OUTPUT as string, "");
  const r = spawnSync(process.execPath, [distIndex], {
    env,
    cwd: runner.root,
    encoding: "utf8",
    timeout: 180_000,
  });
  const out: Record<string, string> = {};
  const text = readFileSync(env.GITHUB_OUTPUT as string, "utf8");
  const re = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1] as string] = m[3] as string;
  return { status: r.status, log: r.stdout + r.stderr, outputs: out };
}
