// A signal is honoured at every stage. The CLI against a mirror on 127.0.0.1 that dribbles
// the tarball: SIGTERM/SIGINT/SIGHUP mid-download stop the run with 128+N, the command (which would leave a
// marker) never runs, and nothing stays (no cgroup, no temp dir, no partial cache entry). The engine's
// stages that a test cannot hit by timing (extraction, cgroup set-up, between commands) are driven through
// the session's AbortSignal at exactly those points. While the command runs, a Ctrl-C (SIGINT to the CLI's
// whole process group, the helper server included) cancels the run rather than killing the server.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path, { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Session } from "../../src/engine/session";
import { CancelledError } from "../../src/engine/types";
import { alpineMirrorRoot } from "../support/mirror";
import { alive, cliRunArgs, leftovers, sandboxSkipReason, sessionOptions } from "../support/sandbox";
import { until } from "../support/until";

const cli = join(import.meta.dirname, "..", "..", "dist", "cli.js");
const SIGNALS = [
  ["SIGTERM", 143],
  ["SIGINT", 130],
  ["SIGHUP", 129],
] as const;

/** The test mirror, except that tarballs trickle out at 16 KiB every 100 ms (the whole one takes ~20 s). */
async function slowMirror() {
  let tarballBytes = 0;
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/alpine/, "");
    const file = path.join(alpineMirrorRoot(), path.normalize(p));
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    if (!file.endsWith(".tar.gz")) {
      res.writeHead(200, { "content-length": body.length }).end(body);
      return;
    }
    res.writeHead(200, { "content-length": body.length });
    let off = 0;
    const timer = setInterval(() => {
      const chunk = body.subarray(off, off + 16 * 1024);
      off += chunk.length;
      tarballBytes += chunk.length;
      if (chunk.length === 0 || res.destroyed) {
        clearInterval(timer);
        res.end();
        return;
      }
      res.write(chunk);
    }, 100);
    res.on("close", () => clearInterval(timer));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alpine`,
    sent: () => tarballBytes,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Everything the cache dir holds besides the (optional) index: trees, manifests, temp dirs. */
/** What a run left in the cache: the dirs nsbox keeps (rootfs, locks) count by what they hold. */
function cacheLeft(cache: string): string[] {
  const names = readdirSync(cache).filter((n) => n !== "index.json" && n !== "scratch");
  const within = (d: string) => (existsSync(join(cache, d)) ? readdirSync(join(cache, d)) : []);
  return [
    ...names.filter((n) => n !== "rootfs" && n !== "locks"),
    ...within("rootfs").map((t) => `rootfs/${t}`),
    ...within("locks").map((l) => `locks/${l}`), // a lock file is removed by its holder as it lets go
  ];
}

function cgroupsOf(pid: number): string[] {
  return leftovers().filter((l) => l.includes(`nsbox-${pid}-`));
}

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "nsbox-signals-"));
  chmodSync(work, 0o755);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(sandboxSkipReason !== null || !existsSync(cli))("signals during set-up (CLI)", () => {
  it.each(SIGNALS)(
    "%s during the rootfs download: exit %i, no command, nothing left",
    async (sig, code) => {
      const mirror = await slowMirror();
      const cache = join(work, "cache");
      const marks = join(work, "marks");
      mkdirSync(marks, { mode: 0o777 });
      chmodSync(marks, 0o777); // inside-root is an unprivileged host id: it may write here
      try {
        const child = spawn(
          process.execPath,
          [
            cli,
            "run",
            "--mirror",
            mirror.url,
            "--alpine",
            "3.20",
            "--cache-dir",
            cache,
            "--mount",
            `${marks}:/m:rw`,
            "--",
            "touch",
            "/m/ran",
          ],
          { stdio: ["ignore", "pipe", "pipe"] },
        );
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        const exited = new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
        const t0 = Date.now();
        while (mirror.sent() < 48 * 1024 && Date.now() - t0 < 30_000)
          await new Promise((r) => setTimeout(r, 20));
        expect(mirror.sent()).toBeGreaterThanOrEqual(48 * 1024); // the download really was under way
        child.kill(sig);
        const status = await exited;
        const stoppedAfter = mirror.sent();
        expect({ status, stderr: stderr.split("\n").filter((l) => l.includes("stopped")) }).toEqual({
          status: code,
          stderr: [`nsbox: stopped by ${sig} before the command started; nothing was left behind`],
        });
        expect(existsSync(join(marks, "ran"))).toBe(false);
        expect(stoppedAfter).toBeLessThan(1024 * 1024); // it did not finish the download first
        expect(cacheLeft(cache)).toEqual([]);
        expect(cgroupsOf(child.pid as number)).toEqual([]);
        expect(alive(child.pid as number)).toBe(false);
      } finally {
        await mirror.close();
      }
    },
    60_000,
  );
});

/** The test mirror's minirootfs of this machine's architecture, for --rootfs (a cold run without a download). */
function localTarball(): string {
  const arch = process.arch === "arm64" ? "aarch64" : "x86_64";
  return join(alpineMirrorRoot(), "v3.20/releases", arch, `alpine-minirootfs-3.20.3-${arch}.tar.gz`);
}

// strace's fault injection sends the signal at the k-th rename(2) of a cold run: the extracted tree's commit
// and the calls around it, the last synchronous steps of the set-up, where no event-loop turn used to follow.
const hasStrace = spawnSync("sh", ["-c", "command -v strace"]).status === 0;
describe.skipIf(sandboxSkipReason !== null || !existsSync(cli) || !hasStrace)(
  "a signal at the end of a cold set-up (CLI)",
  () => {
    it.each([1, 2, 3, 4])("SIGINT at rename %i: exit 130 before the command started", (k) => {
      const tarball = localTarball();
      const cache = join(work, `cache-${k}`);
      const r = spawnSync(
        "strace",
        [
          "-qq",
          "-o",
          "/dev/null",
          "-e",
          `inject=rename:signal=INT:when=${k}`,
          process.execPath,
          cli,
          "run",
          "--rootfs",
          tarball,
          "--cache-dir",
          cache,
          "--",
          "sh",
          "-c",
          "echo started >&2",
        ],
        { encoding: "utf8", timeout: 60_000 },
      );
      expect(r.stderr).toContain("nsbox: extracting"); // the cold path ran
      expect({ status: r.status, started: r.stderr.includes("started\n") }).toEqual({
        status: 130,
        started: false,
      });
      expect(r.stderr).toContain(
        "nsbox: stopped by SIGINT before the command started; nothing was left behind",
      );
    });
  },
);

describe.skipIf(sandboxSkipReason !== null || !existsSync(cli))(
  "a signal during the extraction (CLI)",
  () => {
    it("SIGTERM while the tarball is extracted (the event loop held): exit 143 before any command, nothing left", async () => {
      const tarball = localTarball();
      const cache = join(work, "cache");
      const marks = join(work, "marks");
      mkdirSync(marks, { mode: 0o777 });
      chmodSync(marks, 0o777);
      const child = spawn(
        process.execPath,
        [
          cli,
          "run",
          "--json",
          "--rootfs",
          tarball,
          "--cache-dir",
          cache,
          "--mount",
          `${marks}:/m:rw`,
          "--",
          "touch",
          "/m/ran",
        ],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      const exited = new Promise<[number | null, string | null]>((r) =>
        child.on("exit", (c, sig) => r([c, sig])),
      );
      let sent = false;
      child.stderr.on("data", (d) => {
        stderr += d;
        if (!sent && stderr.includes("extracting")) sent = child.kill("SIGTERM"); // extraction is synchronous
      });
      expect({ exit: await exited, stderr }).toMatchObject({ exit: [143, null] });
      expect(stderr).toContain(
        "nsbox: stopped by SIGTERM before the command started; nothing was left behind",
      );
      // It used to be seen only once the sandbox ran: a SIGKILLed command, "the run was cancelled", 137.
      expect(JSON.parse(stdout)).toMatchObject({ status: "cancelled", exitCode: 143, signal: "SIGTERM" });
      expect(existsSync(join(marks, "ran"))).toBe(false);
      expect(cacheLeft(cache)).toEqual([]);
      expect(cgroupsOf(child.pid as number)).toEqual([]);
    }, 60_000);
  },
);

describe.skipIf(sandboxSkipReason !== null || !existsSync(cli))("Ctrl-C while the command runs (CLI)", () => {
  it("SIGINT to the whole process group (as a terminal sends it) cancels the run: exit 130, not a killed helper", async () => {
    const marker = "37.125";
    const sh = (cmd: string) => execFileSync("sh", ["-c", `${cmd} || true`], { encoding: "utf8" }).trim();
    const running = () => sh(`pgrep -fx 'sleep ${marker}'`);
    // detached: its own session and process group (pgid = its pid), which the helper server is part of.
    const child = spawn(process.execPath, [...cliRunArgs(cli, "--json"), "--", "sleep", marker], {
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    const exited = new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    for (let i = 0; i < 400 && running() === ""; i++) await new Promise((r) => setTimeout(r, 25));
    expect(running()).not.toBe("");
    const server = sh(`pgrep -P ${child.pid} -f -- '[n]sbox-helper.* --serve'`);
    expect(sh(`ps -o pgid= -p ${server}`)).toBe(String(child.pid)); // the server shares the group
    process.kill(-(child.pid as number), "SIGINT");
    expect(await exited).toBe(130);
    // The command gets the SIGINT too (its outer helper forwards it, as a terminal would deliver it), and
    // the engine's abort kills it: whichever came first, the run was cancelled.
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ status: "cancelled", reason: "the run was cancelled", error: null });
    expect([
      ["SIGINT", 130],
      ["SIGKILL", 137],
    ]).toContainEqual([result.signal, result.exitCode]);
    expect(running()).toBe("");
    expect(cgroupsOf(child.pid as number)).toEqual([]);
  }, 60_000);
});

describe.skipIf(sandboxSkipReason !== null)("signals to the sandbox's init from outside", () => {
  it.each(["SIGTERM", "SIGINT", "SIGHUP"] as const)(
    "%s sent to init from the host reaches the command, which can trap it",
    async (sig) => {
      const marker = `nsbox-forward-${process.pid}-${sig}`;
      const session = await Session.open(sessionOptions());
      try {
        let out = "";
        const run = session.run({
          argv: [
            "sh",
            "-c",
            `trap 'echo got; exit 7' ${sig.slice(3)}; echo ready; while :; do sleep 0.05; done # ${marker}`,
          ],
          limits: { timeoutMs: 20_000 },
          stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
          onOutput: (_stream, chunk) => {
            out += chunk.toString();
          },
        });
        await until(() => out.includes("ready"), 20_000);
        // The command's shell, found by its marker; its parent is the sandbox's init (PID 1 inside).
        const shell = execFileSync("pgrep", ["-f", "--", marker], { encoding: "utf8" }).trim().split("\n");
        expect(shell).toHaveLength(1);
        const init = Number(readFileSync(`/proc/${shell[0]}/stat`, "utf8").split(") ")[1]?.split(" ")[1]);
        expect(readFileSync(`/proc/${init}/comm`, "utf8").trim()).toBe("nsbox-init");
        process.kill(init, sig);
        const result = await run;
        // The whole process group gets it: the shell may report its sleep as killed before it traps.
        expect(out).toMatch(/^ready\n(Terminated\n|Hangup\n)?got\n$/);
        expect([result.status, result.exitCode]).toEqual(["failed", 7]);
      } finally {
        await session.close();
      }
    },
    60_000,
  );
});

describe.skipIf(sandboxSkipReason !== null || !existsSync(cli))("SIGTERM after the command (CLI)", () => {
  it("while the outputs are copied, the copy stops: exit 143, what was not copied is listed and said", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "nsbox-stop-copy-"));
    const files = 2000;
    const make = `mkdir /out && i=0; while [ $i -lt ${files} ]; do head -c 65536 /dev/zero > /out/f$i; i=$((i+1)); done`;
    const child = spawn(
      process.execPath,
      cliRunArgs(cli, "--json", "--output", "/out", "--output-dir", outDir, "--", "sh", "-c", make),
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    const copied = () => {
      try {
        return readdirSync(join(outDir, "run", "out")).length;
      } catch {
        return 0;
      }
    };
    try {
      await until(() => copied() >= 20, 60_000);
      child.kill("SIGTERM");
      expect(await exited).toBe(143);
      const result = JSON.parse(stdout);
      expect(result.status).toBe("ok"); // the command's own: it had ended
      expect(result.outputs.files.length).toBeLessThan(files);
      expect(result.outputs.skipped).toContainEqual({
        path: expect.stringMatching(/^\/out\/f\d+$/),
        reason: "not copied, nor anything after it: the run was stopped by SIGTERM",
      });
      expect(stderr).toMatch(
        /^nsbox: stopped by SIGTERM after the command had ended \(while copying its outputs: what was not copied is listed\)$/m,
      );
    } finally {
      child.kill("SIGKILL");
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 120_000);
});

const action = join(import.meta.dirname, "..", "..", "dist", "index.js");

describe.skipIf(sandboxSkipReason !== null || !existsSync(action))("cancellation of the Action", () => {
  it("a cancel (SIGINT, the runner's first signal) during the download runs no command", async () => {
    const mirror = await slowMirror();
    const ws = join(work, "ws");
    mkdirSync(ws, { mode: 0o777 });
    chmodSync(ws, 0o777);
    const files = join(work, "files");
    mkdirSync(files);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      GITHUB_WORKSPACE: ws,
      RUNNER_TEMP: work,
      RUNNER_TOOL_CACHE: join(work, "toolcache"),
      INPUT_MIRROR: mirror.url,
      INPUT_RUN: "touch /workspace/ran",
      INPUT_WORKSPACE: "rw",
      "INPUT_ALPINE-VERSION": "3.20",
    };
    for (const f of ["GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_STATE"]) {
      env[f] = join(files, f);
      writeFileSync(env[f] as string, "");
    }
    try {
      const child = spawn(process.execPath, [action], { env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      child.stdout.on("data", (d) => (stdout += d));
      const exited = new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
      const t0 = Date.now();
      while (mirror.sent() < 48 * 1024 && Date.now() - t0 < 30_000)
        await new Promise((r) => setTimeout(r, 20));
      child.kill("SIGINT");
      const status = await exited;
      expect(mirror.sent()).toBeLessThan(1024 * 1024);
      expect(status).toBe(1);
      expect(stdout).toContain("::error::stopped by SIGINT before the command started");
      expect(existsSync(join(ws, "ran"))).toBe(false);
      expect(cacheLeft(join(work, "toolcache", "nsbox"))).toEqual([]);
      expect(cgroupsOf(child.pid as number)).toEqual([]);
    } finally {
      await mirror.close();
    }
  }, 60_000);
});

describe.skipIf(sandboxSkipReason !== null)("signals during set-up (engine stages)", () => {
  it("without a stop, the checks below see what they look for: the marker, the run's cgroups, the cache", async () => {
    // Every absence asserted in this file depends on these finding something when it is there.
    const cache = join(work, "cache");
    const marks = join(work, "marks");
    mkdirSync(marks, { mode: 0o777 });
    chmodSync(marks, 0o777);
    const session = await Session.open(sessionOptions({ cacheDir: cache }));
    try {
      expect(cgroupsOf(process.pid).length).toBeGreaterThan(0);
      const r = await session.run({
        argv: ["touch", "/m/ran"],
        mounts: [{ source: marks, target: "/m", mode: "rw" }],
        stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
      });
      expect(r.status).toBe("ok");
      expect(existsSync(join(marks, "ran"))).toBe(true);
    } finally {
      await session.close();
    }
    expect(cacheLeft(cache).some((n) => n.startsWith("rootfs/"))).toBe(true);
    expect(cgroupsOf(process.pid)).toEqual([]);
  });

  it("an abort during extraction leaves no temp dir and no tree, and starts nothing", async () => {
    const cache = join(work, "cache");
    const abort = new AbortController();
    const err = await Session.open({
      ...sessionOptions({ cacheDir: cache }),
      signal: abort.signal,
      onProgress: (msg) => {
        if (msg.startsWith("extracting")) abort.abort("SIGTERM"); // extraction itself is synchronous
      },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(CancelledError);
    expect((err as Error).message).toBe("stopped by SIGTERM before the command started");
    expect(cacheLeft(cache)).toEqual([]);
    expect(cgroupsOf(process.pid)).toEqual([]);
  });

  it("an abort before set-up creates nothing; one after set-up runs no command and removes the run", async () => {
    const before = new AbortController();
    before.abort("SIGINT");
    const early = await Session.open({ ...sessionOptions(), signal: before.signal }).catch((e) => e);
    expect(early).toBeInstanceOf(CancelledError);

    const after = new AbortController();
    const session = await Session.open({ ...sessionOptions(), signal: after.signal });
    after.abort("SIGHUP"); // between set-up and the command (e.g. between two of the Action's commands)
    const marks = join(work, "marks");
    mkdirSync(marks, { mode: 0o777 });
    chmodSync(marks, 0o777);
    const run = await session
      .run({
        argv: ["touch", "/m/ran"],
        mounts: [{ source: marks, target: "/m", mode: "rw" }],
        signal: after.signal,
        stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
      })
      .catch((e) => e);
    await session.close();
    expect(run).toBeInstanceOf(CancelledError);
    expect(existsSync(join(marks, "ran"))).toBe(false);
    expect(cgroupsOf(process.pid)).toEqual([]);
  });
});
