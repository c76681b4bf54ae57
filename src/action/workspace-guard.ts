// What the workspace mount must not carry into the sandbox, or back out of it:
// - every git config under .git (top level, config.worktree, submodules' modules/**/config, worktrees)
//   is covered by a fresh read-only copy built from an allow-list (gitconfig.ts), so no token the runner
//   persisted is readable inside;
// - credential files well-known actions leave at the workspace top are covered by an empty read-only
//   file (a regular file, so tools see "empty", not a device they cannot open on a nodev mount);
// - with `workspace: rw`, .git itself is bound read-only over itself: the command can write no hook,
//   no config (core.fsmonitor), and cannot rename or remove .git (a mount point cannot be replaced).
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
const MAX_DEPTH = 12; // .git/modules/<name with slashes>/modules/...: deep enough, never unbounded
const MAX_CONFIGS = 1000;

export interface WorkspaceGuard {
  mounts: MountSpec[]; // in order, after the workspace mount itself
  warnings: string[];
}

export function guardWorkspace(workspace: string, mode: WorkspaceMode, tempDir: string): WorkspaceGuard {
  const guard: WorkspaceGuard = { mounts: [], warnings: [] };
  if (mode === "none") return guard;
  const git = join(workspace, ".git");
  const kind = entryKind(git);
  if (kind === "other") {
    throw new UsageError(
      `${git} is a symlink or a special file; nsbox reads the workspace's .git without following links, so check out into a plain directory`,
    );
  }
  // A .git file (gitdir: elsewhere, a worktree or submodule checkout) points outside the workspace:
  // nothing of it is inside. In rw mode it is kept read-only all the same.
  if (mode === "rw" && kind !== "missing") {
    guard.mounts.push({ source: git, target: `${WORKSPACE_MOUNT}/.git`, mode: "ro" });
  }
  if (kind === "dir") {
    const configs: string[] = [];
    findConfigs(git, "", 0, configs);
    configs.forEach((rel, i) => {
      const copy = join(tempDir, `gitconfig-${i}`);
      writeFileSync(copy, cleanConfig(join(git, rel), guard.warnings), { mode: 0o644 });
      guard.mounts.push({ source: copy, target: `${WORKSPACE_MOUNT}/.git/${rel}`, mode: "ro" });
    });
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
  return guard;
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

/** Relative paths (from .git) of every config of this git dir and of the git dirs inside it. */
function findConfigs(gitdir: string, rel: string, depth: number, out: string[]): void {
  const at = (name: string) => (rel ? `${rel}/${name}` : name);
  for (const name of ["config", "config.worktree"]) {
    const kind = entryKind(join(gitdir, at(name)));
    if (kind === "other" || kind === "dir") refuse(join(gitdir, at(name)));
    if (kind === "file") out.push(at(name));
  }
  for (const wt of subdirs(join(gitdir, at("worktrees")))) {
    const name = at(`worktrees/${wt}/config.worktree`);
    const kind = entryKind(join(gitdir, name));
    if (kind === "other" || kind === "dir") refuse(join(gitdir, name));
    if (kind === "file") out.push(name);
  }
  findModules(gitdir, at("modules"), depth, out);
  if (out.length > MAX_CONFIGS) {
    throw new UsageError(
      `${gitdir} holds more than ${MAX_CONFIGS} git configs; nsbox will not copy them all`,
    );
  }
}

/** modules/<name>: a submodule's git dir (it has a HEAD), or a level of a name with slashes. */
function findModules(gitdir: string, rel: string, depth: number, out: string[]): void {
  if (depth > MAX_DEPTH) return;
  for (const name of subdirs(join(gitdir, rel))) {
    const sub = `${rel}/${name}`;
    if (entryKind(join(gitdir, sub, "HEAD")) !== "missing") findConfigs(gitdir, sub, depth + 1, out);
    else findModules(gitdir, sub, depth + 1, out);
  }
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
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      LC_ALL: "C",
    },
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
