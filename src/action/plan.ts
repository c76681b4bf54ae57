// Pure: the Action's inputs → a plan the (possibly privileged) worker carries out. Each bad input is a
// UsageError of one sentence. The plan is JSON: it crosses `sudo` on stdin.
import { isAbsolute, join, normalize, resolve } from "node:path";
import { parseEnv, parseHostname } from "../cli/args";
import { isPackageName, splitPackages } from "../engine/apk/parse";
import { parseOutputPattern } from "../engine/outputs/pattern";
import type {
  Limits,
  MountSpec,
  NetworkMode,
  OutputOptions,
  ScratchKind,
  SessionOptions,
} from "../engine/types";
import { UsageError } from "../engine/types";
import { parseCount, parseCpus, parseDuration, parseSize } from "../engine/units";
import { parseCommands } from "./commands";

export type WorkspaceMode = "none" | "ro" | "overlay" | "rw";
export const WORKSPACE_MOUNT = "/workspace";

export interface PlannedCommand {
  name: string;
  argv: string[];
  setup?: string; // the session's setup script: runs first, alone; its failure skips the rest
}

export interface ActionPlan {
  commands: PlannedCommand[];
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

function lines(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

export function buildPlan(input: GetInput, env: NodeJS.ProcessEnv): ActionPlan {
  const commands: PlannedCommand[] = [];
  const script = input("run");
  if (script.trim()) commands.push({ name: "run", argv: ["/bin/sh", "-ec", script] });
  for (const c of parseCommands(input("commands")))
    commands.push({ name: c.name, argv: ["/bin/sh", "-ec", c.run] });
  if (commands.length === 0)
    throw new UsageError("run and commands are both empty; give a script in run or a list in commands");
  const setup = input("setup");
  if (setup.trim()) commands.unshift({ name: "setup", argv: ["/bin/sh", "-ec", setup], setup });

  const network = (input("network").trim() || "none") as NetworkMode;
  if (network !== "none" && network !== "nat") {
    throw new UsageError(`network: '${network}' is not a network mode; use none or nat`);
  }
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

  const limits: Limits = {};
  limits.memoryBytes = optional(input("memory"), (v) => parseSize("memory", v));
  limits.pids = optional(input("pids"), (v) => parseCount("pids", v));
  limits.cpus = optional(input("cpus"), (v) => parseCpus("cpus", v));
  limits.timeoutMs = optional(input("timeout"), (v) => parseDuration("timeout", v));
  limits.cpuTimeMs = optional(input("cpu-time"), (v) => parseDuration("cpu-time", v));
  limits.tmpfsBytes = optional(input("tmpfs-size"), (v) => parseSize("tmpfs-size", v));
  for (const k of Object.keys(limits) as Array<keyof Limits>) if (limits[k] === undefined) delete limits[k];

  const parallel = optional(input("parallel"), (v) => parseCount("parallel", v)) ?? 1;
  const rootfsTarball = input("rootfs").trim() || undefined;
  const mirror = input("mirror").trim() || undefined;
  if (mirror && !/^https?:\/\//.test(mirror)) {
    throw new UsageError(
      `mirror: '${mirror}' is not an http(s) URL; use https://dl-cdn.alpinelinux.org/alpine`,
    );
  }
  const toolCache = env.RUNNER_TOOL_CACHE;
  const packages = splitPackages([input("packages")]);
  for (const p of packages)
    if (!isPackageName(p))
      throw new UsageError(`packages: '${p}' is not an apk package name; use names like nodejs`);
  const setupNetwork = (input("setup-network").trim() || network) as NetworkMode;
  if (setupNetwork !== "none" && setupNetwork !== "nat")
    throw new UsageError(`setup-network: '${setupNetwork}' is not a network mode; use none or nat`);
  const scratch = (input("scratch").trim() || "memory") as ScratchKind;
  if (scratch !== "memory" && scratch !== "disk")
    throw new UsageError(`scratch: '${scratch}' is not a scratch kind; use memory or disk`);
  const patterns = lines(input("outputs")).map((p) =>
    parseOutputPattern("outputs", isAbsolute(p) || !workspaceHost ? p : join(WORKSPACE_MOUNT, p)),
  );
  const outputLimit = optional(input("output-limit"), (v) => parseSize("output-limit", v));
  const outputs: OutputOptions | null = patterns.length
    ? {
        name: "",
        patterns,
        dir: resolve(workspaceHost ?? ".", input("output-dir").trim() || "nsbox-output"),
        ...(outputLimit !== undefined ? { limitBytes: outputLimit } : {}),
      }
    : null;
  return {
    commands,
    session: {
      alpine: input("alpine-version").trim() || "latest-stable",
      mirror,
      rootfsTarball,
      cacheDir: toolCache ? join(toolCache, "nsbox") : undefined,
      network,
      allow: lines(input("allow")),
      ...(packages.length ? { packages } : {}),
      ...(lines(input("repositories")).length ? { repositories: lines(input("repositories")) } : {}),
      ...(lines(input("repository-keys")).length ? { repositoryKeys: lines(input("repository-keys")) } : {}),
      allowUntrusted: bool("allow-untrusted", input("allow-untrusted"), false),
      setupNetwork,
      scratch,
    },
    limits,
    mounts,
    workdir: resolveWorkdir(input("working-directory"), workspaceHost !== null),
    env: parseEnv(lines(input("env"))),
    hostname: parseHostname(input("hostname").trim() || undefined) ?? "nsbox",
    parallel,
    failFast: bool("fail-fast", input("fail-fast"), false),
    failOnError: bool("fail-on-error", input("fail-on-error"), true),
    bestEffort: bool("best-effort", input("best-effort"), false),
    workspace,
    workspaceHost,
    outputs,
  };
}

/** Relative working directories are inside the workspace mount. */
function resolveWorkdir(value: string, hasWorkspace: boolean): string {
  const v = value.trim();
  if (!v) return hasWorkspace ? WORKSPACE_MOUNT : "/";
  if (isAbsolute(v)) return normalize(v);
  if (!hasWorkspace) {
    throw new UsageError(
      `working-directory: '${v}' is relative but no workspace is mounted; use an absolute path`,
    );
  }
  const resolved = normalize(join(WORKSPACE_MOUNT, v));
  if (!resolved.startsWith(WORKSPACE_MOUNT)) {
    throw new UsageError(`working-directory: '${v}' leaves the workspace; use a path inside it`);
  }
  return resolved;
}
