// The measurements of issue 7 that watch processes rather than time sandboxes: the Action end to end,
// peak RSS, accounting accuracy. Same row shape as sections.mjs.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { engineRun, LIMITS, oneLine, row, versus } from "./common.mjs";
import { bwrapArgv, childrenOf, processTable, spawnTimed, vmHwmKb } from "./peers.mjs";
import { interleaved, median, summarize } from "./stats.mjs";

const MiB = 1024 * 1024;
const QUIET = { stdin: "ignore", stdout: "inherit", stderr: "inherit" };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function actionEndToEnd(ctx) {
  const { root, mirror, tmp, cfg } = ctx;
  const base = {
    id: "5-action",
    what: `the Action end to end (node dist/index.js, run: true, warm cache), ${cfg.actionN} runs (vs node -e 0)`,
    unit: "ms",
    goal: { op: "<=", value: 2 },
  };
  const entry = join(root, "dist/index.js");
  if (!existsSync(entry)) return [row({ ...base, na: "dist/index.js is missing (npm run build)" })];
  const dir = join(tmp, "action");
  const toolCache = join(dir, "toolcache");
  mkdirSync(toolCache, { recursive: true });
  let k = 0;
  const envFor = () => {
    const n = k++;
    const files = {};
    for (const f of ["GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_STATE"]) {
      files[f] = join(dir, `${f.toLowerCase()}-${n}`);
      writeFileSync(files[f], "");
    }
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? "/root",
      INPUT_RUN: "true",
      INPUT_MIRROR: mirror.url,
      INPUT_WORKSPACE: "none",
      "INPUT_ALPINE-VERSION": "3.20",
      RUNNER_TOOL_CACHE: toolCache,
      RUNNER_TEMP: dir,
      ...files,
    };
    return { env, files };
  };
  const runAction = async () => {
    const { env, files } = envFor();
    const t0 = performance.now();
    const { code, out } = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [entry], { env, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      child.once("error", reject);
      child.once("close", (code) => resolve({ code, out }));
    });
    const ms = performance.now() - t0;
    const outputs = readFileSync(files.GITHUB_OUTPUT, "utf8");
    for (const f of Object.values(files)) rmSync(f, { force: true });
    if (code !== 0 || /::error/.test(out))
      throw new Error(`the Action failed (exit ${code}): ${out.slice(-400)}`);
    return { ms, outputs };
  };
  let first;
  try {
    first = await runAction(); // cold: fills the tool cache
  } catch (e) {
    return [row({ ...base, na: oneLine(e) })];
  }
  const s = await interleaved(
    {
      action: async () => (await runAction()).ms,
      "node -e 0": () => spawnTimed([process.execPath, "-e", "0"], { stdio: "ignore" }),
    },
    { n: cfg.actionN, block: 5, warmup: 3 },
  );
  const a = summarize(s.action);
  const b = summarize(s["node -e 0"]);
  return [
    versus(
      {
        ...base,
        detail: { action: a, node: b, outputsOfColdRun: first.outputs.slice(0, 2000) },
      },
      a,
      b,
    ),
  ];
}

// 6. Peak RSS of the helper vs bwrap ---------------------------------------------------------------
export async function peakRss(ctx) {
  const { session, rootfs, cfg, have } = ctx;
  const base = {
    id: "6-rss",
    what: "peak RSS (VmHWM) of the helper while `sleep 1` runs (vs the bwrap process)",
    unit: "KiB",
    goal: { op: "<=", value: 1 },
  };
  const treeHwm = (pid, table) => {
    // The process and its descendants, except the sleeping command itself (same in both).
    let total = 0;
    const stack = [pid];
    const parts = [];
    while (stack.length) {
      const p = stack.pop();
      const e = table.get(p);
      if (!e || e.comm === "sleep") continue;
      const hwm = vmHwmKb(p);
      if (hwm !== null) {
        total += hwm;
        parts.push({ pid: p, comm: e.comm, vmHwmKb: hwm });
      }
      for (const c of childrenOf(p, table)) stack.push(c.pid);
    }
    return { total, parts };
  };
  const engineOnce = async () => {
    const run = session.run({ argv: ["/bin/sleep", "1"], limits: LIMITS, stdio: QUIET });
    let helper = null;
    for (let i = 0; i < 200 && !helper; i++) {
      await sleep(5);
      helper = childrenOf(process.pid).find((c) => c.comm.startsWith("nsbox-helper"));
    }
    await sleep(400);
    const table = processTable();
    const own = helper ? vmHwmKb(helper.pid) : null;
    const tree = helper ? treeHwm(helper.pid, table) : null;
    const r = await run;
    if (r.status !== "ok") throw new Error(`sleep 1 in the engine: ${r.status}`);
    return { own, tree };
  };
  const bwrapOnce = async () => {
    const child = spawn(
      bwrapArgv(rootfs, ["/bin/sleep", "1"])[0],
      bwrapArgv(rootfs, ["/bin/sleep", "1"]).slice(1),
      {
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    const done = new Promise((r) => child.once("close", r));
    await sleep(400);
    const table = processTable();
    const own = vmHwmKb(child.pid);
    const tree = treeHwm(child.pid, table);
    await done;
    return { own, tree };
  };
  if (!have.bwrap) return [row({ ...base, na: "bwrap is not installed" })];
  const eng = [];
  const bw = [];
  for (let i = 0; i < cfg.rssN; i++) {
    eng.push(await engineOnce());
    bw.push(await bwrapOnce());
  }
  const m = (xs, f) => median(xs.map(f).filter((x) => x !== null && x !== undefined));
  return [
    row({
      ...base,
      nsbox: m(eng, (x) => x.own),
      peer: m(bw, (x) => x.own),
      detail: {
        helperTreeKb: m(eng, (x) => x.tree?.total),
        bwrapTreeKb: m(bw, (x) => x.tree?.total),
        helperTree: eng.at(-1)?.tree?.parts,
        bwrapTree: bw.at(-1)?.tree?.parts,
      },
    }),
  ];
}

// 7. Accounting accuracy ---------------------------------------------------------------------------
export async function accuracy(ctx) {
  const { session, probes, cfg } = ctx;
  const mounts = [{ source: probes, target: "/probes", mode: "ro" }];
  const mem = [];
  const cpu = [];
  const memRaw = [];
  const cpuRaw = [];
  for (let i = 0; i < cfg.accN; i++) {
    const m = await engineRun(session, ["/probes/memtouch", "100"], {
      mounts,
      stdio: { stdout: "ignore", stderr: "inherit" },
    });
    const bytes = m.report.memoryPeakBytes;
    memRaw.push(bytes);
    if (bytes !== null) mem.push((100 * (bytes - 100 * MiB)) / (100 * MiB));
    const c = await engineRun(session, ["/probes/burn", "500"], {
      mounts,
      stdio: { stdout: "ignore", stderr: "inherit" },
    });
    const ms = c.report.cpuUserMs + c.report.cpuSystemMs;
    cpuRaw.push({ user: c.report.cpuUserMs, system: c.report.cpuSystemMs, source: c.report.cpuSource });
    cpu.push((100 * (ms - 500)) / 500);
  }
  const note = ctx.lastNote;
  const memRow = row({
    id: "7-memory",
    what: "reported memory peak for a 100 MiB touch (memtouch 100), error",
    unit: "%",
    nsbox: mem.length ? median(memRaw.filter((x) => x !== null)) / MiB : null,
    peer: 100,
    peerLabel: "100 MiB touched",
    ratio: mem.length ? median(mem) : null,
    ratioUnit: "%",
    goal: { op: "abs<=", value: 5 },
    detail: { errorsPct: mem.map((x) => Number(x.toFixed(2))), rawBytes: memRaw, note },
  });
  memRow.unit = "MiB";
  if (!mem.length) memRow.na = "no memory peak reported";
  const cpuRow = row({
    id: "7-cpu",
    what: "reported cpu time for a 500 ms busy loop (burn 500), error",
    unit: "ms",
    nsbox: median(cpuRaw.map((x) => x.user + x.system)),
    peer: 500,
    peerLabel: "500 ms burned",
    ratio: median(cpu),
    ratioUnit: "%",
    goal: { op: "abs<=", value: 5 },
    detail: { errorsPct: cpu.map((x) => Number(x.toFixed(2))), raw: cpuRaw },
  });
  return [memRow, cpuRow];
}
