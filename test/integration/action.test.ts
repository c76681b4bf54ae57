// Issue 5: `node dist/index.js` then `node dist/post.js`, exactly as the runner starts them: INPUT_*
// variables, the GITHUB_* files, RUNNER_TEMP, RUNNER_TOOL_CACHE, a checkout with a persisted token —
// as root and as an unprivileged user with passwordless sudo (the GitHub-hosted runner's situation).
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { leftovers, rootlessSkipReason, sandboxSkipReason } from "../support/sandbox";

const repo = join(import.meta.dirname, "..", "..");
const dist = join(repo, "dist");
const FAKE_TOKEN = "ghs_FAKEcheckoutTOKEN1234567890";
const FAKE_RUNTIME = "FAKE-ACTIONS-RUNTIME-TOKEN-abcdef";
const USER = "nsbox-e2e";

interface Runner {
  root: string;
  uid: number;
  gid: number;
  env: Record<string, string>;
}

function makeRunner(uid: number, gid: number): Runner {
  const root = mkdtempSync("/tmp/nsbox-e2e-");
  chmodSync(root, 0o755);
  const dirs = ["work/repo/.git", "temp", "toolcache", "files"];
  for (const d of dirs) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, "work/repo/README.md"), "checked out\n");
  writeFileSync(
    join(root, "work/repo/.git/config"),
    `[core]\n\tbare = false\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${FAKE_TOKEN}\n[remote "origin"]\n\turl = https://github.com/o/r\n`,
  );
  writeFileSync(join(root, "temp/git-credentials-1234.config"), `token=${FAKE_TOKEN}\n`);
  const files: Record<string, string> = {};
  for (const f of ["GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_STATE", "GITHUB_ENV"]) {
    files[f] = join(root, "files", f);
    writeFileSync(files[f], "");
  }
  execFileSync("chown", ["-R", `${uid}:${gid}`, root]);
  // Like /home/runner: not traversable by others, so the helper must open mount sources as itself.
  chmodSync(root, 0o750);
  return {
    root,
    uid,
    gid,
    env: {
      PATH: `${join(process.execPath, "..")}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
      HOME: root,
      GITHUB_WORKSPACE: join(root, "work/repo"),
      RUNNER_TEMP: join(root, "temp"),
      RUNNER_TOOL_CACHE: inject("cacheDir").replace(/\/$/, ""),
      ACTIONS_RUNTIME_TOKEN: FAKE_RUNTIME,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: FAKE_RUNTIME,
      GITHUB_TOKEN: FAKE_TOKEN,
      GITHUB_RUN_ID: "42",
      ...files,
    },
  };
}

function runStep(runner: Runner, script: "index.js" | "post.js", inputs: Record<string, string>, state = "") {
  const env: Record<string, string> = { ...runner.env };
  // Never the real CDN from tests: the local mirror unless the case sets its own.
  for (const [k, v] of Object.entries({ mirror: inject("mirrorUrl"), ...inputs }))
    env[`INPUT_${k.toUpperCase()}`] = v;
  // The runner hands saved state back to the post step as STATE_* variables.
  for (const line of state.split("\n")) {
    const m = /^(\S+)<<(\S+)$/.exec(line);
    if (m) env[`STATE_${m[1]}`] = state.split(`${line}\n`)[1]?.split(`\n${m[2]}`)[0] ?? "";
  }
  const r = spawnSync(process.execPath, [join(dist, script)], {
    env,
    uid: runner.uid,
    gid: runner.gid,
    cwd: runner.root,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** GITHUB_OUTPUT's `name<<delim` blocks → a map. */
function outputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const text = readFileSync(file, "utf8");
  const re = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1] as string] = m[3] as string;
  return out;
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

function canSudoUser(): boolean {
  return spawnSync("sh", ["-c", "command -v sudo && command -v useradd"], { stdio: "ignore" }).status === 0;
}

describe.skipIf(sandboxSkipReason !== null || !existsSync(join(dist, "index.js")))(
  "the Action end to end",
  () => {
    let userUid = -1;
    let userGid = -1;
    beforeAll(() => {
      if (!canSudoUser()) return;
      spawnSync("userdel", ["-r", USER], { stdio: "ignore" });
      execFileSync("useradd", ["--create-home", "--shell", "/bin/sh", USER]);
      writeFileSync(`/etc/sudoers.d/${USER}`, `${USER} ALL=(ALL) NOPASSWD:ALL\n`, { mode: 0o440 });
      userUid = Number(execFileSync("id", ["-u", USER], { encoding: "utf8" }));
      userGid = Number(execFileSync("id", ["-g", USER], { encoding: "utf8" }));
    });
    afterAll(() => {
      if (userUid < 0) return;
      rmSync(`/etc/sudoers.d/${USER}`, { force: true });
      spawnSync("userdel", ["-r", USER], { stdio: "ignore" });
    });

    const cases = [
      { who: "root", ids: () => [0, 0] as const },
      { who: "a sudo user", ids: () => [userUid, userGid] as const },
    ];
    for (const c of cases) {
      it(`runs commands, reports and cleans up as ${c.who}`, (ctx) => {
        const [uid, gid] = c.ids();
        if (uid < 0) ctx.skip(); // no sudo/useradd on this machine
        const runner = makeRunner(uid, gid);
        try {
          const main = runStep(runner, "index.js", {
            commands: probeCommands,
            "fail-on-error": "true",
            memory: "256M",
          });
          const log = main.stdout + main.stderr;
          expect(main.status).toBe(1);
          expect(log).toContain(c.who === "root" ? "privileges: root" : "privileges: sudo");
          expect(log).toMatch(/::group::▶ pass/);
          expect(log).toContain("alpine 3.");
          expect(log).toContain("README.md");
          expect(log).toContain("checked out\nchanged"); // overlay: writable inside...
          expect(readFileSync(join(runner.root, "work/repo/README.md"), "utf8")).toBe("checked out\n"); // ...not outside
          expect(existsSync(join(runner.root, "work/repo/new.txt"))).toBe(false);
          expect(log).toContain("about to fail");
          expect(log).toMatch(/::error title=nsbox%3A fail::fail: failed, exit code 3/);
          expect(log).not.toContain(FAKE_TOKEN);
          expect(log).not.toContain(FAKE_RUNTIME);
          expect(log).not.toMatch(/^\s+at .*\.js:\d+/m); // no stack trace

          const out = outputs(runner.env.GITHUB_OUTPUT as string);
          expect(out.passed).toBe("2");
          expect(out.failed).toBe("1");
          expect(out["exit-code"]).toBe("3");
          expect(out["alpine-version"]).toMatch(/^3\.\d+\.\d+$/);
          const results = JSON.parse(out.results as string);
          expect(results.map((r: { name: string; status: string }) => `${r.name}:${r.status}`)).toEqual([
            "pass:ok",
            "secrets:ok",
            "fail:failed",
          ]);
          expect(results[0]).toHaveProperty("memoryPeakBytes");
          expect(JSON.parse(readFileSync(out["results-file"] as string, "utf8"))).toEqual(results);

          const summary = readFileSync(runner.env.GITHUB_STEP_SUMMARY as string, "utf8");
          expect(summary).toContain("<th>peak memory</th>");
          expect(summary.match(/<tr>/g)?.length).toBe(4);
          expect(summary).toContain("about to fail");

          for (const f of ["GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_STATE"]) {
            expect(statSync(runner.env[f] as string).uid).toBe(uid);
          }
          const post = runStep(
            runner,
            "post.js",
            {},
            readFileSync(runner.env.GITHUB_STATE as string, "utf8"),
          );
          expect(post.status).toBe(0);
          expect(leftovers()).toEqual([]);
        } finally {
          rmSync(runner.root, { recursive: true, force: true });
        }
      });
    }

    it("runs rootless for a user with neither root nor sudo, and says what that turns off", (ctx) => {
      const why = rootlessSkipReason();
      if (why) ctx.skip(why);
      const runner = makeRunner(65534, 65534); // nobody: no sudo
      runner.env.RUNNER_TOOL_CACHE = join(runner.root, "toolcache"); // its own cache: it cannot write root's
      try {
        const main = runStep(runner, "index.js", {
          run: "id -u; cat /workspace/README.md; touch /workspace/x && echo wrote",
        });
        const log = main.stdout + main.stderr;
        expect(main.status, log).toBe(0);
        expect(log).toContain("privileges: rootless");
        expect(log).toMatch(/::warning::running rootless .*cgroup limits.*nat/);
        expect(log).toContain("0\nchecked out\nwrote");
        expect(existsSync(join(runner.root, "work/repo/x"))).toBe(false);
        const summary = readFileSync(runner.env.GITHUB_STEP_SUMMARY as string, "utf8");
        expect(summary).toContain("privileges rootless");
        expect(summary).toContain("running rootless");
        expect(outputs(runner.env.GITHUB_OUTPUT as string).passed).toBe("1");

        // A limit rootless cannot enforce: an error by default, run and reported with best-effort.
        const strict = runStep(runner, "index.js", { run: "true", memory: "64M" });
        expect(strict.status).toBe(1);
        expect(strict.stdout + strict.stderr).toMatch(/::error::cannot enforce memory limit/);
        writeFileSync(runner.env.GITHUB_OUTPUT as string, "");
        const lenient = runStep(runner, "index.js", { run: "true", memory: "64M", "best-effort": "true" });
        expect(lenient.status, lenient.stdout).toBe(0);
        const [result] = JSON.parse(outputs(runner.env.GITHUB_OUTPUT as string).results as string);
        // The asked-for limit, and the pids default (a note, never an error: the first step ran without it).
        expect(result.notEnforced).toEqual([
          expect.stringMatching(/^memory \(/),
          expect.stringMatching(/^pids default \(/),
        ]);
      } finally {
        rmSync(runner.root, { recursive: true, force: true });
      }
    });

    it.each([
      [{ run: "true", network: "bridge" }, "network: 'bridge' is not a network mode; use none or nat"],
      [{ run: "true", memory: "12XB" }, "memory: '12XB' is not a size; use 512M or 2G"],
      [{ run: "", commands: "" }, "run and commands are both empty"],
      [{ run: "true", "alpine-version": "9.99" }, "9.99"],
    ])("fails a step with one ::error:: line for %o", (inputs, message) => {
      const runner = makeRunner(0, 0);
      try {
        const r = runStep(runner, "index.js", inputs);
        expect(r.status).toBe(1);
        const errors = (r.stdout + r.stderr).split("\n").filter((l) => l.startsWith("::error"));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toContain(message);
        expect(r.stdout + r.stderr).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
      } finally {
        rmSync(runner.root, { recursive: true, force: true });
      }
    });
  },
);
