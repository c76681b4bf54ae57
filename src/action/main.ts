// The Action's main step: inputs → sandboxes → live log groups, outputs, results.json, job summary,
// annotations. The only code (with post.ts) that talks to the runner through @actions/core.
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as core from "@actions/core";
import { DEFAULT_TMPFS_BYTES, makeDirs, type RunResult, randomBytes, UsageError } from "../engine/index";
import {
  type FileResult,
  type NotRun,
  RESULTS_FORMAT,
  type SetupResult,
  type ShardResultsFile,
  serialize,
  setupName,
} from "../results/format";
import { toJUnit } from "../results/junit";
import { writeReportFile } from "../results/write";
import { loadYaml, needsYaml } from "./commands";
import { State } from "./constants";
import { actionErrorText, actionRunErrorText } from "./hints";
import { checkCacheDir, checkHostPaths } from "./host-paths";
import { CommandLog } from "./output";
import { type ActionPlan, buildPlan, type PlannedCommand } from "./plan";
import { detectPrivilege, ROOTLESS_LIMITS, runPlanWithSudo, type WorkerExit } from "./privilege";
import { annotation, annotationPlan, isFailure, renderSummary, type SummaryInput } from "./report";
import { type NamedResult, type PlanEvent, runPlan, type SkipReason } from "./runner";
import { Tail } from "./tail";
import { guardWorkspace } from "./workspace-guard";

// The bundle this code runs in (dist/action.cjs): the sudo worker is the same file with a flag.
const entry = fileURLToPath(import.meta.url);

/** The Action's main step (the actions/typescript-action shape: index.ts dispatches, this runs). */
export async function run(): Promise<void> {
  let plan: ActionPlan;
  try {
    if (needsYaml(core.getInput("commands"))) await loadYaml();
    plan = buildPlan((name) => core.getInput(name), process.env);
    checkHostPaths(plan);
  } catch (err) {
    core.setFailed(actionErrorText(err));
    return;
  }
  const privilege = detectPrivilege();
  core.saveState(State.Privilege, privilege);
  try {
    checkCacheDir(plan, privilege);
  } catch (err) {
    core.setFailed(actionErrorText(err));
    return;
  }
  core.saveState(State.CacheDir, plan.session.cacheDir ?? "");
  const share =
    plan.shard.total > 1 ? ` of ${plan.totalCommands} (shard ${plan.shard.index}/${plan.shard.total})` : "";
  core.info(`nsbox: ${plan.commands.length} command(s)${share}, privileges: ${privilege}`);
  for (const note of plan.notes) core.warning(note);
  if (privilege === "rootless") core.warning(ROOTLESS_LIMITS);

  // The temp dir's path is in the state before the dir exists, so a kill at any instant leaves nothing
  // the post step does not know (a mkdtemp, then the save, left an empty dir to a kill in between).
  const temp = join(process.env.RUNNER_TEMP ?? tmpdir(), `nsbox-${randomBytes(8).toString("hex")}`);
  core.saveState(State.TempDir, temp);
  mkdirSync(temp, { mode: 0o700 });
  chmodSync(temp, 0o755); // the clean git configs in it are bind-mounted into the sandbox
  try {
    if (!guardMounts(plan, temp)) return;
    // A shard can be left without commands (fewer commands than shards): nothing to start a session for,
    // nor to run the setup for.
    const run = plan.commands.length ? await execute(plan, privilege, temp) : NOTHING_RUN;
    if (run) await report(plan, run, temp, privilege);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** Adds the workspace guard's mounts (clean git configs, masks, read-only .git); false: step failed. */
function guardMounts(plan: ActionPlan, temp: string): boolean {
  if (!plan.workspaceHost) return true;
  try {
    const guard = guardWorkspace(plan.workspaceHost, plan.workspace, temp);
    for (const w of guard.warnings) core.warning(w);
    plan.mounts.push(...guard.mounts);
    return true;
  } catch (err) {
    const why =
      err instanceof UsageError
        ? actionErrorText(err)
        : `the workspace could not be prepared: ${(err as Error).message}`;
    core.setFailed(why);
    return false;
  }
}

interface Executed {
  setup: SetupResult | null;
  results: FileResult[]; // with their last lines of output, for the summary, results file and JUnit
  notRun: NotRun[];
  skipWhy: SkipReason | null; // why the commands without a result did not run
}

const NOTHING_RUN: Executed = { setup: null, results: [], skipWhy: null, notRun: [] };

async function execute(plan: ActionPlan, privilege: string, temp: string): Promise<Executed | null> {
  const results: Array<NamedResult | undefined> = [];
  const live = Math.min(plan.parallel, plan.commands.length) === 1;
  // The runner cancels a job with SIGINT, then SIGTERM: stop the sandboxes and the log's copying, then
  // still report.
  const abort = new AbortController();
  for (const s of ["SIGTERM", "SIGINT"] as const) process.once(s, () => abort.abort(s));
  const log = new CommandLog(plan.commands, live ? null : temp, abort.signal);
  let setup: RunResult | null = null;
  let skipWhy: SkipReason | null = null;
  const workerStderr = new Tail(16 * 1024);
  let fatal: string | null = null;
  let alpine = "";
  const notRun: NotRun[] = [];
  const emit = (e: PlanEvent): void | Promise<void> => {
    if (e.t === "session") {
      alpine = e.alpine;
      core.info(`nsbox: Alpine ${alpine}`);
    } else if (e.t === "setup-result") {
      setup = e.result;
    } else if (e.t === "result") {
      results[e.i] = e.result;
    } else if (e.t === "skipped") {
      skipWhy = e.why;
      const c = plan.commands[e.i];
      if (c) notRun.push({ position: c.position, name: c.name, why: e.why });
    } else if (e.t === "fatal") {
      fatal = e.message;
    }
    return log.handle(e);
  };
  // The sudo worker died (killed, crashed) without a word of its own: what it reported still is.
  let died: string | null = null;
  try {
    if (privilege === "sudo") {
      const exit = await runPlanWithSudo(plan, entry, emit, (c) => workerStderr.push(c), abort.signal);
      died = workerDeath(exit);
    } else {
      await runPlan(plan, emit, abort.signal);
    }
  } catch (err) {
    fatal = actionErrorText(err);
  } finally {
    await log.drain();
    log.dispose();
  }
  const stderr = workerStderr.text(200);
  if (stderr) await log.printForeign("nsbox: the sudo worker's stderr", `${stderr}\n`);
  const ran = setup as RunResult | null; // set by emit: TypeScript cannot see it
  const nothingReported = !ran && results.length === 0;
  // Commands with neither a result nor a reason they did not run: the worker ended without a word on
  // them, killed (died) or exiting as if done (sudo, stopped by a cancel before it started the worker,
  // exits 0). runPlan itself reports every command or throws.
  const missing = plan.commands.filter(
    (c, i) => !results[i] && !notRun.some((n) => n.position === c.position),
  );
  const unreported = missing.length
    ? abort.signal.aborted
      ? `the step was cancelled (${String(abort.signal.reason)})`
      : "the sudo worker ended without reporting its commands"
    : null;
  const lost = died ?? unreported;
  const count = missing.length
    ? `: ${missing.length} of ${plan.commands.length} command(s) have no result`
    : "";
  if (fatal || (lost && nothingReported)) {
    core.setFailed(fatal ?? `${lost}${count}`);
    return null;
  }
  if (lost) {
    // Finished commands are reported; those left without a result (the one it was running, the rest)
    // are not run, for this reason, and the step fails with it.
    for (const c of missing) notRun.push({ position: c.position, name: c.name, why: lost });
    core.setFailed(`${lost}${count}`);
  }
  core.setOutput("alpine-version", alpine);
  return {
    setup: ran && { ...ran, shard: plan.shard, outputTail: log.setupTail.text() },
    results: results.flatMap((r, i) => (r ? [{ ...r, outputTail: log.tails[i]?.text() ?? "" }] : [])),
    skipWhy,
    notRun: notRun.sort((a, b) => a.position - b.position),
  };
}

/** Why the sudo worker ended early, or null: it ended as it should (its own errors come as events). */
function workerDeath(exit: WorkerExit): string | null {
  if (exit.signal) return `the sudo worker was killed by ${exit.signal}`;
  return exit.code === 0 ? null : `the sudo worker exited with code ${exit.code}`;
}

/**
 * The summary's limits: the step's, with what they came to in a sandbox that ran under them (the setup,
 * or a command without limits of its own: never one whose own memory or pids replaced the defaults), and
 * each command's own.
 */
function summaryLimits(plan: ActionPlan, run: Executed): SummaryInput["limits"] {
  const hasOwn = (c: PlannedCommand) => JSON.stringify(c.limits) !== JSON.stringify(plan.limits);
  const appliedAt = (c: PlannedCommand) => run.results.find((r) => r.position === c.position)?.limits ?? null;
  const stepApplied =
    run.setup?.limits ??
    plan.commands
      .filter((c) => !hasOwn(c))
      .map(appliedAt)
      .find((a) => a !== null) ??
    null;
  return {
    step: plan.limits,
    stepApplied,
    everyCommandHasOwn: plan.setup === null && plan.commands.every(hasOwn),
    overrides: plan.commands
      .filter(hasOwn)
      .map((c) => ({ name: c.name, limits: c.limits, applied: appliedAt(c) })),
    defaultTmpfsBytes: DEFAULT_TMPFS_BYTES,
  };
}

async function report(plan: ActionPlan, run: Executed, temp: string, privilege: string) {
  const clean = run.results;
  const failed = clean.filter(isFailure);
  const failedSetup = run.setup && isFailure(run.setup) ? run.setup : null;
  const outDir = join(process.env.RUNNER_TEMP ?? temp, "nsbox-results");
  makeDirs(outDir);
  const { shard } = plan;
  const stem = `results-${process.env.GITHUB_RUN_ID ?? "local"}-${shard.index}of${shard.total}-${process.pid}`;
  const file = join(outDir, `${stem}.json`);
  const record: ShardResultsFile = {
    format: RESULTS_FORMAT,
    shard,
    commands: plan.totalCommands,
    setup: run.setup,
    results: clean,
    notRun: run.notRun,
  };
  writeFileSync(file, serialize(record));
  core.setOutput("results", JSON.stringify(clean.map(({ outputTail: _, ...r }) => r)));
  core.setOutput("results-file", file);
  if (plan.junitFile) {
    const suite = shard.total > 1 ? `nsbox shard ${shard.index}/${shard.total}` : "nsbox";
    try {
      const setups = run.setup ? [run.setup] : [];
      const xml = toJUnit({
        suite,
        setups,
        results: clean,
        notRun: run.notRun,
        errorText: actionRunErrorText,
      });
      writeReportFile(plan.junitFile, xml, "junit", true);
      core.setOutput("junit-file", plan.junitFile);
    } catch (err) {
      core.setFailed((err as Error).message);
    }
  }
  // A failed setup's exit code, as the CLI's --setup exits with it; else the first failing command's.
  const exitCode = (failedSetup ?? failed[0])?.exitCode;
  core.setOutput("exit-code", String(exitCode ?? 0));
  core.setOutput("passed", String(clean.length - failed.length));
  core.setOutput("failed", String(failed.length));
  // Empty without outputs: nothing was copied there (an upload of it would find no files).
  core.setOutput("artifacts-dir", plan.outputs?.dir ?? "");

  const skipped = plan.commands.length - clean.length;
  const first = run.setup ?? clean[0];
  const facts = [
    ...(shard.total > 1
      ? [`shard ${shard.index}/${shard.total}: ${plan.commands.length} of ${plan.totalCommands} commands`]
      : []),
    `Alpine ${first?.alpine ?? "?"}`,
    `${clean.length - failed.length} passed, ${failed.length} failed${skipped ? `, ${skipped} not run${run.skipWhy === "setup failed" ? " (setup failed)" : ""}` : ""}`,
    `cgroup ${first?.cgroup ?? "?"}`,
    `network ${plan.session.network}`,
    `privileges ${privilege}`,
  ];
  // The setup is a row of its own, above the commands, and no command.
  const setupRow = run.setup ? [{ ...run.setup, name: setupName(run.setup) }] : [];
  const markdown = renderSummary({
    results: [...setupRow, ...clean],
    facts,
    limits: summaryLimits(plan, run),
    warning: privilege === "rootless" ? ROOTLESS_LIMITS : null,
  });
  await core.summary
    .addRaw(markdown)
    .write()
    .catch((err) => core.warning(`could not write the job summary: ${(err as Error).message}`));

  const { each, more } = annotationPlan([...setupRow.filter(isFailure), ...failed]);
  for (const r of each) core.error(annotation(r), { title: `nsbox: ${r.name}` });
  const cancelled = failed.filter((r) => r.status === "cancelled").length;
  const cancelledUnrun = run.notRun.filter((n) => n.why === "cancelled").length;
  const verdict = `${failed.length} of ${plan.commands.length} command(s) failed${cancelled ? ` (${cancelled} cancelled)` : ""}`;
  // The step's failure is itself an error annotation: with more failures than annotations, it is the
  // "and N more" one, so the total stays within the runner's 10.
  if (failedSetup) {
    // Whatever fail-on-error says: no command ran, so there is nothing to grade.
    core.setFailed(
      `setup failed (${failedSetup.status}, exit ${failedSetup.exitCode}); none of the ${skipped} command(s) ran`,
    );
  } else if (failed.length > 0 && plan.failOnError) core.setFailed(more ? `${more}; ${verdict}` : verdict);
  else if (cancelled + cancelledUnrun > 0)
    // A run cut short is no grade, whatever fail-on-error says (it tolerates failing commands); and a cancel
    // that came between two commands leaves none failed: what ran passed, the rest never ran.
    core.setFailed(
      `the step was cancelled: ${cancelled} command(s) stopped, ${cancelledUnrun} of ${plan.commands.length} not run`,
    );
  else if (more) core.error(`${more}; ${verdict}`, { title: "nsbox" });
}
