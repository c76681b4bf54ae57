// The Action with packages, setup and outputs: `node dist/index.js` with INPUT_* as the runner starts it.
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildTestRepo, type TestRepo } from "../support/apkrepo";
import { type Mirror, startMirror } from "../support/mirror";
import { sandboxSkipReason } from "../support/sandbox";

const dist = join(import.meta.dirname, "..", "..", "dist");
const root = mkdtempSync("/tmp/nsbox-action-layers-");
chmodSync(root, 0o755);
let repo: TestRepo;
let server: Mirror;
afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

// Asynchronous: the repository server runs in this process and must keep answering.
async function step(name: string, inputs: Record<string, string>) {
  const dir = join(root, name);
  const ws = join(dir, "ws");
  mkdirSync(ws, { recursive: true });
  writeFileSync(join(ws, "package.json"), "{}\n");
  const files: Record<string, string> = {};
  for (const f of ["GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_STATE"]) {
    files[f] = join(dir, f);
    writeFileSync(files[f], "");
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    GITHUB_WORKSPACE: ws,
    RUNNER_TEMP: dir,
    RUNNER_TOOL_CACHE: inject("cacheDir").replace(/\/$/, ""),
    ...files,
  };
  for (const [k, v] of Object.entries({ mirror: inject("mirrorUrl"), ...inputs }))
    env[`INPUT_${k.toUpperCase()}`] = v;
  const child = spawn(process.execPath, [join(dist, "index.js")], { env, cwd: dir });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const status = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const r = { status, stdout, stderr };
  return {
    ...r,
    ws,
    output: readFileSync(files.GITHUB_OUTPUT as string, "utf8"),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY as string, "utf8"),
  };
}

describe.skipIf(sandboxSkipReason !== null || !existsSync(join(dist, "index.js")))(
  "the Action with layers",
  () => {
    beforeAll(async () => {
      repo = await buildTestRepo(join(root, "repo"));
      server = await startMirror(repo.root);
    }, 120_000);

    it("packages, a setup shared by every command, and outputs ready for upload", async () => {
      const r = await step("ok", {
        packages: "junit-runner",
        repositories: `${server.url}/signed`,
        "repository-keys": repo.keyFile,
        setup: "mkdir -p /workspace/node_modules && echo dep > /workspace/node_modules/dep.js",
        commands:
          "- name: unit\n  run: cat node_modules/dep.js && junit-runner junit.xml\n- name: lint\n  run: test -f node_modules/dep.js",
        outputs: "junit.xml",
      });
      if (r.status !== 0) console.log(r.stdout, r.stderr);
      expect(r.stderr + r.stdout).not.toMatch(/::error/);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/▶ setup/);
      const artifacts = join(r.ws, "nsbox-output");
      expect(r.output).toContain(`artifacts-dir<<`);
      expect(r.output).toContain(artifacts);
      expect(readFileSync(join(artifacts, "unit/workspace/junit.xml"), "utf8")).toMatch(/testsuite/);
      expect(existsSync(join(artifacts, "lint/workspace/junit.xml"))).toBe(false);
      expect(existsSync(join(r.ws, "node_modules"))).toBe(false); // the overlay kept the host copy clean
      expect(r.summary).toMatch(/setup/);
    });

    it("a failed setup is its own row, skips every command and fails the step", async () => {
      const r = await step("fail", { setup: "echo broken; exit 4", run: "echo should-not-run" });
      expect(r.status).not.toBe(0);
      expect(r.stdout).toMatch(/broken/);
      expect(r.stdout).not.toMatch(/should-not-run/);
      expect(r.summary).toMatch(/setup/);
    });
  },
);
