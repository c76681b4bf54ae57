// Pure: the Action's inputs → a plan the (possibly privileged) worker carries out. Each bad input is a
// UsageError of one sentence. The plan is JSON: it crosses `sudo` on stdin (never its command line).
import { isAbsolute, join, normalize, resolve } from "node:path";
import {
  checkLimits,
  type Limits,
  type MountSpec,
  type OutputOptions,
  outputFolderName,
  parseAllow,
  parseCount,
  parseCpus,
  parseDuration,
  parseEnvPairs,
  parseHostname,
  parseMaxConnections,
  parseNetworkMode,
  parseOutputPattern,
  parsePackages,
  parseScratchKind,
  parseSize,
  type ScratchKind,
  type SessionOptions,
  UsageError,
} from "../engine/index";
import type { ShardId } from "../results/format";
import { readTimings } from "../results/read";
import { type CommandSpec, parseCommands } from "./commands";
import type { DownloadEnv } from "./download-env";
import { lines } from "./list-input";
import { assignShards, parseShard, timedCount } from "./shard";
import { refuseUnusedInputs } from "./unused-inputs";

export type WorkspaceMode = "none" | "ro" | "overlay" | "rw";
export const WORKSPACE_MOUNT = "/workspace";

/** One sandbox, with the values that apply to it: the step's, overridden by the command's own. */
export interface PlannedCommand {
  name: string;
  position: number; // 1-based, in the step's whole list (every shard's)
  script: string; // run by /bin/sh -e from a file in the sandbox, never an argument (scripts.ts)
  env: Record<string, string>;
  limits: Limits;
  workdir: string;
}

/** A script reaches its sandbox as text the helper reads as a C string: a NUL (YAML's "\0") would cut it. */
function refuseNul(script: string, where: string): void {
  if (script.includes("\0"))
    throw new UsageError(`${where}: the script holds a NUL character; remove it (write \\0 for printf)`);
}

/** The session's setup script: not a command. It runs once, alone, before this shard's commands (with the
 * step's values, never a command's own); its failure skips them all. */
export interface PlannedSetup {
  script: string; // run by /bin/sh -e from a file, as a command's is
  env: Record<string, string>;
  limits: Limits;
  workdir: string;
}

export interface ActionPlan {
  setup: PlannedSetup | null;
  commands: PlannedCommand[]; // this shard's
  totalCommands: number; // every shard's
  shard: ShardId;
  junitFile: string | null;
  notes: string[]; // warnings for the step log (a timings file that knows none of the commands)
  session: SessionOptions;
  limits: Limits;
  mounts: MountSpec[];
  workdir: string;
  env: Record<string, string>;
  hostname: string;
  parallel: number;
  failFast: boolean;
  failOnError: boolean;
  bestEffort: boolean;
  workspace: WorkspaceMode;
  workspaceHost: string | null;
  outputs: OutputOptions | null; // per command: name set by the runner
  downloadEnv?: DownloadEnv; // the sudo worker's only: the runner's proxy and CA settings sudo drops
}

export type GetInput = (name: string) => string;

function bool(name: string, value: string, fallback: boolean): boolean {
  const v = value.trim().toLowerCase();
  if (v === "") return fallback;
  if (["true", "yes", "1", "on"].includes(v)) return true;
  if (["false", "no", "0", "off"].includes(v)) return false;
  throw new UsageError(`${name}: '${value}' is not a boolean; use true or false`);
}

function optional<T>(value: string, parse: (v: string) => T): T | undefined {
  return value.trim() === "" ? undefined : parse(value.trim());
}

export function buildPlan(
  input: GetInput,
  env: NodeJS.ProcessEnv,
  timingsOf: (path: string) => Map<string, number> = readTimings,
): ActionPlan {
  const specs: CommandSpec[] = [];
  const script = input("run");
  if (script.trim()) specs.push({ name: "run", run: script });
  specs.push(...parseCommands(input("commands")));
  if (specs.length === 0)
    throw new UsageError("run and commands are both empty; give a script in run or a list in commands");

  const network = parseNetworkMode("network", input("network").trim() || "none");
  const workspace = (input("workspace").trim() || "overlay") as WorkspaceMode;
  if (!["none", "ro", "overlay", "rw"].includes(workspace)) {
    throw new UsageError(`workspace: '${workspace}' is not a workspace mode; use none, ro, overlay or rw`);
  }
  const workspaceHost = workspace === "none" ? null : (env.GITHUB_WORKSPACE ?? null);
  if (workspace !== "none" && !workspaceHost) {
    throw new UsageError(
      `workspace: '${workspace}' needs GITHUB_WORKSPACE; set workspace: none outside a workflow`,
    );
  }
  const mounts: MountSpec[] = workspaceHost
    ? [{ source: workspaceHost, target: WORKSPACE_MOUNT, mode: workspace as MountSpec["mode"] }]
    : [];

  const limits = parseLimits((name) => input(name), "");
  const scratch = parseScratchKind(input("scratch").trim() || "memory");
  // Judged with the inputs, as the CLI judges its options: the engine's own check comes at each sandbox,
  // after the rootfs was fetched and the commands before it ran.
  checkLimits(limits, scratch);
  const parallel = optional(input("parallel"), (v) => parseCount("parallel", v)) ?? 1;
  const rootfsTarball = input("rootfs").trim() || undefined;
  const mirror = input("mirror").trim() || undefined;
  if (mirror && !/^https?:\/\//.test(mirror)) {
    throw new UsageError(
      `mirror: '${mirror}' is not an http(s) URL; use https://dl-cdn.alpinelinux.org/alpine`,
    );
  }
  const toolCache = env.RUNNER_TOOL_CACHE;
  const packages = parsePackages([input("packages")]);
  // Separators only (a list whose names were all templated away): refused as the CLI refuses it, not read
  // as no packages, which dropped the layer and every command needing it failed on its own.
  if (input("packages").trim() && packages.length === 0)
    throw new UsageError(
      `packages: '${input("packages").trim()}' names no package; give names like nodejs npm`,
    );
  const setupNetwork = parseNetworkMode("setup-network", input("setup-network").trim() || network);
  const patterns = lines(input("outputs")).map((p) => outputPattern(p, workspaceHost !== null));
  const outputLimit = optional(input("output-limit"), (v) => parseSize("output-limit", v));
  const outputDir = resolve(workspaceHost ?? ".", input("output-dir").trim() || "nsbox-output");
  const outputs: OutputOptions | null = patterns.length
    ? {
        name: "",
        patterns,
        dir: outputDir,
        // Whatever the workspace mode, its contents came from the checkout: nothing there is followed.
        ...(env.GITHUB_WORKSPACE ? { untrusted: [env.GITHUB_WORKSPACE] } : {}),
        ...(outputLimit !== undefined ? { limitBytes: outputLimit } : {}),
      }
    : null;
  const allowUntrusted = bool("allow-untrusted", input("allow-untrusted"), false);
  refuseUnusedInputs(input, {
    network,
    setupNetwork,
    hasPackages: packages.length > 0,
    hasOutputs: outputs !== null,
    hasSetup: input("setup").trim() !== "",
    allowUntrusted,
  });
  // Parsed now, not when the session's network is set up: a typo is refused before any download.
  const allow = lines(input("allow"));
  for (const a of allow) parseAllow(a);
  // Lines only: a value may hold a comma.
  const stepEnv = parseEnvPairs(lines(input("env"), /\n/));
  const workdir = resolveWorkdir(input("working-directory"), workspaceHost !== null, "working-directory");
  const all = specs.map((c, i): PlannedCommand => {
    const where = `commands: item ${i + (script.trim() ? 0 : 1)} ('${c.name}'): `;
    refuseNul(c.run, c.name === "run" && i === 0 && script.trim() ? "run" : `${where}run`);
    const own = (name: string) => (name in c ? String(c[name as keyof CommandSpec] ?? "") : "");
    const ownLimits = { ...limits, ...parseLimits(own, where) };
    checkCommandLimits(ownLimits, scratch, where);
    return {
      name: c.name,
      position: i + 1,
      script: c.run,
      env: { ...stepEnv, ...c.env },
      limits: ownLimits,
      workdir: c.workingDirectory
        ? resolveWorkdir(c.workingDirectory, workspaceHost !== null, `${where}working-directory`)
        : workdir,
    };
  });
  if (outputs) refuseSharedOutputDirs(all, script.trim() !== "");
  const { shard, commands, notes } = shardCommands(all, input("shard"), input("shard-timings"), timingsOf);
  const junit = input("junit").trim();
  const setupScript = input("setup");
  refuseNul(setupScript, "setup");
  const setup: PlannedSetup | null = setupScript.trim()
    ? { script: setupScript, env: stepEnv, limits, workdir }
    : null;
  return {
    setup,
    commands,
    totalCommands: all.length,
    shard,
    junitFile: junit ? resolve(junit) : null,
    notes,
    session: {
      alpine: input("alpine-version").trim() || "latest-stable",
      mirror,
      rootfsTarball,
      cacheDir: toolCache ? join(toolCache, "nsbox") : undefined,
      network,
      allow,
      maxConnections: optional(input("max-connections"), parseMaxConnections),
      parallel,
      ...(packages.length ? { packages } : {}),
      ...(lines(input("repositories")).length ? { repositories: lines(input("repositories")) } : {}),
      ...(lines(input("repository-keys")).length ? { repositoryKeys: lines(input("repository-keys")) } : {}),
      allowUntrusted,
      setupNetwork,
      scratch,
      // The post step sweeps what crashed runs left (it always runs, and sweeps deeply): the main step,
      // whose time is the user's, does not sweep too (~1.3 ms of a one-command step, on the CPU the helper
      // sets the sandbox up with).
      sweepStale: false,
    },
    limits,
    mounts,
    workdir,
    env: stepEnv,
    hostname: parseHostname(input("hostname").trim() || "nsbox"),
    parallel,
    failFast: bool("fail-fast", input("fail-fast"), false),
    failOnError: bool("fail-on-error", input("fail-on-error"), true),
    bestEffort: bool("best-effort", input("best-effort"), false),
    workspace,
    workspaceHost,
    outputs,
  };
}

/**
 * A command's copies land in <output-dir>/<its name>/: two commands of one name (given, or taken from the
 * first line of their run) would write over each other's files there. Every shard's commands count: their
 * artifacts are usually merged.
 */
function refuseSharedOutputDirs(all: PlannedCommand[], hasRun: boolean): void {
  const label = (c: PlannedCommand) =>
    hasRun && c.position === 1 ? "the run input" : `commands item ${c.position - (hasRun ? 1 : 0)}`;
  // Keyed by the final folder: the engine makes each name one path component (`x:` and `x_`, `a/b` and
  // `a_b` are one folder; `./a` is `._a`, not `a`).
  const first = new Map<string, PlannedCommand>();
  for (const c of all) {
    const folder = outputFolderName(c.name);
    const other = first.get(folder);
    if (!other) {
      first.set(folder, c);
      continue;
    }
    // The run input's name is fixed: the item is the one to rename.
    const fix = label(other) === "the run input" ? `give ${label(c)} another name` : "give each its own name";
    throw new UsageError(
      `outputs: ${label(other)} and ${label(c)} are ${other.name === c.name ? `both named '${c.name}'` : `named '${other.name}' and '${c.name}'`}, and their copies would overwrite each other in <output-dir>/${folder}; ${fix} (the item's name: key)`,
    );
  }
}

/** This job's share of the commands (all of them without `shard`), in the step's order. */
function shardCommands(
  all: PlannedCommand[],
  shardInput: string,
  timingsInput: string,
  timingsOf: (path: string) => Map<string, number>,
): { shard: ShardId; commands: PlannedCommand[]; notes: string[] } {
  const shard = parseShard(shardInput);
  const timingsPath = timingsInput.trim();
  if (timingsPath && !shardInput.trim()) {
    throw new UsageError(`shard-timings: '${timingsPath}' is given without shard; set shard: K/N or drop it`);
  }
  const names = all.map((c) => c.name);
  const timings = timingsPath ? timingsOf(resolve(timingsPath)) : null;
  const notes: string[] = [];
  if (timings && timedCount(names, timings) === 0) {
    notes.push(`shard-timings: '${timingsPath}' has no time for any of these commands; split by count`);
  }
  const shardOf = assignShards(names, shard.total, timings);
  return { shard, commands: all.filter((_, i) => shardOf[i] === shard.index), notes };
}

/** The limit inputs (the step's, or a command's own with `where` naming it); absent ones are left out. */
function parseLimits(input: GetInput, where: string): Limits {
  const limits: Limits = {};
  const one = <T>(name: string, parse: (what: string, v: string) => T) =>
    optional(input(name), (v) => parse(`${where}${name}`, v));
  // "none" lifts the engine's default limit.
  const orNone =
    <T>(parse: (what: string, v: string) => T) =>
    (what: string, v: string): T | "none" =>
      v === "none" ? "none" : parse(what, v);
  limits.memoryBytes = one("memory", orNone(parseSize));
  limits.pids = one("pids", orNone(parseCount));
  limits.cpus = one("cpus", parseCpus);
  limits.timeoutMs = one("timeout", parseDuration);
  limits.cpuTimeMs = one("cpu-time", parseDuration);
  limits.tmpfsBytes = one("tmpfs-size", parseSize);
  for (const k of Object.keys(limits) as Array<keyof Limits>) if (limits[k] === undefined) delete limits[k];
  return limits;
}

/** checkLimits for a command's own values, its sentence prefixed with the item (`where`) that gave them. */
function checkCommandLimits(limits: Limits, scratch: ScratchKind, where: string): void {
  try {
    checkLimits(limits, scratch);
  } catch (err) {
    if (err instanceof UsageError) throw new UsageError(`${where}${err.message}`, err.hint);
    throw err;
  }
}

/** Relative working directories are inside the workspace mount. */
function resolveWorkdir(value: string, hasWorkspace: boolean, what: string): string {
  const v = value.trim();
  if (!v) return hasWorkspace ? WORKSPACE_MOUNT : "/";
  if (isAbsolute(v)) return normalize(v);
  if (!hasWorkspace) {
    throw new UsageError(`${what}: '${v}' is relative but no workspace is mounted; use an absolute path`);
  }
  return inWorkspace(v, what);
}

/** Relative output patterns are inside the workspace mount too; without one, they have nowhere to be. */
function outputPattern(p: string, hasWorkspace: boolean): string {
  if (isAbsolute(p)) return parseOutputPattern("outputs", p);
  if (!hasWorkspace)
    throw new UsageError(`outputs: '${p}' is relative but no workspace is mounted; use an absolute path`);
  return parseOutputPattern("outputs", inWorkspace(p, "outputs"));
}

/** A relative path under the workspace mount, normalised; one whose `..` climbs out of it is refused. */
function inWorkspace(rel: string, what: string): string {
  const resolved = normalize(join(WORKSPACE_MOUNT, rel));
  if (resolved !== WORKSPACE_MOUNT && !resolved.startsWith(`${WORKSPACE_MOUNT}/`)) {
    throw new UsageError(`${what}: '${rel}' leaves the workspace; use a path inside it`);
  }
  return resolved;
}
