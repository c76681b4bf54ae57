// The Action's main step: inputs → sandboxes → live log groups, outputs, results.json, job summary,
// annotations. The only code (with post.ts) that talks to the runner through @actions/core.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as core from "@actions/core";
import { UsageError } from "../engine/types";
import { State } from "./constants";
import { buildPlan } from "./plan";
import { detectPrivilege, ROOTLESS_LIMITS, runPlanWithSudo } from "./privilege";
import { annotation, escapeHtml, isFailure, SUMMARY_HEADER, summaryRows, Tail } from "./report";
import { type NamedResult, type PlanEvent, runPlan, type SkipReason } from "./runner";
import { guardWorkspace } from "./workspace-guard";

// The bundle this code runs in (dist/action.js): the sudo worker is the same file with a flag.
const entry = fileURLToPath(import.meta.url);

/** The Action's main step (the actions/typescript-action shape: index.ts dispatches, this runs). */
export async function run(): Promise<void> {
  let plan: ReturnType<typeof buildPlan>;
  try {
    plan = buildPlan((name) => core.getInput(name), process.env);
  } catch (err) {
    core.setFailed(err instanceof UsageError ? err.message : String(err));
    return;
  }
  const privilege = detectPrivilege();
  core.saveState(State.Privilege, privilege);
  core.saveState(State.CacheDir, plan.session.cacheDir ?? "");
  core.info(`nsbox: ${plan.commands.length} command(s), privileges: ${privilege}`);
  if (privilege === "rootless") core.warning(ROOTLESS_LIMITS);

  const temp = mkdtempSync(join(process.env.RUNNER_TEMP ?? tmpdir(), "nsbox-"));
  chmodSync(temp, 0o755); // the clean git configs in it are bind-mounted into the sandbox
  core.saveState(State.TempDir, temp);
  try {
    if (!guardMounts(plan, temp)) return;
    const run = await execute(plan, privilege);
    if (run) await report(plan, run, temp, privilege);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** Adds the workspace guard's mounts (clean git configs, masks, read-only .git); false: step failed. */
function guardMounts(plan: ReturnType<typeof buildPlan>, temp: string): boolean {
  if (!plan.workspaceHost) return true;
  try {
    const guard = guardWorkspace(plan.workspaceHost, plan.workspace, temp);
    for (const w of guard.warnings) core.warning(w);
    plan.mounts.push(...guard.mounts);
    return true;
  } catch (err) {
    const why =
      err instanceof UsageError
        ? err.message
        : `the workspace could not be prepared: ${(err as Error).message}`;
    core.setFailed(why);
    return false;
  }
}

interface Executed {
  results: NamedResult[];
  tails: Map<NamedResult, string>; // last lines of output, for failures in the summary
  skipWhy: SkipReason | null; // why the commands without a result did not run
}

async function execute(plan: ReturnType<typeof buildPlan>, privilege: string): Promise<Executed | null> {
  const results: Array<NamedResult | undefined> = [];
  const tails = plan.commands.map(() => new Tail());
  const buffered = plan.commands.map(() => [] as string[]);
  // The setup runs alone, so its output is streamed even when commands run in parallel.
  const live = (i: number) => plan.parallel === 1 || plan.commands[i]?.setup !== undefined;
  let skipWhy: SkipReason | null = null;
  let fatal: string | null = null;
  let alpine = "";
  const emit = (e: PlanEvent) => {
    switch (e.t) {
      case "progress":
        core.info(`nsbox: ${e.message}`);
        break;
      case "session":
        alpine = e.alpine;
        core.info(`nsbox: Alpine ${alpine}`);
        break;
      case "start":
        if (live(e.i)) core.startGroup(`▶ ${plan.commands[e.i]?.name}`);
        break;
      case "out": {
        const text = Buffer.from(e.d, "base64").toString();
        tails[e.i]?.push(text);
        if (live(e.i)) process.stdout.write(text);
        else buffered[e.i]?.push(text);
        break;
      }
      case "result":
        results[e.i] = e.result;
        if (!live(e.i)) {
          core.startGroup(`▶ ${e.result.name}`);
          process.stdout.write(buffered[e.i]?.join("") ?? "");
        }
        core.info(
          `⮑ ${e.result.status}, exit ${e.result.exitCode}${e.result.reason ? ` (${e.result.reason})` : ""}`,
        );
        core.endGroup();
        break;
      case "skipped":
        skipWhy = e.why;
        core.info(`nsbox: skipped ${plan.commands[e.i]?.name} (${e.why})`);
        break;
      case "fatal":
        fatal = e.message;
        break;
    }
  };
  const abort = new AbortController();
  for (const s of ["SIGTERM", "SIGINT"] as const) process.once(s, () => abort.abort());
  try {
    if (privilege === "sudo") await runPlanWithSudo(plan, entry, emit, abort.signal);
    else await runPlan(plan, emit, abort.signal);
  } catch (err) {
    fatal = (err as Error).message;
  }
  if (fatal) {
    core.setFailed(fatal);
    return null;
  }
  core.setOutput("alpine-version", alpine);
  const done: Executed = { results: [], tails: new Map(), skipWhy };
  results.forEach((r, i) => {
    if (!r) return;
    done.results.push(r);
    done.tails.set(r, tails[i]?.lines() ?? "");
  });
  return done;
}

async function report(plan: ReturnType<typeof buildPlan>, run: Executed, temp: string, privilege: string) {
  const clean = run.results;
  const failed = clean.filter(isFailure);
  const firstFailure = failed[0];
  const outDir = join(process.env.RUNNER_TEMP ?? temp, "nsbox-results");
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `results-${process.env.GITHUB_RUN_ID ?? "local"}-${process.pid}.json`);
  writeFileSync(file, `${JSON.stringify(clean, null, 2)}\n`);
  core.setOutput("results", JSON.stringify(clean));
  core.setOutput("results-file", file);
  core.setOutput("exit-code", String(firstFailure?.exitCode ?? 0));
  core.setOutput("passed", String(clean.length - failed.length));
  core.setOutput("failed", String(failed.length));
  core.setOutput("artifacts-dir", plan.artifactsDir);

  const summary = core.summary.addHeading("nsbox results", 3);
  summary.addTable([SUMMARY_HEADER.map((h) => ({ data: h, header: true })), ...summaryRows(clean)]);
  const skipped = plan.commands.length - clean.length;
  const facts = [
    `Alpine ${clean[0]?.alpine ?? "?"}`,
    `${clean.length - failed.length} passed, ${failed.length} failed${skipped ? `, ${skipped} skipped (${run.skipWhy ?? "not run"})` : ""}`,
    `cgroup ${clean[0]?.cgroup ?? "?"}`,
    `network ${plan.session.network}`,
    `privileges ${privilege}`,
  ];
  summary.addRaw(`<p>${facts.join(" · ")}</p>`, true);
  if (privilege === "rootless") summary.addRaw(`<p>⚠️ ${escapeHtml(ROOTLESS_LIMITS)}</p>`, true);
  for (const r of failed) {
    const body = `<pre>${escapeHtml(run.tails.get(r) || "(no output)")}</pre>`;
    summary.addDetails(`${escapeHtml(r.name)}: last lines of output`, body);
    core.error(annotation(r), { title: `nsbox: ${r.name}` });
  }
  await summary
    .write()
    .catch((err) => core.warning(`could not write the job summary: ${(err as Error).message}`));
  const setup = clean.find((r) => r.phase === "setup");
  if (setup && isFailure(setup)) {
    // Whatever fail-on-error says: no command ran, so there is nothing to grade.
    core.setFailed(
      `setup failed (${setup.status}, exit ${setup.exitCode}); none of the ${skipped} command(s) ran`,
    );
  } else if (failed.length > 0 && plan.failOnError) {
    core.setFailed(`${failed.length} of ${plan.commands.length} command(s) failed`);
  }
}
