// Pure: `nsbox run [options] -- CMD` → the run command. Every error is a UsageError of one sentence naming
// the value and a fix (the engine's value errors carry a hint key, worded with the CLI's flags by hints.ts).
import {
  type Limits,
  type MountMode,
  type MountSpec,
  parseAllow,
  parseCount,
  parseCpus,
  parseDnsServers,
  parseDuration,
  parseEnvPairs,
  parseHostname,
  parseMaxConnections,
  parseNetworkMode,
  parseOutputPattern,
  parsePackages,
  parsePool,
  parseScratchKind,
  parseSize,
  type RunOptions,
  UsageError,
} from "../engine/index";
import type { Command } from "./args";
import { type ParsedOptions, parseOptions } from "./options";

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

export function parseRun(args: readonly string[]): Command {
  const o = parseOptions(args, {
    verb: "nsbox run",
    unknownFix: "see nsbox help",
    valued,
    flags,
    positional: "command",
  });
  if (o.help) return { kind: "help" };
  const { values, flags: seen, one } = o;
  const command = o.rest;
  if (command.length === 0)
    throw new UsageError("no command given; use nsbox run [options] -- CMD [ARGS...]");
  // An empty program name (`-- ""`, an unset variable) reached the helper: "command not found: " and status 125.
  if ((command[0] as string).trim() === "")
    throw new UsageError(
      `the command is '${command[0]}', an empty name; give the program to run, like nsbox run -- make test`,
    );
  const given = one("--network");
  const network = given === undefined ? undefined : parseNetworkMode("network", given);
  // The session's NAT serves the setup too, so its options also apply with --setup-network nat alone.
  if (network !== "nat" && values.get("--setup-network")?.[0] !== "nat")
    refuseAlone(o, ["--allow", "--dns", "--pool", "--max-connections"], "--network nat");
  if (!values.has("--output")) refuseAlone(o, ["--output-dir", "--output-limit"], "--output");
  if (!values.has("--setup")) refuseAlone(o, ["--setup-network"], "--setup");
  // The tarball is the version: an --alpine beside it would be silently ignored.
  const alpine = one("--alpine");
  const rootfs = one("--rootfs");
  if (alpine !== undefined && rootfs !== undefined)
    throw new UsageError(
      `alpine: '${alpine}' and rootfs: '${rootfs}' were both given, and the tarball is the version; drop --alpine or --rootfs`,
    );
  refuseUnusedMirror(o, rootfs);
  const tty = seen.has("-t") || seen.has("--tty");
  const noTty = seen.has("-T") || seen.has("--no-tty");
  if (tty && noTty) throw new UsageError("-t/--tty and -T/--no-tty were both given; give one of them");
  const options: RunOptions = {
    argv: command,
    alpine,
    mirror: one("--mirror"),
    rootfsTarball: rootfs,
    cacheDir: one("--cache-dir"),
    mounts: (values.get("--mount") ?? []).map(parseMount),
    workdir: parseWorkdir(one("--workdir")),
    env: parseEnvPairs(values.get("--env") ?? []),
    hostname: optionalHostname(one("--hostname")),
    limits: parseLimits(one),
    bestEffort: seen.has("--best-effort"),
    network,
    // Judged now, not when the network is set up (after the rootfs's download and extraction).
    allow: checked(values.get("--allow"), parseAllow),
    dns: values.has("--dns") ? parseDnsServers(values.get("--dns") ?? []) : undefined,
    pool: checked(one("--pool"), parsePool),
    maxConnections: optional(one("--max-connections"), parseMaxConnections),
    ...parseLayers(o),
  };
  return {
    kind: "run",
    options,
    json: seen.has("--json"),
    tty: tty ? true : noTty ? false : undefined,
    junit: one("--junit"),
  };
}

function optionalHostname(name: string | undefined): string | undefined {
  return name === undefined ? undefined : parseHostname(name);
}

/** An option that means something only with another is refused alone, rather than silently dropped. */
function refuseAlone(o: ParsedOptions, names: readonly string[], needed: string): void {
  for (const name of names) {
    const v = o.values.get(name)?.[0];
    if (v === undefined && !o.flags.has(name)) continue;
    const what = v === undefined ? name.slice(2) : `${name.slice(2)}: '${v}'`;
    throw new UsageError(`${what} only applies with ${needed}; add ${needed} or drop ${name}`);
  }
}

/**
 * The mirror serves the rootfs download and, for --packages without --repository, the default repositories:
 * beside a --rootfs tarball with neither, it would be silently ignored (a user who meant their mirror to
 * serve the packages would not learn that it serves nothing).
 */
function refuseUnusedMirror(o: ParsedOptions, rootfs: string | undefined): void {
  const mirror = o.one("--mirror");
  if (mirror === undefined || rootfs === undefined) return;
  if (!o.values.has("--packages"))
    throw new UsageError(
      `mirror: '${mirror}' is not used with --rootfs (the tarball is the rootfs) unless --packages are installed from it; drop --mirror or add --packages`,
    );
  if (o.values.has("--repository"))
    throw new UsageError(
      `mirror: '${mirror}' is not used with --rootfs and --repository (packages come from the repositories given); drop --mirror or --repository`,
    );
}

function parseLayers(o: ParsedOptions): Partial<RunOptions> {
  const { values, one, flags: seen } = o;
  const out: Partial<RunOptions> = {};
  const packages = parsePackages(values.get("--packages") ?? []);
  if (values.has("--packages") && packages.length === 0)
    throw new UsageError(
      `packages: '${values.get("--packages")?.join(" ")}' names no package; give names like nodejs npm`,
    );
  if (packages.length > 0) out.packages = packages;
  else refuseAlone(o, ["--repository", "--repository-key", "--allow-untrusted"], "--packages");
  if (values.has("--repository")) out.repositories = values.get("--repository");
  if (values.has("--repository-key")) out.repositoryKeys = values.get("--repository-key");
  if (seen.has("--allow-untrusted")) out.allowUntrusted = true;
  const setup = one("--setup");
  if (setup !== undefined) out.setup = setup;
  const setupNetwork = one("--setup-network");
  if (setupNetwork !== undefined) out.setupNetwork = parseNetworkMode("setup-network", setupNetwork);
  const scratch = one("--scratch");
  if (scratch !== undefined) out.scratch = parseScratchKind(scratch);
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

/** The value(s) as given, once each has passed `parse` (which throws the UsageError). */
function checked<T extends string | string[] | undefined>(given: T, parse: (v: string) => unknown): T {
  for (const v of given === undefined ? [] : typeof given === "string" ? [given] : given) parse(v);
  return given;
}

function optional<T>(value: string | undefined, parse: (v: string) => T): T | undefined {
  return value === undefined ? undefined : parse(value);
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
