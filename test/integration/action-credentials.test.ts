// No credential of a checkout reaches a sandbox (a grep of the whole sandbox
// filesystem and of the command's environment finds none), git inside still works, and `workspace: rw`
// cannot plant code in .git for a later step to run.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { git } from "../support/git";
import {
  type ActionRecord,
  createRunner,
  ensureUser,
  REPO_ROOT,
  type RunnerFixture,
  removeUser,
  runAction,
} from "../support/runner-harness";
import { sandboxSkipReason } from "../support/sandbox";

const hasGit = (() => {
  try {
    execFileSync("git", ["--version"]);
    return existsSync("/usr/bin/git");
  } catch {
    return false;
  }
})();
const skip =
  sandboxSkipReason ??
  (!existsSync(join(REPO_ROOT, "dist", "index.js"))
    ? "dist is not built"
    : !hasGit
      ? "no git on the host"
      : null);

const tag = randomBytes(6).toString("hex");
const TOKENS = {
  extraheader: `TOKEN_EXTRAHEADER_${tag}`,
  remoteUrl: `TOKEN_REMOTEURL_${tag}`,
  urlSection: `TOKEN_URLSECTION_${tag}`,
  submodule: `TOKEN_SUBMODULE_${tag}`,
  includeIf: `TOKEN_INCLUDEIF_${tag}`,
  ghaCreds: `TOKEN_GHACREDS_${tag}`,
};
const MARKER = `NSBOX_MARKER_${tag}`; // not a secret: planted where the grep must find it
const RUNNER_UID = 1001; // a root step's workspace belongs to the runner's user, as on GitHub
const SUDO_USER = "nsbox-e2e-creds";

// The host's git, its libraries and loader, run inside through the loader (Alpine has no git); a wrapper
// in GIT_EXEC_PATH does the same for the git processes git starts itself (status of a submodule).
const GIT = "/workspace/.hostgit/exec/git";
const GIT_ENV = "GIT_EXEC_PATH=/workspace/.hostgit/exec GIT_CONFIG_NOSYSTEM=1 HOME=/root";
const GIT_WRAPPER = `#!/bin/sh
exec /workspace/.hostgit/ld-linux-x86-64.so.2 --library-path /workspace/.hostgit /workspace/.hostgit/git "$@"
`;

/** A checkout as actions/checkout leaves it, holding one distinct token in each place one can hide. */
function makeCheckout(runner: RunnerFixture): void {
  const ws = runner.workspace;
  const sub = join(runner.root, "sub-origin");
  mkdirSync(sub);
  git(sub, "init", "-q", "-b", "main");
  writeFileSync(join(sub, "lib.txt"), "lib\n");
  git(sub, "add", ".");
  git(sub, "commit", "-q", "-m", "lib");
  git(ws, "init", "-q", "-b", "main");
  writeFileSync(join(ws, "README.md"), `checked out ${MARKER}\n`);
  git(ws, "add", ".");
  git(ws, "commit", "-q", "-m", "first commit");
  git(ws, "-c", "protocol.file.allow=always", "submodule", "add", "-q", sub, "lib");
  git(ws, "commit", "-q", "-m", "add lib");
  git(ws, "config", "http.https://github.com/.extraheader", `AUTHORIZATION: basic ${TOKENS.extraheader}`);
  git(ws, "remote", "add", "origin", `https://x-access-token:${TOKENS.remoteUrl}@github.com/o/r`);
  git(ws, "config", `url.https://x:${TOKENS.urlSection}@github.com/.insteadOf`, "https://github.com/");
  const include = join(runner.temp, "git-credentials-1234.config");
  writeFileSync(
    include,
    `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${TOKENS.includeIf}\n`,
  );
  git(ws, "config", `includeIf.gitdir:${ws}/.git.path`, include);
  git(
    join(ws, "lib"),
    "config",
    "http.https://github.com/.extraheader",
    `AUTHORIZATION: basic ${TOKENS.submodule}`,
  );
  git(ws, "config", "branch.main.description", MARKER); // allow-listed: the copy must carry it
  writeFileSync(join(ws, "gha-creds-x.json"), `{"type":"external_account","token":"${TOKENS.ghaCreds}"}\n`);
  // Host git inside, kept out of `git status`.
  const hostgit = join(ws, ".hostgit");
  mkdirSync(hostgit);
  copyFileSync("/usr/bin/git", join(hostgit, "git"));
  const libs = execFileSync("ldd", ["/usr/bin/git"], { encoding: "utf8" }).matchAll(/(\/\S+) \(0x/g);
  for (const [, lib] of libs) copyFileSync(lib as string, join(hostgit, basename(lib as string)));
  mkdirSync(join(hostgit, "exec"));
  writeFileSync(join(hostgit, "exec/git"), GIT_WRAPPER, { mode: 0o755 });
  writeFileSync(join(ws, ".git/info/exclude"), ".hostgit/\ngha-creds-*.json\n");
  execFileSync("chmod", ["-R", "a+rX", hostgit]);
  const owner = runner.uid === 0 ? `${RUNNER_UID}:${RUNNER_UID}` : `${runner.uid}:${runner.gid}`;
  execFileSync("chown", ["-R", owner, runner.root]);
  // The fixture holds what the test says it does.
  const everything = execFileSync(
    "grep",
    ["-rhoF", ...Object.values(TOKENS).flatMap((t) => ["-e", t]), runner.root],
    { encoding: "utf8" },
  );
  for (const t of Object.values(TOKENS)) expect(everything).toContain(t);
  expect(readFileSync(join(ws, ".git/modules/lib/config"), "utf8")).toContain(TOKENS.submodule);
}

/**
 * Prints `HIT <file>` for every file of the sandbox (all but /proc and /sys) holding a pattern, and `HIT
 * environ`. The patterns file and the command's own script (/tmp/.nsbox-script) hold them by design.
 */
function grepAll(patterns: string[]): string {
  return `printf '%s\\n' ${patterns.map((p) => `'${p}'`).join(" ")} > /tmp/patterns
find / \\( -path /proc -o -path /sys -o -path /dev -o -path /tmp/patterns -o -path /tmp/.nsbox-script \\) -prune -o -type f -print0 | xargs -0 grep -lF -f /tmp/patterns | sed 's/^/HIT /'
find /dev/shm -type f -print0 | xargs -0 -r grep -lF -f /tmp/patterns | sed 's/^/HIT /'
tr '\\0' '\\n' < /proc/$$/environ | grep -qF -f /tmp/patterns && echo "HIT environ"
echo GREP-DONE`;
}

function hits(log: string, name: string): string[] {
  const block = log.split(`##[group]▶ ${name}\n`)[1]?.split("##[endgroup]")[0] ?? "";
  expect(block, `no GREP-DONE in ${name}:\n${log}`).toContain("GREP-DONE");
  return block
    .split("\n")
    .filter((l) => l.startsWith("HIT "))
    .map((l) => l.slice(4))
    .sort();
}

describe.skipIf(skip !== null)("the Action keeps a checkout's credentials out", () => {
  let runner: RunnerFixture;
  beforeAll(() => {
    runner = createRunner();
    makeCheckout(runner);
  });
  afterAll(() => runner.remove());

  for (const mode of ["overlay", "ro", "rw"]) {
    it(`finds no token anywhere in the sandbox (workspace: ${mode}), and git still works`, async () => {
      await expectNoToken(runner, mode);
    });
  }

  it("finds none either when the runner's own user runs the step through sudo (GitHub-hosted)", async (ctx) => {
    const user = ensureUser(SUDO_USER, { sudo: true });
    if (!user) return ctx.skip("no sudo/useradd on this machine");
    const own = createRunner({ as: user });
    try {
      makeCheckout(own);
      const r = await expectNoToken(own, "overlay");
      expect(r.log).toContain("privileges: sudo");
    } finally {
      own.remove();
      removeUser(SUDO_USER);
    }
  });
});

async function expectNoToken(runner: RunnerFixture, mode: string): Promise<ActionRecord> {
  const commands = [
    { name: "presence", run: grepAll([MARKER]) },
    { name: "secrets", run: grepAll(Object.values(TOKENS)) },
    {
      name: "git",
      run: `cd /workspace && export ${GIT_ENV}
${GIT} status --porcelain=v1 --branch | sed 's/^/STATUS /'
${GIT} log -1 --format='LOG %s'
${GIT} remote get-url origin | sed 's/^/REMOTE /'
${GIT} -C lib log -1 --format='SUBLOG %s'`,
    },
  ];
  const r = await runAction({
    runner,
    with: { commands: JSON.stringify(commands), workspace: mode, env: `MARKER_ENV=${MARKER}` },
  });
  expect(r.exitCode, r.log).toBe(0);
  expect(r.conclusion).toBe("success");
  // Presence: the same grep finds the marker in a workspace file, the git config copy and the environment.
  expect(hits(r.log, "presence")).toEqual(["/workspace/.git/config", "/workspace/README.md", "environ"]);
  expect(hits(r.log, "secrets")).toEqual([]);
  expect(r.log).toContain("STATUS ## main");
  expect(r.log).not.toMatch(/STATUS [^#]/); // clean: nothing modified or untracked
  expect(r.log).toContain("LOG add lib");
  expect(r.log).toContain("REMOTE https://github.com/o/r\n");
  expect(r.log).toContain("SUBLOG lib");
  for (const t of Object.values(TOKENS)) expect(r.rawStdout + r.rawStderr).not.toContain(t);
  return r;
}

/** Every path under .git with its type, mode and content hash: what a later step's git would read. */
function snapshot(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).sort().map((rel) => {
    const st = lstatSync(join(dir, rel));
    const body = st.isFile()
      ? createHash("sha256")
          .update(readFileSync(join(dir, rel)))
          .digest("hex")
      : "";
    return `${rel} ${st.mode.toString(8)} ${body}`;
  });
}

describe.skipIf(skip !== null)("workspace: rw cannot plant code in .git", () => {
  let runner: RunnerFixture;
  beforeAll(() => {
    runner = createRunner();
    makeCheckout(runner);
  });
  afterAll(() => runner.remove());

  it("refuses hooks, config edits, and replacing or removing .git, while the rest stays writable", async () => {
    const git = join(runner.workspace, ".git");
    const before = snapshot(git);
    const attempts: Record<string, string> = {
      hook: "printf '#!/bin/sh\\ntouch /tmp/pwned\\n' > .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit",
      "hook-dir": "mkdir -p .git/hooks/new && echo x > .git/hooks/new/post-checkout",
      "config-append": "printf '[core]\\n\\tfsmonitor = touch /tmp/pwned\\n' >> .git/config",
      "config-git": `${GIT} config core.fsmonitor 'touch /tmp/pwned'`,
      "config-worktree": "echo '[core]' > .git/config.worktree",
      "submodule-config": "echo '[core]' >> .git/modules/lib/config",
      "rename-git": "mv .git git-moved",
      "remove-git": "rm -rf .git",
      "replace-git":
        "mkdir -p /tmp/evil/hooks && cp -a .git/. /tmp/evil 2>/dev/null; mv .git .git-old || rm -rf .git; mv /tmp/evil .git",
      "remove-head": "rm -f .git/HEAD",
      "info-attributes": "echo '* filter=evil' > .git/info/attributes",
    };
    const run = Object.entries(attempts)
      .map(([name, cmd]) => `( ${cmd} ) >/dev/null 2>&1 && rc=0 || rc=$?; echo "RESULT ${name} $rc"`)
      .join("\n");
    const r = await runAction({
      runner,
      with: {
        workspace: "rw",
        run: `cd /workspace && export ${GIT_ENV}
${run}
echo control > control.txt && echo "RESULT control $?"
${GIT} status --porcelain=v1 | sed 's/^/STATUS /'`,
      },
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.conclusion).toBe("success");
    const results = Object.fromEntries(
      [...r.log.matchAll(/^RESULT (\S+) (\d+)$/gm)].map((m) => [m[1], Number(m[2])]),
    );
    expect(results.control).toBe(0); // rw: the workspace itself is writable...
    expect(readFileSync(join(runner.workspace, "control.txt"), "utf8")).toBe("control\n");
    expect(r.log).toContain("STATUS ?? control.txt"); // ...and git inside still reads .git
    for (const name of Object.keys(attempts)) expect([name, results[name]]).not.toEqual([name, 0]);
    expect(snapshot(git)).toEqual(before);
    expect(existsSync(join(runner.workspace, "git-moved"))).toBe(false);
    expect(existsSync(join(runner.workspace, ".git-old"))).toBe(false);
  });
});
