// Small statistics helpers: quantiles by linear interpolation (same as numpy's default).

export function quantile(samples, q) {
  if (samples.length === 0) return Number.NaN;
  const s = [...samples].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export const median = (samples) => quantile(samples, 0.5);

/** n, median, p10, p90, mean, min, max — rounded for the JSON. */
export function summarize(samples, digits = 3) {
  const r = (x) => Number(x.toFixed(digits));
  const mean = samples.reduce((a, b) => a + b, 0) / (samples.length || 1);
  return {
    n: samples.length,
    median: r(median(samples)),
    p10: r(quantile(samples, 0.1)),
    p90: r(quantile(samples, 0.9)),
    mean: r(mean),
    min: r(Math.min(...samples)),
    max: r(Math.max(...samples)),
  };
}

/**
 * Runs the contenders in interleaved blocks (A×block, B×block, C×block, then the next round with the
 * order rotated) so slow drift of the machine hits every contender alike. `fns` maps name → async () => ms.
 */
export async function interleaved(fns, { n, block, warmup = 10 }) {
  const names = Object.keys(fns);
  const samples = Object.fromEntries(names.map((k) => [k, []]));
  for (const k of names) for (let i = 0; i < warmup; i++) await fns[k]();
  let round = 0;
  while (names.some((k) => samples[k].length < n)) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const k of order) {
      const todo = Math.min(block, n - samples[k].length);
      for (let i = 0; i < todo; i++) samples[k].push(await fns[k]());
    }
    round++;
  }
  return samples;
}
