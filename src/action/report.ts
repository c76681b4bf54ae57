// Pure: results → the job summary (Markdown whose every block is one line of HTML) and the annotations.
// Everything that comes from the sandbox or the input is HTML-escaped and kept on one source line, so no
// blank line, Markdown or HTML of theirs can leave the element it is shown in.
import type { AppliedLimits, Limits, RunResult } from "../engine/index";

/** A command's result, or a setup's (named by the caller). */
export type Row = RunResult & { name: string };

/** GitHub shows 10 error annotations a step: 9 for commands, the 10th says how many more failed. */
export const MAX_COMMAND_ANNOTATIONS = 9;
/** Failure tails shown in the summary (which GitHub caps at 1 MiB a step). */
const MAX_TAIL_BLOCKS = 20;

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
    return `${r.name}: the sandbox failed to start: ${r.error?.message ?? "unknown"}`;
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
    cell: (r) => r.reason ?? (r.status === "setup-error" ? (r.error?.message ?? "setup error") : ""),
  },
];

function cell(tag: "th" | "td", numeric: boolean, text: string): string {
  return `<${tag} align="${numeric ? "right" : "left"}">${htmlText(text)}</${tag}>`;
}

function resultsTable(results: Row[]): string {
  const head = `<tr>${COLUMNS.map((c) => cell("th", c.numeric, c.head)).join("")}</tr>`;
  const rows = results.map(
    (r) => `<tr>${COLUMNS.map((c) => cell("td", c.numeric, c.cell(r))).join("")}</tr>`,
  );
  return `<table><thead>${head}</thead><tbody>${rows.join("")}</tbody></table>`;
}

/**
 * The limits every sandbox ran under, in the table's units. Memory, pids and tmpfs have engine defaults
 * when not asked for: `applied` (a result's `limits`) says what they came to; "none" lifted them.
 */
function limitsLine(
  limits: Limits,
  defaultTmpfsBytes: number,
  whose = "per sandbox",
  applied?: AppliedLimits,
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
  /** The step's limits and the commands whose own differ; null for a merged report (each shard's says). */
  limits: {
    step: Limits;
    overrides: Array<{ name: string; limits: Limits }>;
    defaultTmpfsBytes: number;
  } | null;
  warning: string | null;
}

/** The whole job summary: blocks separated by blank lines, each one line. */
export function renderSummary(s: SummaryInput): string {
  const blocks = ["### nsbox results", resultsTable(s.results), `<p>${htmlText(s.facts.join(" · "))}</p>`];
  if (s.limits) {
    const { step, overrides, defaultTmpfsBytes } = s.limits;
    const appliedTo = (name?: string) => s.results.find((r) => name === undefined || r.name === name)?.limits;
    blocks.push(`<p>${htmlText(limitsLine(step, defaultTmpfsBytes, undefined, appliedTo()))}</p>`);
    for (const o of overrides.slice(0, MAX_TAIL_BLOCKS)) {
      const line = limitsLine(o.limits, defaultTmpfsBytes, `of ${o.name}`, appliedTo(o.name));
      blocks.push(`<p>${htmlText(line)}</p>`);
    }
  }
  const notEnforced = [...new Set(s.results.flatMap((r) => r.notEnforced))];
  if (notEnforced.length)
    blocks.push(`<p>${htmlText(`⚠️ not enforced (best effort): ${notEnforced.join(", ")}`)}</p>`);
  if (s.warning) blocks.push(`<p>${htmlText(`⚠️ ${s.warning}`)}</p>`);
  const failed = s.results.filter(isFailure);
  for (const r of failed.slice(0, MAX_TAIL_BLOCKS)) {
    const tail = r.outputTail || "(no output)";
    blocks.push(
      `<details><summary>${htmlText(`${r.name}: last lines of output`)}</summary><pre>${htmlText(tail)}</pre></details>`,
    );
  }
  if (failed.length > MAX_TAIL_BLOCKS) {
    const rest = failed.length - MAX_TAIL_BLOCKS;
    blocks.push(`<p>${htmlText(`${rest} more failure(s): their output is in the step log`)}</p>`);
  }
  return `${blocks.join("\n\n")}\n\n`;
}
