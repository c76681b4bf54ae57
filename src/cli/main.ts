// The nsbox CLI: `nsbox run [options] -- CMD`. Usage errors exit 2, setup failures 125, otherwise the
// command's own status. No stack trace for anything the user can fix.
import { accessSync, constants, lstatSync, type Stats, statSync } from "node:fs";
import { resolve } from "node:path";
import { isatty } from "node:tty";
import {
  type CacheEntry,
  CancelledError,
  checkLimits,
  checkMounts,
  checkWritableDir,
  cleanupStale,
  closeAllSessions,
  defaultCacheDir,
  formatBytes,
  isForegroundTerminal,
  listCache,
  type MountSpec,
  normalTarget,
  pruneCache,
  type RunOptions,
  type RunResult,
  runSandbox,
  SetupError,
  UsageError,
  verifyCache,
} from "../engine/index";
import { serialize, setupName } from "../results/format";
import { toJUnit } from "../results/junit";
import { countsLine, failureSentence, loadRun } from "../results/report";
import { checkReportPath, writeReportFile } from "../results/write";
import { type Command, parseArgs, USAGE } from "./args";
import { cliErrorText, cliRunErrorText } from "./hints";

const VERSION = "0.1.0";

async function main(argv: string[]): Promise<number> {
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (err) {
    return fail(err);
  }
  switch (command.kind) {
    case "help":
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case "version":
      process.stdout.write(`nsbox ${VERSION}\n`);
      return 0;
    case "cleanup": {
      let removed: number;
      try {
        removed = await cleanupStale(usableCacheDir(command.cacheDir));
      } catch (err) {
        return fail(err);
      }
      process.stdout.write(
        command.json ? `${JSON.stringify({ removed })}\n` : `removed ${removed} leftover(s)\n`,
      );
      return 0;
    }
    case "cache":
      return cache(command);
    case "run":
      return run(command.options, command.json, command.tty ?? (await interactive()), command.junit);
    case "report":
      return report(command.paths, command.json, command.junit, command.out);
  }
}

/**
 * The default for -t/-T: a pty only for an interactive use, where stdin, stdout and stderr are all the
 * terminal and nsbox is its foreground job. Output redirected to a file or a pipe must stay the command's
 * bytes (a pty turns \n into \r\n and merges stderr into stdout), and a background job (`nsbox run … &`)
 * must not take the terminal's modes (it would be stopped by SIGTTOU).
 */
async function interactive(): Promise<boolean> {
  return isatty(1) && isatty(2) && (await isForegroundTerminal(0));
}

/** `nsbox report`: the Action's shards' results files → one report; 1 when a command failed or a shard is missing. */
function report(paths: string[], json: boolean, junit: string | undefined, out: string | undefined): number {
  try {
    // Checked before either is written, as run checks --junit: the same sentence for the same path.
    const outFile = out === undefined ? undefined : checkReportFile("out", out);
    const junitFile = junit === undefined ? undefined : checkReportFile("junit", junit);
    const run = loadRun(paths, "report", "give the directory the shards' artifacts were downloaded to");
    const { merged } = run;
    if (outFile) writeReportFile(outFile, serialize(merged), "out");
    if (junitFile) {
      const missingShards = merged.merged.missing.map((index) => ({ index, total: merged.merged.shards }));
      const { setups, results, notRun } = merged;
      const xml = toJUnit({ suite: "nsbox", setups, results, notRun, missingShards });
      writeReportFile(junitFile, xml, "junit");
    }
    if (json) process.stdout.write(serialize(merged));
    else {
      const failedSetups = run.failedSetups.map((s) => ({ ...s, name: setupName(s) }));
      for (const r of [...failedSetups, ...merged.results]) {
        if (r.status === "ok") continue;
        const why = r.status === "setup-error" ? (r.error?.message ?? "") : (r.reason ?? "");
        process.stdout.write(
          `${r.status}: ${printable(r.name)} (exit ${r.exitCode}${why ? `, ${printable(why)}` : ""})\n`,
        );
      }
      for (const n of merged.notRun)
        process.stdout.write(`not run (${printable(n.why)}): ${printable(n.name)}\n`);
      process.stdout.write(`${countsLine(run)}\n`);
    }
    const failure = failureSentence(run);
    if (failure) process.stderr.write(`nsbox: ${failure}\n`);
    return failure ? 1 : 0;
  } catch (err) {
    return fail(err);
  }
}

/** Text from a results file, safe for a terminal: control characters (escape sequences) replaced. */
function printable(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it replaces.
  return s.replace(/[\x00-\x1f\x7f-\x9f]/g, "\uFFFD");
}

/** A report path (`what`: junit, out) that can only end in a new or regular file in a writable dir: checked
 *  before anything runs or is written, so a finished run never ends with its report unwritable. */
function checkReportFile(what: string, path: string): string {
  const file = resolve(path);
  checkReportPath(file, what, "give a new file name in a writable directory");
  return file;
}

/** The cache dir made absolute (a relative one is the cwd's) and checked before anything is written. */
function usableCacheDir(given: string | undefined): string {
  const dir = resolve(given ?? defaultCacheDir());
  const fromEnv = given === undefined && Boolean(process.env.NSBOX_CACHE_DIR);
  const what = given !== undefined ? "cache-dir" : fromEnv ? "NSBOX_CACHE_DIR" : "the default cache dir";
  const hint = fromEnv
    ? "set NSBOX_CACHE_DIR to a writable directory, or use --cache-dir"
    : "use --cache-dir with a writable directory";
  checkWritableDir(what, dir, hint);
  return dir;
}

/** Two mounts on one target: the later would hide the earlier, silently. */
function checkDistinctTargets(targets: readonly string[]): void {
  const seen = new Set<string>();
  for (const t of targets) {
    const norm = normalTarget(t);
    if (seen.has(norm))
      throw new UsageError(
        `mount: '${t}' is the target of two --mount options; give each mount its own target`,
      );
    seen.add(norm);
  }
}

/**
 * A mount's host path must exist and be reachable by the caller (existsSync would hide EACCES), through any
 * link it is; an overlay's must be a directory (it is the overlay's lower layer). The helper found the rest
 * only at set-up, in words of its own and status 125.
 */
function checkMountSource(m: MountSpec): void {
  const { source } = m;
  let st: Stats;
  try {
    st = statSync(source);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EACCES")
      throw new UsageError(
        `mount: '${source}' cannot be reached (EACCES: a directory above it is not searchable by you); give a path you can reach`,
      );
    if (code === "ELOOP")
      throw new UsageError(`mount: '${source}' is a loop of symbolic links; give an existing path`);
    // Missing as followed, but there itself: a link to nothing.
    if (isSymlink(source))
      throw new UsageError(`mount: '${source}' is a symbolic link to nothing; give an existing path`);
    throw new UsageError(`mount: '${source}' does not exist on the host; give an existing path`);
  }
  if (m.mode === "overlay" && !st.isDirectory())
    throw new UsageError(
      `mount: overlay needs a directory, and '${source}' is not one; mount it ro or rw, or give a directory`,
    );
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false; // not there at all, or no directory above it
  }
}

async function cache(c: Extract<Command, { kind: "cache" }>): Promise<number> {
  const dir = c.cacheDir ?? defaultCacheDir();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const describe = (e: CacheEntry) =>
    `${e.version ?? "?"} ${e.arch ?? "?"} ${e.bytes === null ? "?" : formatBytes(e.bytes)} ${
      e.kind === "packages" ? `packages ${(e.packages ?? ["?"]).join(" ")} ` : ""
    }${e.name}`;
  // A cache the caller cannot look into (another user's, or below a dir they cannot search) is not an empty
  // one: existsSync said false for it, and list and verify reported nothing there.
  const unreadable = (code: string | undefined) =>
    new UsageError(
      `cache ${c.action}: '${dir}' cannot be read by you (${code}); run it as the cache's owner, or use --cache-dir with your own`,
    );
  let st: Stats | undefined;
  try {
    st = statSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") throw unreadable(code);
  }
  if (st && !st.isDirectory())
    throw new UsageError(`cache-dir: '${dir}' is not a directory; use --cache-dir with a directory`);
  if (st) {
    try {
      accessSync(dir, constants.R_OK | constants.X_OK);
    } catch (err) {
      throw unreadable((err as NodeJS.ErrnoException).code);
    }
  }
  if (c.action === "list") {
    const entries = listCache(dir);
    if (c.json) out(JSON.stringify(entries));
    else if (entries.length === 0) out(`the cache ${dir} holds no rootfs and no package layer`);
    else for (const e of entries) out(`${describe(e)}, last used ${e.lastUse ?? "never"}`);
    return 0;
  }
  // verify and prune remove trees: another user's cache (root's, read by a user) would otherwise be
  // judged damaged where it is only unreadable, and fail half-way on a permission.
  if (st) {
    try {
      accessSync(dir, constants.W_OK | constants.X_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // No owner can write a read-only file system: "run it as the cache's owner" was no fix for it.
      if (code === "EROFS")
        throw new UsageError(
          `cache ${c.action}: '${dir}' is on a read-only file system, and ${c.action} may remove trees; remount it read-write, or use --cache-dir with a writable one`,
        );
      throw new UsageError(
        `cache ${c.action}: '${dir}' is not writable by you (${code}), and ${c.action} may remove trees; run it as the cache's owner, or use --cache-dir with your own`,
      );
    }
  }
  if (c.action === "verify") {
    const reports = verifyCache(dir);
    const damaged = reports.filter((r) => r.damage.length > 0);
    if (c.json) out(JSON.stringify(reports));
    else {
      for (const r of reports) {
        const what = r.damage.length === 0 ? "ok" : `damaged, removed (${r.damage.slice(0, 5).join("; ")})`;
        out(`${describe(r.entry)}: ${what}`);
      }
      out(`${reports.length} tree(s) checked, ${damaged.length} damaged`);
    }
    return damaged.length > 0 ? 1 : 0;
  }
  const removed = await pruneCache(dir, { all: c.all });
  if (c.json) out(JSON.stringify({ removed }));
  else {
    for (const e of removed) out(`removed ${describe(e)}`);
    out(`removed ${removed.length} tree(s)`);
  }
  return 0;
}

async function run(
  given: RunOptions,
  json: boolean,
  tty: boolean,
  junitPath: string | undefined,
): Promise<number> {
  let options: RunOptions;
  let junit: string | undefined;
  try {
    junit = junitPath === undefined ? undefined : checkReportFile("junit", junitPath);
    // Host paths are the caller's, relative to the cwd; everything is checked before anything is made.
    const mounts = (given.mounts ?? []).map((m) => ({ ...m, source: resolve(m.source) }));
    for (const m of mounts) checkMountSource(m);
    const cacheDir = usableCacheDir(given.cacheDir);
    checkMounts(mounts, cacheDir);
    checkDistinctTargets(mounts.map((m) => m.target));
    checkLimits(given.limits ?? {}, given.scratch);
    if (given.outputs)
      checkWritableDir(
        "output-dir",
        resolve(given.outputs.dir),
        "use --output-dir with a writable directory",
      );
    options = { ...given, mounts, cacheDir, tty };
  } catch (err) {
    return fail(err);
  }
  // A signal at any stage (download, extraction, cgroup and network set-up, the command, clean-up) stops
  // the run: set-up is abandoned and undone, a running command is killed, and nsbox exits 128+N.
  const abort = new AbortController();
  const stopOnSignal = (signal: NodeJS.Signals) => {
    if (!abort.signal.aborted) abort.abort(signal);
  };
  for (const s of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(s, stopOnSignal);
  const bySignal = () => {
    const signal = abort.signal.reason as NodeJS.Signals;
    return { signal, exitCode: 128 + (signalNumbers[signal] ?? 15) };
  };
  let result: RunResult;
  try {
    result = await runSandbox({
      ...options,
      // In --json mode stdout carries only the result: the command's output goes to stderr.
      stdio: { stdin: "inherit", stdout: json ? 2 : "inherit", stderr: "inherit" },
      onProgress: (msg) => process.stderr.write(`nsbox: ${msg}\n`),
      signal: abort.signal,
    });
  } catch (err) {
    await closeAllSessions();
    if (err instanceof CancelledError && abort.signal.aborted) {
      const { signal, exitCode } = bySignal();
      const message = `stopped by ${signal} before the command started; nothing was left behind`;
      if (json) {
        const error = { step: "cancelled", message };
        process.stdout.write(`${JSON.stringify({ status: "cancelled", exitCode, signal, error })}\n`);
      }
      process.stderr.write(`nsbox: ${message}\n`);
      return exitCode;
    }
    return fail(err, json);
  }
  if (junit) {
    // The output went to the terminal as it came: the CLI keeps no tail of it. A failed setup is its own
    // test case and the command a skipped one, as in the Action's JUnit.
    const name = given.argv.join(" ");
    const shard = { index: 1, total: 1 };
    const report =
      result.phase === "setup"
        ? {
            setups: [{ ...result, shard, outputTail: "" }],
            results: [],
            notRun: [{ position: 1, name, why: "setup failed" }],
          }
        : { setups: [], results: [{ ...result, name, position: 1, shard }], notRun: [] };
    try {
      writeReportFile(junit, toJUnit({ suite: "nsbox", ...report, errorText: cliRunErrorText }), "junit");
    } catch (err) {
      // The command ran: its result and status stand, the missing report is said (and its path named).
      process.stderr.write(`nsbox: ${cliErrorText(err)}\n`);
    }
  }
  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (result.phase === "setup") {
    // The engine's progress line after the setup already said what happened and why; not the fix, which
    // only the CLI can word (the setup runs with the command's --workdir).
    if (result.status === "setup-error" && result.error?.hint)
      process.stderr.write(`nsbox: ${cliRunErrorText(result.error)}\n`);
  } else if (result.status === "setup-error" && result.error)
    process.stderr.write(`nsbox: ${cliRunErrorText(result.error)}\n`);
  else if (result.reason) process.stderr.write(`nsbox: ${result.reason}\n`);
  // A default this host could not enforce is no error (nor is a best-effort limit): said once, after the
  // command's output (a set-up that failed ran none). With --json the result's notEnforced says it.
  if (!json && result.status !== "setup-error" && result.notEnforced.length > 0)
    process.stderr.write(`nsbox: not enforced: ${result.notEnforced.join(", ")}\n`);
  if (!json && result.outputs) {
    const o = result.outputs;
    process.stderr.write(`nsbox: copied ${o.files.length} file(s), ${o.bytes} bytes, to ${o.dir}\n`);
    for (const s of o.skipped) process.stderr.write(`nsbox: left out ${s.path}: ${s.reason}\n`);
    if (o.skippedCount > o.skipped.length)
      process.stderr.write(`nsbox: ... and ${o.skippedCount - o.skipped.length} more left out\n`);
  }
  if (abort.signal.aborted) {
    const { signal, exitCode } = bySignal();
    // The command had ended (its status is the result's): say why the exit status is the signal's.
    if (result.status !== "cancelled") {
      const during = result.outputs ? " (while copying its outputs: what was not copied is listed)" : "";
      process.stderr.write(`nsbox: stopped by ${signal} after the command had ended${during}\n`);
    }
    return exitCode;
  }
  return result.exitCode;
}

const signalNumbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

function fail(err: unknown, json = false): number {
  const usage = err instanceof UsageError;
  const setup = err instanceof SetupError;
  const message = cliErrorText(err);
  if (json && !usage) {
    const step = setup ? err.step : "engine";
    process.stdout.write(
      `${JSON.stringify({ status: "setup-error", exitCode: 125, error: { step, message } })}\n`,
    );
  }
  process.stderr.write(`nsbox: ${message}\n`);
  if (!usage && !setup && process.env.NSBOX_DEBUG) console.error(err);
  return usage ? 2 : 125;
}

// Our own stdout and stderr may fail under us: a reader that went away (`nsbox run ... | head -1`), a full
// disk (`> /dev/full`). That loses what we still had to say, never the run: no stack trace, the command's
// exit status, and nothing left half-done (a write during set-up no longer throws into it).
process.stderr.on("error", () => {});
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code !== "EPIPE")
    process.stderr.write(`nsbox: cannot write to stdout (${err.code}); output was lost\n`);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.exitCode = fail(err);
  },
);
