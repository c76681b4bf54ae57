// Pure: argv → a parsed command. Every error is a UsageError of one sentence naming the value and a fix.
import {
  isPackageName,
  type Limits,
  type MountMode,
  type MountSpec,
  type NetworkMode,
  parseCount,
  parseCpus,
  parseDuration,
  parseEnvPairs,
  parseHostname,
  parseOutputPattern,
  parseSize,
  type RunOptions,
  type ScratchKind,
  splitPackages,
  UsageError,
  withHints,
} from "../engine/index";
import { CLI_VALUE_HINTS } from "./hints";

export type Command =
  | {
      kind: "run";
      options: RunOptions;
      json: boolean;
      tty: boolean | undefined; // undefined: stdin decides
      junit: string | undefined;
    }
  | { kind: "cleanup"; json: boolean; cacheDir: string | undefined }
  | { kind: "cache"; action: CacheAction; all: boolean; cacheDir?: string; json: boolean }
  | { kind: "report"; paths: string[]; json: boolean; junit: string | undefined; out: string | undefined }
  | { kind: "help" }
  | { kind: "version" };

export type CacheAction = "list" | "verify" | "prune";

export const USAGE = `Usage:
  nsbox run [options] [--] CMD [ARGS...]   run CMD in a fresh Alpine sandbox
  nsbox cleanup [--cache-dir DIR] [--json] remove what crashed runs left behind
  nsbox cache list|verify|prune [--all] [--cache-dir DIR] [--json]
                                           the rootfs cache: its trees, a full check (hashes; a damaged
                                           tree is removed), removal of all but the newest per branch
  nsbox report [--junit FILE] [--out FILE] [--json] FILE|DIR...
                                           merge the results files of an Action's shards
  nsbox version | help

Rootfs:   --alpine VERSION (3.20, 3.20.3, latest-stable)  --mirror URL  --rootfs TARBALL  --cache-dir DIR
Sandbox:  --mount HOST:DEST[:ro|rw|overlay]... (a ':' in a path is written '\\:')  --workdir DIR
          --env K=V...  --hostname NAME
Terminal: -t/--tty (a pty of the sandbox's own; the default when stdin is a terminal)  -T/--no-tty
Limits:   --memory SIZE|none  --pids N|none  --cpus N  --timeout DURATION  --cpu-time DURATION  --tmpfs-size SIZE
          --best-effort (run even when a limit cannot be enforced; the report lists it)
Network:  --network none|nat  --allow CIDR[:PORT]...  --dns IP...  --pool CIDR
          --max-connections N (per sandbox, default 4096)  (--allow, --dns, --pool, --max-connections: nat only)
Layers:   --packages LIST... (apk packages, space/comma separated)  --repository URL|DIR...
          --repository-key FILE...  --allow-untrusted  --setup SCRIPT  --setup-network none|nat
          --scratch memory|disk (writable layer in RAM, or on disk under the cache dir, capped by --tmpfs-size)
Results:  --output PATH|GLOB... (inside the sandbox)  --output-dir DIR (./nsbox-output)  --output-limit SIZE
Output:   --json (one result object on stdout; the command's output goes to stderr)
          --junit FILE (the result as JUnit XML)

          defaults: --pids 1024, --memory host memory/2, --tmpfs-size 512M (inodes capped with the size)
Signals:  SIGINT, SIGTERM, SIGHUP stop the run at any stage (set-up included) and exit 128+N.

Exit status: the command's own (128+N after signal N), 125 if the sandbox could not be set up, 2 on usage errors;
nsbox report: 0 when every command passed, 1 when one failed or a shard is missing.`;

const valued = new Set([
  "--alpine",
  "--mirror",
  "--rootfs",
  "--cache-dir",
  "--mount",
  "--workdir",
  "--env",
  "--hostname",
  "--memory",
  "--pids",
  "--cpus",
  "--timeout",
  "--cpu-time",
  "--tmpfs-size",
  "--network",
  "--allow",
  "--dns",
  "--pool",
  "--packages",
  "--repository",
  "--repository-key",
  "--setup",
  "--setup-network",
  "--scratch",
  "--output",
  "--output-dir",
  "--output-limit",
  "--max-connections",
  "--junit",
]);
const flags = new Set(["--json", "--best-effort", "--allow-untrusted", "--tty", "-t", "--no-tty", "-T"]);

export function parseArgs(argv: readonly string[]): Command {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === "help" || verb === "--help" || verb === "-h") return { kind: "help" };
  if (verb === "version" || verb === "--version") return { kind: "version" };
  if (verb === "cleanup") return parseCleanup(rest);
  if (verb === "cache") return parseCache(rest);
  if (verb === "report") return parseReport(rest);
  if (verb !== "run")
    throw new UsageError(`'${verb}' is not an nsbox command; use nsbox run -- CMD or nsbox help`);
  return parseRun(rest);
}

function parseCleanup(args: readonly string[]): Command {
  let json = false;
  let cacheDir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--json") json = true;
    else if (arg === "--cache-dir" || arg.startsWith("--cache-dir=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[++i];
      if (value === undefined) throw new UsageError("--cache-dir needs a value; see nsbox help");
      cacheDir = value;
    } else throw new UsageError(`'${arg}' is not an option of nsbox cleanup; use --cache-dir DIR or --json`);
  }
  return { kind: "cleanup", json, cacheDir };
}

function parseReport(args: readonly string[]): Command {
  let json = false;
  const files: string[] = [];
  const valuedOptions: Record<string, string | undefined> = { "--junit": undefined, "--out": undefined };
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (options && arg === "--") options = false;
    else if (options && arg === "--json") json = true;
    else if (options && arg.startsWith("-")) {
      const name = arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : arg;
      if (!(name in valuedOptions))
        throw new UsageError(
          `'${arg}' is not an option of nsbox report; use --junit FILE, --out FILE or --json`,
        );
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[++i];
      if (!value) throw new UsageError(`${name} needs a file name; see nsbox help`);
      valuedOptions[name] = value;
    } else files.push(arg);
  }
  if (files.length === 0)
    throw new UsageError("no results files given; use nsbox report DIR or nsbox report FILE...");
  return { kind: "report", paths: files, json, junit: valuedOptions["--junit"], out: valuedOptions["--out"] };
}

function parseRun(args: readonly string[]): Command {
  const values = new Map<string, string[]>();
  const seen = new Set<string>();
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") {
      i++;
      break;
    }
    if (!arg.startsWith("-")) break;
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (flags.has(name)) {
      seen.add(name);
      continue;
    }
    if (!valued.has(name)) throw new UsageError(`'${arg}' is not an option of nsbox run; see nsbox help`);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value; see nsbox help`);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  const command = args.slice(i);
  if (command.length === 0)
    throw new UsageError("no command given; use nsbox run [options] -- CMD [ARGS...]");
  const one = (name: string): string | undefined => {
    const v = values.get(name);
    if (v && v.length > 1) throw new UsageError(`${name} was given ${v.length} times; give it once`);
    return v?.[0];
  };
  const network = one("--network");
  if (network !== undefined && network !== "none" && network !== "nat") {
    throw new UsageError(`network: '${network}' is not a network mode; use none or nat`);
  }
  // The session's NAT serves the setup too, so its options also apply with --setup-network nat alone.
  if (network !== "nat" && values.get("--setup-network")?.[0] !== "nat") {
    for (const name of ["--allow", "--dns", "--pool", "--max-connections"]) {
      const v = values.get(name)?.[0];
      if (v !== undefined)
        throw new UsageError(
          `${name.slice(2)}: '${v}' only applies with --network nat; add --network nat or drop ${name}`,
        );
    }
  }
  const tty = seen.has("-t") || seen.has("--tty");
  const noTty = seen.has("-T") || seen.has("--no-tty");
  if (tty && noTty) throw new UsageError("-t/--tty and -T/--no-tty were both given; give one of them");
  const options: RunOptions = {
    argv: command,
    alpine: one("--alpine"),
    mirror: one("--mirror"),
    rootfsTarball: one("--rootfs"),
    cacheDir: one("--cache-dir"),
    mounts: (values.get("--mount") ?? []).map(parseMount),
    workdir: parseWorkdir(one("--workdir")),
    env: withHints(CLI_VALUE_HINTS, () => parseEnvPairs(values.get("--env") ?? [])),
    hostname: optionalHostname(one("--hostname")),
    limits: parseLimits(one),
    bestEffort: seen.has("--best-effort"),
    network: network as RunOptions["network"],
    allow: values.get("--allow"),
    dns: values.get("--dns"),
    pool: one("--pool"),
    maxConnections: optionalCount("max-connections", one("--max-connections")),
    ...parseLayers(values, one, seen),
  };
  return {
    kind: "run",
    options,
    json: seen.has("--json"),
    tty: tty ? true : noTty ? false : undefined,
    junit: one("--junit"),
  };
}

/** The CLI's wording of the engine's value errors: the flag to pass. */

function optionalHostname(name: string | undefined): string | undefined {
  return name === undefined ? undefined : withHints(CLI_VALUE_HINTS, () => parseHostname(name));
}

function parseLayers(
  values: Map<string, string[]>,
  one: (name: string) => string | undefined,
  seen: Set<string>,
): Partial<RunOptions> {
  const out: Partial<RunOptions> = {};
  const packages = splitPackages(values.get("--packages") ?? []);
  for (const p of packages)
    if (!isPackageName(p))
      throw new UsageError(`packages: '${p}' is not an apk package name; use names like nodejs`);
  if (packages.length > 0) out.packages = packages;
  if (values.has("--repository")) out.repositories = values.get("--repository");
  if (values.has("--repository-key")) out.repositoryKeys = values.get("--repository-key");
  if (seen.has("--allow-untrusted")) out.allowUntrusted = true;
  const setup = one("--setup");
  if (setup !== undefined) out.setup = setup;
  const setupNetwork = one("--setup-network");
  if (setupNetwork !== undefined && setupNetwork !== "none" && setupNetwork !== "nat")
    throw new UsageError(`setup-network: '${setupNetwork}' is not a network mode; use none or nat`);
  if (setupNetwork) out.setupNetwork = setupNetwork as NetworkMode;
  const scratch = one("--scratch");
  if (scratch !== undefined && scratch !== "memory" && scratch !== "disk")
    throw new UsageError(`scratch: '${scratch}' is not a scratch kind; use memory or disk`);
  if (scratch) out.scratch = scratch as ScratchKind;
  const patterns = values.get("--output") ?? [];
  if (patterns.length > 0) {
    const limit = one("--output-limit");
    out.outputs = {
      name: "run",
      patterns: patterns.map((p) => parseOutputPattern("output", p)),
      dir: one("--output-dir") ?? "./nsbox-output",
      ...(limit !== undefined ? { limitBytes: parseSize("output-limit", limit) } : {}),
    };
  }
  return out;
}

function optionalCount(name: string, value: string | undefined): number | undefined {
  return value === undefined ? undefined : parseCount(name, value);
}

function parseCache(args: readonly string[]): Command {
  const [action, ...rest] = args;
  if (action !== "list" && action !== "verify" && action !== "prune") {
    throw new UsageError(
      `cache: '${action ?? ""}' is not a cache command; use nsbox cache list, verify or prune`,
    );
  }
  let cacheDir: string | undefined;
  let all = false;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === "--json") json = true;
    else if (arg === "--all" && action === "prune") all = true;
    else if (arg === "--cache-dir" || arg.startsWith("--cache-dir=")) {
      cacheDir = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : rest[++i];
      if (!cacheDir) throw new UsageError("--cache-dir needs a value; see nsbox help");
    } else throw new UsageError(`'${arg}' is not an option of nsbox cache ${action}; see nsbox help`);
  }
  return { kind: "cache", action, all, cacheDir, json };
}

function parseLimits(one: (name: string) => string | undefined): Limits {
  const limits: Limits = {};
  const memory = one("--memory");
  // "none" lifts the default limit (see README: defaults).
  if (memory !== undefined) limits.memoryBytes = memory === "none" ? "none" : parseSize("memory", memory);
  const pids = one("--pids");
  if (pids !== undefined) limits.pids = pids === "none" ? "none" : parseCount("pids", pids);
  const cpus = one("--cpus");
  if (cpus !== undefined) limits.cpus = parseCpus("cpus", cpus);
  const timeout = one("--timeout");
  if (timeout !== undefined) limits.timeoutMs = parseDuration("timeout", timeout);
  const cpuTime = one("--cpu-time");
  if (cpuTime !== undefined) limits.cpuTimeMs = parseDuration("cpu-time", cpuTime);
  const tmpfs = one("--tmpfs-size");
  if (tmpfs !== undefined) limits.tmpfsBytes = parseSize("tmpfs-size", tmpfs);
  return limits;
}

const mountModes: readonly MountMode[] = ["ro", "rw", "overlay"];

/** Splits at ':' except where escaped: '\\:' is a ':' of the path, '\\\\' a backslash. */
function splitMount(spec: string): string[] | null {
  const parts = [""];
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i] as string;
    if (c === ":") parts.push("");
    else if (c === "\\") {
      const next = spec[++i];
      if (next !== ":" && next !== "\\") return null;
      parts[parts.length - 1] += next;
    } else parts[parts.length - 1] += c;
  }
  return parts;
}

export function parseMount(spec: string): MountSpec {
  const parts = splitMount(spec);
  if (!parts) {
    throw new UsageError(
      `mount: '${spec}' has a '\\' that escapes neither ':' nor '\\'; write a ':' in a path as '\\:'`,
    );
  }
  const [source, target, mode = "ro"] = parts;
  if (parts.length < 2 || parts.length > 3 || !source || !target) {
    throw new UsageError(
      `mount: '${spec}' is not HOST:DEST[:MODE]; use ./src:/src or /data:/data:rw (a ':' in a path is written '\\:')`,
    );
  }
  if (!target.startsWith("/")) {
    // Three parts with a relative middle one: most likely a ':' of the host path, unescaped.
    const hint = parts.length === 3 ? " (a ':' in a path is written '\\:')" : "";
    throw new UsageError(`mount: '${target}' is not an absolute path inside the sandbox; use /src${hint}`);
  }
  if (!mountModes.includes(mode as MountMode)) {
    throw new UsageError(`mount: '${mode}' is not a mount mode; use ro, rw or overlay`);
  }
  return { source, target, mode: mode as MountMode };
}

function parseWorkdir(dir: string | undefined): string | undefined {
  if (dir !== undefined && !dir.startsWith("/")) {
    throw new UsageError(`workdir: '${dir}' is not an absolute path inside the sandbox; use /src`);
  }
  return dir;
}
