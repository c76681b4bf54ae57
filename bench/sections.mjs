// The seven measurements of issue 7. Each returns one or more rows:
//   { id, what, nsbox, peer, unit, ratio, goal, met, detail }
// nsbox/peer are medians (numbers) or null with `na` saying why.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bwrapArgv, childrenOf, processTable, shTimed, spawnTimed, unshareArgv, vmHwmKb } from "./peers.mjs";
import { interleaved, median, summarize } from "./stats.mjs";

const MiB = 1024 * 1024;
export const LIMITS = { memoryBytes: 256 * MiB, pids: 64 };
const QUIET = { stdin: "ignore", stdout: "inherit", stderr: "inherit" };

function row(fields) {
  const { nsbox, peer, ratio } = fields;
  return { nsbox: nsbox ?? null, peer: peer ?? null, ratio: ratio ?? null, met: null, na: null, ...fields };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One engine run, timed around session.run(); throws unless the report says ok. */
async function engineRun(session, argv, extra = {}) {
  const t0 = performance.now();
  const r = await session.run({ argv, limits: LIMITS, stdio: QUIET, ...extra });
  const ms = performance.now() - t0;
  if (r.status !== "ok")
    throw new Error(`engine run of ${argv.join(" ")}: ${r.status} ${JSON.stringify(r.error ?? r.reason)}`);
  return { ms, report: r };
}

// 1. Per-sandbox overhead -------------------------------------------------------------------------
export async function perSandbox(ctx) {
  const { session, rootfs, cfg, have } = ctx;
  const fns = { nsbox: async () => (await engineRun(session, ["/bin/true"])).ms };
  if (have.bwrap) fns.bwrap = () => spawnTimed(bwrapArgv(rootfs, ["/bin/true"]));
  if (have.unshare) fns.unshare = () => spawnTimed(unshareArgv(rootfs, ["/bin/true"]));
  const s = await interleaved(fns, { n: cfg.n, block: cfg.block, warmup: 10 });
  const stats = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, summarize(v)]));
  const rows = [];
  const eng = stats.nsbox;
  for (const peer of ["bwrap", "unshare"]) {
    const p = stats[peer];
    const base = {
      id: `1-${peer}`,
      what: `/bin/true per sandbox, sequential, N=${cfg.n} (vs ${peer === "bwrap" ? "bwrap --unshare-all" : "unshare -fpmuinC --root --mount-proc"} from Node)`,
      unit: "ms",
      goal: peer === "bwrap" ? { op: "<=", value: 0.8 } : null,
      detail: { nsbox: eng, [peer]: p ?? null },
    };
    if (!p) rows.push(row({ ...base, nsbox: eng.median, na: `${peer} is not installed` }));
    else
      rows.push(
        row({
          ...base,
          nsbox: eng.median,
          peer: p.median,
          nsboxSpread: [eng.p10, eng.p90],
          peerSpread: [p.p10, p.p90],
        }),
      );
  }
  ctx.perSandboxMedian = eng.median;
  ctx.perSandboxSamples = s.nsbox;
  return rows;
}

// 2. The same with network: nat (this process already runs in a throwaway netns) -----------------
export async function natOverhead(ctx) {
  const { E, mirror, cacheDir, session, cfg } = ctx;
  const base = {
    id: "2-nat",
    what: `/bin/true per sandbox with network nat, N=${cfg.n} (vs the same without network)`,
    unit: "ms",
    goal: { op: "<=", value: 1.5 },
  };
  let nat;
  try {
    nat = await E.Session.open({ mirror: mirror.url, cacheDir, alpine: "3.20", network: "nat" });
  } catch (e) {
    return [row({ ...base, na: `nat session cannot open: ${oneLine(e)}` })];
  }
  try {
    const probe = await nat.run({ argv: ["/bin/true"], limits: LIMITS, stdio: QUIET });
    if (probe.status !== "ok" || probe.network !== "nat") {
      return [
        row({ ...base, na: `nat run: ${probe.status} ${probe.error?.message ?? probe.reason ?? ""}`.trim() }),
      ];
    }
    const s = await interleaved(
      {
        nat: async () => (await engineRun(nat, ["/bin/true"])).ms,
        none: async () => (await engineRun(session, ["/bin/true"])).ms,
      },
      { n: cfg.n, block: cfg.block, warmup: 10 },
    );
    const a = summarize(s.nat);
    const b = summarize(s.none);
    return [
      row({
        ...base,
        nsbox: a.median,
        peer: b.median,
        peerLabel: "nsbox, network none",
        nsboxSpread: [a.p10, a.p90],
        peerSpread: [b.p10, b.p90],
        detail: { nat: a, none: b },
      }),
    ];
  } catch (e) {
    return [row({ ...base, na: oneLine(e) })];
  } finally {
    await nat.close();
  }
}

// 3. Throughput with 2 workers -------------------------------------------------------------------
export async function throughput(ctx) {
  const { session, rootfs, cfg, have } = ctx;
  const base = {
    id: "3-throughput",
    what: `/bin/true throughput, 2 parallel workers, ${cfg.throughputS} s each (vs 2 bwrap spawn loops)`,
    unit: "/s",
    goal: { op: ">=", value: 1.2 },
  };
  const workers = 2;
  const loop = async (one, ms) => {
    const t0 = performance.now();
    let count = 0;
    const worker = async () => {
      while (performance.now() - t0 < ms) {
        await one();
        count++;
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    return { count, ms: performance.now() - t0 };
  };
  const eng = () => engineRun(session, ["/bin/true"]);
  const bw = () => spawnTimed(bwrapArgv(rootfs, ["/bin/true"]));
  // Two rounds of half the time each, alternating, so drift is shared.
  const half = (cfg.throughputS * 1000) / 2;
  await loop(eng, 300);
  if (have.bwrap) await loop(bw, 300);
  const totals = { nsbox: { count: 0, ms: 0 }, bwrap: { count: 0, ms: 0 } };
  const rounds = { nsbox: [], bwrap: [] };
  for (let r = 0; r < 2; r++) {
    const order = r === 0 ? ["nsbox", "bwrap"] : ["bwrap", "nsbox"];
    for (const k of order) {
      if (k === "bwrap" && !have.bwrap) continue;
      const got = await loop(k === "nsbox" ? eng : bw, half);
      totals[k].count += got.count;
      totals[k].ms += got.ms;
      rounds[k].push(Number(((got.count * 1000) / got.ms).toFixed(1)));
    }
  }
  const rate = (t) => (t.ms ? (t.count * 1000) / t.ms : null);
  const detail = { totals, perRound: rounds };
  if (!have.bwrap) return [row({ ...base, nsbox: rate(totals.nsbox), na: "bwrap is not installed", detail })];
  return [row({ ...base, nsbox: rate(totals.nsbox), peer: rate(totals.bwrap), detail })];
}

// 4. Cold and warm rootfs -------------------------------------------------------------------------
export async function rootfsCold(ctx) {
  const { E, mirror, tmp, cfg, rel } = ctx;
  const base = {
    id: "4-cold",
    what: "cold rootfs: mirror on 127.0.0.1 → sha256 → extract → cache (vs curl | tee | sha256sum; tar xzf)",
    unit: "ms",
    goal: { op: "<=", value: 1.5 },
  };
  const url = `${mirror.url}/v3.20/releases/${rel.arch}/${rel.file}`;
  const dir = join(tmp, "cold");
  mkdirSync(dir, { recursive: true });
  let i = 0;
  const fns = {
    nsbox: async () => {
      const cache = join(dir, `engine-${i++}`);
      const t0 = performance.now();
      const r = await E.prepareRootfs({
        alpine: "3.20",
        mirror: mirror.url,
        cacheDir: cache,
        idShift: ctx.idShift,
      });
      const ms = performance.now() - t0;
      if (!existsSync(join(r.dir, "bin/busybox"))) throw new Error("cold rootfs: no bin/busybox in the tree");
      rmSync(cache, { recursive: true, force: true });
      return ms;
    },
    "curl+tar": async () => {
      const d = join(dir, `peer-${i++}`);
      mkdirSync(d);
      const f = join(d, "rootfs.tar.gz");
      const t = join(d, "tree");
      const ms = await shTimed(
        `curl -sf '${url}' | tee '${f}' | sha256sum >/dev/null && mkdir '${t}' && tar xzf '${f}' -C '${t}'`,
      );
      if (!existsSync(join(t, "bin/busybox"))) throw new Error("curl+tar: no bin/busybox in the tree");
      rmSync(d, { recursive: true, force: true });
      return ms;
    },
  };
  const s = await interleaved(fns, { n: cfg.coldN, block: 1, warmup: 2 });
  const a = summarize(s.nsbox);
  const b = summarize(s["curl+tar"]);
  return [
    row({
      ...base,
      nsbox: a.median,
      peer: b.median,
      nsboxSpread: [a.p10, a.p90],
      peerSpread: [b.p10, b.p90],
      detail: { nsbox: a, peer: b, url },
    }),
  ];
}

export async function rootfsWarm(ctx) {
  const { E, mirror, cacheDir, cfg } = ctx;
  const req = { alpine: "3.20", mirror: mirror.url, cacheDir, idShift: ctx.idShift };
  const samples = [];
  for (let i = 0; i < 10; i++) await E.prepareRootfs(req);
  const before = mirror.requests.length;
  for (let i = 0; i < cfg.warmN; i++) {
    const t0 = performance.now();
    await E.prepareRootfs(req);
    samples.push(performance.now() - t0);
  }
  const a = summarize(samples, 4);
  return [
    row({
      id: "4-warm",
      what: `warm (cached) rootfs resolution, prepareRootfs, median of ${cfg.warmN}`,
      unit: "ms",
      nsbox: a.median,
      nsboxSpread: [a.p10, a.p90],
      goal: { op: "<=", value: 5, absolute: true },
      detail: { nsbox: a, mirrorRequests: mirror.requests.length - before },
    }),
  ];
}

// 5. The Action end to end ------------------------------------------------------------------------
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
    row({
      ...base,
      nsbox: a.median,
      peer: b.median,
      nsboxSpread: [a.p10, a.p90],
      peerSpread: [b.p10, b.p90],
      detail: { action: a, node: b, outputsOfColdRun: first.outputs.slice(0, 2000) },
    }),
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

export function oneLine(e) {
  return String(e instanceof Error ? e.message : e)
    .replace(/\s+/g, " ")
    .slice(0, 300);
}

/** The probes (memtouch, burn): the test setup's build, else compiled here into `dir`. */
export function probesDir(root, dir) {
  const built = join(root, "test/fixtures/probes/bin");
  if (existsSync(join(built, "memtouch")) && existsSync(join(built, "burn"))) return built;
  mkdirSync(dir, { recursive: true });
  for (const p of ["memtouch", "burn"]) {
    execFileSync("cc", ["-static", "-O1", "-o", join(dir, p), join(root, `test/fixtures/probes/${p}.c`)]);
  }
  return dir;
}

export function tmpDir(prefix) {
  return mkdtempSync(prefix);
}
