// Pure: results → the job summary (Markdown whose every block is one line of HTML) and the annotations.
// Everything that comes from the sandbox or the input is HTML-escaped and kept on one source line, so no
// blank line, Markdown or HTML of theirs can leave the element it is shown in.
import type { AppliedLimits, Limits, RunResult } from "../engine/index";
import { actionRunErrorText } from "./hints";

/** A command's result, or a setup's (named by the caller). */
export type Row = RunResult & { name: string };

/** GitHub shows 10 error annotations a step: 9 for commands, the 10th says how many more failed. */
export const MAX_COMMAND_ANNOTATIONS = 9;
/** Failure tails shown in the summary. */
const MAX_TAIL_BLOCKS = 20;
/**
 * What the summary may weigh. The runner throws a step's whole summary away past 1 MiB, and a sandbox's
 * output is ours to show escaped (a `"` is six bytes), so the table's rows and the tails are fitted to
 * this after escaping; the table gets at most 60% of it, the tails what is left.
 */
const SUMMARY_BUDGET_BYTES = 900 * 1024;
const TABLE_SHARE = 0.6;
/**
 * A name in a command's own limits line, in characters: the table's row has it whole. Those lines come
 * before the tails, which are fitted to what is left; at most MAX_TAIL_BLOCKS of them, so they weigh at
 * most ~20 × 1 KiB whatever the names (a `"` is six bytes escaped), and the summary stays in its budget.
 */
const LIMITS_NAME_CHARS = 100;
const bytes = (s: string) => Buffer.byteLength(s, "utf8");

const statusIcon: Record<string, string> = {
  ok: "✅ ok",
  failed: "❌ failed",
  signaled: "❌ signaled",
  cancelled: "🚫 cancelled",
  "setup-error": "⚠️ setup-error",
  timeout: "⏱️ timeout",
  oom: "💥 oom",
  "pids-limit": "🍴 pids-limit",
};

export function isFailure(r: RunResult): boolean {
  return r.status !== "ok";
}

export function annotation(r: Row): string {
  if (r.status === "setup-error")
    return `${r.name}: the sandbox failed to start: ${r.error ? actionRunErrorText(r.error) : "unknown"}`;
  const why = r.reason ? ` (${r.reason})` : "";
  return `${r.name}: ${r.status}, exit code ${r.exitCode}${why}`;
}

/** Which failures get their own annotation, and the closing sentence when some do not. */
export function annotationPlan(failed: Row[]): { each: Row[]; more: string | null } {
  const each = failed.slice(0, MAX_COMMAND_ANNOTATIONS);
  const rest = failed.length - each.length;
  return { each, more: rest > 0 ? `and ${rest} more failed (see the job summary)` : null };
}

/**
 * Text as HTML character data that stays on one source line: & < > " ' escaped, line ends as character
 * references (a blank line would end the HTML block and let Markdown through), other control characters
 * replaced.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it replaces.
const HTML_UNSAFE = /[&<>"'\r\n\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

function htmlText(s: string): string {
  return s.replace(HTML_UNSAFE, (c) => {
    switch (c) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      case "'":
        return "&#39;";
      case "\n":
        return "&#10;";
      case "\r":
        return "&#13;";
      default:
        return "\uFFFD";
    }
  });
}

/** At most `max` characters (code points, so no pair is cut in two), the last an ellipsis when cut. */
function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

// One unit per column, so numbers compare at a glance down the right-aligned column.
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mib = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

interface Column {
  head: string;
  numeric: boolean;
  cell: (r: Row) => string;
}

const COLUMNS: Column[] = [
  { head: "command", numeric: false, cell: (r) => r.name },
  { head: "status", numeric: false, cell: (r) => statusIcon[r.status] ?? r.status },
  { head: "exit", numeric: true, cell: (r) => String(r.exitCode) },
  { head: "wall (s)", numeric: true, cell: (r) => seconds(r.wallMs) },
  { head: "cpu (s)", numeric: true, cell: (r) => seconds(r.cpuUserMs + r.cpuSystemMs) },
  {
    head: "peak memory (MiB)",
    numeric: true,
    cell: (r) => (r.memoryPeakBytes === null ? "n/a" : mib(r.memoryPeakBytes)),
  },
  { head: "peak pids", numeric: true, cell: (r) => (r.pidsPeak === null ? "n/a" : String(r.pidsPeak)) },
  {
    head: "ended by",
    numeric: false,
    cell: (r) =>
      r.reason ?? (r.status === "setup-error" ? (r.error ? actionRunErrorText(r.error) : "setup error") : ""),
  },
];

function cell(tag: "th" | "td", numeric: boolean, text: string): string {
  return `<${tag} align="${numeric ? "right" : "left"}">${htmlText(text)}</${tag}>`;
}

/**
 * The results table within `budget` bytes: every row when they fit, else the failures first and then the
 * others in order, as many as fit, shown in the step's order; `left` says how many rows were left out.
 */
function resultsTable(results: Row[], budget: number): { html: string; left: number; leftFailed: number } {
  const head = `<tr>${COLUMNS.map((c) => cell("th", c.numeric, c.head)).join("")}</tr>`;
  const rows = results.map(
    (r) => `<tr>${COLUMNS.map((c) => cell("td", c.numeric, c.cell(r))).join("")}</tr>`,
  );
  const frame = (body: string[]) => `<table><thead>${head}</thead><tbody>${body.join("")}</tbody></table>`;
  let used = bytes(frame([]));
  const order = [...results.keys()].sort(
    (a, b) => Number(isFailure(results[b] as Row)) - Number(isFailure(results[a] as Row)),
  );
  const shown = new Set<number>();
  for (const i of order) {
    const size = bytes(rows[i] as string);
    if (used + size > budget) break;
    used += size;
    shown.add(i);
  }
  const leftFailed = results.filter((r, i) => !shown.has(i) && isFailure(r)).length;
  return { html: frame(rows.filter((_, i) => shown.has(i))), left: results.length - shown.size, leftFailed };
}

/** A failure's tail block within `budget` bytes (its oldest lines dropped first), or null when none fits. */
function tailBlock(r: Row & { outputTail: string }, budget: number): string | null {
  const block = (tail: string, cut: boolean) =>
    `<details><summary>${htmlText(`${r.name}: last lines of output${cut ? " (shortened for the summary)" : ""}`)}</summary><pre>${htmlText(tail)}</pre></details>`;
  const tail = r.outputTail || "(no output)";
  const whole = block(tail, false);
  if (bytes(whole) <= budget) return whole;
  // The longest end of the tail whose block fits (escaping makes its size no simple function of length).
  let lo = 0;
  let hi = tail.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (bytes(block(tail.slice(tail.length - mid), true)) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? block(tail.slice(tail.length - lo), true) : null;
}

/**
 * The limits every sandbox ran under, in the table's units. Memory, pids and tmpfs have engine defaults
 * when not asked for: `applied` (a result's `limits`) says what they came to; "none" lifted them.
 */
function limitsLine(
  limits: Limits,
  defaultTmpfsBytes: number,
  whose: string,
  applied: AppliedLimits | null,
): string {
  const chosen = (
    asked: number | "none" | undefined,
    value: number | null | undefined,
    unit: (n: number) => string,
  ) => {
    if (asked === "none") return "no limit";
    if (asked !== undefined) return unit(asked);
    return value === undefined ? "default" : value === null ? "no limit" : `${unit(value)} (default)`;
  };
  const parts = [
    `memory ${chosen(limits.memoryBytes, applied?.memoryBytes, (n) => `${mib(n)} MiB`)}`,
    `pids ${chosen(limits.pids, applied?.pids, String)}`,
    `cpus ${limits.cpus ?? "no limit"}`,
    `timeout ${limits.timeoutMs !== undefined ? `${seconds(limits.timeoutMs)} s` : "no limit"}`,
    `cpu-time ${limits.cpuTimeMs !== undefined ? `${seconds(limits.cpuTimeMs)} s` : "no limit"}`,
    `tmpfs ${mib(limits.tmpfsBytes ?? defaultTmpfsBytes)} MiB${limits.tmpfsBytes === undefined ? " (default)" : ""}`,
  ];
  return `limits ${whose}: ${parts.join(" · ")}`;
}

export interface SummaryInput {
  results: Array<Row & { outputTail: string }>; // a row each, in order: the setup's first
  facts: string[]; // nsbox's own sentences (Alpine version, counts, privileges)
  /**
   * The step's limits and the commands whose own differ, each with what a sandbox of theirs ran under
   * (`applied`, null when none ran); null for a merged report (each shard's says).
   */
  limits: {
    step: Limits;
    stepApplied: AppliedLimits | null; // the setup's, or a command's without limits of its own
    everyCommandHasOwn: boolean; // no sandbox runs under the step's own limits: its line says so
    overrides: Array<{ name: string; limits: Limits; applied: AppliedLimits | null }>;
    defaultTmpfsBytes: number;
  } | null;
  warning: string | null;
}

/** The whole job summary: blocks separated by blank lines, each one line, within SUMMARY_BUDGET_BYTES. */
export function renderSummary(s: SummaryInput, budget = SUMMARY_BUDGET_BYTES): string {
  const table = resultsTable(s.results, Math.floor(budget * TABLE_SHARE));
  const blocks = ["### nsbox results", table.html];
  if (table.left) {
    const failedToo = table.leftFailed ? ` (${table.leftFailed} of them failed)` : "";
    const line = `${table.left} more command(s) not in this table${failedToo}: the summary has a size limit; the results file and the step log have every one`;
    blocks.push(`<p>${htmlText(line)}</p>`);
  }
  blocks.push(`<p>${htmlText(s.facts.join(" · "))}</p>`);
  if (s.limits) {
    const { step, overrides, defaultTmpfsBytes } = s.limits;
    const whose = s.limits.everyCommandHasOwn ? "of the step (every command has its own)" : "per sandbox";
    blocks.push(`<p>${htmlText(limitsLine(step, defaultTmpfsBytes, whose, s.limits.stepApplied))}</p>`);
    for (const o of overrides.slice(0, MAX_TAIL_BLOCKS)) {
      const line = limitsLine(
        o.limits,
        defaultTmpfsBytes,
        `of ${clip(o.name, LIMITS_NAME_CHARS)}`,
        o.applied,
      );
      blocks.push(`<p>${htmlText(line)}</p>`);
    }
    const more = overrides.length - MAX_TAIL_BLOCKS;
    if (more > 0)
      blocks.push(
        `<p>${htmlText(`${more} more command(s) with limits of their own: see the results file`)}</p>`,
      );
  }
  const notEnforced = [...new Set(s.results.flatMap((r) => r.notEnforced))];
  if (notEnforced.length) blocks.push(`<p>${htmlText(`⚠️ not enforced: ${notEnforced.join(", ")}`)}</p>`);
  if (s.warning) blocks.push(`<p>${htmlText(`⚠️ ${s.warning}`)}</p>`);
  const failed = s.results.filter(isFailure);
  // Room kept for the closing line; each block costs its separator too.
  let room = budget - bytes(blocks.join("\n\n")) - 512;
  let shownTails = 0;
  for (const r of failed.slice(0, MAX_TAIL_BLOCKS)) {
    const block = tailBlock(r, room - 2);
    if (block === null) break;
    blocks.push(block);
    room -= bytes(block) + 2;
    shownTails++;
  }
  if (failed.length > shownTails) {
    const rest = failed.length - shownTails;
    blocks.push(`<p>${htmlText(`${rest} more failure(s): their output is in the step log`)}</p>`);
  }
  return `${blocks.join("\n\n")}\n\n`;
}
