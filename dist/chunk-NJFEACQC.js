import { createRequire as __nsboxCreateRequire } from "node:module";
import { dirname as __nsboxDirname } from "node:path";
import { fileURLToPath as __nsboxFileURLToPath } from "node:url";
const require = __nsboxCreateRequire(import.meta.url);
const __filename = __nsboxFileURLToPath(import.meta.url);
const __dirname = __nsboxDirname(__filename);
import {
  RefusedFileError,
  UsageError,
  readRegularFile
} from "./chunk-OKCVBC3W.js";

// src/results/format.ts
var RESULTS_FORMAT = "nsbox-results/1";
function setupName(s) {
  return s.shard.total > 1 ? `setup (shard ${s.shard.index}/${s.shard.total})` : "setup";
}
function serialize(file) {
  return `${JSON.stringify(file, null, 2)}
`;
}

// src/results/junit.ts
var NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
function xmlText(s) {
  return s.replace(NOT_XML_CHAR, "\uFFFD").replace(/[&<>\r]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" })[c]);
}
function xmlAttr(s) {
  return xmlText(s).replace(/["\t\n]/g, (c) => ({ '"': "&quot;", "	": "&#9;", "\n": "&#10;" })[c]);
}
var seconds = (ms) => (ms / 1e3).toFixed(3);
function verdict(r) {
  switch (r.status) {
    case "ok":
      return null;
    case "failed":
      return { tag: "failure", type: "failed", message: `exit code ${r.exitCode}` };
    case "signaled":
      return {
        tag: "failure",
        type: "signaled",
        message: `killed by ${r.signal ?? "a signal"}, exit code ${r.exitCode}`
      };
    case "setup-error":
      return {
        tag: "error",
        type: "setup-error",
        message: `the sandbox failed to start: ${r.error?.message ?? "unknown"}`
      };
    default:
      return { tag: "error", type: r.status, message: r.reason ?? `${r.status}, exit code ${r.exitCode}` };
  }
}
function testcase(name, ms, v, out) {
  const head = `    <testcase name="${xmlAttr(name)}" classname="nsbox" time="${seconds(ms)}"`;
  const body = [];
  if (v) body.push(`      <${v.tag} message="${xmlAttr(v.message)}" type="${xmlAttr(v.type)}"/>`);
  if (out) body.push(`      <system-out>${xmlText(out)}</system-out>`);
  return body.length ? `${head}>
${body.join("\n")}
    </testcase>` : `${head}/>`;
}
function toJUnit(input) {
  const cases = [];
  for (const s of input.setups) {
    const failed = verdict(s);
    if (!failed) continue;
    const v = {
      tag: "error",
      type: "setup-failed",
      message: `the setup failed (${failed.message}): its commands did not run`
    };
    const xml = testcase(setupName(s), s.wallMs, v, s.outputTail);
    cases.push({ position: 0, xml, tag: "error", ms: s.wallMs });
  }
  for (const r of input.results) {
    const v = verdict(r);
    cases.push({
      position: r.position,
      xml: testcase(r.name, r.wallMs, v, r.outputTail),
      tag: v?.tag ?? null,
      ms: r.wallMs
    });
  }
  for (const n of input.notRun) {
    const v = { tag: "skipped", type: "not-run", message: `not run (${n.why})` };
    cases.push({ position: n.position, xml: testcase(n.name, 0, v, void 0), tag: "skipped", ms: 0 });
  }
  cases.sort((a, b) => a.position - b.position);
  for (const m of input.missingShards ?? []) {
    const v = {
      tag: "error",
      type: "missing-shard",
      message: `shard ${m.index}/${m.total} sent no results: its job failed before writing them, or its artifact was not downloaded`
    };
    cases.push({
      position: Number.POSITIVE_INFINITY,
      xml: testcase(`shard ${m.index}/${m.total}`, 0, v, void 0),
      tag: "error",
      ms: 0
    });
  }
  const count = (tag) => cases.filter((c) => c.tag === tag).length;
  const attrs = [
    `tests="${cases.length}"`,
    `failures="${count("failure")}"`,
    `errors="${count("error")}"`,
    `skipped="${count("skipped")}"`,
    `time="${seconds(cases.reduce((t, c) => t + c.ms, 0))}"`
  ].join(" ");
  const name = xmlAttr(input.suite);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${name}" ${attrs}>`,
    `  <testsuite name="${name}" ${attrs}>`,
    ...cases.map((c) => c.xml),
    "  </testsuite>",
    "</testsuites>",
    ""
  ].join("\n");
}

// src/results/write.ts
import {
  closeSync,
  existsSync,
  constants as fs,
  mkdirSync,
  openSync,
  realpathSync,
  writeSync
} from "node:fs";
import { dirname } from "node:path";
var HINT = "give a path to a new or regular file";
function writeReportFile(path, text, what, noLinks = false) {
  if (noLinks) {
    let existing = dirname(path);
    while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
    if (realpathSync(existing) !== existing) {
      throw new UsageError(
        `${what}: '${path}' is under a symbolic link ('${existing}'); ${HINT} without one`
      );
    }
  }
  let fd;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(path, fs.O_WRONLY | fs.O_CREAT | fs.O_TRUNC | fs.O_NOFOLLOW, 420);
  } catch (err) {
    const code = err.code;
    const why = code === "ELOOP" ? "is a symbolic link" : `cannot be written (${code})`;
    throw new UsageError(`${what}: '${path}' ${why}; ${HINT}`);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

// src/action/report.ts
var MAX_COMMAND_ANNOTATIONS = 9;
var MAX_TAIL_BLOCKS = 20;
var statusIcon = {
  ok: "\u2705 ok",
  failed: "\u274C failed",
  signaled: "\u274C signaled",
  cancelled: "\u{1F6AB} cancelled",
  "setup-error": "\u26A0\uFE0F setup-error",
  timeout: "\u23F1\uFE0F timeout",
  oom: "\u{1F4A5} oom",
  "pids-limit": "\u{1F374} pids-limit"
};
function isFailure(r) {
  return r.status !== "ok";
}
function annotation(r) {
  if (r.status === "setup-error")
    return `${r.name}: the sandbox failed to start: ${r.error?.message ?? "unknown"}`;
  const why = r.reason ? ` (${r.reason})` : "";
  return `${r.name}: ${r.status}, exit code ${r.exitCode}${why}`;
}
function annotationPlan(failed) {
  const each = failed.slice(0, MAX_COMMAND_ANNOTATIONS);
  const rest = failed.length - each.length;
  return { each, more: rest > 0 ? `and ${rest} more failed (see the job summary)` : null };
}
var HTML_UNSAFE = /[&<>"'\r\n\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
function htmlText(s) {
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
var seconds2 = (ms) => (ms / 1e3).toFixed(2);
var mib = (bytes) => (bytes / (1024 * 1024)).toFixed(1);
var COLUMNS = [
  { head: "command", numeric: false, cell: (r) => r.name },
  { head: "status", numeric: false, cell: (r) => statusIcon[r.status] ?? r.status },
  { head: "exit", numeric: true, cell: (r) => String(r.exitCode) },
  { head: "wall (s)", numeric: true, cell: (r) => seconds2(r.wallMs) },
  { head: "cpu (s)", numeric: true, cell: (r) => seconds2(r.cpuUserMs + r.cpuSystemMs) },
  {
    head: "peak memory (MiB)",
    numeric: true,
    cell: (r) => r.memoryPeakBytes === null ? "n/a" : mib(r.memoryPeakBytes)
  },
  { head: "peak pids", numeric: true, cell: (r) => r.pidsPeak === null ? "n/a" : String(r.pidsPeak) },
  {
    head: "ended by",
    numeric: false,
    cell: (r) => r.reason ?? (r.status === "setup-error" ? r.error?.message ?? "setup error" : "")
  }
];
function cell(tag, numeric, text) {
  return `<${tag} align="${numeric ? "right" : "left"}">${htmlText(text)}</${tag}>`;
}
function resultsTable(results) {
  const head = `<tr>${COLUMNS.map((c) => cell("th", c.numeric, c.head)).join("")}</tr>`;
  const rows = results.map(
    (r) => `<tr>${COLUMNS.map((c) => cell("td", c.numeric, c.cell(r))).join("")}</tr>`
  );
  return `<table><thead>${head}</thead><tbody>${rows.join("")}</tbody></table>`;
}
function limitsLine(limits, defaultTmpfsBytes, whose = "per sandbox", applied) {
  const chosen = (asked, value, unit) => {
    if (asked === "none") return "no limit";
    if (asked !== void 0) return unit(asked);
    return value === void 0 ? "default" : value === null ? "no limit" : `${unit(value)} (default)`;
  };
  const parts = [
    `memory ${chosen(limits.memoryBytes, applied?.memoryBytes, (n) => `${mib(n)} MiB`)}`,
    `pids ${chosen(limits.pids, applied?.pids, String)}`,
    `cpus ${limits.cpus ?? "no limit"}`,
    `timeout ${limits.timeoutMs !== void 0 ? `${seconds2(limits.timeoutMs)} s` : "no limit"}`,
    `cpu-time ${limits.cpuTimeMs !== void 0 ? `${seconds2(limits.cpuTimeMs)} s` : "no limit"}`,
    `tmpfs ${mib(limits.tmpfsBytes ?? defaultTmpfsBytes)} MiB${limits.tmpfsBytes === void 0 ? " (default)" : ""}`
  ];
  return `limits ${whose}: ${parts.join(" \xB7 ")}`;
}
function renderSummary(s) {
  const blocks = ["### nsbox results", resultsTable(s.results), `<p>${htmlText(s.facts.join(" \xB7 "))}</p>`];
  if (s.limits) {
    const { step, overrides, defaultTmpfsBytes } = s.limits;
    const appliedTo = (name) => s.results.find((r) => name === void 0 || r.name === name)?.limits;
    blocks.push(`<p>${htmlText(limitsLine(step, defaultTmpfsBytes, void 0, appliedTo()))}</p>`);
    for (const o of overrides.slice(0, MAX_TAIL_BLOCKS)) {
      const line = limitsLine(o.limits, defaultTmpfsBytes, `of ${o.name}`, appliedTo(o.name));
      blocks.push(`<p>${htmlText(line)}</p>`);
    }
  }
  const notEnforced = [...new Set(s.results.flatMap((r) => r.notEnforced))];
  if (notEnforced.length)
    blocks.push(`<p>${htmlText(`\u26A0\uFE0F not enforced (best effort): ${notEnforced.join(", ")}`)}</p>`);
  if (s.warning) blocks.push(`<p>${htmlText(`\u26A0\uFE0F ${s.warning}`)}</p>`);
  const failed = s.results.filter(isFailure);
  for (const r of failed.slice(0, MAX_TAIL_BLOCKS)) {
    const tail = r.outputTail || "(no output)";
    blocks.push(
      `<details><summary>${htmlText(`${r.name}: last lines of output`)}</summary><pre>${htmlText(tail)}</pre></details>`
    );
  }
  if (failed.length > MAX_TAIL_BLOCKS) {
    const rest = failed.length - MAX_TAIL_BLOCKS;
    blocks.push(`<p>${htmlText(`${rest} more failure(s): their output is in the step log`)}</p>`);
  }
  return `${blocks.join("\n\n")}

`;
}

// src/results/read.ts
import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
var MAX_RESULTS_FILE_BYTES = 256 * 1024 * 1024;
var STATUSES = [
  "ok",
  "failed",
  "signaled",
  "cancelled",
  "setup-error",
  "timeout",
  "oom",
  "pids-limit"
];
var Malformed = class extends Error {
};
function readBounded(path, what) {
  try {
    return readRegularFile(path, MAX_RESULTS_FILE_BYTES).toString("utf8");
  } catch (err) {
    if (!(err instanceof RefusedFileError)) throw err;
    const why = {
      missing: "does not exist",
      symlink: "is a symbolic link",
      unreadable: `cannot be read (${err.code})`,
      "not-a-file": "is not a file",
      "too-large": "is larger than 256 MiB"
    }[err.reason];
    throw new UsageError(`${what}: '${path}' ${why}; ${HINT2[what] ?? "give a results file"}`);
  }
}
var HINT2 = {
  "shard-timings": "give the results.json an earlier run wrote (its results-file output)",
  path: "give the results files the shards wrote (their results-file output)",
  report: "give the results files the shards wrote (their results-file output)"
};
function tryJson(text) {
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    return { error: err.message.split("\n")[0] ?? "" };
  }
}
function parseJson(text, path, what) {
  const parsed = tryJson(text);
  if ("error" in parsed)
    throw new UsageError(`${what}: '${path}' is not JSON (${parsed.error}); ${HINT2[what]}`);
  return parsed.value;
}
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var isCount = (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
var isTime = (v) => typeof v === "number" && Number.isFinite(v) && v >= 0;
var isNullable = (v, check) => v === null || check(v);
var isString = (v) => typeof v === "string";
function shardOf(v, where) {
  if (!isObject(v) || !isCount(v.index) || !isCount(v.total) || v.index < 1 || v.index > v.total)
    throw new Malformed(`${where} has no valid shard`);
  return { index: v.index, total: v.total };
}
function checkRun(v, where, shard) {
  if (!isObject(v)) throw new Malformed(`${where} is not an object`);
  const bad = (field) => new Malformed(`${where} has no valid ${field}`);
  const own = shardOf(v.shard, where);
  if (own.index !== shard.index || own.total !== shard.total) throw bad("shard (not the file's)");
  if (!STATUSES.includes(v.status)) throw bad("status");
  if (typeof v.exitCode !== "number" || !Number.isInteger(v.exitCode)) throw bad("exitCode");
  for (const f of ["wallMs", "cpuUserMs", "cpuSystemMs"]) if (!isTime(v[f])) throw bad(f);
  if (!isNullable(v.memoryPeakBytes, isTime)) throw bad("memoryPeakBytes");
  if (!isNullable(v.pidsPeak, isCount)) throw bad("pidsPeak");
  if (!isNullable(v.reason, isString)) throw bad("reason");
  if (!isNullable(v.error, (e) => isObject(e) && isString(e.message) && isString(e.step))) throw bad("error");
  if (!Array.isArray(v.notEnforced) || !v.notEnforced.every(isString)) throw bad("notEnforced");
  for (const f of ["alpine", "cgroup", "outputTail"]) if (!isString(v[f])) throw bad(f);
  return v;
}
function checkResult(v, i, shard, commands) {
  const where = `result ${i + 1}`;
  if (isObject(v)) {
    if (!isString(v.name)) throw new Malformed(`${where} has no valid name`);
    if (!isCount(v.position) || v.position < 1 || v.position > commands)
      throw new Malformed(`${where} has no valid position`);
  }
  return checkRun(v, where, shard);
}
function checkSetup(v, shard) {
  return v === null ? null : checkRun(v, "the setup", shard);
}
function checkNotRun(v, i, commands) {
  const where = `notRun ${i + 1}`;
  if (!isObject(v) || !isString(v.name) || !isString(v.why)) throw new Malformed(`${where} is malformed`);
  if (!isCount(v.position) || v.position < 1 || v.position > commands)
    throw new Malformed(`${where} has no valid position`);
  return { position: v.position, name: v.name, why: v.why };
}
function classify(data) {
  if (!isObject(data) || data.format !== RESULTS_FORMAT) return { kind: "other" };
  if ("merged" in data) return { kind: "merged" };
  const shard = shardOf(data.shard, "the file");
  if (!isCount(data.commands)) throw new Malformed("the file has no valid commands count");
  const commands = data.commands;
  if (!Array.isArray(data.results) || !Array.isArray(data.notRun))
    throw new Malformed("the file has no results or notRun list");
  if (!("setup" in data)) throw new Malformed("the file has no setup entry");
  return {
    kind: "shard",
    file: {
      format: RESULTS_FORMAT,
      shard,
      commands,
      setup: checkSetup(data.setup, shard),
      results: data.results.map((r, i) => checkResult(r, i, shard, commands)),
      notRun: data.notRun.map((n, i) => checkNotRun(n, i, commands))
    }
  };
}
function readResultsFile(path, what) {
  const parsed = tryJson(readBounded(path, what));
  if ("error" in parsed) return { kind: "other", notJson: parsed.error };
  try {
    return classify(parsed.value);
  } catch (err) {
    if (err instanceof Malformed)
      throw new UsageError(
        `${what}: '${path}' is not a valid nsbox results file (${err.message}); ${HINT2[what]}`
      );
    throw err;
  }
}
function findResultsFiles(paths, what) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".json")) found.push(path);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      throw new UsageError(`${what}: '${p}' does not exist; ${HINT2[what]}`);
    }
    if (st.isDirectory()) walk(p);
    else found.push(p);
  }
  return [...new Set(found)].sort();
}
function readTimings(path) {
  const what = "shard-timings";
  const data = parseJson(readBounded(path, what), path, what);
  const list = Array.isArray(data) ? data : isObject(data) && data.format === RESULTS_FORMAT ? data.results : null;
  if (!Array.isArray(list)) {
    throw new UsageError(`${what}: '${path}' holds no nsbox results; ${HINT2[what]}`);
  }
  const times = /* @__PURE__ */ new Map();
  for (const r of list) {
    if (!isObject(r) || !isString(r.name) || !isTime(r.wallMs)) {
      throw new UsageError(`${what}: '${path}' has a result without a name and wallMs; ${HINT2[what]}`);
    }
    times.set(r.name, Math.max(times.get(r.name) ?? 0, r.wallMs));
  }
  return times;
}

export {
  RESULTS_FORMAT,
  setupName,
  serialize,
  toJUnit,
  writeReportFile,
  readResultsFile,
  findResultsFiles,
  readTimings,
  isFailure,
  annotation,
  annotationPlan,
  renderSummary
};
