// Issue 13's rows: the package layer cold (vs the same `apk add` in a plain bwrap sandbox) and warm, and
// the per-sandbox cost of two extra lower layers (package + setup) vs none. The repository is the tests'
// own (test/support/apkrepo.ts: two packages, signed index), served on 127.0.0.1 in the bench's netns.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { engineRun, LIMITS, oneLine, row, versus } from "./common.mjs";
import { bwrapArgv, spawnTimed } from "./peers.mjs";
import { interleaved, summarize } from "./stats.mjs";

const PACKAGES = ["junit-runner"]; // and its dependency junit-lib
const QUIET = { stdin: "ignore", stdout: "inherit", stderr: "inherit" };

async function buildRepo(ctx) {
  const { apkrepo, startMirror, session, tmp } = ctx;
  const run = async ({ argv, mounts }) => {
    let stdout = "";
    let stderr = "";
    const r = await session.run({
      argv,
      mounts,
      stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
      onOutput: (s, c) => {
        if (s === "stdout") stdout += c;
        else stderr += c;
      },
    });
    return { ...r, stdout, stderr };
  };
  const source = join(ctx.root, "test/fixtures/apk/junit-runner.c");
  const repo = await apkrepo.buildTestRepo(join(tmp, "apkrepo"), run, source);
  const server = await startMirror(repo.root);
  return { repo, server, url: `${server.url}/signed` };
}

export async function packageLayers(ctx) {
  const { E, cfg, session, rootfs, have, cacheDir, tmp } = ctx;
  const cold = {
    id: "8-pkg-cold",
    what: `package layer cold: ${PACKAGES.join(" ")} (+1 dependency) from a loopback repository, N=${cfg.pkgN} (vs the same apk add in a plain bwrap sandbox)`,
    unit: "ms",
    goal: { op: "<=", value: 1.2 },
  };
  const warm = {
    id: "8-pkg-warm",
    what: `package layer warm (the index's sha256 remembered for 10 min, cached layer found and checked against its manifest), median of ${cfg.warmN}`,
    unit: "ms",
    goal: { op: "<=", value: 20, absolute: true },
  };
  const layers = {
    id: "8-layers",
    what: `/bin/true per sandbox with two extra layers (packages + setup), N=${cfg.n} (vs none)`,
    unit: "ms",
    goal: { op: "<=", value: 1.1 },
  };
  let served;
  try {
    served = await buildRepo(ctx);
  } catch (e) {
    const na = `cannot build the test repository: ${oneLine(e)}`;
    return [row({ ...cold, na }), row({ ...warm, na }), row({ ...layers, na })];
  }
  const { repo, server, url } = served;
  const pkgCache = join(tmp, "pkgcache");
  const req = (dir) => ({
    packages: PACKAGES,
    repositories: [url],
    keys: [repo.keyFile],
    allowUntrusted: false,
    alpine: session.alpine,
    arch: ctx.rel.arch,
    cacheDir: dir,
    rootfsDir: rootfs,
  });
  const out = [];
  try {
    // Cold: the engine's whole package-layer step into an empty cache (index, apk's dry run, staging,
    // apk add in a sandbox without network, commit) vs apk fetching and installing by itself in bwrap
    // (network shared for the loopback repository) on a fresh writable copy of the rootfs.
    let i = 0;
    const fns = {
      nsbox: async () => {
        const dir = join(pkgCache, `cold-${i++}`);
        mkdirSync(dir, { recursive: true, mode: 0o755 });
        const t0 = performance.now();
        const layer = await session.packageLayer(req(dir));
        const ms = performance.now() - t0;
        if (layer.installed.length !== 2) throw new Error(`installed ${JSON.stringify(layer.installed)}`);
        rmSync(dir, { recursive: true, force: true });
        return ms;
      },
    };
    if (have.bwrap)
      fns.bwrap = async () => {
        const copy = join(tmp, `bwrap-root-${i++}`);
        await sh(`cp -a '${rootfs}' '${copy}' && chown -R 0:0 '${copy}'`); // untimed: a writable root
        copyFileSync(repo.keyFile, join(copy, "etc/apk/keys", "nsbox-test.rsa.pub"));
        const apk = ["apk", "add", "--no-cache", "--no-progress", "--repositories-file", "/dev/null"];
        const ms = await spawnTimed(bwrapArgv(copy, [...apk, "-X", url, ...PACKAGES], { shareNet: true }), {
          stdio: ["ignore", "ignore", "inherit"],
        });
        rmSync(copy, { recursive: true, force: true });
        return ms;
      };
    try {
      // 15 a side, not 9: one install takes ~20-30 ms here, and with 9 the median moved between runs by more
      // than the goal's margin.
      const s = await interleaved(fns, { n: cfg.pkgN, block: 1, warmup: 1 });
      const a = summarize(s.nsbox);
      const b = s.bwrap ? summarize(s.bwrap) : null;
      out.push(
        row({
          ...cold,
          nsbox: a.median,
          peer: b?.median ?? null,
          nsboxSpread: [a.p10, a.p90],
          peerSpread: b ? [b.p10, b.p90] : undefined,
          na: b ? null : "bwrap is not installed",
          detail: { nsbox: a, bwrap: b },
        }),
      );
    } catch (e) {
      out.push(row({ ...cold, na: oneLine(e) }));
    }

    // Warm: the same call with the layer in the cache.
    try {
      const dir = join(pkgCache, "warm");
      mkdirSync(dir, { recursive: true, mode: 0o755 });
      await session.packageLayer(req(dir));
      const fail = () => {
        throw new Error("a warm package layer started a sandbox");
      };
      const never = { run: fail, prepare: fail, removeLater: fail };
      for (let k = 0; k < 5; k++) await E.preparePackageLayer(req(dir), never);
      const samples = [];
      for (let k = 0; k < cfg.warmN; k++) {
        const t0 = performance.now();
        const layer = await E.preparePackageLayer(req(dir), never);
        samples.push(performance.now() - t0);
        if (!layer.cached) throw new Error("the warm package layer was not a cache hit");
      }
      const a = summarize(samples, 4);
      out.push(row({ ...warm, nsbox: a.median, nsboxSpread: [a.p10, a.p90], detail: { nsbox: a } }));
    } catch (e) {
      out.push(row({ ...warm, na: oneLine(e) }));
    }

    // Per sandbox: a session with the package layer and a setup layer under every sandbox vs the plain one.
    let layered;
    try {
      layered = await E.Session.open({
        mirror: ctx.mirror.url,
        cacheDir,
        alpine: "3.20",
        network: "none",
        packages: PACKAGES,
        repositories: [url],
        repositoryKeys: [repo.keyFile],
      });
      const setup = await layered.setup("mkdir -p /opt/dep && echo v1 > /opt/dep/version", {
        limits: LIMITS,
        stdio: QUIET,
      });
      if (setup.status !== "ok") throw new Error(`setup: ${setup.status}`);
      await engineRun(layered, [
        "/bin/sh",
        "-c",
        "test -f /opt/dep/version && command -v junit-runner >/dev/null",
      ]);
      const s = await interleaved(
        {
          layers: async () => (await engineRun(layered, ["/bin/true"])).ms,
          none: async () => (await engineRun(session, ["/bin/true"])).ms,
        },
        { n: cfg.n, block: cfg.block, warmup: 10 },
      );
      const a = summarize(s.layers);
      const b = summarize(s.none);
      out.push(
        versus(
          {
            ...layers,
            peerLabel: "nsbox, no extra layer",
            detail: { layers: a, none: b },
          },
          a,
          b,
        ),
      );
    } catch (e) {
      out.push(row({ ...layers, na: oneLine(e) }));
    } finally {
      await layered?.close();
    }
  } finally {
    await server.close();
    rmSync(pkgCache, { recursive: true, force: true });
  }
  return out;
}

function sh(script) {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", script], { stdio: ["ignore", "ignore", "inherit"] });
    child.once("error", reject);
    child.once("close", (c) => (c === 0 ? resolve() : reject(new Error(`${script} exited with ${c}`))));
  });
}
