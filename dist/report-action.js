import { createRequire as __nsboxCreateRequire } from "node:module";
import { dirname as __nsboxDirname } from "node:path";
import { fileURLToPath as __nsboxFileURLToPath } from "node:url";
const require = __nsboxCreateRequire(import.meta.url);
const __filename = __nsboxFileURLToPath(import.meta.url);
const __dirname = __nsboxDirname(__filename);
import {
  RESULTS_FORMAT,
  annotation,
  annotationPlan,
  findResultsFiles,
  isFailure,
  readResultsFile,
  renderSummary,
  serialize,
  setupName,
  toJUnit,
  writeReportFile
} from "./chunk-NJFEACQC.js";
import {
  UsageError,
  error,
  getInput,
  info,
  setFailed,
  setOutput,
  summary,
  warning
} from "./chunk-OKCVBC3W.js";
import "./chunk-H242IAHX.js";

// src/action/merge-main.ts
import { join, resolve } from "node:path";

// src/results/merge.ts
var DIFFERENT_RUNS = "they come from different runs or splits; give the files of one run";
function mergeShards(files) {
  const first = files[0];
  if (!first) throw new Error("mergeShards needs at least one file");
  const { total } = first.file.shard;
  const byShard = /* @__PURE__ */ new Map();
  const owner = /* @__PURE__ */ new Map();
  for (const f of files) {
    const { shard, commands } = f.file;
    if (shard.total !== total || commands !== first.file.commands) {
      throw new UsageError(
        `'${f.path}' is shard ${shard.index}/${shard.total} of ${commands} commands but '${first.path}' is ${first.file.shard.index}/${total} of ${first.file.commands}: ${DIFFERENT_RUNS}`
      );
    }
    const twin = byShard.get(shard.index);
    if (twin) {
      throw new UsageError(
        `shard ${shard.index}/${total} is in both '${twin.path}' and '${f.path}': ${DIFFERENT_RUNS}`
      );
    }
    byShard.set(shard.index, f);
    for (const position of [...f.file.results, ...f.file.notRun].map((r) => r.position)) {
      const other = owner.get(position);
      if (other) {
        throw new UsageError(
          `command ${position} is in both '${other.path}' and '${f.path}': ${DIFFERENT_RUNS}`
        );
      }
      owner.set(position, f);
    }
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !byShard.has(i));
  const ordered = [...byShard.keys()].sort((a, b) => a - b).map((i) => byShard.get(i));
  return {
    format: RESULTS_FORMAT,
    merged: { shards: total, missing },
    commands: first.file.commands,
    setups: ordered.flatMap((f) => f.file.setup ? [f.file.setup] : []),
    results: ordered.flatMap((f) => f.file.results).sort((a, b) => a.position - b.position),
    notRun: ordered.flatMap((f) => f.file.notRun).sort((a, b) => a.position - b.position)
  };
}
function unaccounted(merged) {
  return merged.commands - merged.results.length - merged.notRun.length;
}

// src/results/report.ts
function loadRun(paths, what, emptyHint) {
  const shards = [];
  const ignored = [];
  const notJson = [];
  for (const path of findResultsFiles(paths, what)) {
    const read = readResultsFile(path, what);
    if (read.kind === "shard") shards.push({ path, file: read.file });
    else if (read.kind === "merged") ignored.push(path);
    else if (read.notJson !== void 0) notJson.push({ path, why: read.notJson });
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
    withoutResult: unaccounted(merged)
  };
}
function missingShardsText(merged) {
  const names = merged.merged.missing.map((i) => `${i}/${merged.merged.shards}`);
  if (names.length <= 1) return `shard ${names.join("")}`;
  return `shards ${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
function countsLine(run) {
  const parts = [`${run.passed} passed`, `${run.failed} failed`];
  if (run.notRun) parts.push(`${run.notRun} not run`);
  if (run.withoutResult) parts.push(`${run.withoutResult} without a result`);
  return `${parts.join(", ")} of ${run.merged.commands} command(s) in ${run.merged.merged.shards} shard(s)`;
}
function setupFailureText(s) {
  return `${setupName(s)} failed (${s.status}, exit ${s.exitCode}): its commands did not run`;
}
function failureSentence(run) {
  const parts = run.failedSetups.map(setupFailureText);
  if (run.failed) parts.push(`${run.failed} of ${run.merged.commands} command(s) failed`);
  if (run.merged.merged.missing.length) {
    parts.push(
      `${missingShardsText(run.merged)} sent no results (${run.withoutResult} command(s) without a result): its job failed before writing them, or its artifact was not downloaded`
    );
  }
  return parts.length ? parts.join("; ") : null;
}

// src/action/merge-main.ts
async function runReport() {
  try {
    await report();
  } catch (err) {
    setFailed(err instanceof UsageError ? err.message : `nsbox report: ${err.message}`);
  }
}
async function report() {
  const path = getInput("path").trim() || "nsbox-results";
  const junit = getInput("junit").trim();
  const run = loadRun(
    [resolve(path)],
    "path",
    "download the shards' artifacts there with actions/download-artifact"
  );
  const { merged } = run;
  info(`nsbox: ${run.files.length} results file(s): ${run.files.join(", ")}`);
  for (const f of run.ignored) info(`nsbox: ${f} is a merged report, left out`);
  for (const f of run.notJson) info(`nsbox: ${f.path} is not JSON (${f.why}), left out`);
  const outDir = join(process.env.RUNNER_TEMP ?? resolve("."), "nsbox-results");
  const file = join(outDir, `results-${process.env.GITHUB_RUN_ID ?? "local"}-merged-${process.pid}.json`);
  writeReportFile(file, serialize(merged), "results-file");
  setOutput("results-file", file);
  if (junit) {
    const xml = toJUnit({
      suite: "nsbox",
      setups: merged.setups,
      results: merged.results,
      notRun: merged.notRun,
      missingShards: merged.merged.missing.map((index) => ({ index, total: merged.merged.shards }))
    });
    writeReportFile(resolve(junit), xml, "junit", true);
    setOutput("junit-file", resolve(junit));
  }
  setOutput("passed", String(run.passed));
  setOutput("failed", String(run.failed));
  setOutput("missing-shards", merged.merged.missing.join(","));
  const setupRows = run.failedSetups.map((s) => ({ ...s, name: setupName(s) }));
  const results = [...setupRows, ...merged.results];
  const first = merged.setups[0] ?? merged.results[0];
  const missing = merged.merged.missing.length ? `${missingShardsText(merged)} sent no results: ${run.withoutResult} command(s) without a result` : null;
  const markdown = renderSummary({
    results,
    facts: [countsLine(run), `Alpine ${first?.alpine ?? "?"}`, `cgroup ${first?.cgroup ?? "?"}`],
    limits: null,
    warning: missing
  });
  await summary.addRaw(markdown).write().catch((err) => warning(`could not write the job summary: ${err.message}`));
  const { each, more } = annotationPlan(results.filter(isFailure));
  for (const r of each) error(annotation(r), { title: `nsbox: ${r.name}` });
  const why = failureSentence(run);
  if (why) setFailed(more ? `${more}; ${why}` : why);
}

// src/action/merge-index.ts
await runReport();
