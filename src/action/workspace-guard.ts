// What the workspace mount must not carry into the sandbox, or back out of it:
// - every git config of every repository in the workspace (the top one and checkouts below it, such as
//   actions/checkout's `path:`, and git dirs of other names: bare or mirror clones, --separate-git-dir
//   targets), under each git dir at any depth (config.worktree, worktrees, submodules'
//   modules/**, their worktrees), is covered by a fresh read-only copy built from an allow-list
//   (gitconfig.ts), so no token the runner persisted is readable inside;
// - credential files well-known actions leave at the workspace top are covered by an empty read-only
//   file (a regular file, so tools see "empty", not a device they cannot open on a nodev mount);
// - with `workspace: rw`, each .git (and each git dir of another name) is bound read-only over itself: the command can write no hook, no
//   config (core.fsmonitor), and cannot rename or remove a .git (a mount point cannot be replaced); so is
//   each submodule path of the top repository that has no .git yet (an uninitialised submodule's empty
//   dir), because git at the top runs git inside every submodule path, with that path's .git's config.
// Host-side reads never follow symlinks and refuse anything but regular files and directories.
import { lstatSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { childProcess, type MountSpec, RefusedFileError, readRegularFile, UsageError } from "../engine/index";
import { allowConfig, formatConfig, parseConfigList } from "./gitconfig";
import type { WorkspaceMode } from "./plan";
import { WORKSPACE_MOUNT } from "./plan";

// google-github-actions/auth (create_credentials_file, the default) writes gha-creds-<hex>.json at the
// workspace top. aws-actions/configure-aws-credentials and azure/login keep credentials in environment
// variables and $HOME/.azure, which never reach a sandbox.
const CREDENTIAL_FILES = [/^gha-creds-[^/]*\.json$/];
const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_CONFIGS = 1000;
/** Directories of one .git walked for configs (its objects, refs and logs are not walked). */
const MAX_GITDIR_DIRS = 20_000;
/** What a git dir holds that is never a config or a git dir: not walked. */
const GIT_INTERNALS = new Set(["objects", "refs", "logs", "hooks", "info", "lfs", "rr-cache", "branches"]);
/** Directories of the workspace looked through for checkouts below the top (node_modules is not). */
const MAX_WORKSPACE_DIRS = 20_000;
const MAX_SUBMODULES = 1000;

export interface WorkspaceGuard {
  mounts: MountSpec[]; // in order, after the workspace mount itself
  warnings: string[];
}

export function guardWorkspace(workspace: string, mode: WorkspaceMode, tempDir: string): WorkspaceGuard {
  const guard: WorkspaceGuard = { mounts: [], warnings: [] };
  if (mode === "none") return guard;
  let copies = 0;
  const readOnly = new Set<string>(); // workspace-relative paths already bound read-only
  const coverConfigs = (gitRel: string) => {
    const git = join(workspace, gitRel);
    for (const cfg of findConfigs(git)) {
      const copy = join(tempDir, `gitconfig-${copies++}`);
      writeFileSync(copy, cleanConfig(join(git, cfg), guard.warnings), { mode: 0o644 });
      guard.mounts.push({ source: copy, target: inside(gitRel ? `${gitRel}/${cfg}` : cfg), mode: "ro" });
    }
  };
  const bindReadOnly = (rel: string) => {
    if (readOnly.has(rel)) return;
    readOnly.add(rel);
    guard.mounts.push({ source: join(workspace, rel), target: inside(rel), mode: "ro" });
  };
  const { checkouts, otherGitDirs } = repositories(workspace, guard.warnings);
  for (const repo of checkouts) {
    const rel = repo ? `${repo}/.git` : ".git";
    const git = join(workspace, rel);
    const kind = entryKind(git);
    if (kind === "other") {
      throw new UsageError(
        `${git} is a symlink or a special file; nsbox reads the workspace's .git without following links, so check out into a plain directory`,
      );
    }
    // A .git file (gitdir: elsewhere, a worktree or submodule checkout) points elsewhere: its configs are
    // covered where they are, when that is in the workspace. In rw mode it is kept read-only all the same.
    if (mode === "rw" && kind !== "missing") bindReadOnly(rel);
    if (kind === "dir") coverConfigs(rel);
  }
  // A git dir of another name (a bare or mirror clone, a --separate-git-dir's target) holds configs and
  // hooks as a .git does, and is kept the same way.
  for (const rel of otherGitDirs) {
    if (mode === "rw") bindReadOnly(rel);
    coverConfigs(rel);
  }
  if (mode === "rw") {
    for (const path of submodulePaths(workspace, guard.warnings)) {
      const kind = entryKind(join(workspace, path, ".git"));
      if (kind === "dir" || kind === "file") bindReadOnly(`${path}/.git`);
      else if (kind === "other") refuse(join(workspace, path, ".git"));
      else if (entryKind(join(workspace, path)) === "dir") bindReadOnly(path);
      else
        guard.warnings.push(
          `submodule path ${path} is not a directory here: a command could create ${path}/.git, which git at the workspace top would use; run git there with --ignore-submodules after this step`,
        );
    }
  }
  const masked = readdirSync(workspace, { withFileTypes: true }).filter(
    (d) => d.isFile() && CREDENTIAL_FILES.some((re) => re.test(d.name)),
  );
  if (masked.length > 0) {
    const empty = join(tempDir, "masked-empty");
    writeFileSync(empty, "", { mode: 0o444 });
    for (const d of masked)
      guard.mounts.push({ source: empty, target: `${WORKSPACE_MOUNT}/${d.name}`, mode: "ro" });
  }
  // Outer before inner, as the engine requires (a submodule path bound read-only holds a git dir whose
  // configs were covered earlier): a stable sort by depth keeps the order within a level.
  const depth = (m: MountSpec) => m.target.split("/").length;
  guard.mounts.sort((a, b) => depth(a) - depth(b));
  return guard;
}

/** Where a workspace-relative path is inside the sandbox ("" the workspace itself). */
function inside(rel: string): string {
  return rel ? `${WORKSPACE_MOUNT}/${rel}` : WORKSPACE_MOUNT;
}

function entryKind(path: string): "dir" | "file" | "missing" | "other" {
  try {
    const st = lstatSync(path);
    return st.isDirectory() ? "dir" : st.isFile() ? "file" : "other";
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw err;
  }
}

/**
 * The workspace's repositories, found without following links and without entering a git dir or
 * node_modules: `checkouts`, the workspace-relative dirs holding a `.git` ("" the top, always first; below
 * it a second repository, actions/checkout's `path:`), and `otherGitDirs`, git dirs under another name (a
 * bare or mirror clone, the target of a --separate-git-dir checkout's `.git` file; "" when the workspace
 * itself is one). Past MAX_WORKSPACE_DIRS
 * the rest is not looked through, and a warning says so.
 */
function repositories(
  workspace: string,
  warnings: string[],
): { checkouts: string[]; otherGitDirs: string[] } {
  const found = { checkouts: [""], otherGitDirs: [] as string[] };
  // The workspace itself a bare or mirror clone (`git clone --mirror … .`): all of it is git's.
  if (isGitDir(workspace)) return { checkouts: [], otherGitDirs: [""] };
  const queue = [""];
  let seen = 0;
  while (queue.length > 0) {
    const rel = queue.shift() as string;
    for (const name of subdirs(join(workspace, rel))) {
      if (name === ".git" || name === "node_modules") continue;
      if (++seen > MAX_WORKSPACE_DIRS) {
        warnings.push(
          `the workspace has more than ${MAX_WORKSPACE_DIRS} directories: checkouts below ${join(workspace, rel)} were not looked for, so their git credentials are not hidden; check them out with persist-credentials: false`,
        );
        return found;
      }
      const sub = rel ? `${rel}/${name}` : name;
      if (isGitDir(join(workspace, sub))) {
        found.otherGitDirs.push(sub);
        continue;
      }
      if (entryKind(join(workspace, sub, ".git")) !== "missing") found.checkouts.push(sub);
      queue.push(sub);
    }
  }
  return found;
}

/** What git itself takes for a git dir: a HEAD file beside objects and refs directories. */
function isGitDir(dir: string): boolean {
  return (
    entryKind(join(dir, "HEAD")) === "file" &&
    entryKind(join(dir, "objects")) === "dir" &&
    entryKind(join(dir, "refs")) === "dir"
  );
}

/** Paths (from the .git dir `gitdir`) of the configs of this git dir and of every git dir inside it. */
function findConfigs(gitdir: string): string[] {
  const out: string[] = [];
  let dirs = 0;
  const visit = (rel: string) => {
    if (++dirs > MAX_GITDIR_DIRS)
      throw new UsageError(
        `${gitdir} holds more than ${MAX_GITDIR_DIRS} directories; nsbox will not walk them all`,
      );
    const at = (name: string) => (rel ? `${rel}/${name}` : name);
    // Every level's configs, a git dir's or not (a linked worktree's dir without its HEAD still has its
    // config.worktree); a git dir (it has a HEAD) has internals that are never walked, and the levels
    // between git dirs (modules/<a>/<b> for a submodule named a/b/c) are walked through, at any depth.
    const gitDir = rel === "" || entryKind(join(gitdir, at("HEAD"))) !== "missing";
    for (const name of ["config", "config.worktree"]) {
      const kind = entryKind(join(gitdir, at(name)));
      // Between git dirs, a dir of that name is a level of a submodule's name (modules/config/...).
      if (kind === "other" || (kind === "dir" && gitDir)) refuse(join(gitdir, at(name)));
      if (kind === "file") out.push(at(name));
    }
    for (const name of subdirs(join(gitdir, rel))) if (!(gitDir && GIT_INTERNALS.has(name))) visit(at(name));
  };
  visit("");
  if (out.length > MAX_CONFIGS) {
    throw new UsageError(
      `${gitdir} holds more than ${MAX_CONFIGS} git configs; nsbox will not copy them all`,
    );
  }
  return out;
}

/**
 * The top repository's submodule paths (gitlinks in its index, as git itself lists them), and those of
 * each initialised submodule's own index, recursively. None without a top .git, or when git cannot say.
 */
function submodulePaths(workspace: string, warnings: string[]): string[] {
  const out: string[] = [];
  const list = (prefix: string) => {
    const dir = prefix ? join(workspace, prefix) : workspace;
    if (entryKind(join(dir, ".git")) === "missing") return;
    const r = childProcess().spawnSync(
      "git",
      ["-c", "safe.directory=*", "-c", "core.fsmonitor=false", "ls-files", "--stage", "-z"],
      { cwd: dir, encoding: "utf8", timeout: 30_000, maxBuffer: 256 * 1024 * 1024, env: gitEnv() },
    );
    if (r.status !== 0) {
      const why = r.error ? r.error.message : (r.stderr.trim().split("\n")[0] ?? `exit ${r.status}`);
      warnings.push(`could not list the submodules of ${dir} with git (${why}); their paths stay writable`);
      return;
    }
    for (const entry of r.stdout.split("\0")) {
      const m = /^160000 [0-9a-f]+ \d\t(.+)$/s.exec(entry);
      if (!m) continue;
      const path = prefix ? `${prefix}/${m[1]}` : (m[1] as string);
      if (out.length >= MAX_SUBMODULES)
        throw new UsageError(
          `${workspace} has more than ${MAX_SUBMODULES} submodules; nsbox will not guard them all`,
        );
      out.push(path);
      list(path);
    }
  };
  list("");
  return out;
}

/** git on the runner, reading no system or user config (so no helper or hook of theirs runs). */
function gitEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    LC_ALL: "C",
  };
}

/** Real subdirectories only: a symlink resolves inside the sandbox, to nothing the workspace hides. */
function subdirs(dir: string): string[] {
  if (entryKind(dir) !== "dir") return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

function refuse(path: string): never {
  throw new UsageError(
    `${path} is not a regular file; nsbox reads git configs without following links, so replace it with the file`,
  );
}

/**
 * The allow-listed copy of one config. git itself parses it (read by us without following links, handed
 * over on stdin, includes not followed); if git cannot, the sandbox gets an empty config and a warning.
 */
function cleanConfig(path: string, warnings: string[]): string {
  const text = readConfigFile(path, MAX_CONFIG_BYTES);
  const r = childProcess().spawnSync("git", ["config", "--file", "-", "--list", "-z", "--no-includes"], {
    input: text,
    encoding: "utf8",
    timeout: 10_000,
    maxBuffer: 4 * MAX_CONFIG_BYTES,
    env: gitEnv(),
    cwd: "/",
  });
  if (r.status !== 0) {
    const why = r.error ? r.error.message : (r.stderr.trim().split("\n")[0] ?? `exit ${r.status}`);
    warnings.push(`could not read ${path} with git (${why}); the sandbox gets an empty copy of it`);
    return "";
  }
  return formatConfig(allowConfig(parseConfigList(r.stdout)));
}

/** A git config's bytes, read without following a link; anything but a regular file is refused. */
export function readConfigFile(path: string, maxBytes: number): Buffer {
  try {
    return readRegularFile(path, maxBytes);
  } catch (err) {
    if (!(err instanceof RefusedFileError)) throw err;
    if (err.reason === "symlink" || err.reason === "not-a-file") refuse(path);
    if (err.reason === "too-large") {
      throw new UsageError(
        `${path} is larger than ${maxBytes} bytes; nsbox will not copy a git config that big`,
      );
    }
    throw new Error(`${path} cannot be read (${err.code})`);
  }
}
