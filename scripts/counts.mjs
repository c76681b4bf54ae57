// Test counts of each lane, kept in .cache/ so .ci/run can close with one plain total line.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const file = join(import.meta.dirname, "..", ".cache", "test-counts.json");

export function writeCounts(lane, counts) {
  const all = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  all[lane] = counts;
  mkdirSync(join(import.meta.dirname, "..", ".cache"), { recursive: true });
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}

/**
 * Each failed test of a vitest JSON report as "file > name: the failure's first line", so the run's last
 * lines say what failed even when only its tail is kept (CI shows a part of the output).
 */
export function failedTests(json, root) {
  return (json.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? [])
      .filter((t) => t.status === "failed")
      .map((t) => {
        const first = (t.failureMessages?.[0] ?? "").split("\n")[0].slice(0, 300);
        return `${relative(root, file.name)} > ${t.fullName ?? t.title}: ${first}`;
      }),
  );
}

// `node scripts/counts.mjs`: the total over the lanes, as one line, then each lane's failed tests.
if (process.argv[1] === import.meta.filename) {
  const all = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const sum = (k) => Object.values(all).reduce((n, c) => n + (c[k] ?? 0), 0);
  const rerun = Object.entries(all).filter(([, c]) => c.rerunAfter);
  const note = rerun.length
    ? ` (lanes run twice, the first run ending in: ${rerun.map(([l, c]) => `${l}, ${c.rerunAfter}`).join("; ")})`
    : "";
  console.log(`${sum("passed")} passed, ${sum("failed")} failed, ${sum("skipped")} skipped${note}`);
  for (const [lane, c] of Object.entries(all))
    for (const t of c.failedTests ?? []) console.log(`failed (${lane}): ${t}`);
}
