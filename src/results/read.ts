// Reading results files back: the shards' files a report merges (found in a tree of downloaded artifacts)
// and the earlier run a shard split balances by. A file is data from another job: its size is bounded,
// symbolic links are never followed, and every field the report uses is checked before it is used.
import { type Dirent, lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { RefusedFileError, type RunStatus, readRegularFile, UsageError } from "../engine/index";
import {
  type FileResult,
  MAX_SHARDS,
  type NotRun,
  RESULTS_FORMAT,
  type SetupResult,
  type ShardId,
  type ShardResultsFile,
} from "./format";

/** Far above a real file (2,000 commands with 8 KiB output tails each is 16 MiB). */
const MAX_RESULTS_FILE_BYTES = 256 * 1024 * 1024;

const STATUSES: readonly RunStatus[] = [
  "ok",
  "failed",
  "signaled",
  "cancelled",
  "setup-error",
  "timeout",
  "oom",
  "pids-limit",
];

/** Why a file is not a usable results file: one clause, the caller names the file and the fix. */
class Malformed extends Error {}

/** The file's text, without following a symbolic link and within the size bound. */
function readBounded(path: string, what: string): string {
  try {
    return readRegularFile(path, MAX_RESULTS_FILE_BYTES).toString("utf8");
  } catch (err) {
    if (!(err instanceof RefusedFileError)) throw err;
    const why = {
      missing: "does not exist",
      symlink: "is a symbolic link",
      unreadable: `cannot be read (${err.code})`,
      "not-a-file": "is not a file",
      "too-large": "is larger than 256 MiB",
    }[err.reason];
    throw new UsageError(`${what}: '${path}' ${why}; ${HINT[what] ?? "give a results file"}`);
  }
}

const HINT: Record<string, string> = {
  "shard-timings": "give the results.json an earlier run wrote (its results-file output)",
  path: "give the results files the shards wrote (their results-file output)",
  report: "give the results files the shards wrote (their results-file output)",
};

/** The parsed value, or why the text is not JSON (the parser's first line). */
function tryJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    return { error: (err as Error).message.split("\n")[0] ?? "" };
  }
}

function parseJson(text: string, path: string, what: string): unknown {
  const parsed = tryJson(text);
  if ("error" in parsed)
    throw new UsageError(`${what}: '${path}' is not JSON (${parsed.error}); ${HINT[what]}`);
  return parsed.value;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const isTime = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;
const isNullable = (v: unknown, check: (x: unknown) => boolean) => v === null || check(v);
const isString = (v: unknown): v is string => typeof v === "string";

function shardOf(v: unknown, where: string): ShardId {
  if (
    !isObject(v) ||
    !isCount(v.index) ||
    !isCount(v.total) ||
    v.index < 1 ||
    v.index > v.total ||
    v.total > MAX_SHARDS
  )
    throw new Malformed(`${where} has no valid shard`);
  return { index: v.index, total: v.total };
}

/** The fields a command's result and a setup's share: the engine's result, the shard, the output tail. */
function checkRun(v: unknown, where: string, shard: ShardId): Record<string, unknown> {
  if (!isObject(v)) throw new Malformed(`${where} is not an object`);
  const bad = (field: string) => new Malformed(`${where} has no valid ${field}`);
  const own = shardOf(v.shard, where);
  if (own.index !== shard.index || own.total !== shard.total) throw bad("shard (not the file's)");
  if (!STATUSES.includes(v.status as RunStatus)) throw bad("status");
  if (typeof v.exitCode !== "number" || !Number.isInteger(v.exitCode)) throw bad("exitCode");
  for (const f of ["wallMs", "cpuUserMs", "cpuSystemMs"]) if (!isTime(v[f])) throw bad(f);
  if (!isNullable(v.memoryPeakBytes, isTime)) throw bad("memoryPeakBytes");
  if (!isNullable(v.pidsPeak, isCount)) throw bad("pidsPeak");
  if (!isNullable(v.reason, isString)) throw bad("reason");
  if (!isNullable(v.error, (e) => isObject(e) && isString(e.message) && isString(e.step))) throw bad("error");
  if (!Array.isArray(v.notEnforced) || !v.notEnforced.every(isString)) throw bad("notEnforced");
  for (const f of ["alpine", "cgroup", "outputTail"]) if (!isString(v[f])) throw bad(f);
  return v;
}

function checkResult(v: unknown, i: number, shard: ShardId, commands: number): FileResult {
  const where = `result ${i + 1}`;
  if (isObject(v)) {
    if (!isString(v.name)) throw new Malformed(`${where} has no valid name`);
    if (!isCount(v.position) || v.position < 1 || v.position > commands)
      throw new Malformed(`${where} has no valid position`);
  }
  return checkRun(v, where, shard) as unknown as FileResult;
}

/** The setup's result, or null: a shard without a setup, or without commands to run it for. */
function checkSetup(v: unknown, shard: ShardId): SetupResult | null {
  return v === null ? null : (checkRun(v, "the setup", shard) as unknown as SetupResult);
}

function checkNotRun(v: unknown, i: number, commands: number): NotRun {
  const where = `notRun ${i + 1}`;
  if (!isObject(v) || !isString(v.name) || !isString(v.why)) throw new Malformed(`${where} is malformed`);
  if (!isCount(v.position) || v.position < 1 || v.position > commands)
    throw new Malformed(`${where} has no valid position`);
  return { position: v.position, name: v.name, why: v.why };
}

/**
 * A parsed file: a shard's, a merged one (which a report does not take again), or not nsbox's at all
 * (`notJson` says why when it is not even JSON: a tree of artifacts holds other tools' files too).
 */
export type ReadResult =
  | { kind: "shard"; file: ShardResultsFile }
  | { kind: "merged" }
  | { kind: "other"; notJson?: string };

function classify(data: unknown): ReadResult {
  if (!isObject(data) || data.format !== RESULTS_FORMAT) return { kind: "other" };
  if ("merged" in data) return { kind: "merged" };
  const shard = shardOf(data.shard, "the file");
  if (!isCount(data.commands)) throw new Malformed("the file has no valid commands count");
  const commands = data.commands;
  if (!Array.isArray(data.results) || !Array.isArray(data.notRun))
    throw new Malformed("the file has no results or notRun list");
  if (!("setup" in data)) throw new Malformed("the file has no setup entry");
  return {
    kind: "shard",
    file: {
      format: RESULTS_FORMAT,
      shard,
      commands,
      setup: checkSetup(data.setup, shard),
      results: data.results.map((r, i) => checkResult(r, i, shard, commands)),
      notRun: data.notRun.map((n, i) => checkNotRun(n, i, commands)),
    },
  };
}

/**
 * A file named as a results file (not one found in a directory, where other tools' files are left alone)
 * that is none: its reason, not "no nsbox results file in it".
 */
export function notAResultsFile(path: string, what: string, notJson: string | undefined): UsageError {
  const why =
    notJson !== undefined
      ? `is not JSON (${notJson})`
      : `is not an nsbox results file (no format ${RESULTS_FORMAT})`;
  return new UsageError(`${what}: '${path}' ${why}; ${HINT[what] ?? "give a results file"}`);
}

/** Reads one file for `what` (the input or command naming it in errors). */
export function readResultsFile(path: string, what: string): ReadResult {
  const parsed = tryJson(readBounded(path, what));
  if ("error" in parsed) return { kind: "other", notJson: parsed.error };
  try {
    return classify(parsed.value);
  } catch (err) {
    if (err instanceof Malformed)
      throw new UsageError(
        `${what}: '${path}' is not a valid nsbox results file (${err.message}); ${HINT[what]}`,
      );
    throw err;
  }
}

/**
 * The results files under each path: a file as it is; a directory searched recursively for `*.json` (as
 * actions/download-artifact lays out one directory per artifact). Symbolic links are skipped, not
 * followed. Sorted, so a report is the same whatever order the file system lists them in.
 */
export function findResultsFiles(paths: string[], what: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      // A directory of the tree the user cannot read: its files would be missed without a word.
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(`${what}: '${dir}' cannot be read (${code}); ${HINT[what]}`);
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".json")) found.push(path);
    }
  };
  for (const p of paths) {
    let st: ReturnType<typeof lstatSync>;
    try {
      st = lstatSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Above it a directory the user may not search: it may well exist.
      const why = code === "EACCES" ? `cannot be reached (${code})` : "does not exist";
      throw new UsageError(`${what}: '${p}' ${why}; ${HINT[what]}`);
    }
    if (st.isDirectory()) walk(p);
    else found.push(p);
  }
  return [...new Set(found)].sort();
}

/**
 * An earlier run's wall times by command name, for shard-timings: a results file (a shard's or a merged
 * one) or the Action's `results` output saved as a JSON array. A name seen twice keeps its longest time.
 */
export function readTimings(path: string): Map<string, number> {
  const what = "shard-timings";
  const data = parseJson(readBounded(path, what), path, what);
  const list = Array.isArray(data)
    ? data
    : isObject(data) && data.format === RESULTS_FORMAT
      ? data.results
      : null;
  if (!Array.isArray(list)) {
    throw new UsageError(`${what}: '${path}' holds no nsbox results; ${HINT[what]}`);
  }
  const times = new Map<string, number>();
  for (const r of list) {
    if (!isObject(r) || !isString(r.name) || !isTime(r.wallMs)) {
      throw new UsageError(`${what}: '${path}' has a result without a name and wallMs; ${HINT[what]}`);
    }
    times.set(r.name, Math.max(times.get(r.name) ?? 0, r.wallMs));
  }
  return times;
}
