// npm run bench [-- --quick] [--only 1,3] [--out FILE]
// nsbox side by side with bubblewrap and util-linux unshare on the same Alpine rootfs.
// Prints a Markdown table of medians and ratios and writes the same as JSON (bench-results.json).
//
// Needs root. The whole bench runs in a throwaway network + mount namespace (unshare --net --mount):
// the NAT part sets up forwarding and firewall rules, which must never touch the host's own; the
// namespace gets a loopback, a veth "uplink" with a default route that leads nowhere, and a private
// tmpfs on /run/nsbox for the engine's network state. The Alpine mirror is served on 127.0.0.1 inside.
// Long on purpose: the driver (options, the throwaway netns, the session, the section table, the report);
// the measurements themselves are in bench/.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildEngine } from "../bench/build.mjs";
import { oneLine, probesDir } from "../bench/common.mjs";
import { version, which } from "../bench/peers.mjs";
import * as S from "../bench/sections.mjs";
import { actionPerCommand } from "../bench/sections-helper.mjs";
import { packageLayers } from "../bench/sections-layers.mjs";
import { accuracy, actionEndToEnd, peakRss } from "../bench/sections-process.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag("--quick");
const only = opt("--only")
  ?.split(",")
  .map((x) => x.trim());
const outFile = opt("--out") ?? join(root, "bench-results.json");

if (flag("--help") || flag("-h")) {
  console.log("usage: npm run bench [-- --quick] [--only 1,2,3,4,5,6,7,8] [--out FILE]");
  process.exit(0);
}
if (process.getuid?.() !== 0) {
  console.error("npm run bench needs root (cgroups, the NAT part, a throwaway network namespace); try sudo");
  process.exit(2);
}

// Re-exec inside a throwaway network + mount namespace.
if (process.env.NSBOX_BENCH_INNER !== "1") {
  const r = spawnSync(
    "unshare",
    [
      "--net",
      "--mount",
      "--propagation",
      "private",
      "--",
      process.execPath,
      fileURLToPath(import.meta.url),
      ...args,
    ],
    { stdio: "inherit", env: { ...process.env, NSBOX_BENCH_INNER: "1" } },
  );
  process.exit(r.status ?? 1);
}

const cfg = quick
  ? { n: 100, block: 20, throughputS: 4, coldN: 3, pkgN: 3, warmN: 50, actionN: 8, rssN: 2, accN: 2 }
  : { n: 300, block: 25, throughputS: 10, coldN: 9, pkgN: 15, warmN: 50, actionN: 15, rssN: 3, accN: 5 };

function sh(cmd) {
  return execFileSync("sh", ["-c", cmd], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

function setupNamespace() {
  // Belt and braces: we must be in a network namespace of our own (only lo, down), never the host's.
  const links = sh("ip -o link show").split("\n").filter(Boolean);
  if (links.length !== 1 || !links[0].includes(" lo:")) {
    throw new Error(`not in a fresh network namespace (links: ${links.length}); refusing to set up NAT`);
  }
  sh("ip link set lo up");
  sh("ip link add nsbench-up type veth peer name nsbench-peer");
  sh("ip link set nsbench-up up && ip link set nsbench-peer up");
  sh("ip addr add 192.0.2.1/24 dev nsbench-up && ip route add default via 192.0.2.254 dev nsbench-up");
  mkdirSync("/run/nsbox", { recursive: true, mode: 0o700 });
  sh("mount -t tmpfs -o mode=0700 nsbox-bench /run/nsbox");
}

function machine() {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown";
  return {
    kernel: os.release(),
    cpu,
    nproc: os.availableParallelism(),
    memory: `${Math.round(os.totalmem() / 1024 ** 3)} GiB`,
    node: process.version,
    bwrap: version("bwrap"),
    unshare: version("unshare"),
    curl: version("curl")?.split(" ").slice(0, 2).join(" ") ?? null,
    tar: version("tar"),
    loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

// --- formatting ---------------------------------------------------------------------------------
function fmt(x, unit) {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  const v = x.toFixed(digits);
  return unit ? `${v} ${unit}` : v;
}

function finish(r) {
  if (r.na) {
    r.met = null;
    return r;
  }
  if (r.ratio === null && r.nsbox !== null && r.peer !== null) r.ratio = r.nsbox / r.peer;
  const g = r.goal;
  if (!g) return r;
  if (g.absolute) r.met = r.nsbox !== null && r.nsbox <= g.value;
  else if (r.ratio === null) r.met = null;
  else if (g.op === "<=") r.met = r.ratio <= g.value;
  else if (g.op === ">=") r.met = r.ratio >= g.value;
  else if (g.op === "abs<=") r.met = Math.abs(r.ratio) <= g.value;
  return r;
}

function goalText(r) {
  const g = r.goal;
  if (!g) return "—";
  if (g.absolute) return `≤ ${g.value} ${r.unit}`;
  if (g.op === "abs<=") return `≤ ±${g.value}%`;
  return `${g.op === "<=" ? "≤" : "≥"} ${g.value}×`;
}

function cell(value, unit, spread) {
  const base = fmt(value, unit);
  if (!spread || value === null) return base;
  return `${base} (${fmt(spread[0])}–${fmt(spread[1])})`;
}

function tableLines(rows) {
  const out = ["| what | nsbox | peer | ratio | goal | met |", "|---|---|---|---|---|---|"];
  for (const r of rows) {
    const nsbox = cell(r.nsbox, r.unit, r.nsboxSpread);
    let peer = cell(r.peer, r.unit, r.peerSpread);
    if (r.peerLabel && r.peer !== null) peer = `${peer} (${r.peerLabel})`;
    let ratio;
    if (r.na) ratio = `n/a (${r.na})`;
    else if (r.ratio === null) ratio = "—";
    else if (r.ratioUnit === "%") ratio = `${r.ratio >= 0 ? "+" : ""}${r.ratio.toFixed(2)}%`;
    else ratio = `${r.ratio.toFixed(2)}×`;
    const met = r.met === null ? (r.goal ? "n/a" : "—") : r.met ? "yes" : "**no**";
    out.push(`| ${r.what} | ${nsbox} | ${peer} | ${ratio} | ${goalText(r)} | ${met} |`);
  }
  return out;
}

// --- main ---------------------------------------------------------------------------------------
async function main() {
  const t0 = performance.now();
  setupNamespace();
  const tmp = mkdtempSync(join(os.tmpdir(), "nsbox-bench-"));
  chmodSync(tmp, 0o755); // inside-root (an unprivileged host id) must traverse to the cache
  const built = await buildEngine(root);
  const E = await import(built.engine);
  const { startMirror } = await import(built.mirror);
  const apkrepo = await import(built.apkrepo);
  const mirror = await startMirror(join(root, "..", "shared", "alpine"));
  const cacheDir = join(tmp, "cache");
  const have = { bwrap: which("bwrap") !== null, unshare: which("unshare") !== null };
  const info = machine();
  const date = new Date().toISOString();
  console.log(`nsbox bench ${quick ? "(quick) " : ""}${date}`);
  console.log(
    `machine: Linux ${info.kernel}, ${info.cpu}, ${info.nproc} vCPU, ${info.memory}; node ${info.node}; ${info.bwrap}; ${info.unshare}`,
  );
  if (!existsSync(join(root, "dist/native", `nsbox-helper-${process.arch}`))) {
    console.error("the native helper is missing: run npm run build first");
    process.exit(1);
  }
  warnIfDistStale();

  const rows = [];
  let session;
  try {
    // Fill the cache in a child process: a cold extraction leaves this process ~40 MB bigger, and
    // Node's spawn() (fork) cost grows with RSS, which would inflate every spawn timed below.
    await prewarm(built.engine, mirror.url, cacheDir);
    session = await E.Session.open({ mirror: mirror.url, cacheDir, alpine: "3.20", network: "none" });
    const rootfs = session.ctx.rootfsDir;
    const alpineArch = { x64: "x86_64", arm64: "aarch64" }[process.arch] ?? process.arch;
    const shift = Number(basename(rootfs).split("-").at(-1));
    const ctx = {
      E,
      root,
      tmp,
      cfg,
      have,
      mirror,
      cacheDir,
      session,
      rootfs,
      idShift: Number.isInteger(shift) ? shift : null,
      rel: { arch: alpineArch, file: `alpine-minirootfs-${session.alpine}-${alpineArch}.tar.gz` },
      probes: probesDir(root, join(tmp, "probes")),
      apkrepo,
      startMirror,
    };
    console.log(`rootfs: Alpine ${session.alpine} at ${rootfs}`);
    // Listed in table order; the cold rootfs runs last, for the RSS reason above.
    const sections = [
      ["1", "per-sandbox overhead", S.perSandbox],
      ["2", "network nat", S.natOverhead],
      ["3", "throughput", S.throughput],
      ["4c", "cold rootfs", S.rootfsCold, "last"],
      ["4w", "warm rootfs", S.rootfsWarm],
      ["5", "Action end to end", actionEndToEnd],
      ["5", "Action, many commands", actionPerCommand],
      ["6", "peak RSS", peakRss],
      ["7", "accounting accuracy", accuracy],
      ["8", "package and setup layers", packageLayers],
    ].map((x, i) => ({ id: x[0], name: x[1], fn: x[2], pos: i, runAt: x[3] === "last" ? 99 : i }));
    const byPos = [];
    for (const { id, name, fn, pos } of [...sections].sort((a, b) => a.runAt - b.runAt)) {
      if (only && !only.includes(id) && !only.includes(id.replace(/[a-z]$/, ""))) continue; // --only 4: 4c and 4w
      const s0 = performance.now();
      process.stdout.write(`[${id}] ${name} … `);
      let got;
      try {
        got = await fn(ctx);
      } catch (e) {
        got = [
          { id, what: name, nsbox: null, peer: null, ratio: null, goal: null, met: null, na: oneLine(e) },
        ];
      }
      byPos[pos] = got.map(finish);
      console.log(`${((performance.now() - s0) / 1000).toFixed(1)} s`);
    }
    for (const got of byPos) if (got) rows.push(...got);
  } finally {
    await session?.close();
    await mirror.close();
    rmSync(tmp, { recursive: true, force: true });
  }

  const seconds = (performance.now() - t0) / 1000;
  const lines = tableLines(rows);
  console.log("");
  console.log(
    `${date.slice(0, 10)} · Linux ${info.kernel} · ${info.cpu} · ${info.nproc} vCPU · node ${info.node} · ${info.bwrap} · ${info.unshare}`,
  );
  console.log(
    `Load average at start ${info.loadavg.join(" ")}, at end ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}.`,
  );
  console.log("Medians (p10–p90 in brackets); ratio = nsbox / peer.");
  console.log("");
  for (const l of lines) console.log(l);
  console.log("");
  console.log(`bench took ${seconds.toFixed(0)} s; results in ${outFile}`);
  const json = {
    date,
    quick,
    seconds: Number(seconds.toFixed(1)),
    machine: info,
    config: cfg,
    rows,
    table: lines.join("\n"),
  };
  writeFileSync(outFile, `${JSON.stringify(json, null, 2)}\n`);
}

function prewarm(engine, mirrorUrl, cacheDir) {
  const code = `const E = await import(${JSON.stringify(engine)});
const s = await E.Session.open({ mirror: ${JSON.stringify(mirrorUrl)}, cacheDir: ${JSON.stringify(cacheDir)}, alpine: "3.20" });
await s.close();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", code], { stdio: "inherit" });
    child.once("error", reject);
    child.once("close", (c) =>
      c === 0 ? resolve() : reject(new Error(`preparing the rootfs cache failed (exit ${c})`)),
    );
  });
}

function warnIfDistStale() {
  // The Action row runs dist/index.js; everything else runs src/ through the bench's own bundle.
  try {
    const distAt = statSync(join(root, "dist/index.js")).mtimeMs;
    const newest = sh(
      `find '${join(root, "src")}' -name '*.ts' -newer '${join(root, "dist/index.js")}' | head -3`,
    );
    if (newest)
      console.log(
        `note: dist/index.js is older than src (${newest.split("\n")[0]}…); the Action row uses dist as built (${new Date(distAt).toISOString()})`,
      );
  } catch {}
}

await main();
