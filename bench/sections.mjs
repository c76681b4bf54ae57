// Sections 1-4 of the bench (per sandbox, nat, throughput, rootfs). Each returns one or more rows:
//   { id, what, nsbox, peer, unit, ratio, goal, met, detail }
// nsbox/peer are medians (numbers) or null with `na` saying why.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { engineRun, LIMITS, oneLine, QUIET, row, versus } from "./common.mjs";
import { bwrapArgv, shTimed, spawnTimed, unshareArgv } from "./peers.mjs";
import { interleaved, summarize } from "./stats.mjs";

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
      goal: peer === "bwrap" ? { op: "<=", value: 0.7 } : null,
      detail: { nsbox: eng, [peer]: p ?? null },
    };
    if (!p) rows.push(row({ ...base, nsbox: eng.median, na: `${peer} is not installed` }));
    else
      rows.push(
        versus(
          {
            ...base,
          },
          eng,
          p,
        ),
      );
  }
  ctx.perSandboxMedian = eng.median;
  ctx.perSandboxSamples = s.nsbox;
  return rows;
}

// 2. The same with network: nat (this process already runs in a throwaway netns) -----------------
export async function natOverhead(ctx) {
  const { E, mirror, cacheDir, cfg } = ctx;
  const base = {
    id: "2-nat",
    what: `/bin/true per sandbox with network nat, N=${cfg.n} (vs the same without network; neither with spares, which a nat sandbox cannot have)`,
    unit: "ms",
    goal: { op: "<=", value: 1.5 },
  };
  let nat;
  let plain;
  try {
    nat = await E.Session.open({ mirror: mirror.url, cacheDir, alpine: "3.20", network: "nat" });
    plain = await E.Session.open({
      mirror: mirror.url,
      cacheDir,
      alpine: "3.20",
      network: "none",
      spares: false,
    });
  } catch (e) {
    await nat?.close();
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
        none: async () => (await engineRun(plain, ["/bin/true"])).ms,
      },
      { n: cfg.n, block: cfg.block, warmup: 10 },
    );
    const a = summarize(s.nat);
    const b = summarize(s.none);
    return [
      versus(
        {
          ...base,
          peerLabel: "nsbox, network none",
          detail: { nat: a, none: b },
        },
        a,
        b,
      ),
    ];
  } catch (e) {
    return [row({ ...base, na: oneLine(e) })];
  } finally {
    await nat.close();
    await plain.close();
  }
}

// 3. Throughput with 2 workers -------------------------------------------------------------------
export async function throughput(ctx) {
  const { session, rootfs, cfg, have } = ctx;
  const base = {
    id: "3-throughput",
    what: `/bin/true throughput, 2 parallel workers, ${cfg.throughputS} s each (vs 2 bwrap spawn loops)`,
    unit: "/s",
    goal: { op: ">=", value: 1.5 },
  };
  const workers = 2;
  // Node's spawn() forks this process, so bwrap's side costs more the bigger it is (the earlier sections
  // leave it bigger in a full run than in `--only 3`): kept with the row.
  const benchRssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
  const loop = async (one, ms) => {
    const t0 = performance.now();
    const busy0 = machineBusyMs();
    let count = 0;
    const worker = async () => {
      while (performance.now() - t0 < ms) {
        await one();
        count++;
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    return { count, ms: performance.now() - t0, busyMs: machineBusyMs() - busy0 };
  };
  const eng = () => engineRun(session, ["/bin/true"]);
  const bw = () => spawnTimed(bwrapArgv(rootfs, ["/bin/true"]));
  // Two rounds of half the time each, alternating, so drift is shared.
  const half = (cfg.throughputS * 1000) / 2;
  await loop(eng, 300);
  if (have.bwrap) await loop(bw, 300);
  const totals = { nsbox: { count: 0, ms: 0, busyMs: 0 }, bwrap: { count: 0, ms: 0, busyMs: 0 } };
  const rounds = { nsbox: [], bwrap: [] };
  for (let r = 0; r < 2; r++) {
    const order = r === 0 ? ["nsbox", "bwrap"] : ["bwrap", "nsbox"];
    for (const k of order) {
      if (k === "bwrap" && !have.bwrap) continue;
      const got = await loop(k === "nsbox" ? eng : bw, half);
      totals[k].count += got.count;
      totals[k].ms += got.ms;
      totals[k].busyMs += got.busyMs;
      rounds[k].push(Number(((got.count * 1000) / got.ms).toFixed(1)));
    }
  }
  const rate = (t) => (t.ms ? (t.count * 1000) / t.ms : null);
  // Both sides are CPU-bound: the whole machine's CPU per sandbox is the rate's other face, and its ratio
  // says how much of a rate's change was the code rather than the VM's speed at the time.
  const cpuPerSandbox = (t) => (t.count ? Number((t.busyMs / t.count).toFixed(2)) : null);
  const cpuMs = { nsbox: cpuPerSandbox(totals.nsbox), bwrap: cpuPerSandbox(totals.bwrap) };
  const cpuRatio = cpuMs.nsbox && cpuMs.bwrap ? Number((cpuMs.nsbox / cpuMs.bwrap).toFixed(3)) : null;
  const detail = { totals, perRound: rounds, cpuMsPerSandbox: cpuMs, cpuRatio, benchRssMiB };
  if (!have.bwrap) return [row({ ...base, nsbox: rate(totals.nsbox), na: "bwrap is not installed", detail })];
  const what = `${base.what}; whole-machine CPU per sandbox ${cpuMs.nsbox} against ${cpuMs.bwrap} ms (${cpuRatio}×)`;
  return [row({ ...base, what, nsbox: rate(totals.nsbox), peer: rate(totals.bwrap), detail })];
}

/** Busy time of the whole machine since boot (ms): /proc/stat's first line less idle and iowait. */
function machineBusyMs() {
  const ticks = readFileSync("/proc/stat", "utf8")
    .split("\n", 1)[0]
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number); // guest time is in user already
  const total = ticks.reduce((a, b) => a + b, 0);
  return (total - (ticks[3] ?? 0) - (ticks[4] ?? 0)) * 10; // USER_HZ is 100 on every Linux ABI
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
    versus(
      {
        ...base,
        detail: { nsbox: a, peer: b, url },
      },
      a,
      b,
    ),
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
      // Includes the cache's self-check: the tree's manifest read and one lstat per recorded entry.
      what: `warm (cached) rootfs resolution with the manifest check, prepareRootfs, median of ${cfg.warmN}`,
      unit: "ms",
      nsbox: a.median,
      nsboxSpread: [a.p10, a.p90],
      goal: { op: "<=", value: 5, absolute: true },
      detail: { nsbox: a, mirrorRequests: mirror.requests.length - before },
    }),
  ];
}
