// The allow-list builder for the sandbox's git configs (pure), checked against git's own parser, and the
// workspace guard's host-side reads (no symlinks followed, non-regular files refused).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  allowConfig,
  type ConfigEntry,
  formatConfig,
  parseConfigList,
  stripCredentials,
} from "../../src/action/gitconfig";
import { guardWorkspace, readConfigFile } from "../../src/action/workspace-guard";
import { UsageError } from "../../src/engine/types";
import { git } from "../support/git";

const hasGit = spawnSync("git", ["--version"]).status === 0;

/** git's own reading of a config text. */
function gitList(text: string): ConfigEntry[] {
  const r = spawnSync("git", ["config", "--file", "-", "--list", "-z", "--no-includes"], {
    input: text,
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
  return parseConfigList(r.stdout);
}

const CHECKOUT_CONFIG = `[core]
	repositoryformatversion = 0
	filemode = true
	bare = false
	fsmonitor = "touch /tmp/pwned"
	hooksPath = /tmp/hooks
	sshCommand = ssh -i /home/runner/key
	askPass = /bin/askpass
	editor = vi
	pager = less
[extensions]
	objectformat = sha1
[remote "origin"]
	url = https://x-access-token:TOKEN_URL@github.com/o/r.git
	pushurl = git+ssh://git:TOKEN_PUSH@github.com/o/r
	fetch = +refs/heads/*:refs/remotes/origin/*
	fetch = +refs/tags/*:refs/tags/*
	uploadpack = /bin/evil
	proxy = http://u:TOKEN_PROXY@proxy:3128
[branch "main"]
	remote = origin
	merge = refs/heads/main
[http "https://github.com/"]
	extraheader = AUTHORIZATION: basic TOKEN_HEADER
[url "https://x:TOKEN_INSTEADOF@github.com/"]
	insteadOf = https://github.com/
[credential]
	helper = store --file /tmp/TOKEN_HELPER
[includeIf "gitdir:/home/runner/work/r/.git"]
	path = /home/runner/work/_temp/git-credentials-TOKEN_INCLUDE.config
[include]
	path = TOKEN_INCLUDE2
[submodule "lib"]
	url = https://u:TOKEN_SUB@github.com/o/lib
	active = true
	update = !sh -c evil
[user]
	name = someone
`;

describe("git config allow-list", () => {
  it("parses git's -z listing, bare keys and case-kept subsections included", () => {
    expect(parseConfigList('core.bare\nfalse\0core.flag\0remote.Or.ig"in.url\nhttps://h/p\nx\0')).toEqual([
      { section: "core", subsection: null, name: "bare", value: "false" },
      { section: "core", subsection: null, name: "flag", value: null },
      { section: "remote", subsection: 'Or.ig"in', name: "url", value: "https://h/p\nx" },
    ]);
  });

  it.each([
    ["https://x-access-token:T@github.com/o/r.git", "https://github.com/o/r.git"],
    ["https://T@github.com", "https://github.com"],
    ["https://u:p%40ss@host:8443/p?access_token=T#frag", "https://host:8443/p"],
    ["ssh://git@github.com/o/r", "ssh://github.com/o/r"],
    ["git@github.com:o/r.git", "github.com:o/r.git"],
    ["x:T@host:o/r", "host:o/r"],
    ["../lib", "../lib"],
    ["/srv/repos/r@2", "/srv/repos/r@2"],
  ])("strips credentials from %s", (url, clean) => {
    expect(stripCredentials(url)).toBe(clean);
  });

  it.skipIf(!hasGit)("keeps what git needs and nothing that can hold a credential or run a program", () => {
    const original = gitList(CHECKOUT_CONFIG);
    expect(JSON.stringify(original)).toContain("TOKEN_HEADER"); // the fixture holds what it should
    const copy = formatConfig(allowConfig(original));
    expect(copy).not.toMatch(
      /TOKEN|fsmonitor|hookspath|sshcommand|askpass|editor|pager|uploadpack|update|user/i,
    );
    const back = gitList(copy);
    const keys = back.map(
      (e) => `${e.section}.${e.subsection === null ? "" : `${e.subsection}.`}${e.name}=${e.value}`,
    );
    expect(keys).toEqual([
      "core.repositoryformatversion=0",
      "core.filemode=true",
      "core.bare=false",
      "extensions.objectformat=sha1",
      "remote.origin.url=https://github.com/o/r.git",
      "remote.origin.pushurl=git+ssh://github.com/o/r",
      "remote.origin.fetch=+refs/heads/*:refs/remotes/origin/*",
      "remote.origin.fetch=+refs/tags/*:refs/tags/*",
      "branch.main.remote=origin",
      "branch.main.merge=refs/heads/main",
      "submodule.lib.url=https://github.com/o/lib",
      "submodule.lib.active=true",
    ]);
  });

  it.skipIf(!hasGit)("writes values and subsections git reads back exactly (quoting)", () => {
    const tricky: ConfigEntry[] = [
      { section: "core", subsection: null, name: "worktree", value: ' ../a "b" \\c ; #d\n\te\b' },
      { section: "core", subsection: null, name: "symlinks", value: null },
      { section: "branch", subsection: 'we"ird\\name ]x', name: "remote", value: "" },
    ];
    expect(gitList(formatConfig(tricky))).toEqual(tricky);
  });
});

describe("workspace guard (host side)", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), "nsbox-guard-"));
    dirs.push(d);
    mkdirSync(join(d, "ws/.git/modules/deep/name/modules/inner"), { recursive: true });
    mkdirSync(join(d, "ws/.git/worktrees/wt1"), { recursive: true });
    // Enough of a repository for git to list its (empty) index.
    for (const sub of ["objects", "refs"]) mkdirSync(join(d, "ws/.git", sub));
    writeFileSync(join(d, "ws/.git/HEAD"), "ref: refs/heads/main\n");
    mkdirSync(join(d, "temp"));
    return d;
  };

  it.skipIf(!hasGit)(
    "covers the config of a workspace that is itself a bare clone, and keeps it read-only in rw",
    () => {
      const d = fresh();
      const ws = join(d, "bare");
      git(d, "init", "-q", "--bare", "bare");
      git(ws, "config", "remote.origin.url", "https://x-access-token:SECRET@github.com/o/r");
      const guard = guardWorkspace(ws, "rw", join(d, "temp"));
      expect(guard.mounts.map((m) => [m.target, m.mode])).toEqual([
        ["/workspace", "ro"],
        ["/workspace/config", "ro"],
      ]);
      const copy = readFileSync(guard.mounts[1]?.source as string, "utf8");
      expect(copy).toContain("github.com/o/r");
      expect(copy).not.toContain("SECRET");
    },
  );

  it.skipIf(!hasGit)(
    "covers every config under .git, masks credential files, and keeps .git read-only in rw",
    () => {
      const d = fresh();
      const ws = join(d, "ws");
      const cfg = "[core]\n\tbare = false\n[http]\n\textraheader = AUTHORIZATION: basic SECRET\n";
      writeFileSync(join(ws, ".git/config"), cfg);
      writeFileSync(join(ws, ".git/config.worktree"), cfg);
      writeFileSync(join(ws, ".git/worktrees/wt1/config.worktree"), cfg);
      for (const m of ["deep/name", "deep/name/modules/inner"]) {
        writeFileSync(join(ws, ".git/modules", m, "HEAD"), "ref: refs/heads/main\n");
        writeFileSync(join(ws, ".git/modules", m, "config"), cfg);
      }
      writeFileSync(join(ws, "gha-creds-0123abcd.json"), '{"secret":"SECRET"}');
      symlinkSync("/etc/passwd", join(ws, "gha-creds-link.json")); // resolves inside the sandbox: not masked
      const guard = guardWorkspace(ws, "rw", join(d, "temp"));
      expect(guard.warnings).toEqual([]);
      // Outer before inner (by depth), as the engine requires of nested mounts.
      expect(guard.mounts.map((m) => [m.target, m.mode])).toEqual([
        ["/workspace/.git", "ro"],
        ["/workspace/gha-creds-0123abcd.json", "ro"],
        ["/workspace/.git/config", "ro"],
        ["/workspace/.git/config.worktree", "ro"],
        ["/workspace/.git/worktrees/wt1/config.worktree", "ro"],
        ["/workspace/.git/modules/deep/name/config", "ro"],
        ["/workspace/.git/modules/deep/name/modules/inner/config", "ro"],
      ]);
      for (const m of guard.mounts.slice(1)) {
        const text = readFileSync(m.source, "utf8");
        expect(text).not.toContain("SECRET");
        if (m.target.includes(".git/")) expect(text).toBe('[core]\n\tbare = "false"\n');
        else expect(text).toBe("");
      }
      // overlay: .git is not bound read-only, its configs still covered.
      const overlay = guardWorkspace(ws, "overlay", join(d, "temp")).mounts.map((m) => m.target);
      expect(overlay).not.toContain("/workspace/.git");
      expect(overlay).toContain("/workspace/.git/config");
    },
  );

  it.skipIf(!hasGit)(
    "covers checkouts below the top, submodules at any depth, and in rw every submodule path's .git",
    () => {
      const d = mkdtempSync(join(tmpdir(), "nsbox-guard-"));
      dirs.push(d);
      mkdirSync(join(d, "temp"));
      const ws = join(d, "ws");
      const repo = (dir: string) => {
        mkdirSync(dir, { recursive: true });
        git(dir, "init", "-q", "-b", "main");
        writeFileSync(join(dir, "f"), "f\n");
        git(dir, "add", ".");
        git(dir, "commit", "-q", "-m", "c");
      };
      const token = (dir: string, t: string) =>
        git(dir, "config", "http.https://github.com/.extraheader", `basic ${t}`);
      repo(join(d, "origin"));
      repo(ws);
      token(ws, "TOP");
      // actions/checkout with `path: tools`: a second repository inside the workspace, with its token.
      repo(join(ws, "tools/inner"));
      token(join(ws, "tools/inner"), "NESTED");
      // A submodule whose name has 14 levels (the pull request's .gitmodules chooses it), initialised.
      git(ws, "submodule", "add", "-q", "--name", "a/b/c/d/e/f/g/h/i/j/k/l/m/n", join(d, "origin"), "lib");
      token(join(ws, "lib"), "DEEP");
      // A gitlink without .gitmodules, as a pull request can add: checkout leaves its dir empty.
      const head = git(ws, "rev-parse", "HEAD").trim();
      git(ws, "update-index", "--add", "--cacheinfo", `160000,${head},empty`);
      mkdirSync(join(ws, "empty"));
      const guard = guardWorkspace(ws, "rw", join(d, "temp"));
      expect(guard.warnings).toEqual([]);
      const targets = guard.mounts.map((m) => m.target);
      expect(targets).toContain("/workspace/tools/inner/.git");
      expect(targets).toContain("/workspace/tools/inner/.git/config");
      expect(targets).toContain("/workspace/.git/modules/a/b/c/d/e/f/g/h/i/j/k/l/m/n/config");
      expect(targets).toContain("/workspace/lib/.git"); // the submodule's gitfile, read-only
      expect(targets).toContain("/workspace/empty"); // no .git yet: the whole (empty) path, read-only
      for (const m of guard.mounts.filter((m) => m.target.endsWith("/config")))
        expect(readFileSync(m.source, "utf8")).not.toMatch(/TOP|NESTED|DEEP/);
      // Only rw binds .git dirs and submodule paths; every mode covers the configs.
      const ro = guardWorkspace(ws, "ro", join(d, "temp")).mounts.map((m) => m.target);
      expect(ro.filter((t) => !t.endsWith("/config"))).toEqual([]);
      expect(ro).toContain("/workspace/tools/inner/.git/config");
    },
  );

  it("refuses a symlinked config or .git, and reads nothing through a link", () => {
    const d = fresh();
    const ws = join(d, "ws");
    writeFileSync(join(d, "secret"), "[http]\n\textraheader = SECRET\n");
    symlinkSync(join(d, "secret"), join(ws, ".git/config"));
    expect(() => guardWorkspace(ws, "overlay", join(d, "temp"))).toThrow(
      `${ws}/.git/config is not a regular file; nsbox reads git configs without following links`,
    );
    expect(() => readConfigFile(join(ws, ".git/config"), 1024)).toThrow(UsageError);
    rmSync(join(ws, ".git"), { recursive: true });
    symlinkSync(join(d, "elsewhere"), join(ws, ".git"));
    expect(() => guardWorkspace(ws, "overlay", join(d, "temp"))).toThrow(
      /\.git is a symlink or a special file/,
    );
  });

  it("refuses a fifo instead of blocking on it", () => {
    const d = fresh();
    const fifo = join(d, "ws/.git/config");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    expect(() => readConfigFile(fifo, 1024)).toThrow("is not a regular file");
    expect(() => guardWorkspace(join(d, "ws"), "ro", join(d, "temp"))).toThrow(UsageError);
  });

  it.skipIf(!hasGit)("gives an empty copy, with a warning, of a config git cannot parse", () => {
    const d = fresh();
    writeFileSync(join(d, "ws/.git/config"), "[core\n\textraheader = SECRET\n");
    const guard = guardWorkspace(join(d, "ws"), "overlay", join(d, "temp"));
    expect(guard.warnings[0]).toMatch(
      /could not read .*\.git\/config with git \(.*\); the sandbox gets an empty copy/,
    );
    expect(readFileSync(guard.mounts[0]?.source as string, "utf8")).toBe("");
  });
});
