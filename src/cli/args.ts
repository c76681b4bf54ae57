// Pure: argv → a parsed command. Every error is a UsageError of one sentence naming the value and a fix.
// Every verb's options go through options.ts; `nsbox run`'s values are parsed in run-args.ts.
import { type RunOptions, UsageError } from "../engine/index";
import { parseOptions } from "./options";
import { parseRun } from "./run-args";

export type Command =
  | {
      kind: "run";
      options: RunOptions;
      json: boolean;
      tty: boolean | undefined; // undefined: whether the run is interactive decides
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
                                           tree is removed), removal of all but the most recently used
                                           per branch (kept too: those a live run uses or that were
                                           used in the last hour; --all removes everything)
  nsbox report [--junit FILE] [--out FILE] [--json] FILE|DIR...
                                           merge the results files of an Action's shards
  nsbox version | help

Rootfs:   --alpine VERSION (3.20, 3.20.3, latest-stable)  --mirror URL  --rootfs TARBALL  --cache-dir DIR
Sandbox:  --mount HOST:DEST[:ro|rw|overlay]... (a ':' in a path is written '\\:')  --workdir DIR
          --env K=V...  --hostname NAME
Terminal: -t/--tty (a pty of the sandbox's own; the default when stdin, stdout and stderr are the terminal
          and nsbox is its foreground job)  -T/--no-tty (the default otherwise: for data, redirections, pipes)
Limits:   --memory SIZE|none  --pids N|none  --cpus N  --timeout DURATION  --cpu-time DURATION  --tmpfs-size SIZE
          --best-effort (run even when a limit given cannot be enforced; the report lists it)
Network:  --network none|nat  --allow CIDR[:PORT]...  --dns IP...  --pool CIDR
          --max-connections N (per sandbox, default 4096)  (--allow, --dns, --pool, --max-connections: nat only)
Layers:   --packages LIST... (apk packages, space/comma separated)  --repository URL|DIR...
          --repository-key FILE...  --allow-untrusted  --setup SCRIPT  --setup-network none|nat
          --scratch memory|disk (writable layer in RAM, or on disk under the cache dir; capped by --tmpfs-size,
          which a disk scratch reserves there before the sandbox starts)
Results:  --output PATH|GLOB... (inside the sandbox)  --output-dir DIR (./nsbox-output)  --output-limit SIZE
Output:   --json (one result object on stdout; the command's output goes to stderr)
          --junit FILE (the result as JUnit XML)

          defaults: --pids 1024, --memory half the memory nsbox may use (the host's, or its cgroup's
          limit), --tmpfs-size 512M (inodes capped with the size)
Signals:  SIGINT, SIGTERM, SIGHUP stop the run at any stage (set-up included) and exit 128+N.

Exit status: the command's own (128+N after signal N), 125 if the sandbox could not be set up, 2 on usage errors;
nsbox report: 0 when every command passed, 1 when one failed or a shard is missing, 2 on usage errors.`;

export function parseArgs(argv: readonly string[]): Command {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === "help" || verb === "--help" || verb === "-h") {
    alone(verb ?? "help", rest);
    return { kind: "help" };
  }
  if (verb === "version" || verb === "--version") {
    alone(verb, rest);
    return { kind: "version" };
  }
  if (verb === "cleanup") return parseCleanup(rest);
  if (verb === "cache") return parseCache(rest);
  if (verb === "report") return parseReport(rest);
  if (verb !== "run")
    throw new UsageError(`'${verb}' is not an nsbox command; use nsbox run -- CMD or nsbox help`);
  return parseRun(rest);
}

/** help and version take nothing more: an extra argument is a mistake, not something to ignore. */
function alone(verb: string, rest: readonly string[]): void {
  if (rest.length > 0)
    throw new UsageError(`'${rest[0]}' is not an argument of nsbox ${verb}; give nsbox ${verb} alone`);
}

function parseCleanup(args: readonly string[]): Command {
  const o = parseOptions(args, {
    verb: "nsbox cleanup",
    unknownFix: "use --cache-dir DIR or --json",
    valued: new Set(["--cache-dir"]),
    flags: new Set(["--json"]),
    positional: "none",
  });
  if (o.help) return { kind: "help" };
  return { kind: "cleanup", json: o.flags.has("--json"), cacheDir: o.one("--cache-dir") };
}

function parseReport(args: readonly string[]): Command {
  const o = parseOptions(args, {
    verb: "nsbox report",
    unknownFix: "use --junit FILE, --out FILE or --json",
    valued: new Set(["--junit", "--out"]),
    flags: new Set(["--json"]),
    positional: "operands",
    valueNoun: "a file name",
  });
  if (o.help) return { kind: "help" };
  if (o.rest.length === 0)
    throw new UsageError("no results files given; use nsbox report DIR or nsbox report FILE...");
  return {
    kind: "report",
    paths: o.rest,
    json: o.flags.has("--json"),
    junit: o.one("--junit"),
    out: o.one("--out"),
  };
}

function parseCache(args: readonly string[]): Command {
  const [action, ...rest] = args;
  if (action === "--help" || action === "-h") return { kind: "help" };
  if (action === undefined)
    throw new UsageError("cache needs a command; use nsbox cache list, verify or prune");
  if (action !== "list" && action !== "verify" && action !== "prune") {
    throw new UsageError(`cache: '${action}' is not a cache command; use nsbox cache list, verify or prune`);
  }
  const o = parseOptions(rest, {
    verb: `nsbox cache ${action}`,
    unknownFix: "see nsbox help",
    valued: new Set(["--cache-dir"]),
    flags: new Set(action === "prune" ? ["--json", "--all"] : ["--json"]),
    positional: "none",
  });
  if (o.help) return { kind: "help" };
  return {
    kind: "cache",
    action,
    all: o.flags.has("--all"),
    cacheDir: o.one("--cache-dir"),
    json: o.flags.has("--json"),
  };
}
