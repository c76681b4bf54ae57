// The report action (`uses: org/nsbox-action/report@v1`, report/action.yml): the results files of every
// shard of a matrix → one job summary, one merged results.json, JUnit when asked, the passed/failed
// outputs; the step fails when a command failed or a shard sent nothing.
import { join, resolve } from "node:path";
import * as core from "@actions/core";
import { UsageError } from "../engine/index";
import { serialize, setupName } from "../results/format";
import { toJUnit } from "../results/junit";
import { countsLine, failureSentence, loadRun, type MergedRun, missingShardsText } from "../results/report";
import { checkReportPath, writeReportFile } from "../results/write";
import { actionRunErrorText } from "./hints";
import { annotation, annotationPlan, isFailure, renderSummary } from "./report";
import { toStdout, writeInert } from "./workflow-commands";

export async function runReport(): Promise<void> {
  try {
    await report();
  } catch (err) {
    core.setFailed(err instanceof UsageError ? err.message : `nsbox report: ${(err as Error).message}`);
  }
}

async function report(): Promise<void> {
  const path = core.getInput("path").trim() || "nsbox-results";
  const junit = core.getInput("junit").trim();
  // As the main Action checks its junit (host-paths.ts): the reason a path cannot be written, up front.
  if (junit)
    checkReportPath(
      resolve(junit),
      "junit",
      "set junit to a new or regular file in a writable directory, not through a symbolic link",
      true,
    );
  const run = loadRun(
    [resolve(path)],
    "path",
    "download the shards' artifacts there with actions/download-artifact",
  );
  const { merged } = run;
  printFound(run);

  const outDir = join(process.env.RUNNER_TEMP ?? resolve("."), "nsbox-results");
  const file = join(outDir, `results-${process.env.GITHUB_RUN_ID ?? "local"}-merged-${process.pid}.json`);
  writeReportFile(file, serialize(merged), "results-file");
  core.setOutput("results-file", file);
  if (junit) {
    const xml = toJUnit({
      suite: "nsbox",
      setups: merged.setups,
      results: merged.results,
      notRun: merged.notRun,
      missingShards: merged.merged.missing.map((index) => ({ index, total: merged.merged.shards })),
      errorText: actionRunErrorText,
    });
    writeReportFile(resolve(junit), xml, "junit", true);
    core.setOutput("junit-file", resolve(junit));
  }
  core.setOutput("passed", String(run.passed));
  core.setOutput("failed", String(run.failed));
  core.setOutput("missing-shards", merged.merged.missing.join(","));

  // Each shard's failed setup is a row of its own, above the commands; a setup that passed is not shown.
  const setupRows = run.failedSetups.map((s) => ({ ...s, name: setupName(s) }));
  const results = [...setupRows, ...merged.results];
  const first = merged.setups[0] ?? merged.results[0];
  const missing = merged.merged.missing.length
    ? `${missingShardsText(merged)} sent no results: ${run.withoutResult} command(s) without a result`
    : null;
  const markdown = renderSummary({
    results,
    facts: [countsLine(run), `Alpine ${first?.alpine ?? "?"}`, `cgroup ${first?.cgroup ?? "?"}`],
    limits: null,
    warning: missing,
  });
  await core.summary
    .addRaw(markdown)
    .write()
    .catch((err) => core.warning(`could not write the job summary: ${(err as Error).message}`));

  const { each, more } = annotationPlan(results.filter(isFailure));
  for (const r of each) core.error(annotation(r), { title: `nsbox: ${r.name}` });
  const why = failureSentence(run);
  if (why) core.setFailed(more ? `${more}; ${why}` : why);
}

/**
 * The files found under `path`, one a line, inert: their names are whatever the artifacts held (a
 * sandbox's output files among them), and a non-JSON file's reason quotes its content (JSON.parse's
 * message), so a `##[error]` or `\r::add-mask::` of theirs must reach the log as text only.
 */
function printFound(run: MergedRun): void {
  core.info(`nsbox: ${run.files.length} results file(s):`);
  writeInert(toStdout, run.files.map((f) => `${f}\n`).join(""));
  if (run.ignored.length) {
    core.info(`nsbox: ${run.ignored.length} merged report(s), left out:`);
    writeInert(toStdout, run.ignored.map((f) => `${f}\n`).join(""));
  }
  if (run.notJson.length) {
    core.info(`nsbox: ${run.notJson.length} file(s) not JSON, left out:`);
    writeInert(toStdout, run.notJson.map((f) => `${f.path} (${f.why})\n`).join(""));
  }
}
