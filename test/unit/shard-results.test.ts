// The shard split (count and LPT), the shard inputs' errors, the results file read
// back (bad files are one sentence), the merge of shards, and JUnit XML — parsed by a strict XML parser
// and, where xmllint is installed, validated against the Jenkins-shaped JUnit schema.
// Long on purpose: the pure parts of sharding share their fixtures (results files, the XML parser).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildPlan } from "../../src/action/plan";
import { assignShards, parseShard } from "../../src/action/shard";
import { UsageError } from "../../src/engine/types";
import {
  type FileResult,
  RESULTS_FORMAT,
  type SetupResult,
  type ShardResultsFile,
  serialize,
} from "../../src/results/format";
import { toJUnit } from "../../src/results/junit";
import { mergeShards } from "../../src/results/merge";
import { readResultsFile, readTimings } from "../../src/results/read";
import { failureSentence, loadRun } from "../../src/results/report";
import { parseXml, type XmlElement } from "../support/xml";

const dir = mkdtempSync(join(tmpdir(), "nsbox-shard-unit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function result(name: string, position: number, extra: Partial<FileResult> = {}): FileResult {
  return {
    name,
    position,
    shard: { index: 1, total: 1 },
    status: "ok",
    exitCode: 0,
    signal: null,
    wallMs: 1234,
    cpuUserMs: 10,
    cpuSystemMs: 2,
    cpuSource: "cgroup",
    memoryPeakBytes: 1024,
    memoryPeakNote: null,
    pidsPeak: 1,
    pidsPeakSource: "pids.peak",
    oomKills: 0,
    cgroup: "v2",
    notEnforced: [],
    limits: {
      memoryBytes: null,
      pids: 1024,
      tmpfsBytes: 512 * 1024 ** 2,
      tmpfsInodes: 65536,
      defaulted: ["pids"],
    },
    network: "none",
    address: null,
    reason: null,
    error: null,
    alpine: "3.20.3",
    outputTail: "",
    ...extra,
  };
}

const plan = (values: Record<string, string>, timings?: (p: string) => Map<string, number>) =>
  buildPlan((n) => ({ workspace: "none", ...values })[n] ?? "", {}, timings);
const usage = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error("no UsageError");
};

describe("shard input", () => {
  it("parses K/N; empty is the whole list", () => {
    expect(parseShard("")).toEqual({ index: 1, total: 1 });
    expect(parseShard(" 2/3 ")).toEqual({ index: 2, total: 3 });
  });

  it.each([
    ["0/3", "shard: '0/3' is not one of the 3 shards; use 1/3 to 3/3"],
    ["4/3", "shard: '4/3' is not one of the 3 shards; use 1/3 to 3/3"],
    ["1/0", "shard: '1/0' has 0 shards; use between 1 and 256"],
    ["a/b", "shard: 'a/b' is not K/N; give this job's number and the job count, e.g. shard: $"],
    ["2", "shard: '2' is not K/N;"],
  ])("refuses %s in one sentence", (value, message) => {
    const m = usage(() => plan({ commands: "true", shard: value }));
    expect(m.startsWith(message)).toBe(true);
    expect(m.split("\n")).toHaveLength(1);
  });

  it("refuses shard-timings without shard, and a missing, non-JSON or foreign timings file", () => {
    expect(usage(() => plan({ commands: "true", "shard-timings": "t.json" }))).toBe(
      "shard-timings: 't.json' is given without shard; set shard: K/N or drop it",
    );
    const missing = join(dir, "nope.json");
    expect(usage(() => plan({ commands: "true", shard: "1/2", "shard-timings": missing }))).toBe(
      `shard-timings: '${missing}' does not exist; give the results.json an earlier run wrote (its results-file output)`,
    );
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ not json");
    expect(usage(() => plan({ commands: "true", shard: "1/2", "shard-timings": bad }))).toMatch(
      new RegExp(`^shard-timings: '${bad}' is not JSON \\(.*\\); give the results.json an earlier run wrote`),
    );
    const foreign = join(dir, "foreign.json");
    writeFileSync(foreign, '{"hello": 1}');
    expect(usage(() => plan({ commands: "true", shard: "1/2", "shard-timings": foreign }))).toBe(
      `shard-timings: '${foreign}' holds no nsbox results; give the results.json an earlier run wrote (its results-file output)`,
    );
    const link = join(dir, "link.json");
    symlinkSync(foreign, link);
    expect(usage(() => readTimings(link))).toMatch(/is a symbolic link;/);
    const fifo = join(dir, "fifo.json");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    expect(usage(() => readTimings(fifo))).toBe(
      `shard-timings: '${fifo}' is not a file; give the results.json an earlier run wrote (its results-file output)`,
    );
  });
});

describe("the split", () => {
  const names = Array.from({ length: 10 }, (_, i) => `c${i + 1}`);

  it("without timings deals the commands out round-robin, each to exactly one shard", () => {
    expect(assignShards(names, 3, null)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1]);
    const shares = [1, 2, 3].map((k) => plan({ commands: names.join("\n"), shard: `${k}/3` }).commands);
    expect(shares.map((s) => s.map((c) => c.position))).toEqual([
      [1, 4, 7, 10],
      [2, 5, 8],
      [3, 6, 9],
    ]);
    expect(
      shares
        .flat()
        .map((c) => c.name)
        .sort(),
    ).toEqual([...names].sort());
    expect(plan({ commands: "a\nb", shard: "3/3" }).commands).toEqual([]);
    expect(plan({ commands: "a\nb", shard: "3/3" }).totalCommands).toBe(2);
  });

  it("with timings puts the longest first onto the least-loaded shard; unknown ones weigh the median", () => {
    const times = new Map([
      ["a", 100],
      ["b", 90],
      ["c", 10],
      ["d", 10],
      ["e", 10],
      ["f", 10],
    ]);
    // a→1 (100), b→2 (90), then the 10s: c→2 (100), d→1 (110, fewer commands breaks the tie), e→2, f→1.
    expect(assignShards(["a", "b", "c", "d", "e", "f"], 2, times)).toEqual([1, 2, 2, 1, 2, 1]);
    // "new" is unknown: the median of the known (100, 90, 10, 10) is 50, so it goes before the 10s.
    expect(assignShards(["a", "b", "new", "c", "d"], 2, times)).toEqual([1, 2, 2, 1, 1]);
    const file = join(dir, "timings.json");
    const earlier = [
      { name: "a", wallMs: 100 },
      { name: "b", wallMs: 90 },
      { name: "c", wallMs: 10 },
    ];
    writeFileSync(file, JSON.stringify(earlier));
    // d is new: the median, 90. a→1 (100), b→2 (90), d→2 (180), c→1 (110); each shard keeps list order.
    const share = (k: number) => plan({ commands: "a\nb\nc\nd", shard: `${k}/2`, "shard-timings": file });
    expect(share(1).commands.map((c) => c.name)).toEqual(["a", "c"]);
    expect(share(2).commands.map((c) => c.name)).toEqual(["b", "d"]);
    expect(share(1).notes).toEqual([]);
    const none = plan({ commands: "x\ny", shard: "1/2", "shard-timings": file });
    expect(none.notes[0]).toMatch(/has no time for any of these commands; split by count$/);
  });
});

function shardFile(index: number, total: number, results: FileResult[], commands: number): ShardResultsFile {
  return {
    format: RESULTS_FORMAT,
    shard: { index, total },
    commands,
    setup: null,
    results: results.map((r) => ({ ...r, shard: { index, total } })),
    notRun: [],
  };
}

describe("merging shards", () => {
  const s1 = shardFile(1, 3, [result("one", 1), result("four", 4, { status: "failed", exitCode: 1 })], 5);
  const s2 = shardFile(2, 3, [result("two", 2), result("five", 5)], 5);
  const s3 = shardFile(3, 3, [result("three", 3)], 5);

  it("puts every shard's commands back in the step's order", () => {
    const m = mergeShards([
      { path: "c", file: s3 },
      { path: "a", file: s1 },
      { path: "b", file: s2 },
    ]);
    expect(m.results.map((r) => r.name)).toEqual(["one", "two", "three", "four", "five"]);
    expect(m.merged).toEqual({ shards: 3, missing: [] });
  });

  it("names a missing shard and fails on it", () => {
    const root = join(dir, "artifacts");
    mkdirSync(join(root, "nsbox-results-1"), { recursive: true });
    mkdirSync(join(root, "nsbox-results-2"), { recursive: true });
    writeFileSync(join(root, "nsbox-results-1", "results-1.json"), serialize(s1));
    writeFileSync(join(root, "nsbox-results-2", "results-2.json"), serialize(s2));
    writeFileSync(join(root, "other.json"), '{"not": "ours"}');
    const run = loadRun([root], "path", "download them");
    expect(run.merged.merged.missing).toEqual([3]);
    expect(run.withoutResult).toBe(1);
    expect(failureSentence(run)).toBe(
      "1 of 5 command(s) failed; shard 3/3 sent no results (1 command(s) without a result): its job failed before writing them, or its artifact was not downloaded",
    );
  });

  it("refuses a file claiming more shards than a matrix can run, and names many missing ones briefly", () => {
    // 50 million shards made `nsbox report` build a list of every missing one: minutes and gigabytes.
    const huge = join(dir, "huge.json");
    writeFileSync(huge, serialize(shardFile(1, 50_000_000, [result("x", 1)], 1)));
    expect(usage(() => readResultsFile(huge, "path"))).toMatch(
      /huge\.json' is not a valid nsbox results file \(the file has no valid shard\)/,
    );
    const root = join(dir, "many");
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, "s1.json"), serialize(shardFile(1, 256, [result("x", 1)], 256)));
    const run = loadRun([root], "path", "x");
    expect(run.merged.merged.missing).toHaveLength(255);
    expect(failureSentence(run)).toMatch(
      /^shards 2\/256, 3\/256, 4\/256, 5\/256, 6\/256, 7\/256, 8\/256, 9\/256 and 247 more sent no results /,
    );
  });

  it("leaves out a file that is not JSON, like any other tool's file; a broken nsbox file still fails", () => {
    const root = join(dir, "with-junk");
    mkdirSync(join(root, "coverage"), { recursive: true });
    writeFileSync(join(root, "s1.json"), serialize(s1));
    writeFileSync(join(root, "s2.json"), serialize(s2));
    writeFileSync(join(root, "s3.json"), serialize(s3));
    writeFileSync(join(root, "coverage", "lcov.json"), "not json {");
    const run = loadRun([root], "path", "x");
    expect(run.files.map((f) => f.slice(root.length))).toEqual(["/s1.json", "/s2.json", "/s3.json"]);
    expect(run.notJson).toEqual([
      { path: join(root, "coverage", "lcov.json"), why: expect.stringMatching(/^Unexpected token/) },
    ]);
    expect(run.passed + run.failed).toBe(5);
    writeFileSync(
      join(root, "s3.json"),
      serialize({ ...s3, commands: "five" } as unknown as ShardResultsFile),
    );
    expect(usage(() => loadRun([root], "path", "x"))).toMatch(
      /s3\.json' is not a valid nsbox results file \(the file has no valid commands count\)/,
    );
  });

  it("refuses files of different runs, a shard twice, and a malformed file, in one sentence", () => {
    const other = shardFile(1, 2, [result("x", 1)], 5);
    expect(
      usage(() =>
        mergeShards([
          { path: "a", file: s1 },
          { path: "b", file: other },
        ]),
      ),
    ).toBe(
      "'b' is shard 1/2 of 5 commands but 'a' is 1/3 of 5: they come from different runs or splits; give the files of one run",
    );
    expect(
      usage(() =>
        mergeShards([
          { path: "a", file: s1 },
          { path: "b", file: s1 },
        ]),
      ),
    ).toMatch(/^shard 1\/3 is in both 'a' and 'b'/);
    const broken = join(dir, "broken.json");
    writeFileSync(broken, serialize({ ...s1, results: [{ ...result("x", 9) }] }));
    expect(usage(() => readResultsFile(broken, "path"))).toBe(
      `path: '${broken}' is not a valid nsbox results file (result 1 has no valid position); give the results files the shards wrote (their results-file output)`,
    );
    expect(usage(() => loadRun([join(dir, "empty-dir-none")], "path", "x"))).toMatch(/does not exist/);
  });
});

const xmllint = spawnSync("xmllint", ["--version"]).status === 0;
const XSD = join(import.meta.dirname, "..", "fixtures", "junit", "junit.xsd");

/** Strict parse, and the schema when xmllint is here (libxml2-utils). */
function checkJUnit(xml: string): XmlElement {
  const root = parseXml(xml);
  if (xmllint) {
    const file = join(dir, `junit-${Math.random().toString(36).slice(2)}.xml`);
    writeFileSync(file, xml);
    const r = spawnSync("xmllint", ["--noout", "--schema", XSD, file], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
  }
  return root;
}

describe("JUnit XML", () => {
  const hostile = `<b>&amp; ]]> "quoted"\r\nbell\u0007 nul\u0000 lone\uD800 astral 😀 \uFFFE end`;
  const results: FileResult[] = [
    result("passes", 1, { outputTail: "fine\n" }),
    result("exits 3", 2, { status: "failed", exitCode: 3, wallMs: 1500, outputTail: hostile }),
    result("slow", 3, { status: "timeout", exitCode: 137, reason: "wall-clock timeout 1s reached" }),
    result("missing binary", 4, {
      status: "setup-error",
      exitCode: 125,
      error: { step: "exec", message: "command not found: /nope" },
    }),
    result('name with "quotes" & <tags>\n', 6, { status: "oom", exitCode: 137, reason: "out of memory" }),
  ];
  const xml = toJUnit({
    suite: "nsbox",
    setups: [],
    results,
    notRun: [{ position: 5, name: "after", why: "fail-fast" }],
    missingShards: [{ index: 3, total: 3 }],
  });

  it("is one testsuite with a testcase per command, in the step's order, with the counts", () => {
    const root = checkJUnit(xml);
    expect(root.name).toBe("testsuites");
    expect(root.children.map((c) => c.name)).toEqual(["testsuite"]);
    const suite = root.children[0] as XmlElement;
    const counts = { tests: "7", failures: "1", errors: "4", skipped: "1", time: "6.436" };
    expect(suite.attrs).toEqual({ name: "nsbox", ...counts });
    expect(root.attrs).toEqual({ name: "nsbox", ...counts });
    expect(suite.children.map((c) => c.attrs.name)).toEqual([
      "passes",
      "exits 3",
      "slow",
      "missing binary",
      "after",
      'name with "quotes" & <tags>\n', // the line end kept as a reference (a raw one reads back as a space)
      "shard 3/3",
    ]);
    const verdicts = suite.children.map((c) => {
      const v = c.children.find((x) => x.name !== "system-out");
      return v ? `${v.name}:${v.attrs.type}:${v.attrs.message}` : "ok";
    });
    expect(verdicts).toEqual([
      "ok",
      "failure:failed:exit code 3",
      "error:timeout:wall-clock timeout 1s reached",
      "error:setup-error:the sandbox failed to start: command not found: /nope",
      "skipped:not-run:not run (fail-fast)",
      "error:oom:out of memory",
      "error:missing-shard:shard 3/3 sent no results: its job failed before writing them, or its artifact was not downloaded",
    ]);
    expect(suite.children[1]?.attrs.time).toBe("1.500");
    expect(suite.children[0]?.attrs.classname).toBe("nsbox");
  });

  it("keeps the output tail as text a parser gives back, minus what XML cannot hold", () => {
    const suite = checkJUnit(xml).children[0] as XmlElement;
    const out = suite.children[1]?.children.find((c) => c.name === "system-out");
    expect(out?.text).toBe(`<b>&amp; ]]> "quoted"\r\nbell\uFFFD nul\uFFFD lone\uFFFD astral 😀 \uFFFD end`);
    expect(xml).not.toContain("CDATA");
  });

  it("is checked against the JUnit schema by xmllint (libxml2-utils)", (ctx) => {
    if (!xmllint) ctx.skip("xmllint is not installed (Debian package libxml2-utils)");
    checkJUnit(xml);
    // The schema really checks: a testsuite without its required tests count is refused.
    const file = join(dir, "invalid.xml");
    writeFileSync(file, '<?xml version="1.0"?><testsuites><testsuite name="x"/></testsuites>');
    expect(spawnSync("xmllint", ["--noout", "--schema", XSD, file]).status).not.toBe(0);
  });
});

describe("the setup in results files", () => {
  /** A shard's setup result as the Action writes it: no name, no position. */
  function setupOf(index: number, total: number, extra: Partial<SetupResult> = {}): SetupResult {
    const { name: _name, position: _position, ...run } = result("setup", 1);
    return { ...run, shard: { index, total }, outputTail: "installed\n", ...extra };
  }
  const s1: ShardResultsFile = {
    ...shardFile(1, 2, [result("one", 1), result("three", 3, { status: "failed", exitCode: 1 })], 4),
    setup: setupOf(1, 2),
  };
  const s2: ShardResultsFile = {
    ...shardFile(2, 2, [], 4),
    setup: setupOf(2, 2, { status: "failed", exitCode: 4, outputTail: "broken\n" }),
    notRun: [
      { position: 2, name: "two", why: "setup failed" },
      { position: 4, name: "four", why: "setup failed" },
    ],
  };
  const root = join(dir, "with-setup");
  mkdirSync(root);
  writeFileSync(join(root, "shard-1.json"), serialize(s1));
  writeFileSync(join(root, "shard-2.json"), serialize(s2));

  it("reads a shard's setup back, apart from its commands", () => {
    const read = readResultsFile(join(root, "shard-1.json"), "path");
    expect(read.kind).toBe("shard");
    if (read.kind !== "shard") return;
    expect(read.file.setup).toEqual(s1.setup);
    expect(read.file.results.map((r) => r.name)).toEqual(["one", "three"]);
  });

  it("merges each shard's setup and never counts one as a command", () => {
    const run = loadRun([root], "path", "x");
    expect(run.merged.setups.map((s) => [s.shard.index, s.status])).toEqual([
      [1, "ok"],
      [2, "failed"],
    ]);
    expect(run.merged.results.map((r) => r.name)).toEqual(["one", "three"]);
    expect([run.passed, run.failed, run.notRun, run.withoutResult]).toEqual([1, 1, 2, 0]);
    expect(run.failedSetups.map((s) => s.shard.index)).toEqual([2]);
    expect(failureSentence(run)).toBe(
      "setup (shard 2/2) failed (failed, exit 4): its commands did not run; 1 of 4 command(s) failed",
    );
  });

  it("fails the report on a failed setup even when no command failed", () => {
    const alone = join(dir, "setup-only-failure");
    mkdirSync(alone);
    writeFileSync(join(alone, "shard-2.json"), serialize(s2));
    const ok = {
      ...s1,
      results: [result("one", 1), result("three", 3)].map((r) => ({ ...r, shard: s1.shard })),
    };
    writeFileSync(join(alone, "shard-1.json"), serialize(ok));
    const run = loadRun([alone], "path", "x");
    expect([run.passed, run.failed]).toEqual([2, 0]);
    expect(failureSentence(run)).toBe("setup (shard 2/2) failed (failed, exit 4): its commands did not run");
  });

  it("refuses a file without a setup entry, or with another shard's setup", () => {
    const bad = join(dir, "setup-bad.json");
    const { setup: _setup, ...without } = s1;
    writeFileSync(bad, JSON.stringify(without));
    expect(usage(() => readResultsFile(bad, "path"))).toBe(
      `path: '${bad}' is not a valid nsbox results file (the file has no setup entry); give the results files the shards wrote (their results-file output)`,
    );
    writeFileSync(bad, serialize({ ...s1, setup: setupOf(2, 2) }));
    expect(usage(() => readResultsFile(bad, "path"))).toMatch(
      /\(the setup has no valid shard \(not the file's\)\)/,
    );
  });

  it("JUnit: a failed setup is an <error> test case before the commands, a passed one is none", () => {
    const merged = mergeShards([
      { path: "a", file: s1 },
      { path: "b", file: s2 },
    ]);
    const suite = checkJUnit(toJUnit({ suite: "nsbox", ...merged })).children[0] as XmlElement;
    expect(suite.attrs).toMatchObject({ tests: "5", failures: "1", errors: "1", skipped: "2" });
    expect(suite.children.map((c) => c.attrs.name)).toEqual([
      "setup (shard 2/2)",
      "one",
      "two",
      "three",
      "four",
    ]);
    expect(suite.children[0]?.children.map((c) => [c.name, c.attrs.type, c.attrs.message ?? c.text])).toEqual(
      [
        ["error", "setup-failed", "the setup failed (exit code 4): its commands did not run"],
        ["system-out", undefined, "broken\n"],
      ],
    );
  });
});
