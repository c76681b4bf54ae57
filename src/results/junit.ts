// Pure: results → JUnit XML, the shape test-reporter actions read (`<testsuites>` of one `<testsuite>`, a
// `<testcase>` per command). A failed command (its own exit code or signal) is a <failure>; a command nsbox
// ended (a limit, a setup error, a cancellation) or a missing shard is an <error>; a command that never ran
// is <skipped>. The setup is no test: a shard's setup shows only when it failed, as an <error> test case
// first in the suite (its commands are <skipped>, "setup failed"). Output tails come from the sandbox:
// characters XML 1.0 cannot hold are replaced and the rest escaped, no CDATA (which `]]>` would end).
import type { RunError, RunResult } from "../engine/index";
import { type CommandResult, type NotRun, type SetupResult, setupName } from "./format";

export interface JUnitInput {
  suite: string;
  /** The setups that ran (a shard's one, a merged run's one per shard): the failed ones are test cases. */
  setups: SetupResult[];
  results: Array<CommandResult & { outputTail?: string }>;
  notRun: NotRun[];
  /** Shards of a merged run that sent no results: one error test case each. */
  missingShards?: Array<{ index: number; total: number }>;
  /** A sandbox's setup error as the front end words it (its fix named); default the engine's sentence. */
  errorText?: (error: RunError) => string;
}

// XML 1.0's Char production: tab, newline, carriage return, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–
// U+10FFFF. With the u flag a lone surrogate is one code point, outside every range, so it is replaced too.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Character data: & < > escaped, \r kept as a reference (a parser would turn a raw one into \n). */
function xmlText(s: string): string {
  return s
    .replace(NOT_XML_CHAR, "\uFFFD")
    .replace(/[&<>\r]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" })[c] as string);
}

/** An attribute value in double quotes: also " escaped, and tab and line ends as references (a parser
 * would normalise raw ones to spaces). */
function xmlAttr(s: string): string {
  return xmlText(s).replace(/["\t\n]/g, (c) => ({ '"': "&quot;", "\t": "&#9;", "\n": "&#10;" })[c] as string);
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

type Verdict = { tag: "failure" | "error" | "skipped"; type: string; message: string } | null;

function verdict(r: RunResult, errorText: (error: RunError) => string): Verdict {
  switch (r.status) {
    case "ok":
      return null;
    case "failed":
      return { tag: "failure", type: "failed", message: `exit code ${r.exitCode}` };
    case "signaled":
      return {
        tag: "failure",
        type: "signaled",
        message: `killed by ${r.signal ?? "a signal"}, exit code ${r.exitCode}`,
      };
    case "setup-error":
      return {
        tag: "error",
        type: "setup-error",
        message: `the sandbox failed to start: ${r.error ? errorText(r.error) : "unknown"}`,
      };
    default:
      // timeout, oom, pids-limit, cancelled: nsbox ended it, the reason says why.
      return { tag: "error", type: r.status, message: r.reason ?? `${r.status}, exit code ${r.exitCode}` };
  }
}

function testcase(name: string, ms: number, v: Verdict, out: string | undefined): string {
  const head = `    <testcase name="${xmlAttr(name)}" classname="nsbox" time="${seconds(ms)}"`;
  const body: string[] = [];
  if (v) body.push(`      <${v.tag} message="${xmlAttr(v.message)}" type="${xmlAttr(v.type)}"/>`);
  if (out) body.push(`      <system-out>${xmlText(out)}</system-out>`);
  return body.length ? `${head}>\n${body.join("\n")}\n    </testcase>` : `${head}/>`;
}

export function toJUnit(input: JUnitInput): string {
  const errorText = input.errorText ?? ((e: RunError) => e.message);
  const cases: Array<{ position: number; xml: string; tag: string | null; ms: number }> = [];
  for (const s of input.setups) {
    const failed = verdict(s, errorText);
    if (!failed) continue;
    const v: Verdict = {
      tag: "error",
      type: "setup-failed",
      message: `the setup failed (${failed.message}): its commands did not run`,
    };
    // Before every command (position 1 and up), in the order given (the shards').
    const xml = testcase(setupName(s), s.wallMs, v, s.outputTail);
    cases.push({ position: 0, xml, tag: "error", ms: s.wallMs });
  }
  for (const r of input.results) {
    const v = verdict(r, errorText);
    cases.push({
      position: r.position,
      xml: testcase(r.name, r.wallMs, v, r.outputTail),
      tag: v?.tag ?? null,
      ms: r.wallMs,
    });
  }
  for (const n of input.notRun) {
    const v: Verdict = { tag: "skipped", type: "not-run", message: `not run (${n.why})` };
    cases.push({ position: n.position, xml: testcase(n.name, 0, v, undefined), tag: "skipped", ms: 0 });
  }
  cases.sort((a, b) => a.position - b.position);
  for (const m of input.missingShards ?? []) {
    const v: Verdict = {
      tag: "error",
      type: "missing-shard",
      message: `shard ${m.index}/${m.total} sent no results: its job failed before writing them, or its artifact was not downloaded`,
    };
    cases.push({
      position: Number.POSITIVE_INFINITY,
      xml: testcase(`shard ${m.index}/${m.total}`, 0, v, undefined),
      tag: "error",
      ms: 0,
    });
  }
  const count = (tag: string) => cases.filter((c) => c.tag === tag).length;
  const attrs = [
    `tests="${cases.length}"`,
    `failures="${count("failure")}"`,
    `errors="${count("error")}"`,
    `skipped="${count("skipped")}"`,
    `time="${seconds(cases.reduce((t, c) => t + c.ms, 0))}"`,
  ].join(" ");
  const name = xmlAttr(input.suite);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${name}" ${attrs}>`,
    `  <testsuite name="${name}" ${attrs}>`,
    ...cases.map((c) => c.xml),
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
