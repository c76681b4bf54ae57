// Through the runner harness, as a sudo user (a GitHub-hosted runner's shape): the git credentials of a
// checkout below the workspace top and of a submodule nested deep in .git/modules stay out of the sandbox,
// and with `workspace: rw` no command can plant a git dir in a submodule path that a later `git status`
// on the host (at the top, which recurses into submodules) would obey.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { git } from "../support/git";
import {
  createRunner,
  ensureUser,
  type RunnerFixture,
  removeUser,
  runAction,
} from "../support/runner-harness";
import { sandboxSkipReason } from "../support/sandbox";

const USER = "nsbox-hgit";

/** A repository as actions/checkout (persist-credentials: true, the default) leaves it at `dir`. */
function checkout(dir: string, token: string): void {
  mkdirSync(dir, { recursive: true });
  git(dir, "init", "-q", "-b", "main");
  writeFileSync(join(dir, "README.md"), "hi\n");
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "first");
  git(dir, "remote", "add", "origin", "https://github.com/o/r");
  git(dir, "config", "http.https://github.com/.extraheader", `AUTHORIZATION: basic ${token}`);
}

/** The pull request's commit adds a gitlink at `path`; actions/checkout leaves its directory empty. */
function addGitlink(ws: string, path: string): void {
  git(ws, "update-index", "--add", "--cacheinfo", `160000,${git(ws, "rev-parse", "HEAD").trim()},${path}`);
  git(ws, "commit", "-q", "-m", "add gitlink");
  mkdirSync(join(ws, path));
}

const hasGit = () => {
  try {
    git("/", "--version");
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(sandboxSkipReason !== null || !hasGit())(
  "git credentials and git dirs in the workspace",
  () => {
    let user: { uid: number; gid: number } | null = null;
    beforeAll(() => {
      user = ensureUser(USER, { sudo: true });
    });
    afterAll(() => removeUser(USER));
    const own = (runner: RunnerFixture) =>
      execFileSync("chown", ["-R", `${runner.uid}:${runner.gid}`, runner.root]);

    it("a checkout with `path:` and a submodule 14 levels deep keep their tokens out, in every mode", async (ctx) => {
      if (!user) return ctx.skip("no useradd/sudo on this machine");
      const runner = createRunner({ as: user });
      try {
        const origin = join(runner.root, "lib-origin");
        checkout(origin, "unused");
        checkout(runner.workspace, "TOKEN_TOP");
        checkout(join(runner.workspace, "tools"), "TOKEN_PATH"); // actions/checkout with: { path: tools }
        const name = "a/b/c/d/e/f/g/h/i/j/k/l/m/n"; // the pull request's .gitmodules chooses it
        git(runner.workspace, "submodule", "add", "-q", "--name", name, origin, "lib");
        git(
          join(runner.workspace, "lib"),
          "config",
          "http.https://github.com/.extraheader",
          "basic TOKEN_DEEP",
        );
        own(runner);
        for (const workspace of ["ro", "overlay", "rw"]) {
          const r = await runAction({
            runner,
            with: {
              workspace,
              run: `cat /workspace/.git/config /workspace/tools/.git/config /workspace/.git/modules/${name}/config`,
            },
          });
          expect(r.conclusion, r.log).toBe("success");
          expect(r.rawStdout).toContain("https://github.com/o/r"); // the copies were read
          for (const t of ["TOKEN_TOP", "TOKEN_PATH", "TOKEN_DEEP"]) expect(r.rawStdout).not.toContain(t);
        }
      } finally {
        runner.remove();
      }
    }, 240_000);

    it("a mirror clone and a --separate-git-dir checkout keep their tokens out too; rw cannot add a hook to either", async (ctx) => {
      if (!user) return ctx.skip("no useradd/sudo on this machine");
      const runner = createRunner({ as: user });
      try {
        const origin = join(runner.root, "origin");
        checkout(origin, "unused");
        const ws = runner.workspace;
        // An earlier step's mirror, its URL carrying a token, and a checkout whose git dir sits beside it.
        git(ws, "clone", "-q", "--mirror", origin, "mirror.git");
        git(
          join(ws, "mirror.git"),
          "config",
          "remote.origin.url",
          "https://x-access-token:TOKEN_MIRROR@github.com/o/r",
        );
        git(ws, "clone", "-q", "--separate-git-dir", join(ws, ".repo-git"), origin, "src");
        git(
          join(ws, "src"),
          "config",
          "http.https://github.com/.extraheader",
          "AUTHORIZATION: basic TOKEN_SEPARATE",
        );
        own(runner);
        for (const workspace of ["ro", "overlay", "rw"]) {
          const r = await runAction({
            runner,
            with: {
              workspace,
              run: [
                "cat /workspace/mirror.git/config /workspace/.repo-git/config",
                "if echo 'touch /workspace/ran' > /workspace/mirror.git/hooks/post-update 2>/dev/null; then echo HOOKED; fi",
                "if echo x > /workspace/.repo-git/hooks/pre-commit 2>/dev/null; then echo HOOKED2; fi",
              ].join("\n"),
            },
          });
          expect(r.conclusion, r.log).toBe("success");
          expect(r.rawStdout).toContain("github.com/o/r"); // the copies were read (the URL without its token)
          for (const t of ["TOKEN_MIRROR", "TOKEN_SEPARATE"]) expect(r.rawStdout).not.toContain(t);
          if (workspace === "rw") expect(r.rawStdout).not.toMatch(/HOOKED/);
        }
      } finally {
        runner.remove();
      }
    }, 240_000);

    it("workspace: rw: a submodule path holding a bare repository is bound read-only around its covered config", async (ctx) => {
      if (!user) return ctx.skip("no useradd/sudo on this machine");
      const runner = createRunner({ as: user });
      try {
        const ws = runner.workspace;
        checkout(ws, "TOKEN_TOP");
        addGitlink(ws, "lib");
        git(join(ws, "lib"), "init", "-q", "--bare", "x.git");
        git(join(ws, "lib", "x.git"), "config", "http.https://github.com/.extraheader", "basic TOKEN_BARE");
        own(runner);
        const r = await runAction({
          runner,
          with: {
            workspace: "rw",
            run: "cat /workspace/lib/x.git/config; touch /workspace/lib/new || echo RO",
          },
        });
        expect(r.conclusion, r.log).toBe("success");
        expect(r.rawStdout).toContain(`bare = "true"`); // the copy was read
        expect(r.rawStdout).not.toContain("TOKEN_BARE");
        expect(r.rawStdout).toContain("RO");
      } finally {
        runner.remove();
      }
    }, 240_000);

    it("workspace: rw: a git dir planted in a submodule path is refused, so a later `git status` runs nothing", async (ctx) => {
      if (!user) return ctx.skip("no useradd/sudo on this machine");
      const runner = createRunner({ as: user });
      try {
        const ws = runner.workspace;
        checkout(ws, "TOKEN_TOP");
        addGitlink(ws, "lib");
        own(runner);
        const r = await runAction({
          runner,
          with: {
            workspace: "rw",
            run: [
              "cd /workspace",
              "if mkdir -p lib/.git/objects lib/.git/refs; then echo PLANTED; else echo REFUSED; fi",
              'printf "[core]\\n\\tfsmonitor = \\"touch ../ran; false\\"\\n" > lib/.git/config || true',
            ].join("\n"),
          },
        });
        expect(r.rawStdout).toContain("REFUSED");
        expect(r.rawStdout).not.toContain("PLANTED");
        // The job's next step, on the host, as the runner user.
        execFileSync("git", ["status", "--porcelain"], {
          cwd: ws,
          uid: user.uid,
          gid: user.gid,
          env: { PATH: "/usr/bin:/bin", HOME: runner.root },
        });
        expect(existsSync(join(ws, "ran"))).toBe(false);
        expect(existsSync(join(ws, "lib/.git"))).toBe(false);
      } finally {
        runner.remove();
      }
    }, 240_000);
  },
);
