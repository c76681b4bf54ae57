// Pure: the shards' results files → one run. Every file must come from the same split (the same shard
// count and command count), each shard at most once and each command in at most one shard; the shards
// that sent nothing are named, not silently left out. Each shard's setup is kept, apart from the commands.
import { UsageError } from "../engine/index";
import { type MergedResultsFile, RESULTS_FORMAT, type ShardResultsFile } from "./format";

export interface ShardFile {
  path: string;
  file: ShardResultsFile;
}

const DIFFERENT_RUNS = "they come from different runs or splits; give the files of one run";

export function mergeShards(files: ShardFile[]): MergedResultsFile {
  const first = files[0];
  if (!first) throw new Error("mergeShards needs at least one file");
  const { total } = first.file.shard;
  const byShard = new Map<number, ShardFile>();
  const owner = new Map<number, ShardFile>();
  for (const f of files) {
    const { shard, commands } = f.file;
    if (shard.total !== total || commands !== first.file.commands) {
      throw new UsageError(
        `'${f.path}' is shard ${shard.index}/${shard.total} of ${commands} commands but '${first.path}' is ` +
          `${first.file.shard.index}/${total} of ${first.file.commands}: ${DIFFERENT_RUNS}`,
      );
    }
    const twin = byShard.get(shard.index);
    if (twin) {
      throw new UsageError(
        `shard ${shard.index}/${total} is in both '${twin.path}' and '${f.path}': ${DIFFERENT_RUNS}`,
      );
    }
    byShard.set(shard.index, f);
    for (const position of [...f.file.results, ...f.file.notRun].map((r) => r.position)) {
      const other = owner.get(position);
      if (other) {
        throw new UsageError(
          `command ${position} is in both '${other.path}' and '${f.path}': ${DIFFERENT_RUNS}`,
        );
      }
      owner.set(position, f);
    }
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !byShard.has(i));
  const ordered = [...byShard.keys()].sort((a, b) => a - b).map((i) => byShard.get(i) as ShardFile);
  return {
    format: RESULTS_FORMAT,
    merged: { shards: total, missing },
    commands: first.file.commands,
    setups: ordered.flatMap((f) => (f.file.setup ? [f.file.setup] : [])),
    results: ordered.flatMap((f) => f.file.results).sort((a, b) => a.position - b.position),
    notRun: ordered.flatMap((f) => f.file.notRun).sort((a, b) => a.position - b.position),
  };
}

/** How many commands no present shard accounts for: the missing shards' share. */
export function unaccounted(merged: MergedResultsFile): number {
  return merged.commands - merged.results.length - merged.notRun.length;
}
