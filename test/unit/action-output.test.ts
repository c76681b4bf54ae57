import { describe, expect, it } from "vitest";
import {
  encodeEvent,
  encodeOutput,
  type Frame,
  FrameDecoder,
  MAX_OUTPUT_BYTES,
} from "../../src/action/frames";
import {
  annotationPlan,
  MAX_COMMAND_ANNOTATIONS,
  renderSummary,
  type SummaryInput,
} from "../../src/action/report";
import type { NamedResult } from "../../src/action/runner";
import { Tail } from "../../src/action/tail";
import { InertBlock } from "../../src/action/workflow-commands";
import { elements, parseHtml, textOf } from "../support/html";

function inert(...chunks: string[]): { text: string; token: string } {
  let text = "";
  const block = new InertBlock((d) => {
    text += d.toString();
  });
  for (const c of chunks) block.data(c);
  block.close();
  return { text, token: block.token };
}

describe("inert blocks", () => {
  it("puts the resume line on a line of its own after a partial last line", () => {
    const { text, token } = inert("::error::x\n", "partial");
    expect(text).toBe(`::stop-commands::${token}\n::error::x\npartial\n::${token}::\n`);
  });

  it("adds no newline after a complete line, and \\r\\n after a trailing \\r", () => {
    expect(inert("done\n").text.split("\n")).toHaveLength(4);
    const { text, token } = inert("carriage\r");
    expect(text.endsWith(`carriage\r\n::${token}::\n`)).toBe(true);
  });

  it("uses a fresh 128-bit token each time", () => {
    const a = inert("x").token;
    const b = inert("x").token;
    expect(a).not.toBe(b);
    expect(a).toMatch(/^nsbox-[0-9a-f]{32}$/);
  });
});

describe("tail", () => {
  it("keeps at most maxBytes whatever arrives, and whole last lines", () => {
    const tail = new Tail(1024);
    for (let i = 0; i < 20_000; i++) tail.push(Buffer.from(`line ${i}\n`));
    tail.push(Buffer.alloc(10 * 1024 * 1024, "a"));
    tail.push(Buffer.from("\nlast\n"));
    const text = tail.text(3);
    expect(text).toBe("last"); // the cut 10 MiB line is dropped, not shown half
    expect((tail as unknown as { kept: Buffer }).kept.length).toBeLessThanOrEqual(1024);
  });

  it("caps lines and shows a short output whole", () => {
    const tail = new Tail(1024);
    for (let i = 0; i < 100; i++) tail.push(Buffer.from(`line ${i}\n`));
    expect(tail.text(2)).toBe("line 98\nline 99");
    const short = new Tail(1024);
    short.push(Buffer.from("only\npartial"));
    expect(short.text()).toBe("only\npartial");
  });
});

describe("worker frames", () => {
  it("round-trip events and output split at any byte", () => {
    const big = Buffer.alloc(3 * MAX_OUTPUT_BYTES + 5, 7);
    const outputFrames = encodeOutput(4, "stderr", big);
    expect(outputFrames).toHaveLength(4);
    const stream = Buffer.concat([
      encodeEvent('{"t":"start","i":4}'),
      ...outputFrames,
      encodeEvent('{"t":"x"}'),
    ]);
    const decoder = new FrameDecoder();
    const frames: Frame[] = [];
    for (let at = 0; at < stream.length; at += 997)
      frames.push(...decoder.push(stream.subarray(at, at + 997)));
    decoder.end();
    expect(frames.map((f) => f.kind)).toEqual(["event", "output", "output", "output", "output", "event"]);
    const data = Buffer.concat(frames.flatMap((f) => (f.kind === "output" ? [f.data] : [])));
    expect(data.equals(big)).toBe(true);
    expect(frames[1]).toMatchObject({ i: 4, stream: "stderr" });
  });

  it("carry the setup's output apart from every command's, command 0's included", () => {
    const decoder = new FrameDecoder();
    const frames = decoder.push(
      Buffer.concat([
        ...encodeOutput("setup", "stdout", Buffer.from("setup says")),
        ...encodeOutput(0, "stderr", Buffer.from("command 0 says")),
      ]),
    );
    decoder.end();
    expect(frames.map((f) => (f.kind === "event" ? f : { ...f, data: f.data.toString() }))).toEqual([
      { kind: "setup-output", stream: "stdout", data: "setup says" },
      { kind: "output", i: 0, stream: "stderr", data: "command 0 says" },
    ]);
  });

  it("refuses an oversized or cut frame instead of buffering it", () => {
    const huge = Buffer.alloc(5);
    huge.writeUInt32BE(0x7fffffff, 0);
    expect(() => new FrameDecoder().push(huge)).toThrow(/bad frame length/);
    const cut = new FrameDecoder();
    cut.push(encodeEvent("{}").subarray(0, 6));
    expect(() => cut.end()).toThrow(/inside a frame/);
  });
});

function result(name: string, extra: Partial<NamedResult> = {}): NamedResult {
  return {
    name,
    position: 1,
    shard: { index: 1, total: 1 },
    status: "ok",
    exitCode: 0,
    signal: null,
    wallMs: 1500,
    cpuUserMs: 100,
    cpuSystemMs: 20,
    cpuSource: "cgroup",
    memoryPeakBytes: 64 * 1024 * 1024,
    memoryPeakNote: null,
    pidsPeak: 3,
    pidsPeakSource: "pids.peak",
    oomKills: 0,
    cgroup: "v2",
    notEnforced: [],
    limits: {
      memoryBytes: 512 * 1024 * 1024,
      pids: 1024,
      tmpfsBytes: 512 * 1024 * 1024,
      tmpfsInodes: 65536,
      defaulted: ["memory", "pids"],
    },
    network: "none",
    address: null,
    reason: null,
    error: null,
    alpine: "3.20.3",
    ...extra,
  };
}

describe("annotations", () => {
  it("annotates 9 failures, then says how many more failed", () => {
    const failed = Array.from({ length: 12 }, (_, i) => result(`c${i}`, { status: "failed", exitCode: 1 }));
    const plan = annotationPlan(failed);
    expect(plan.each).toHaveLength(MAX_COMMAND_ANNOTATIONS);
    expect(plan.more).toMatch(/^and 3 more failed/);
    expect(annotationPlan(failed.slice(0, 9)).more).toBeNull();
  });
});

describe("job summary", () => {
  const hostileTail =
    "# Heading\n\n[link](https://evil.example/)\n![img](https://evil.example/x.png)\n</pre></details>\n<script>x</script>\n\n\n## after blank lines & more";
  const oom = {
    ...result("mem <b>hog</b>\n\n# name heading", {
      status: "oom",
      exitCode: 137,
      reason: "out of memory (memory limit 64.0 MiB): 1 OOM kill(s)",
    }),
    outputTail: hostileTail,
  };
  const cancelled = {
    ...result("slow", {
      status: "cancelled",
      exitCode: 137,
      reason: "the run was cancelled",
      memoryPeakBytes: null,
    }),
    outputTail: "",
  };
  const summary = renderSummary({
    results: [{ ...result("fine"), outputTail: "" }, oom, cancelled],
    facts: ["Alpine 3.20.3", "1 passed, 2 failed"],
    limits: {
      step: { memoryBytes: 64 * 1024 * 1024, pids: 32, cpus: 0.5, timeoutMs: 30_000, cpuTimeMs: 10_000 },
      stepApplied: oom.limits,
      everyCommandHasOwn: false,
      overrides: [{ name: "slow", limits: { timeoutMs: 1500 }, applied: cancelled.limits }],
      defaultTmpfsBytes: 512 * 1024 * 1024,
    },
    warning: null,
  });
  // Markdown's block structure: blank lines separate blocks; each of ours is one line, and all but the
  // heading are HTML blocks (a line starting with a block-level tag), where Markdown is not interpreted.
  const blocks = summary.trimEnd().split(/\n\n/);

  it("keeps every block on one line, HTML except the heading", () => {
    expect(blocks[0]).toBe("### nsbox results");
    for (const b of blocks.slice(1)) {
      expect(b.includes("\n")).toBe(false);
      expect(b).toMatch(/^<(table|p|details)>/);
    }
  });

  it("shows each failure's tail verbatim inside its <pre>, and nothing of it outside", () => {
    const nodes = blocks.slice(1).flatMap(parseHtml);
    const all = elements(nodes);
    const allowed = new Set(["table", "thead", "tbody", "tr", "th", "td", "p", "details", "summary", "pre"]);
    expect(all.filter((e) => !allowed.has(e.tag))).toEqual([]);
    const details = all.filter((e) => e.tag === "details");
    expect(details).toHaveLength(2);
    const [first, second] = details;
    expect(textOf(first?.children[0] ?? "")).toBe(`${oom.name}: last lines of output`);
    const pre = first?.children[1];
    expect(typeof pre !== "string" && pre?.tag).toBe("pre");
    expect(textOf(pre ?? "")).toBe(hostileTail);
    expect(textOf(second?.children[1] ?? "")).toBe("(no output)");
  });

  it("right-aligns numbers in one unit per column and says which limit ended a command", () => {
    const table = parseHtml(blocks[1] ?? "")[0];
    const rows = elements([table ?? ""]).filter((e) => e.tag === "tr");
    const head = rows[0]?.children.map(textOf);
    expect(head).toEqual([
      "command",
      "status",
      "exit",
      "wall (s)",
      "cpu (s)",
      "peak memory (MiB)",
      "peak pids",
      "ended by",
    ]);
    const cells = (i: number) => (rows[i]?.children ?? []).filter((c) => typeof c !== "string");
    const numeric = [2, 3, 4, 5, 6];
    for (const row of [0, 1, 2, 3]) {
      for (const [c, el] of cells(row).entries())
        expect(el.attrs.align).toBe(numeric.includes(c) ? "right" : "left");
    }
    expect(cells(2).map(textOf)).toEqual([
      oom.name,
      "💥 oom",
      "137",
      "1.50",
      "0.12",
      "64.0",
      "3",
      "out of memory (memory limit 64.0 MiB): 1 OOM kill(s)",
    ]);
    expect(cells(3).map(textOf).slice(1, 2)).toEqual(["🚫 cancelled"]);
    expect(cells(3).map(textOf)[5]).toBe("n/a");
  });

  it("lists the limits that applied, the step's and a command's own", () => {
    const limits = blocks.filter((b) => b.startsWith("<p>limits")).map((b) => textOf(parseHtml(b)[0] ?? ""));
    expect(limits).toEqual([
      "limits per sandbox: memory 64.0 MiB · pids 32 · cpus 0.5 · timeout 30.00 s · cpu-time 10.00 s · tmpfs 512.0 MiB (default)",
      "limits of slow: memory 512.0 MiB (default) · pids 1024 (default) · cpus no limit · timeout 1.50 s · cpu-time no limit · tmpfs 512.0 MiB (default)",
    ]);
  });

  it("states the step's defaults as a sandbox without limits of its own got them, not the first row's", () => {
    const MiB = 1024 * 1024;
    const own = result("own", {
      limits: { ...result("x").limits, memoryBytes: 32 * MiB, defaulted: ["pids"] },
    });
    const plain = result("plain", { limits: { ...result("x").limits, memoryBytes: 6000 * MiB } });
    const line = (limits: SummaryInput["limits"]) => {
      const md = renderSummary({
        results: [{ ...own, outputTail: "" }],
        facts: ["x"],
        limits,
        warning: null,
      });
      return md.split("\n\n").filter((b) => b.startsWith("<p>limits"));
    };
    const overrides = [{ name: "own", limits: { memoryBytes: 32 * MiB }, applied: own.limits }];
    const defaults = { step: {}, overrides, defaultTmpfsBytes: 512 * MiB };
    expect(line({ ...defaults, stepApplied: plain.limits, everyCommandHasOwn: false })).toEqual([
      "<p>limits per sandbox: memory 6000.0 MiB (default) · pids 1024 (default) · cpus no limit · timeout no limit · cpu-time no limit · tmpfs 512.0 MiB (default)</p>",
      "<p>limits of own: memory 32.0 MiB · pids 1024 (default) · cpus no limit · timeout no limit · cpu-time no limit · tmpfs 512.0 MiB (default)</p>",
    ]);
    // Every command has its own: the step's line says so, and claims no value the engine chose.
    expect(line({ ...defaults, stepApplied: null, everyCommandHasOwn: true })[0]).toBe(
      "<p>limits of the step (every command has its own): memory default · pids default · cpus no limit · timeout no limit · cpu-time no limit · tmpfs 512.0 MiB (default)</p>",
    );
  });

  it("stays within the runner's 1 MiB however much the sandboxes said: tails and rows fitted after escaping", () => {
    // 20 failures whose 8 KiB tails are all `"` (six bytes each once escaped) and 280 passes: 1.05 MiB
    // before the budget, which the runner throws away whole.
    const quoteTail = '"'.repeat(8 * 1024);
    const many = Array.from({ length: 300 }, (_, i) =>
      i % 15 === 0
        ? { ...result(`c${i}`, { status: "failed", exitCode: 1 }), outputTail: quoteTail }
        : { ...result(`c${i}`), outputTail: "" },
    );
    const md = renderSummary({ results: many, facts: ["x"], limits: null, warning: null });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(900 * 1024);
    const all = elements(md.trimEnd().split(/\n\n/).slice(1).flatMap(parseHtml));
    expect(all.filter((e) => e.tag === "tr")).toHaveLength(301); // every row fits here
    const details = all.filter((e) => e.tag === "details");
    expect(details.length).toBeGreaterThan(10);
    const last = details.at(-1);
    expect(textOf(last?.children[0] ?? "")).toMatch(
      /: last lines of output( \(shortened for the summary\))?$/,
    );
    expect(textOf(last?.children[1] ?? "")).toMatch(/^"+$/); // the end of the tail, never its start alone
    const closing = all
      .filter((e) => e.tag === "p")
      .map(textOf)
      .at(-1);
    expect(closing).toBe(`${20 - details.length} more failure(s): their output is in the step log`);
  });

  it("stays within its budget with long-named commands of their own limits: their names shortened there", () => {
    // 25 commands of their own limits, named by 6,000 `"` (36,000 bytes escaped): 900 KiB of limits lines.
    const name = (i: number) => `${i}${'"'.repeat(6000)}`;
    const rows = Array.from({ length: 25 }, (_, i) => ({ ...result(name(i)), outputTail: "" }));
    const md = renderSummary({
      results: rows,
      facts: ["x"],
      limits: {
        step: {},
        stepApplied: null,
        everyCommandHasOwn: true,
        overrides: rows.map((r) => ({ name: r.name, limits: { timeoutMs: 60_000 }, applied: r.limits })),
        defaultTmpfsBytes: 512 * 1024 * 1024,
      },
      warning: null,
    });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(900 * 1024);
    const lines = md.split("\n\n").filter((b) => b.startsWith("<p>limits of 1&quot;"));
    expect(lines.map((l) => textOf(parseHtml(l)[0] ?? "").split(":")[0])).toEqual([
      `limits of 1${'"'.repeat(98)}…`,
    ]);
    expect(md).toContain("<p>5 more command(s) with limits of their own: see the results file</p>");
  });

  it("lists every failure's row first when the table alone would be too big, and says how many are left out", () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({
      ...result(
        `command number ${i} ${"x".repeat(100)}`,
        i === 2999 ? { status: "failed", exitCode: 2 } : {},
      ),
      outputTail: "",
    }));
    const md = renderSummary({ results: many, facts: ["x"], limits: null, warning: null }, 200 * 1024);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(200 * 1024);
    const all = elements(md.trimEnd().split(/\n\n/).slice(1).flatMap(parseHtml));
    const rows = all.filter((e) => e.tag === "tr").slice(1);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.length).toBeLessThan(3000);
    expect(textOf(rows.at(-1) ?? "")).toContain("command number 2999"); // the failure, in its place: last
    expect(all.filter((e) => e.tag === "p").map(textOf)).toContain(
      `${3000 - rows.length} more command(s) not in this table: the summary has a size limit; the results file and the step log have every one`,
    );
  });
});
