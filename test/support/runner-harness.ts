// Runs the Action the way GitHub's Actions runner does, so end-to-end tests see what a workflow would see.
//
// Modelled on actions/runner (ActionRunner, Handlers/NodeScriptActionHandler + OutputManager,
// ActionCommandManager, ActionCommand, FileCommandManager, ExecutionContext.AddIssue, SecretMasker) and
// GitHub's "Workflow commands for GitHub Actions" / "Metadata syntax" docs:
// - action.yml read with a real YAML parser; `runs.using` must be node24, `main` (and `post`) run under this
//   Node (process.execPath) with the workspace as working directory, as root, a sudo user or any uid/gid.
// - inputs: `with:` plus each declared input's default (a declared input without one is ""); names
//   matched case-insensitively; env name `INPUT_` + name with spaces → `_`, upper-cased (dashes kept);
//   undeclared `with:` keys give the runner's "Unexpected input(s)" warning. Expression defaults
//   (`${{ … }}`) are refused, not evaluated.
// - per step, fresh GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE / GITHUB_PATH / GITHUB_STEP_SUMMARY files
//   (RUNNER_TEMP/_runner_file_commands, owned by the step's user), applied after the step: `NAME=value`
//   and `NAME<<DELIM` heredocs (runner-commands.ts parseEnvFile), NODE_OPTIONS refused in GITHUB_ENV,
//   summary over 1 MiB refused, summary masked; a malformed file fails the step.
// - stdout and stderr read as .NET ReadLine does (`\n`, `\r\n`, lone `\r`), in arrival order, each line
//   through the command parser: `::name k=v,…::data` at line start (after white space) with `%25 %0D %0A`
//   (data) and also `%3A %2C` (properties) unescaped; legacy `##[name k=v;…]data` anywhere in a line;
//   command names case-insensitive; unregistered names are plain text.
// - stop-commands: until `::<token>::` nothing is a command (lines logged as text); the token is masked
//   when longer than 6; an empty/registered/`pause-logging` token is refused (the step fails there,
//   later output dropped — the runner's exception leaves its output reader), unless
//   ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS.
// - add-mask: the value, each of its lines, and the runner's encodings of them (base64 ±shift, JSON,
//   URI, XML, quote escapes) become `***` in every LATER log line, annotation and summary, also in post
//   (one masker per job). The job's own secrets (FAKE_GITHUB_TOKEN, FAKE_RUNTIME_TOKEN) are masked from
//   the start, as the runner masks GITHUB_TOKEN and ACTIONS_RUNTIME_TOKEN: assert on rawStdout/rawStderr
//   to prove a secret never left, on log for what a reader sees.
// - error/warning/notice with title/file/line/endLine/col/endColumn (positions repaired as the runner
//   does); messages masked and cut at 4096 characters; per step at most 10 of each level become
//   annotations (all are still logged as `##[error]…`); group/endgroup logged as `##[group]title` /
//   `##[endgroup]`; echo on/off; debug collected, not logged.
// - set-output / save-state still work (with the deprecation warning github.com shows); set-env / add-path
//   are disabled (an error and a failed step) unless ACTIONS_ALLOW_UNSECURE_COMMANDS=true; a command that
//   throws ("Required field 'name' is missing…") fails the step.
// - conclusion: failure when the process exits non-zero, is killed, or a command/file command failed.
// - post: always runs after main (post-if: always()), with INPUT_*, STATE_<name> from main's save-state and
//   GITHUB_STATE, main's GITHUB_ENV/GITHUB_PATH applied, fresh files, the same masker.
// Not modelled: expressions, `pre`, problem matchers (add-matcher is consumed, not applied), composite/
// docker actions, ::debug:: display (ACTIONS_STEP_DEBUG), job outputs, the step's cancellation protocol
// (a hung step is SIGKILLed after timeoutMs), the exact stderr/stdout interleaving within one read.
// Long on purpose: a step's whole life in the runner (environment, files, process, post) in one place.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { inject } from "vitest";
import { parse as parseYaml } from "yaml";
import { type Annotation, LineSplitter, SecretMasker, StepCommands } from "./runner-commands";

export const REPO_ROOT = join(import.meta.dirname, "..", "..");
/** Secrets the job holds: the runner masks them from the first line. */
export const FAKE_GITHUB_TOKEN = "ghs_FAKEcheckoutTOKEN1234567890";
export const FAKE_RUNTIME_TOKEN = "FAKE-ACTIONS-RUNTIME-TOKEN-abcdef";

/** Who runs the step: root, or a uid/gid (a sudo user or a plain one: see ensureUser). */
export type RunAs = "root" | { uid: number; gid: number };

/** A runner's directories: root (HOME, mode 0750 like /home/runner), workspace, temp, tool cache. */
export interface RunnerFixture {
  root: string;
  uid: number;
  gid: number;
  workspace: string;
  temp: string;
  toolCache: string;
  remove(): void;
}

export interface RunnerOptions {
  as?: RunAs;
  /** Files to create in the workspace (relative path → content), e.g. a checkout's `.git/config`. */
  workspace?: Record<string, string>;
  /** Files to create in RUNNER_TEMP. */
  temp?: Record<string, string>;
  /** RUNNER_TOOL_CACHE: the tests' shared cache by default, "private" for one under the runner root. */
  toolCache?: string | "private";
}

function writeTree(base: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = join(base, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/** The `commands` input (YAML) for a list of named commands, each `run` a block scalar. */
export function commandsInput(items: Array<{ name: string; run: string }>): string {
  const indent = (s: string) => s.replace(/\n/g, "\n    ");
  return items.map((c) => `- name: ${JSON.stringify(c.name)}\n  run: |\n    ${indent(c.run)}\n`).join("");
}

export function createRunner(opts: RunnerOptions = {}): RunnerFixture {
  const as = opts.as ?? "root";
  const uid = as === "root" ? 0 : as.uid;
  const gid = as === "root" ? 0 : as.gid;
  const root = mkdtempSync("/tmp/nsbox-runner-");
  const workspace = join(root, "work", "repo");
  const temp = join(root, "temp");
  mkdirSync(workspace, { recursive: true });
  mkdirSync(join(temp, "_runner_file_commands"), { recursive: true });
  writeTree(workspace, opts.workspace ?? {});
  writeTree(temp, opts.temp ?? {});
  let toolCache = opts.toolCache ?? inject("cacheDir").replace(/\/$/, "");
  if (toolCache === "private") {
    toolCache = join(root, "toolcache");
    mkdirSync(toolCache);
  }
  execFileSync("chown", ["-R", `${uid}:${gid}`, root]);
  // Like /home/runner: not traversable by others, so the helper must open mount sources as the user.
  chmodSync(root, 0o750);
  return {
    root,
    uid,
    gid,
    workspace,
    temp,
    toolCache,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * Creates (or recreates) a local user, with passwordless sudo when asked (the GitHub-hosted runner's
 * situation); null when this machine has no useradd/sudo. removeUser undoes it.
 */
export function ensureUser(name: string, opts: { sudo: boolean }): { uid: number; gid: number } | null {
  const tools = opts.sudo ? "command -v sudo && command -v useradd" : "command -v useradd";
  if (spawnSync("sh", ["-c", tools], { stdio: "ignore" }).status !== 0) return null;
  removeUser(name);
  execFileSync("useradd", ["--create-home", "--shell", "/bin/sh", name]);
  if (opts.sudo) writeFileSync(`/etc/sudoers.d/${name}`, `${name} ALL=(ALL) NOPASSWD:ALL\n`, { mode: 0o440 });
  return {
    uid: Number(execFileSync("id", ["-u", name], { encoding: "utf8" })),
    gid: Number(execFileSync("id", ["-g", name], { encoding: "utf8" })),
  };
}

export function removeUser(name: string): void {
  rmSync(`/etc/sudoers.d/${name}`, { force: true });
  spawnSync("userdel", ["-r", name], { stdio: "ignore" });
}

interface ActionMetadata {
  inputs: Map<string, string>; // declared name → default
  outputs: string[];
  main: string;
  post: string | null;
}

/** action.yml (or action.yaml) of an action directory, as the runner reads it. */
export function loadActionMetadata(actionDir = REPO_ROOT): ActionMetadata {
  const file = ["action.yml", "action.yaml"].map((f) => join(actionDir, f)).find(existsSync);
  if (!file) throw new Error(`no action.yml in ${actionDir}`);
  const doc = parseYaml(readFileSync(file, "utf8")) as {
    inputs?: Record<string, { default?: unknown } | null>;
    outputs?: Record<string, unknown>;
    runs?: { using?: string; main?: string; post?: string };
  };
  if (doc.runs?.using !== "node24" || !doc.runs.main)
    throw new Error(`${file}: runs must be node24 with main`);
  const inputs = new Map<string, string>();
  for (const [name, spec] of Object.entries(doc.inputs ?? {})) {
    const value = spec?.default === undefined || spec.default === null ? "" : String(spec.default);
    if (value.includes("${{")) throw new Error(`input ${name}: expression defaults are not modelled`);
    inputs.set(name, value);
  }
  return {
    inputs,
    outputs: Object.keys(doc.outputs ?? {}),
    main: doc.runs.main,
    post: doc.runs.post ?? null,
  };
}

export type FileCommand =
  | "GITHUB_OUTPUT"
  | "GITHUB_ENV"
  | "GITHUB_STATE"
  | "GITHUB_PATH"
  | "GITHUB_STEP_SUMMARY";

/** What one step left, as the runner records it. */
export interface StepRecord {
  conclusion: "success" | "failure";
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** set-output commands, then GITHUB_OUTPUT (the file wins). */
  outputs: Record<string, string>;
  /** save-state commands, then GITHUB_STATE: becomes STATE_<name> in post. */
  state: Record<string, string>;
  /** GITHUB_ENV (and set-env when unsecure commands are allowed): the env of later steps. */
  env: Record<string, string>;
  /** GITHUB_PATH (and add-path when allowed): entries prepended to PATH for later steps. */
  path: string[];
  /** What the step's annotations show: at most 10 errors, 10 warnings, 10 notices. */
  annotations: Annotation[];
  /** Every issue the runner logged, shown or not. */
  issues: Annotation[];
  /** Every secret value the masker holds after this step (the job's own secrets first). */
  masks: string[];
  /** GITHUB_STEP_SUMMARY after masking, null when empty or refused. */
  summary: string | null;
  /**
   * The step log a reader sees: masked, commands consumed, `##[group]…`/`##[error]…` lines. Past
   * maxCaptureChars, its head, a `…(log truncated by the harness)…` line and its last 2000 lines.
   */
  log: string;
  logTruncated: boolean;
  debug: string[];
  rawStdout: string;
  rawStderr: string;
  /** The file-command files of this step (their owner and content can be checked). */
  files: Record<FileCommand, string>;
}

export interface ActionRecord extends StepRecord {
  /** The post step; null when post: false or the action has none. */
  post: StepRecord | null;
}

export interface RunActionOptions {
  runner: RunnerFixture;
  /**
   * The step's `with:`. `mirror` defaults to the tests' local mirror (when the action declares it and the
   * step may use it: not beside a `rootfs` without `packages`, where the Action refuses a mirror): tests
   * never reach the real CDN.
   */
  with?: Record<string, string>;
  /** The job's/step's `env:`. */
  env?: Record<string, string>;
  /** Run the post step too (default true). */
  post?: boolean;
  actionDir?: string;
  /** Per step, then SIGKILL (default 180 s). */
  timeoutMs?: number;
  /** Raw stdout/stderr and the log each keep at most this many characters (default 64 Mi). */
  maxCaptureChars?: number;
  /**
   * Argv put before `node <script>` (not a runner behaviour): places the step elsewhere, e.g. `nsenter`
   * into a test's "runner host" network namespace. The step's env, uid and cwd still apply, but Debian's
   * `sh` (dash) in the launcher drops from it every input whose name has a dash (INPUT_FAIL-ON-ERROR is no
   * shell variable; bash keeps them), which the runner passes as it is: with such inputs, launch through
   * Node.
   */
  launcher?: string[];
  /**
   * A network namespace made by the test (`ip netns add`) to run the step in (not a runner behaviour): the
   * step starts as root in `nsenter --net` (not `ip netns exec`, which mounts a fresh /sys and hides the
   * host's cgroups) and `setpriv` drops to the runner's uid and gid, without supplementary groups as
   * spawn's uid does, before the launcher and node.
   */
  netns?: string;
}

const FILES: Record<FileCommand, string> = {
  GITHUB_PATH: "add_path_",
  GITHUB_ENV: "set_env_",
  GITHUB_STEP_SUMMARY: "step_summary_",
  GITHUB_STATE: "save_state_",
  GITHUB_OUTPUT: "set_output_",
};

function inputEnv(
  meta: ActionMetadata,
  withInputs: Record<string, string>,
): { env: Record<string, string>; unexpected: string[] } {
  const given = new Map(Object.entries(withInputs).map(([k, v]) => [k.toLowerCase(), [k, v] as const]));
  const env: Record<string, string> = {};
  const name = (k: string) => `INPUT_${k.replaceAll(" ", "_").toUpperCase()}`;
  for (const [k, v] of given.values()) env[name(k)] = v;
  for (const [k, def] of meta.inputs) if (!given.has(k.toLowerCase())) env[name(k)] = def;
  const declared = new Set([...meta.inputs.keys()].map((k) => k.toLowerCase()));
  const unexpected = [...given.values()].map(([k]) => k).filter((k) => !declared.has(k.toLowerCase()));
  return { env, unexpected };
}

interface StepSetup {
  script: string;
  env: Record<string, string>;
  masker: SecretMasker;
  warnings: string[];
}

async function runStep(o: RunActionOptions, setup: StepSetup): Promise<StepRecord> {
  const { runner } = o;
  const max = o.maxCaptureChars ?? 64 * 1024 * 1024;
  const suffix = randomUUID();
  const files = {} as Record<FileCommand, string>;
  for (const [k, prefix] of Object.entries(FILES) as Array<[FileCommand, string]>) {
    files[k] = join(runner.temp, "_runner_file_commands", `${prefix}${suffix}`);
    writeFileSync(files[k], "");
    chownSync(files[k], runner.uid, runner.gid);
  }
  const env: Record<string, string> = { ...setup.env, ...files };
  const truthy = (v: string | undefined) => v?.toLowerCase() === "true";
  const step = new StepCommands({
    masker: setup.masker,
    workspace: runner.workspace,
    allowUnsecureCommands: truthy(env.ACTIONS_ALLOW_UNSECURE_COMMANDS),
    allowUnsecureStopTokens: truthy(env.ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS),
    maxLogChars: max,
  });
  for (const w of setup.warnings) step.warning(w);

  const enter = o.netns
    ? [
        ...["nsenter", `--net=/run/netns/${o.netns}`, "--"],
        ...["setpriv", `--reuid=${runner.uid}`, `--regid=${runner.gid}`, "--clear-groups", "--"],
      ]
    : [];
  const argv = [...enter, ...(o.launcher ?? []), process.execPath, setup.script];
  const child = spawn(argv[0] as string, argv.slice(1), {
    env,
    cwd: runner.workspace,
    uid: o.netns ? 0 : runner.uid,
    gid: o.netns ? 0 : runner.gid,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const raw = { stdout: "", stderr: "" };
  const read = (stream: NodeJS.ReadableStream, which: "stdout" | "stderr") => {
    const decoder = new TextDecoder("utf-8");
    const lines = new LineSplitter((l) => step.line(l));
    stream.on("data", (chunk: Buffer) => {
      const text = decoder.decode(chunk, { stream: true });
      if (raw[which].length < max) raw[which] += text.slice(0, max - raw[which].length);
      lines.push(text);
    });
    stream.on("end", () => lines.push(decoder.decode()));
    return () => lines.end();
  };
  const endOut = read(child.stdout, "stdout");
  const endErr = read(child.stderr, "stderr");
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, o.timeoutMs ?? 180_000);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, sig) => resolve([code, sig]));
  });
  clearTimeout(timer);
  endOut();
  endErr();
  if (step.halted === null) {
    const text = (k: FileCommand) => readFileSync(files[k], "utf8");
    step.applyFiles({
      path: text("GITHUB_PATH"),
      env: text("GITHUB_ENV"),
      summary: text("GITHUB_STEP_SUMMARY"),
      state: text("GITHUB_STATE"),
      output: text("GITHUB_OUTPUT"),
    });
  }
  const failed = exitCode !== 0 || step.failed || timedOut;
  return {
    conclusion: failed ? "failure" : "success",
    exitCode,
    signal,
    timedOut,
    outputs: step.outputs,
    state: step.state,
    env: step.env,
    path: step.path,
    annotations: step.annotations,
    issues: step.issues,
    masks: [...setup.masker.values],
    summary: step.summary,
    log: [
      ...step.logLines,
      ...(step.logTruncated ? ["…(log truncated by the harness)…", ...step.logTail] : []),
    ]
      .map((l) => `${l}\n`)
      .join(""),
    logTruncated: step.logTruncated,
    debug: step.debug,
    rawStdout: raw.stdout,
    rawStderr: raw.stderr,
    files,
  };
}

/** The environment the runner gives a node action's process (before INPUT_*, STATE_* and file commands). */
function baseEnv(runner: RunnerFixture, extra: Record<string, string>): Record<string, string> {
  return {
    PATH: `${dirname(process.execPath)}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
    HOME: runner.root,
    CI: "true",
    GITHUB_ACTIONS: "true",
    RUNNER_OS: "Linux",
    RUNNER_ARCH: process.arch === "arm64" ? "ARM64" : "X64",
    RUNNER_TEMP: runner.temp,
    RUNNER_TOOL_CACHE: runner.toolCache,
    GITHUB_WORKSPACE: runner.workspace,
    GITHUB_REPOSITORY: "o/r",
    GITHUB_RUN_ID: "42",
    GITHUB_ACTION: "__o_nsbox-action",
    // Secrets a real job's environment holds: they must never reach a sandbox.
    ACTIONS_RUNTIME_TOKEN: FAKE_RUNTIME_TOKEN,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: FAKE_RUNTIME_TOKEN,
    GITHUB_TOKEN: FAKE_GITHUB_TOKEN,
    ...extra,
  };
}

/** Runs main (and post) of the action as the runner would; see the header for what is modelled. */
export async function runAction(o: RunActionOptions): Promise<ActionRecord> {
  const actionDir = o.actionDir ?? REPO_ROOT;
  const meta = loadActionMetadata(actionDir);
  // The tests' local mirror, for an action that has a mirror input (the report action has none).
  const mirrorUsed = meta.inputs.has("mirror") && !(o.with?.rootfs && !o.with.packages);
  const withInputs = { ...(mirrorUsed ? { mirror: inject("mirrorUrl") } : {}), ...o.with };
  const inputs = inputEnv(meta, withInputs);
  const warnings = inputs.unexpected.length
    ? [
        `Unexpected input(s) '${inputs.unexpected.join("', '")}', valid inputs are ['${[...meta.inputs.keys()].join("', '")}']`,
      ]
    : [];
  const masker = new SecretMasker();
  masker.add(FAKE_GITHUB_TOKEN);
  masker.add(FAKE_RUNTIME_TOKEN);
  const env = baseEnv(o.runner, o.env ?? {});
  const main = await runStep(o, {
    script: join(actionDir, meta.main),
    env: { ...env, ...inputs.env },
    masker,
    warnings,
  });
  let post: StepRecord | null = null;
  if (o.post !== false && meta.post) {
    const postEnv: Record<string, string> = { ...env, ...main.env, ...inputs.env };
    if (main.path.length) postEnv.PATH = `${[...main.path].reverse().join(":")}:${postEnv.PATH}`;
    for (const [k, v] of Object.entries(main.state)) postEnv[`STATE_${k}`] = v;
    post = await runStep(o, { script: join(actionDir, meta.post), env: postEnv, masker, warnings });
  }
  return { ...main, post };
}
