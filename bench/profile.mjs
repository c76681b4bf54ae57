// Where does one engine sandbox spend its time on the Node side? Run as root (needs the bundle from
// a bench run, or builds it):   node bench/profile.mjs [N] [--cpu-prof-dir DIR]
// Phases are timed by wrapping the session's cgroup driver and child_process.spawn (no source edits):
//   cgroup create+limits → spawn() returns → helper status fd first byte (pid line) → helper exit →
//   close (stdio drained) → cgroup stats → cgroup remove → run() resolves.
// With --cpu-prof-dir it re-runs itself under `node --cpu-prof` and prints the top self-time functions.

// Where does one engine sandbox spend its time on the Node side? Run as root (needs the bundle from
// a bench run, or builds it):   node bench/profile.mjs [N] [--cpu-prof-dir DIR]
// Phases are timed by wrapping the session's cgroup driver and child_process.spawn (no source edits):
//   cgroup create+limits → spawn() returns → helper status fd first byte (pid line) → helper exit →
//   close (stdio drained) → cgroup stats → cgroup remove → run() resolves.
// With --cpu-prof-dir it re-runs itself under `node --cpu-prof` and prints the top self-time functions.
import childProcess, { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildEngine } from "./build.mjs";
import { summarize } from "./stats.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 200);
const profDirIdx = args.indexOf("--cpu-prof-dir");

if (profDirIdx >= 0 && process.env.NSBOX_PROFILE_INNER !== "1") {
  const dir = args[profDirIdx + 1];
  const r = spawnSync(
    "unshare",
    [
      "--net",
      "--",
      "sh",
      "-c",
      'ip link set lo up && exec "$@"',
      "sh",
      process.execPath,
      "--cpu-prof",
      "--cpu-prof-dir",
      dir,
      fileURLToPath(import.meta.url),
      String(n),
    ],
    { stdio: "inherit", env: { ...process.env, NSBOX_PROFILE_INNER: "1" } },
  );
  const file = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .sort()
    .at(-1);
  if (file) topSelf(join(dir, file));
  process.exit(r.status ?? 1);
}
if (process.env.NSBOX_PROFILE_INNER !== "1") {
  // A throwaway netns: Session.open's stale-network cleanup must not look at the host's.
  const r = spawnSync(
    "unshare",
    [
      "--net",
      "--",
      "sh",
      "-c",
      'ip link set lo up && exec "$@"',
      "sh",
      process.execPath,
      fileURLToPath(import.meta.url),
      ...args,
    ],
    {
      stdio: "inherit",
      env: { ...process.env, NSBOX_PROFILE_INNER: "1" },
    },
  );
  process.exit(r.status ?? 1);
}

// Wrap spawn before the engine bundle binds it.
let current = null;
const realSpawn = childProcess.spawn;
childProcess.spawn = function (...a) {
  const t = performance.now();
  const child = realSpawn.apply(this, a);
  if (current && String(a[0]).includes("nsbox-helper")) {
    const c = current;
    c.spawnCalled = t;
    c.spawnReturned = performance.now();
    child.once("spawn", () => (c.spawnEvent = performance.now()));
    child.stdio[4]?.once("data", () => (c.firstStatus = performance.now()));
    child.once("exit", () => (c.exit = performance.now()));
    child.once("close", () => (c.close = performance.now()));
  }
  return child;
};
syncBuiltinESMExports();

const built = await buildEngine(root);
const E = await import(built.engine);
const { startMirror } = await import(built.mirror);
const mirror = await startMirror(join(root, "..", "shared", "alpine"));
const tmp = mkdtempSync(join(os.tmpdir(), "nsbox-profile-"));
chmodSync(tmp, 0o755);
const session = await E.Session.open({
  mirror: mirror.url,
  cacheDir: process.env.NSBOX_PROFILE_CACHE ?? join(tmp, "cache"),
  alpine: "3.20",
});
const cgroups = session.ctx.cgroups;
const realCreate = cgroups.createSandbox.bind(cgroups);
cgroups.createSandbox = (...a) => {
  const c = current;
  const t = performance.now();
  const cg = realCreate(...a);
  if (c) c.created = performance.now() - t;
  for (const m of ["stats", "remove"]) {
    const f = cg[m].bind(cg);
    cg[m] = (...x) => {
      const t1 = performance.now();
      try {
        return f(...x);
      } finally {
        if (c) c[m] = performance.now() - t1;
      }
    };
  }
  return cg;
};

const limits = { memoryBytes: 256 * 1024 ** 2, pids: 64 };
const phases = {};
const add = (k, v) => {
  phases[k] ??= [];
  phases[k].push(v);
};
for (let i = 0; i < n + 10; i++) {
  const c = {};
  current = c;
  const t0 = performance.now();
  await session.run({
    argv: ["/bin/true"],
    limits,
    stdio: { stdin: "ignore", stdout: "inherit", stderr: "inherit" },
  });
  const t1 = performance.now();
  current = null;
  if (i < 10) continue;
  add("total run()", t1 - t0);
  add("cgroup create + limits", c.created);
  add("before spawn (spec, env…)", c.spawnCalled - t0 - c.created);
  add("spawn() call (sync, fork/exec)", c.spawnReturned - c.spawnCalled);
  add("spawn → first status line (helper: ns, mounts, clone)", c.firstStatus - c.spawnReturned);
  add("first status → helper exit", c.exit - c.firstStatus);
  add("exit → close", c.close - c.exit);
  add("cgroup stats", c.stats);
  add("cgroup remove", c.remove);
  add("after close, rest", t1 - c.close - c.stats - c.remove);
}
console.log("rss MB", (process.memoryUsage().rss / 1e6).toFixed(0), JSON.stringify(process.memoryUsage()));
await session.close();
await mirror.close();
rmSync(tmp, { recursive: true, force: true });
console.log(`per-sandbox phases, /bin/true, N=${n} (median / p90, ms):`);
for (const [k, v] of Object.entries(phases)) {
  const s = summarize(v);
  console.log(`  ${k.padEnd(56)} ${s.median.toFixed(3).padStart(7)} ${s.p90.toFixed(3).padStart(7)}`);
}

function topSelf(file) {
  const prof = JSON.parse(readFileSync(file, "utf8"));
  const byId = new Map(prof.nodes.map((nd) => [nd.id, nd]));
  const self = new Map();
  const dt = prof.timeDeltas;
  for (let i = 0; i < prof.samples.length; i++) {
    const nd = byId.get(prof.samples[i]);
    const cf = nd.callFrame;
    const key = `${cf.functionName || "(anonymous)"} ${cf.url.split("/").slice(-1)[0]}:${cf.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`cpu profile ${file}: top self time (ms of ${total.toFixed(0)})`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${v.toFixed(1).padStart(8)}  ${k}`);
}
