// The Action end to end, run as GitHub's runner runs it (test/support/runner-harness.ts):
// action.yml's inputs and defaults, the per-step GITHUB_* files, the runner's workflow-command parsing,
// RUNNER_TEMP, RUNNER_TOOL_CACHE, a checkout with a persisted token — as root, as an unprivileged user with
// passwordless sudo (the GitHub-hosted runner's situation) and rootless.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMirror } from "../support/mirror";
import {
  type ActionRecord,
  createRunner,
  ensureUser,
  FAKE_GITHUB_TOKEN,
  FAKE_RUNTIME_TOKEN,
  loadActionMetadata,
  REPO_ROOT,
  type RunAs,
  type RunnerFixture,
  removeUser,
  runAction,
} from "../support/runner-harness";
import { leftovers, rootlessSkipReason, sandboxSkipReason } from "../support/sandbox";

const USER = "nsbox-e2e";
const STACK_TRACE = /^\s+at .*\.js:\d+/m;
const hasStrace = spawnSync("sh", ["-c", "command -v strace"]).status === 0;

/** A checkout as actions/checkout leaves it: the token persisted in .git/config and in RUNNER_TEMP. */
function checkout(as: RunAs, toolCache?: "private"): RunnerFixture {
  return createRunner({
    as,
    toolCache,
    workspace: {
      "README.md": "checked out\n",
      ".git/config": `[core]\n\tbare = false\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${FAKE_GITHUB_TOKEN}\n[remote "origin"]\n\turl = https://github.com/o/r\n`,
    },
    temp: { "git-credentials-1234.config": `token=${FAKE_GITHUB_TOKEN}\n` },
  });
}

/** Everything the step printed before the runner masked it: a secret must not be there at all. */
function raw(r: ActionRecord): string {
  return r.rawStdout + r.rawStderr + (r.post ? r.post.rawStdout + r.post.rawStderr : "");
}

const probeCommands = `- name: pass
  run: |
    echo "alpine $(cat /etc/alpine-release)"; ls /workspace
    echo new > /workspace/new.txt; echo changed >> /workspace/README.md; cat /workspace/README.md
- name: secrets
  run: |
    env
    cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n'
    cat /workspace/.git/config
    cat ${"$"}{RUNNER_TEMP:-/nonexistent}/* 2>/dev/null || true
    ls /home /tmp /opt 2>/dev/null || true
- name: fail
  run: echo about to fail; exit 3
`;

describe.skipIf(sandboxSkipReason !== null || !existsSync(join(REPO_ROOT, "dist", "index.js")))(
  "the Action end to end",
  () => {
    let sudoUser: { uid: number; gid: number } | null = null;
    beforeAll(() => {
      sudoUser = ensureUser(USER, { sudo: true });
    });
    afterAll(() => {
      if (sudoUser) removeUser(USER);
    });

    const cases = [
      { who: "root", as: (): RunAs | null => "root" },
      { who: "a sudo user", as: (): RunAs | null => sudoUser },
    ];
    for (const c of cases) {
      it(`runs commands, reports and cleans up as ${c.who}`, async (ctx) => {
        const as = c.as();
        if (!as) return ctx.skip("no sudo/useradd on this machine");
        const runner = checkout(as);
        try {
          const r = await runAction({
            runner,
            with: { commands: probeCommands, "fail-on-error": "true", memory: "256M", junit: "junit.xml" },
          });
          expect(r.exitCode).toBe(1);
          expect(r.conclusion).toBe("failure");
          expect(r.log).toContain(c.who === "root" ? "privileges: root" : "privileges: sudo");
          expect(r.log).toMatch(/^##\[group\]▶ pass$/m);
          expect(r.log).toContain("alpine 3.");
          expect(r.log).toContain("README.md");
          expect(r.log).toContain("checked out\nchanged"); // overlay: writable inside...
          expect(readFileSync(join(runner.workspace, "README.md"), "utf8")).toBe("checked out\n"); // ...not outside
          expect(existsSync(join(runner.workspace, "new.txt"))).toBe(false);
          expect(r.log).toContain("about to fail");
          expect(r.annotations).toContainEqual({
            level: "error",
            title: "nsbox: fail",
            message: "fail: failed, exit code 3",
          });
          expect(raw(r)).not.toContain(FAKE_GITHUB_TOKEN);
          expect(raw(r)).not.toContain(FAKE_RUNTIME_TOKEN);
          expect(raw(r)).not.toMatch(STACK_TRACE);

          // Every output the code sets is declared in action.yml, and this run sets all of them.
          expect(Object.keys(r.outputs).sort()).toEqual([...loadActionMetadata().outputs].sort());
          expect(r.outputs.passed).toBe("2");
          expect(r.outputs.failed).toBe("1");
          expect(r.outputs["exit-code"]).toBe("3");
          expect(r.outputs["alpine-version"]).toMatch(/^3\.\d+\.\d+$/);
          expect(r.outputs["artifacts-dir"]).toBe(""); // set, and empty: this run has no outputs
          const results = JSON.parse(r.outputs.results as string);
          expect(results.map((x: { name: string; status: string }) => `${x.name}:${x.status}`)).toEqual([
            "pass:ok",
            "secrets:ok",
            "fail:failed",
          ]);
          expect(results[0]).toHaveProperty("memoryPeakBytes");
          // The results file: the same results, each with its output tail, and the run's shard (1/1 here).
          const file = JSON.parse(readFileSync(r.outputs["results-file"] as string, "utf8"));
          expect(file).toMatchObject({
            format: "nsbox-results/1",
            shard: { index: 1, total: 1 },
            commands: 3,
          });
          expect(file.results.map(({ outputTail, ...rest }: { outputTail: string }) => rest)).toEqual(
            results,
          );
          expect(file.results[2].outputTail).toBe("about to fail");
          // JUnit, written in the workspace as the runner's user.
          expect(r.outputs["junit-file"]).toBe(join(runner.workspace, "junit.xml"));
          expect(statSync(join(runner.workspace, "junit.xml")).uid).toBe(runner.uid);
          expect(readFileSync(join(runner.workspace, "junit.xml"), "utf8")).toContain(
            '<failure message="exit code 3" type="failed"/>',
          );

          expect(r.summary).toContain(`<th align="right">peak memory (MiB)</th>`);
          expect(r.summary?.match(/<tr>/g)?.length).toBe(4);
          expect(r.summary).toContain("about to fail");

          // The runner's files stay the runner user's: the Action never rewrote them as root.
          for (const f of ["GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_STATE"] as const) {
            expect(statSync(r.files[f]).uid).toBe(runner.uid);
          }
          expect(Object.keys(r.state).sort()).toEqual(["cache-dir", "privilege", "temp-dir"]);
          expect(r.post?.exitCode).toBe(0);
          expect(r.post?.conclusion).toBe("success");
          expect(leftovers()).toEqual([]);
        } finally {
          runner.remove();
        }
      });
    }

    it("runs rootless for a user with neither root nor sudo, and says what that turns off", async (ctx) => {
      const why = rootlessSkipReason();
      if (why) return ctx.skip(why);
      // nobody: no sudo; its own tool cache, as it cannot write root's.
      const runner = checkout({ uid: 65534, gid: 65534 }, "private");
      try {
        const r = await runAction({
          runner,
          with: { run: "id -u; cat /workspace/README.md; touch /workspace/x && echo wrote" },
        });
        expect(r.exitCode, r.log).toBe(0);
        expect(r.conclusion).toBe("success");
        expect(r.log).toContain("privileges: rootless");
        expect(r.annotations.filter((a) => a.level === "warning").map((a) => a.message)).toEqual([
          expect.stringMatching(/^running rootless .*cgroup limits.*nat/),
        ]);
        expect(r.log).toContain("0\nchecked out\nwrote");
        expect(existsSync(join(runner.workspace, "x"))).toBe(false);
        expect(r.summary).toContain("privileges rootless");
        expect(r.summary).toContain("running rootless");
        expect(r.outputs.passed).toBe("1");

        // A limit rootless cannot enforce: an error by default, run and reported with best-effort.
        const strict = await runAction({ runner, with: { run: "true", memory: "64M" }, post: false });
        expect(strict.exitCode).toBe(1);
        expect(strict.conclusion).toBe("failure");
        expect(strict.annotations.filter((a) => a.level === "error").map((a) => a.message)).toEqual([
          expect.stringMatching(/^cannot enforce memory limit/),
        ]);
        const lenient = await runAction({
          runner,
          with: { run: "true", memory: "64M", "best-effort": "true" },
          post: false,
        });
        expect(lenient.exitCode, lenient.log).toBe(0);
        const [result] = JSON.parse(lenient.outputs.results as string);
        // The asked-for limit, and the pids default (a note, never an error: the first step ran without it).
        expect(result.notEnforced).toEqual([
          expect.stringMatching(/^memory \(/),
          expect.stringMatching(/^pids default \(/),
        ]);
      } finally {
        runner.remove();
      }
    });

    it("runs outputs and a setup rootless when no tmpfs-size is given: the layer's cap is a default not enforced", async (ctx) => {
      const why = rootlessSkipReason();
      if (why) return ctx.skip(why);
      // Rootless, the writable layer kept for outputs or a setup is a plain directory: tmpfs-size cannot cap
      // it. Asked for, that is an error; left to the default (the user gave no tmpfs-size), a note.
      const runner = checkout({ uid: 65534, gid: 65534 }, "private");
      try {
        const r = await runAction({
          runner,
          with: { setup: "echo set up > /from-setup", run: "cat /from-setup > out.txt", outputs: "out.txt" },
          post: false,
        });
        expect(r.annotations.filter((a) => a.level === "error")).toEqual([]);
        expect(r.exitCode, r.log).toBe(0);
        const [result] = JSON.parse(r.outputs.results as string);
        expect(result.notEnforced).toContainEqual(expect.stringMatching(/^tmpfs-size default \(rootless, /));
        expect(result.limits.tmpfsBytes).toBe(512 * 1024 * 1024);
        expect(readFileSync(join(runner.workspace, "nsbox-output/run/workspace/out.txt"), "utf8")).toBe(
          "set up\n",
        );

        // Given, the same cap is refused as before.
        const sized = await runAction({
          runner,
          with: { run: "echo hi > out.txt", outputs: "out.txt", "tmpfs-size": "512M" },
          post: false,
        });
        expect(sized.exitCode).toBe(1);
        expect(sized.annotations.filter((a) => a.level === "error").map((a) => a.message)).toEqual([
          expect.stringMatching(/^cannot enforce tmpfs-size limit: rootless, /),
        ]);
      } finally {
        runner.remove();
      }
    });

    it("refuses rootless what it cannot enforce before the rootfs: a cold cache stays empty, the mirror unasked", async (ctx) => {
      const why = rootlessSkipReason();
      if (why) return ctx.skip(why);
      // A private tool cache is a cold one; a mirror of this test's own counts what was asked of it.
      const runner = checkout({ uid: 65534, gid: 65534 }, "private");
      const mirror = await startMirror();
      try {
        const refusals: Array<[Record<string, string>, RegExp]> = [
          [{ run: "true", memory: "64M" }, /^cannot enforce memory limit: /],
          // A later command's own limit, behind a setup: refused before the setup (and the download), too.
          [
            { setup: "true", commands: "- run: 'true'\n- run: 'true'\n  cpus: '1'\n" },
            /^cannot enforce cpus limit: /,
          ],
          [
            { run: "true", outputs: "out.txt", "tmpfs-size": "64M" },
            /^cannot enforce tmpfs-size limit: rootless, /,
          ],
        ];
        for (const [inputs, message] of refusals) {
          const r = await runAction({ runner, with: { ...inputs, mirror: mirror.url }, post: false });
          const what = JSON.stringify(inputs);
          expect.soft(r.exitCode, what).toBe(1);
          expect
            .soft(
              r.annotations.filter((a) => a.level === "error").map((a) => a.message),
              what,
            )
            .toEqual([expect.stringMatching(message)]);
          expect.soft(mirror.requests, what).toEqual([]);
          expect.soft(existsSync(join(runner.toolCache, "nsbox", "rootfs")), what).toBe(false);
        }
      } finally {
        await mirror.close();
        runner.remove();
      }
    });

    it.each([
      [{ run: "true", network: "bridge" }, "network: 'bridge' is not a network mode; use none or nat"],
      [{ run: "true", memory: "12XB" }, "memory: '12XB' is not a size; use 512M or 2G"],
      [{ run: "", commands: "" }, "run and commands are both empty"],
      [{ run: "true", "alpine-version": "9.99" }, "9.99"],
      [
        { run: "true", env: "A=1\n1A=v" },
        "env: '1A=v' is not K=V; give the env input one NAME=value per line",
      ],
    ])("fails a step with one error annotation for %o", async (inputs, message) => {
      const runner = checkout("root");
      try {
        const r = await runAction({ runner, with: inputs });
        expect(r.exitCode).toBe(1);
        expect(r.conclusion).toBe("failure");
        expect(r.issues).toHaveLength(1); // nothing else was logged as an error or warning either
        expect(r.annotations).toEqual([{ level: "error", message: expect.stringContaining(message) }]);
        expect(raw(r)).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
        expect(r.post?.conclusion).toBe("success");
      } finally {
        runner.remove();
      }
    });

    // scratch: disk on a runner whose cache has no room for the cap: the sandbox started and its writes were
    // lost at the loop device's writeback (test/integration/cli-bad-input.test.ts shows it for the CLI). The
    // cache's `layers` dir is a 4 MiB tmpfs with 1.6 MiB free in the step's own mount namespace (bash, not
    // dash: dash drops INPUT_TMPFS-SIZE from the environment).
    it("refuses scratch: disk up front on a cache without room for the cap, in the Action's words", async () => {
      const runner = checkout("root");
      const layers = join(runner.toolCache, "nsbox", "layers");
      const script = `mkdir -p ${layers} && mount -t tmpfs -o size=4m none ${layers} && head -c 2500000 /dev/zero > ${layers}/filler && "$@"`;
      try {
        const r = await runAction({
          runner,
          with: { run: "head -c 8000000 /dev/zero > /big", scratch: "disk", "tmpfs-size": "64M" },
          launcher: ["unshare", "-m", "--propagation", "private", "bash", "-c", script, "bash"],
        });
        expect(r.exitCode).toBe(1);
        expect(r.annotations).toEqual([
          {
            level: "error",
            message: expect.stringMatching(
              new RegExp(
                `^cannot create the disk scratch: its 64\\.0 MiB image needs that much room on the file system of '${layers}', which has 1\\.\\d\\d MiB free; free space on the runner's disk, set a smaller tmpfs-size \\(the layer's cap\\), or set scratch: memory$`,
              ),
            ),
          },
        ]);
        expect(raw(r)).not.toMatch(STACK_TRACE);
        expect(r.post?.conclusion).toBe("success");
        expect(leftovers()).toEqual([]);
        // No loop device holds an image of that cache (the tmpfs went with the step's mount namespace).
        expect(spawnSync("losetup", ["-a"], { encoding: "utf8" }).stdout).not.toContain(`${layers}/`);
      } finally {
        runner.remove();
      }
    });

    // A SIGKILL of the main step just after its temp dir came to be (strace's fault injection: the step
    // dies at its first chmod, the temp dir's). The dir was made by mkdtemp and its path saved after, so a
    // kill in between left an empty RUNNER_TEMP/nsbox-* the post step did not know.
    it.skipIf(!hasStrace)(
      "the post step removes the temp dir of a main step killed as it made it",
      async () => {
        const runner = checkout("root");
        const scratch = mkdtempSync(join(tmpdir(), "nsbox-kill-at-"));
        try {
          const trace = join(scratch, "strace.log");
          const launcher = join(scratch, "launch.mjs");
          writeFileSync(
            launcher,
            `import { spawnSync } from "node:child_process";
const [node, script] = process.argv.slice(2);
const strace = ["strace", "-f", "-qq", "-o", ${JSON.stringify(trace)}, "-e", "trace=chmod",
  "-e", "inject=chmod:signal=KILL:when=1"];
const argv = script.endsWith("post.js") ? [node, script] : [...strace, node, script];
const r = spawnSync(argv[0], argv.slice(1), { stdio: "inherit" });
process.exit(r.status ?? 137);
`,
          );
          const r = await runAction({
            runner,
            with: { run: "echo never" },
            launcher: [process.execPath, launcher],
          });
          expect(r.exitCode).toBe(137);
          // Killed where meant: at the chmod of a temp dir in RUNNER_TEMP, which then existed (another
          // thread's exit may cut the line: `chmod("…", 0755 <unfinished ...>`).
          expect(readFileSync(trace, "utf8")).toMatch(
            new RegExp(`chmod\\("${runner.temp}/nsbox-[^"]+", 0755\\b.*\\+\\+\\+ killed by SIGKILL`, "s"),
          );
          expect(r.post?.conclusion).toBe("success");
          expect(readdirSync(runner.temp).filter((f) => f.startsWith("nsbox-"))).toEqual([]);
        } finally {
          runner.remove();
          rmSync(scratch, { recursive: true, force: true });
        }
      },
    );
  },
);
