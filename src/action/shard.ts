// Pure: `shard: K/N` — which of the step's commands this job of a matrix runs. Every job of the matrix
// computes the same split from the same inputs, so together they run each command exactly once.
import { UsageError } from "../engine/index";
import { MAX_SHARDS, type ShardId } from "../results/format";

/** The `shard` input: empty = not sharded (1/1). */
export function parseShard(value: string): ShardId {
  const v = value.trim();
  if (v === "") return { index: 1, total: 1 };
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(v);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, shown to the user as is.
  const example = "e.g. shard: ${{ matrix.shard }}/3 with shard: [1, 2, 3] in the matrix";
  if (!m)
    throw new UsageError(`shard: '${v}' is not K/N; give this job's number and the job count, ${example}`);
  const index = Number(m[1]);
  const total = Number(m[2]);
  if (total < 1 || total > MAX_SHARDS)
    throw new UsageError(`shard: '${v}' has ${total} shards; use between 1 and ${MAX_SHARDS}`);
  if (index < 1 || index > total)
    throw new UsageError(
      `shard: '${v}' is not one of the ${total} shards; use 1/${total} to ${total}/${total}`,
    );
  return { index, total };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The shard each command goes to (1-based, by the command's index). Longest processing time first: the
 * commands, longest first (ties in list order), each onto the shard with the least time so far (ties: the
 * one with fewer commands, then the lower number). A command the timings do not know counts as their
 * median; without timings every command weighs the same, which deals them out round-robin.
 */
export function assignShards(names: string[], total: number, timings: Map<string, number> | null): number[] {
  const known = names.map((n) => timings?.get(n)).filter((t): t is number => t !== undefined);
  const fallback = known.length ? median(known) : 1;
  const weight = names.map((n) => timings?.get(n) ?? fallback);
  const order = names.map((_, i) => i).sort((a, b) => (weight[b] as number) - (weight[a] as number) || a - b);
  const load = new Array<number>(total).fill(0);
  const count = new Array<number>(total).fill(0);
  const shardOf = new Array<number>(names.length).fill(0);
  for (const i of order) {
    let best = 0;
    for (let s = 1; s < total; s++) {
      const lighter = (load[s] as number) < (load[best] as number);
      const tie = load[s] === load[best] && (count[s] as number) < (count[best] as number);
      if (lighter || tie) best = s;
    }
    load[best] = (load[best] as number) + (weight[i] as number);
    count[best] = (count[best] as number) + 1;
    shardOf[i] = best + 1;
  }
  return shardOf;
}

/** How many of the names the timings know: none known means the split fell back to counts. */
export function timedCount(names: string[], timings: Map<string, number>): number {
  return names.filter((n) => timings.has(n)).length;
}
