// Test counts of each lane, kept in .cache/ so .ci/run can close with one plain total line.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const file = join(import.meta.dirname, "..", ".cache", "test-counts.json");

export function writeCounts(lane, counts) {
  const all = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  all[lane] = counts;
  mkdirSync(join(import.meta.dirname, "..", ".cache"), { recursive: true });
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}

// `node scripts/counts.mjs`: the total over the lanes, as one line.
if (process.argv[1] === import.meta.filename) {
  const all = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const sum = (k) => Object.values(all).reduce((n, c) => n + (c[k] ?? 0), 0);
  const rerun = Object.entries(all).filter(([, c]) => c.rerunAfter);
  const note = rerun.length
    ? ` (lanes run twice, the first run ending in: ${rerun.map(([l, c]) => `${l}, ${c.rerunAfter}`).join("; ")})`
    : "";
  console.log(`${sum("passed")} passed, ${sum("failed")} failed, ${sum("skipped")} skipped${note}`);
}
