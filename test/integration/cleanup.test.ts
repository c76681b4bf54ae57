// Cleanup everywhere. A dead run's cgroup is found wherever it is in a hierarchy (not only
// beneath the cleaner's own cgroup); `--network none` never touches /run/nsbox; an unusable /run/nsbox makes
// nat fail in one sentence. /run is replaced only in private mount namespaces, inside a throwaway
// "runner host" network namespace: the host's own /run/nsbox and firewall are never involved.
import { type ChildProcess, execFile, execFileSync, spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cleanupStaleCgroups, detectCgroups } from "../../src/engine/cgroup/index";
import { procsOf } from "../../src/engine/cgroup/io";
import { cleanupStaleScratch } from "../../src/engine/layers/scratch";
import { loadLibc } from "../../src/engine/libc";
import { alpineMirrorRoot } from "../support/mirror";
import { canUseNetns, type RunnerHost, withRunnerHost } from "../support/netns";
import { inPrivateMounts, sandboxSkipReason } from "../support/sandbox";
import { until } from "../support/until";

const cli = join(import.meta.dirname, "..", "..", "dist", "cli.js");
const TARBALL = join(alpineMirrorRoot(), "v3.20/releases/x86_64/alpine-minirootfs-3.20.3-x86_64.tar.gz");
const skip = sandboxSkipReason ?? (existsSync(cli) ? null : "dist/cli.js is not built (npm run build)");

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" });
  return Number(r.stdout.trim());
}

/** The pid namespace of a process, or null when it is gone. */
function pidNs(pid: number | "self"): string | null {
  try {
    return readlinkSync(`/proc/${pid}/ns/pid`);
  } catch {
    return null;
  }
}

/** Alive and not a zombie. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/** `cmd` under `unshare -p` `levels` times over: its last process is `levels` pid namespaces below ours. */
async function nested(levels: number): Promise<{ child: ChildProcess; deepest: number }> {
  const argv = Array.from({ length: levels }, () => ["unshare", "-p", "--kill-child"]).flat();
  const child = spawn(argv[0], [...argv.slice(1), "sleep", "600"], { stdio: "ignore" });
  let deepest = child.pid as number;
  for (let i = 0; i < levels; i++) {
    const parent = deepest;
    const kids = () => readFileSync(`/proc/${parent}/task/${parent}/children`, "utf8").trim();
    await until(() => kids() !== "");
    deepest = Number(kids().split(" ")[0]);
  }
  return { child, deepest };
}

/** Kill what the test started (the outermost unshare takes the rest with it) and wait until it left `dirs`. */
async function stop(child: ChildProcess, dirs: string[]): Promise<void> {
  child.kill("SIGKILL");
  await until(() => dirs.every((d) => procsOf(d).length === 0));
}

describe.skipIf(skip !== null)("stale cgroups are found anywhere in the hierarchy", () => {
  // The deep pass is what `nsbox cleanup` and the Action's post step run. In-process, so the stale dirs live
  // for milliseconds (other test files' leftover checks would otherwise see them).
  it("the deep cleanup removes a dead run's cgroup beneath a cgroup that is not the cleaner's", () => {
    const layout = detectCgroups();
    // Every hierarchy the engine uses: v1 each controller's (pids, memory, ...), v2 the unified tree.
    const roots =
      layout.kind === "v2" || !layout.v1.length
        ? [layout.v2?.mountPoint]
        : layout.v1.map((h) => h.mountPoint);
    const other = roots
      .filter((r): r is string => !!r)
      .map((r) => join(r, `nsbox-test-elsewhere-${process.pid}`));
    const name = `nsbox-${deadPid()}-dead1`;
    const stale = other.map((o) => join(o, name));
    for (const d of stale) mkdirSync(d, { recursive: true });
    try {
      expect(stale.length).toBeGreaterThan(0);
      for (const d of stale) expect(existsSync(d)).toBe(true);
      expect(cleanupStaleCgroups(layout, { deep: true })).toBe(1); // one run, in every hierarchy
      expect(stale.filter((d) => existsSync(d))).toEqual([]);
    } finally {
      for (const d of [...stale, ...other]) {
        try {
          rmdirSync(d);
        } catch {}
      }
    }
  });

  // A containerised nsbox names its run dir with a pid of its own pid namespace: in ours that pid is dead
  // or someone else, so its live sandboxes must not be judged by our /proc.
  const layout = detectCgroups();
  const roots = (
    layout.kind === "v2" || !layout.v1.length ? [layout.v2?.mountPoint] : layout.v1.map((h) => h.mountPoint)
  ).filter((r): r is string => !!r);

  /** A test-made cgroup beneath each hierarchy's root (where no engine of ours creates) and a run dir in it. */
  function elsewhere(tag: string) {
    const parents = roots.map((r) => join(r, `nsbox-test-${tag}-${process.pid}`));
    const runs = parents.map((p) => join(p, `nsbox-${deadPid()}-${tag}`));
    for (const d of runs) mkdirSync(d, { recursive: true });
    expect(runs.length).toBeGreaterThan(0);
    const remove = () => {
      for (const d of [...runs, ...parents]) {
        try {
          rmdirSync(d);
        } catch {}
      }
    };
    return { parents, runs, remove };
  }

  it("the deep cleanup keeps a run whose cgroup's neighbours are in another pid namespace, until they are gone", async () => {
    const { parents, runs, remove } = elsewhere("fgna");
    const { child, deepest } = await nested(1);
    try {
      for (const p of parents) writeFileSync(`${p}/cgroup.procs`, String(deepest)); // the "container's engine"
      expect(pidNs(deepest)).not.toBe(pidNs("self"));
      cleanupStaleCgroups(layout, { deep: true });
      expect(runs.filter((d) => !existsSync(d))).toEqual([]);
      expect(running(deepest)).toBe(true);
      // Presence proven the other way: with the foreign process gone the same dead run is removed.
      await stop(child, parents);
      cleanupStaleCgroups(layout, { deep: true });
      expect(runs.filter((d) => existsSync(d))).toEqual([]);
    } finally {
      child.kill("SIGKILL");
      await until(() => parents.every((d) => procsOf(d).length === 0)).catch(() => {});
      remove();
    }
  });

  it("the deep cleanup keeps a run whose sandboxes are two pid namespaces below ours, and they live on", async () => {
    const { runs, remove } = elsewhere("fgnb");
    const { child, deepest } = await nested(2); // a container's engine's sandbox; the engine itself is gone
    try {
      for (const r of runs) writeFileSync(`${r}/cgroup.procs`, String(deepest));
      cleanupStaleCgroups(layout, { deep: true });
      expect(runs.filter((d) => !existsSync(d))).toEqual([]);
      expect(running(deepest)).toBe(true);
      await stop(child, runs);
      cleanupStaleCgroups(layout, { deep: true });
      expect(runs.filter((d) => existsSync(d))).toEqual([]);
    } finally {
      await stop(child, runs).catch(() => {});
      remove();
    }
  });

  it("the deep cleanup still kills a dead engine's sandbox one pid namespace below ours and removes its run", async () => {
    const { parents, runs, remove } = elsewhere("ownb");
    const { child, deepest } = await nested(1); // a sandbox of an engine in our namespace that crashed
    try {
      for (const r of runs) writeFileSync(`${r}/cgroup.procs`, String(deepest));
      cleanupStaleCgroups(layout, { deep: true });
      expect(runs.filter((d) => existsSync(d))).toEqual([]);
      await until(() => !running(deepest));
      expect(procsOf(parents[0])).toEqual([]);
    } finally {
      child.kill("SIGKILL");
      remove();
    }
  });
});

describe.skipIf(skip !== null)("stale kept layers", () => {
  it("a kept layer of a dead pid, or of a pid reused by a later process, is unmounted and removed; a live owner's stays", async () => {
    await loadLibc();
    // A space in the cache's path: mountinfo would show it as \040.
    const cache = mkdtempSync(join(tmpdir(), "nsbox stale-"));
    const layers = join(cache, "layers");
    const reuser = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      const pid = reuser.pid as number;
      const stale = join(layers, `keep-${pid}-0123456789ab`);
      const dead = join(layers, `keep-${deadPid()}-0123456789ab`);
      const mine = join(layers, `keep-${process.pid}-0123456789ab`);
      for (const d of [stale, dead, mine]) {
        mkdirSync(d, { recursive: true });
        execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", d]);
      }
      // Made an hour before its pid's process started: that process is not its owner.
      const old = new Date(Date.now() - 3600_000);
      utimesSync(stale, old, old);
      const mounted = (d: string) =>
        readFileSync("/proc/self/mountinfo", "utf8")
          .split("\n")
          .some((l) => l.split(" ")[4] === d.replaceAll(" ", "\\040"));
      expect([stale, dead, mine].map(mounted)).toEqual([true, true, true]);
      try {
        expect(cleanupStaleScratch(cache)).toBe(2);
        expect([stale, dead].map(mounted)).toEqual([false, false]);
        expect([stale, dead].map((d) => existsSync(d))).toEqual([false, false]);
        expect(mounted(mine)).toBe(true); // this process made it: alive, started before
      } finally {
        for (const d of [stale, dead, mine]) spawnSync("umount", ["-l", d]);
      }
    } finally {
      reuser.kill("SIGKILL");
      rmSync(cache, { recursive: true, force: true });
    }
  });
});

describe.skipIf(skip !== null || !canUseNetns())("/run/nsbox", () => {
  let host: RunnerHost;
  beforeAll(async () => {
    host = await withRunnerHost({ docker: false });
  });
  afterAll(() => host?.dispose());

  /** nsbox in the runner host's netns and a private mount ns whose /run is set up by `prepare`. */
  function onHost(prepare: string, args: string[], after = "") {
    const script = `${prepare} && mount --bind ${host.resolvConf} /etc/resolv.conf && "$@"; s=$?; ${after} exit $s`;
    const argv = [
      `--net=/run/netns/${host.runner}`,
      ...inPrivateMounts(script),
      process.execPath,
      cli,
      "run",
      "--rootfs", // the test mirror is on the host's loopback, not on the runner host's
      TARBALL,
      "--cache-dir",
      inject("cacheDir"),
      ...args,
    ];
    return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile("nsenter", argv, { encoding: "utf8", timeout: 60_000 }, (_e, stdout, stderr) =>
        resolve({ status: child.exitCode, stdout, stderr }),
      );
    });
  }

  const emptyRun = `mount -t tmpfs -o size=1m tmpfs /run`;
  const readOnlyRun = `mount -t tmpfs -o ro,size=1m tmpfs /run`;
  const fileInPlace = `mount -t tmpfs -o size=1m tmpfs /run && echo x > /run/nsbox`;

  it("--network none never creates, reads or needs /run/nsbox", async () => {
    const r = await onHost(emptyRun, ["--", "echo", "ran"], `test -e /run/nsbox && echo touched >&2;`);
    expect({ status: r.status, stdout: r.stdout, touched: r.stderr.includes("touched") }).toEqual({
      status: 0,
      stdout: "ran\n",
      touched: false,
    });
    for (const prepare of [readOnlyRun, fileInPlace]) {
      const u = await onHost(prepare, ["--", "echo", "ran"]);
      expect({ status: u.status, stdout: u.stdout }).toEqual({ status: 0, stdout: "ran\n" });
    }
  }, 120_000);

  it.each([
    [
      "a file in its place",
      fileInPlace,
      "nsbox: network nat keeps its state in /run/nsbox, but a file is in the way of that directory (/run/nsbox); remove it\n",
    ],
    [
      "a read-only /run",
      readOnlyRun,
      "nsbox: network nat keeps its state in /run/nsbox, but it is on a read-only filesystem; nat needs a writable /run/nsbox\n",
    ],
  ])(
    "nat with %s: one sentence, exit 125, no command",
    async (_what, prepare, sentence) => {
      const r = await onHost(prepare, ["--network", "nat", "--", "echo", "ran"]);
      const lines = r.stderr
        .split("\n")
        .filter((l) => !/^nsbox: (resolving|downloading|extracting|Alpine)/.test(l));
      expect({ status: r.status, stdout: r.stdout, stderr: lines.join("\n") }).toEqual({
        status: 125,
        stdout: "",
        stderr: sentence,
      });
    },
    120_000,
  );
});
