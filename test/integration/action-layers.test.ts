// The Action with packages, setup and outputs, run as GitHub's runner runs it
// (test/support/runner-harness.ts), as root and as an unprivileged user with passwordless sudo (the
// GitHub-hosted runner's situation, where the copies must belong to that user).
import { chmodSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestRepo, type TestRepo } from "../support/apkrepo";
import { type Mirror, startMirror } from "../support/mirror";
import {
  createRunner,
  ensureUser,
  REPO_ROOT,
  type RunAs,
  removeUser,
  runAction,
} from "../support/runner-harness";
import { leftovers, runCaptured, sandboxSkipReason } from "../support/sandbox";

const USER = "nsbox-e2e-layers";
/** The summary's setup row: its name cell, then its status cell. */
const setupRow = (status: string) =>
  new RegExp(`<tr><td align="left">setup</td><td align="left">${status}</td>`);
const root = mkdtempSync("/tmp/nsbox-action-layers-");
chmodSync(root, 0o755); // the repository key file is read by the (possibly sudo'd) Action
let repo: TestRepo;
let server: Mirror;

describe.skipIf(sandboxSkipReason !== null || !existsSync(join(REPO_ROOT, "dist", "index.js")))(
  "the Action with layers",
  () => {
    let sudoUser: { uid: number; gid: number } | null = null;
    beforeAll(async () => {
      repo = await buildTestRepo(join(root, "repo"), runCaptured);
      server = await startMirror(repo.root); // in this process: runAction is asynchronous
      sudoUser = ensureUser(USER, { sudo: true });
    }, 120_000);
    afterAll(async () => {
      if (sudoUser) removeUser(USER);
      await server?.close();
      rmSync(root, { recursive: true, force: true });
    });

    const cases = [
      { who: "root", as: (): RunAs | null => "root" },
      { who: "a sudo user", as: (): RunAs | null => sudoUser },
    ];
    for (const c of cases) {
      it(`packages, a setup shared by every command, and outputs ready for upload, as ${c.who}`, async (ctx) => {
        const as = c.as();
        if (!as) return ctx.skip("no sudo/useradd on this machine");
        const runner = createRunner({ as, workspace: { "package.json": "{}\n" } });
        try {
          const r = await runAction({
            runner,
            with: {
              packages: "junit-runner",
              repositories: `${server.url}/signed`,
              "repository-keys": repo.keyFile,
              setup: "mkdir -p /workspace/node_modules && echo dep > /workspace/node_modules/dep.js",
              commands: [
                "- name: unit",
                "  run: cat node_modules/dep.js && junit-runner junit.xml",
                "- name: lint",
                "  run: test -f node_modules/dep.js",
              ].join("\n"),
              outputs: "junit.xml",
              parallel: "2", // the commands' output spooled, the setup's still streamed in its group
            },
          });
          if (r.conclusion !== "success") console.log(r.log);
          expect(r.annotations.filter((a) => a.level === "error")).toEqual([]);
          expect(r.conclusion).toBe("success");
          expect(r.log).toMatch(/^##\[group\]▶ setup$/m);
          const artifacts = join(runner.workspace, "nsbox-output");
          expect(r.outputs["artifacts-dir"]).toBe(artifacts);
          const junit = join(artifacts, "unit/workspace/junit.xml");
          expect(readFileSync(junit, "utf8")).toMatch(/testsuite/);
          expect(existsSync(join(artifacts, "lint/workspace/junit.xml"))).toBe(false);
          // The copies belong to the runner's user, not to root (under sudo) nor to a sandbox id.
          const owner = as === "root" ? { uid: 0, gid: 0 } : as;
          for (const p of [artifacts, join(artifacts, "unit"), join(artifacts, "unit/workspace"), junit]) {
            const st = lstatSync(p);
            expect([p, st.uid, st.gid]).toEqual([p, owner.uid, owner.gid]);
          }
          expect(statSync(junit).mode & 0o7777).toBe(0o644);
          expect(existsSync(join(runner.workspace, "node_modules"))).toBe(false); // host copy untouched
          // The setup is no command: not in results nor in the counts, its own row in the summary.
          const results = JSON.parse(r.outputs.results as string) as Array<{ name: string; status: string }>;
          expect(results.map((x) => [x.name, x.status])).toEqual([
            ["unit", "ok"],
            ["lint", "ok"],
          ]);
          expect(r.log).toContain("nsbox: 2 command(s), privileges:");
          expect(r.outputs).toMatchObject({ passed: "2", failed: "0" });
          const file = JSON.parse(readFileSync(r.outputs["results-file"] as string, "utf8"));
          expect(file.setup).toMatchObject({ status: "ok", exitCode: 0 });
          expect(r.summary).toMatch(setupRow("✅ ok"));
          expect(r.post?.conclusion).toBe("success");
          expect(leftovers()).toEqual([]);
        } finally {
          runner.remove();
        }
      });
    }

    it("a failed setup is its own row, skips every command and fails the step", async () => {
      const runner = createRunner();
      try {
        const r = await runAction({
          runner,
          with: { setup: "echo broken; exit 4", commands: "echo should-not-run-1\necho should-not-run-2" },
        });
        expect(r.conclusion).toBe("failure");
        expect(r.log).toMatch(/^##\[group\]▶ setup$/m);
        expect(r.log).toMatch(/^broken$/m);
        expect(r.rawStdout + r.rawStderr).not.toMatch(/^should-not-run/m);
        expect(r.outputs).toMatchObject({ results: "[]", passed: "0", failed: "0", "exit-code": "4" });
        const file = JSON.parse(readFileSync(r.outputs["results-file"] as string, "utf8"));
        expect(file.setup).toMatchObject({ status: "failed", exitCode: 4, outputTail: "broken" });
        // Skipped because the setup failed (not fail-fast), each by its place in the list and its name, inert.
        const inert = (name: string) => `\n::stop-commands::\\*+\n${name}\n::\\*+::$`;
        expect(r.log).toMatch(
          new RegExp(`^nsbox: skipped command 1 \\(setup failed\\):${inert("echo should-not-run-1")}`, "m"),
        );
        expect(r.log).toMatch(
          new RegExp(`^nsbox: skipped command 2 \\(setup failed\\):${inert("echo should-not-run-2")}`, "m"),
        );
        expect(r.log).not.toMatch(/fail-fast/);
        expect(r.summary).toMatch(/2 not run \(setup failed\)/);
        expect(r.annotations).toContainEqual(
          expect.objectContaining({
            level: "error",
            message: "setup failed (failed, exit 4); none of the 2 command(s) ran",
          }),
        );
        expect(r.summary).toMatch(setupRow("❌ failed"));
        expect(r.annotations.filter((a) => a.level === "error").map((a) => a.message)).toEqual([
          "setup: failed, exit code 4",
          "setup failed (failed, exit 4); none of the 2 command(s) ran",
        ]);
      } finally {
        runner.remove();
      }
    });
  },
);
