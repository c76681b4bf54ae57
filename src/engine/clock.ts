// The engine's clock. Node's `performance` global loads perf_hooks on first use (~1 ms of every start,
// in the Action's one-command path); process.hrtime reads the same monotonic clock without it.

/** Milliseconds on a monotonic clock (only differences mean anything). */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
