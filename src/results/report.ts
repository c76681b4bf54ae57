// A merged report, the part the report action and `nsbox report` share: find the shards' results files,
// merge them, count, and say in one sentence what failed. Each front end prints it its own way.
import { UsageError } from "../engine/index";
import { type MergedResultsFile, type SetupResult, setupName } from "./format";
import { mergeShards, type ShardFile, unaccounted } from "./merge";
import { findResultsFiles, notAResultsFile, readResultsFile } from "./read";

export interface MergedRun {
  merged: MergedResultsFile;
  files: string[];
  /** Merged results files found among the inputs, left out (a report never merges its own output). */
  ignored: string[];
  /** Files that are not JSON at all, left out like other tools' files, with the parser's reason. */
  notJson: Array<{ path: string; why: string }>;
  /** Commands only: a setup is never counted as one. */
  passed: number;
  failed: number;
  /** Each shard's setup that failed (its commands are in notRun). */
  failedSetups: SetupResult[];
  notRun: number;
  /** Commands of the missing shards: no file says what became of them. */
  withoutResult: number;
}

/** `what` names the input or command in errors; `emptyHint` says how to get files there. */
export function loadRun(paths: string[], what: string, emptyHint: string): MergedRun {
  const shards: ShardFile[] = [];
  const ignored: string[] = [];
  const notJson: MergedRun["notJson"] = [];
  const named = new Set(paths); // files given by name, not found by searching a directory
  for (const path of findResultsFiles(paths, what)) {
    const read = readResultsFile(path, what);
    if (read.kind === "shard") shards.push({ path, file: read.file });
    else if (read.kind === "merged") ignored.push(path);
    else if (named.has(path)) throw notAResultsFile(path, what, read.notJson);
    else if (read.notJson !== undefined) notJson.push({ path, why: read.notJson });
  }
  if (shards.length === 0) {
    throw new UsageError(`${what}: no nsbox results file in '${paths.join("', '")}'; ${emptyHint}`);
  }
  const merged = mergeShards(shards);
  const failed = merged.results.filter((r) => r.status !== "ok").length;
  return {
    merged,
    files: shards.map((s) => s.path),
    ignored,
    notJson,
    passed: merged.results.length - failed,
    failed,
    failedSetups: merged.setups.filter((s) => s.status !== "ok"),
    notRun: merged.notRun.length,
    withoutResult: unaccounted(merged),
  };
}

/** "shard 3/3", "shards 2/3 and 3/3", or past ten "shards 1/200, …, 8/200 and 150 more". */
export function missingShardsText(merged: MergedResultsFile): string {
  const names = merged.merged.missing.map((i) => `${i}/${merged.merged.shards}`);
  if (names.length <= 1) return `shard ${names.join("")}`;
  if (names.length > 10) return `shards ${names.slice(0, 8).join(", ")} and ${names.length - 8} more`;
  return `shards ${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** The counts, as one line. */
export function countsLine(run: MergedRun): string {
  const parts = [`${run.passed} passed`, `${run.failed} failed`];
  if (run.notRun) parts.push(`${run.notRun} not run`);
  if (run.withoutResult) parts.push(`${run.withoutResult} without a result`);
  return `${parts.join(", ")} of ${run.merged.commands} command(s) in ${run.merged.merged.shards} shard(s)`;
}

/** "setup (shard 2/3) failed (failed, exit 4)": what became of a failed setup. */
function setupFailureText(s: SetupResult): string {
  return `${setupName(s)} failed (${s.status}, exit ${s.exitCode}): its commands did not run`;
}

/** Why the report fails (a failed setup or command, a missing shard), or null when everything passed. */
export function failureSentence(run: MergedRun): string | null {
  const parts = run.failedSetups.map(setupFailureText);
  if (run.failed) parts.push(`${run.failed} of ${run.merged.commands} command(s) failed`);
  if (run.merged.merged.missing.length) {
    parts.push(
      `${missingShardsText(run.merged)} sent no results (${run.withoutResult} command(s) without a result): ` +
        "its job failed before writing them, or its artifact was not downloaded",
    );
  }
  return parts.length ? parts.join("; ") : null;
}
