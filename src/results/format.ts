// The results file: what one run (or one shard of a run) hands on to `nsbox report` and to the next run's
// shard-timings. Plain JSON, recognised by its `format` marker, so a report can find every shard's file in
// a directory tree of downloaded artifacts. Shared by the Action, the report action and the CLI.
import type { RunResult } from "../engine/index";

export const RESULTS_FORMAT = "nsbox-results/1";

/** GitHub runs at most 256 jobs of one matrix: no run has more shards (a file claiming more is not ours). */
export const MAX_SHARDS = 256;

/** Which of a matrix's jobs ran a command: the K and N of `shard: K/N` (1/1 when not sharded). */
export interface ShardId {
  index: number;
  total: number;
}

/** One command's result: the engine's, its name, its 1-based place in the step's list, and its shard. */
export type CommandResult = RunResult & { name: string; position: number; shard: ShardId };

/** A result in the file also keeps the last lines of its output (for the summary and JUnit's system-out). */
export type FileResult = CommandResult & { outputTail: string };

/**
 * The setup script's result in one shard: the engine's, the shard, and its last lines of output. The setup
 * is no command: it has no name or place in the step's list, and no count of commands includes it.
 */
export type SetupResult = RunResult & { shard: ShardId; outputTail: string };

/** How summaries, JUnit and messages name a setup: "setup", or "setup (shard 2/3)" in a sharded step. */
export function setupName(s: SetupResult): string {
  return s.shard.total > 1 ? `setup (shard ${s.shard.index}/${s.shard.total})` : "setup";
}

/** A command of the shard that never ran (fail-fast, a cancelled run). */
export interface NotRun {
  position: number;
  name: string;
  why: string;
}

/** One run's file: its shard, how many commands all shards have together, its setup and its own commands. */
export interface ShardResultsFile {
  format: typeof RESULTS_FORMAT;
  shard: ShardId;
  commands: number;
  setup: SetupResult | null; // null: no setup, or no command in this shard to run it for
  results: FileResult[];
  notRun: NotRun[];
}

/** What `nsbox report` writes: every shard's setup and commands, and the shards that sent nothing. */
export interface MergedResultsFile {
  format: typeof RESULTS_FORMAT;
  merged: { shards: number; missing: number[] };
  commands: number;
  setups: SetupResult[]; // in shard order: one per shard that ran a setup
  results: FileResult[];
  notRun: NotRun[];
}

export function serialize(file: ShardResultsFile | MergedResultsFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
