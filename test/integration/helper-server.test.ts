// One helper per session (nsbox-helper --serve): every sandbox of the session is a request to it, parallel
// sandboxes share it, a failed sandbox leaves it serving, and a crashed one fails what it held and is
// replaced for the next sandbox. Sandboxes prepared ahead (Session.prepare) run nothing until started.
import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  closeSync,
  fstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pidRunning, processStartTicks, procStatFields } from "../../src/engine/proc";
import type { Session } from "../../src/engine/session";
import { makePipe, type ServerProcess, sendFds } from "../../src/engine/spawn";
import { openSession, runCaptured, sandboxSkipReason } from "../support/sandbox";
import { until } from "../support/until";

const sh = (cmd: string) => execFileSync("sh", ["-c", `${cmd} || true`], { encoding: "utf8" }).trim();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** This process's `nsbox-helper --serve` children (pids). */
function servers(): number[] {
  return sh(`pgrep -P ${process.pid} -f -- '[n]sbox-helper.* --serve'`)
    .split("\n")
    .filter(Boolean)
    .map(Number);
}

/** Processes whose command line is exactly `cmd`, host-wide (the marker makes it unique to a test). */
const running = (cmd: string) => sh(`pgrep -fx '${cmd}'`) !== ""; // -x: never the sh -c around pgrep

/** The sandbox inits (nsbox-init) under this process's server: server → outer helper → init. */
function inits(): number[] {
  const found: number[] = [];
  for (const server of servers())
    for (const outer of sh(`pgrep -P ${server}`).split("\n").filter(Boolean))
      found.push(...sh(`pgrep -P ${outer} -x nsbox-init`).split("\n").filter(Boolean).map(Number));
  return found;
}

/** Sandboxes set up and waiting: inits whose command's process exists (so the engine has their pid). */
const waiting = () => inits().filter((init) => sh(`pgrep -P ${init}`) !== "");

/**
 * Spares the session would take now: set up, and their pid event handled by the engine (an init with its
 * command's process seen from here may still have its event in the pipe, unread by the engine).
 */
const readySpares = (session: Session) =>
  (session as unknown as { spares: { sandbox: { ready(): boolean } }[] }).spares.filter((s) =>
    s.sandbox.ready(),
  ).length;

/** This process's sandbox cgroups (sb-N under its session's nsbox-<pid>-… parent), every hierarchy. */
function sandboxCgroups(): string[] {
  return sh(`find /sys/fs/cgroup -maxdepth 6 -type d -path '*/nsbox-${process.pid}-*/sb-*'`)
    .split("\n")
    .filter(Boolean);
}

/** Whether process `pid` holds an end of the pipe whose inode is `ino`. */
function holdsPipe(pid: number, ino: number): boolean {
  const fds = readdirSync(`/proc/${pid}/fd`);
  return fds.some((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`) === `pipe:[${ino}]`;
    } catch {
      return false; // closed meanwhile
    }
  });
}

/** Whether the process still has its request socket (fd 3 in a server, nsbox-helper's REQUEST_FD). */
function holdsRequestSocket(pid: number): boolean {
  try {
    return readlinkSync(`/proc/${pid}/fd/3`).startsWith("socket:");
  } catch {
    return false;
  }
}

/** The engine's end of the session's request socket, to send the server what the engine never would. */
function requestSocket(session: Session): number {
  const proc = (session as unknown as { helper: { proc: ServerProcess | null } }).helper.proc;
  if (!proc) throw new Error("the session has no server running");
  return proc.requests;
}

/** strace is installed (.ci/run installs it; the VM lanes run this machine's own /). */
const hasStrace = sh("command -v strace") !== "";

describe.skipIf(sandboxSkipReason !== null)("the session's helper server", () => {
  let session: Session;
  beforeEach(async () => {
    session = await openSession();
  });
  afterEach(async () => {
    await session.close();
  });

  it("serves every sandbox of the session, parallel ones too, from one process that ends with the session", async () => {
    // Started by the session's open to check the cached tree (native/tree.h), it then serves every sandbox.
    const [server] = servers();
    expect(server).toBeGreaterThan(0);
    const first = await runCaptured({ argv: ["/bin/echo", "one"] }, session);
    expect(first).toMatchObject({ status: "ok", stdout: "one\n" });
    expect(servers()).toEqual([server]);
    // Each waits (up to 20 s) for the other's mark: both can only end "met" if they ran at once.
    const dir = mkdtempSync(join(tmpdir(), "nsbox-parallel-"));
    chmodSync(dir, 0o777);
    const meet = (me: string, other: string) =>
      runCaptured(
        {
          argv: [
            "/bin/sh",
            "-c",
            `touch /s/${me}; i=0; until [ -e /s/${other} ] || [ $i = 400 ]; do sleep 0.05; i=$((i+1)); done; [ -e /s/${other} ] && echo met`,
          ],
          mounts: [{ source: dir, target: "/s", mode: "rw" }],
        },
        session,
      );
    const [a, b] = await Promise.all([meet("a", "b"), meet("b", "a")]).finally(() =>
      rmSync(dir, { recursive: true, force: true }),
    );
    expect([a.stdout, b.stdout]).toEqual(["met\n", "met\n"]);
    expect(servers()).toEqual([server]);
    await session.close();
    await until(() => servers().length === 0);
  });

  it("keeps serving after a sandbox fails to start", async () => {
    await runCaptured({ argv: ["/bin/true"] }, session);
    const before = servers();
    expect(before).toHaveLength(1);
    const bad = await runCaptured({ argv: ["/no/such/command"] }, session);
    expect(bad).toMatchObject({ status: "setup-error", error: { step: "exec" } });
    const good = await runCaptured({ argv: ["/bin/echo", "still"] }, session);
    expect(good).toMatchObject({ status: "ok", stdout: "still\n" });
    expect(servers()).toEqual(before);
  });

  it("keeps serving after a request fails in its outer helper, and after malformed messages", async () => {
    await runCaptured({ argv: ["/bin/true"] }, session);
    const before = servers();
    expect(before).toHaveLength(1);
    // The engine leaves a missing mount source to the helper: the request's own child (the outer helper,
    // in root mode as real root) fails on it before any sandbox exists.
    const missing = join(tmpdir(), `nsbox-no-such-source-${process.pid}`);
    const bad = await runCaptured(
      { argv: ["/bin/true"], mounts: [{ source: missing, target: "/m", mode: "ro" }] },
      session,
    );
    expect(bad).toMatchObject({ status: "setup-error", exitCode: 125 });
    expect(bad.error?.message).toContain(missing);
    expect(servers()).toEqual(before);
    // What the engine never sends: no id record, and a valid id with too few descriptors (refused).
    const [readEnd, writeEnd] = makePipe();
    try {
      expect(sendFds(requestSocket(session), Buffer.from("hello"), [writeEnd])).toBe(0);
      expect(sendFds(requestSocket(session), Buffer.from(`id=${2 ** 31}\0`), [writeEnd])).toBe(0);
    } finally {
      closeSync(readEnd);
      closeSync(writeEnd);
    }
    const good = await runCaptured({ argv: ["/bin/echo", "still"] }, session);
    expect(good).toMatchObject({ status: "ok", stdout: "still\n" });
    expect(servers()).toEqual(before);
  });

  it("SIGINT, SIGTERM and SIGHUP sent to the server (a Ctrl-C reaches its process group) leave it and its sandboxes running", async () => {
    await runCaptured({ argv: ["/bin/true"] }, session);
    const before = servers();
    expect(before).toHaveLength(1);
    const marker = "sleep 1.37";
    const held = runCaptured({ argv: ["/bin/sh", "-c", `${marker}; echo lived`] }, session);
    await until(() => running(marker));
    for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.kill(before[0] as number, sig);
    expect(await held).toMatchObject({ status: "ok", stdout: "lived\n" });
    expect(servers()).toEqual(before);
    expect(await runCaptured({ argv: ["/bin/echo", "next"] }, session)).toMatchObject({ stdout: "next\n" });
    expect(servers()).toEqual(before);
  });

  it("a server that stops taking requests closes its end and what came with the last message; the next sandbox gets a new server", async () => {
    await runCaptured({ argv: ["/bin/true"] }, session);
    const [server] = servers() as [number];
    const marker = "sleep 30.23";
    const held = runCaptured({ argv: ["/bin/sh", "-c", marker] }, session);
    await until(() => running(marker));
    // An empty message reads as the engine's end of file: the server takes no more requests, and finishes
    // the sandbox it holds. The pipe end the message carries must not stay open in it meanwhile.
    const [readEnd, writeEnd] = makePipe();
    const ino = fstatSync(writeEnd).ino;
    expect(holdsRequestSocket(server)).toBe(true);
    try {
      expect(sendFds(requestSocket(session), Buffer.alloc(0), [writeEnd, writeEnd, writeEnd, writeEnd])).toBe(
        0,
      );
      closeSync(writeEnd);
      // Its end closes first (it has then read the message: the pipe end came in with it), then the pipe
      // end: waiting for the pipe alone could pass while the message is still in flight.
      await until(() => !holdsRequestSocket(server) && !holdsPipe(server, ino));
    } finally {
      closeSync(readEnd);
    }
    const next = await runCaptured({ argv: ["/bin/echo", "new"] }, session);
    expect(next).toMatchObject({ status: "ok", stdout: "new\n" });
    expect(running(marker)).toBe(true); // served by the old server, which is still there for it
    const now = servers();
    expect(now).toHaveLength(2);
    expect(now).toContain(server);
    session.abortAll();
    expect(await held).toMatchObject({ status: "cancelled" });
    await until(() => !servers().includes(server)); // it left once it had finished what it held
  });

  it("the outer helper lets go of the command's output pipes once init has them: their reader's end comes with the sandbox's last process", async () => {
    const marker = "sleep 30.41";
    const held = runCaptured({ argv: ["/bin/sh", "-c", marker] }, session);
    await until(() => running(marker));
    const parent = (pid: number) =>
      Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
    const command = Number(sh(`pgrep -fx '${marker}'`));
    const init = parent(command);
    const outer = parent(init);
    expect(servers()).toContain(parent(outer)); // server → outer helper → init → the command
    for (const fd of [1, 2]) {
      const ino = Number(/^pipe:\[(\d+)\]$/.exec(readlinkSync(`/proc/${command}/fd/${fd}`))?.[1]);
      expect(ino, `the command's fd ${fd} is a pipe`).toBeGreaterThan(0);
      expect(holdsPipe(init, ino)).toBe(true);
      // Holding it, the outer helper kept the reader from its end until it had reported init's exit and
      // exited itself.
      expect(holdsPipe(outer, ino), `the outer helper holds the command's fd ${fd}`).toBe(false);
    }
    session.abortAll();
    expect(await held).toMatchObject({ status: "cancelled" });
  });

  it("a server killed mid-run fails its sandboxes with the reason, takes them along, and is replaced", async () => {
    await runCaptured({ argv: ["/bin/true"] }, session);
    const [server] = servers();
    const marker = "sleep 30.17";
    const held = runCaptured({ argv: ["/bin/sh", "-c", marker] }, session);
    await until(() => running(marker));
    // The second run with these options: two spares wait on this server too, and die with it.
    await until(() => inits().length === 3);
    process.kill(server as number, "SIGKILL");
    expect(await held).toMatchObject({
      status: "signaled",
      signal: "SIGKILL",
      reason: "the sandbox helper was killed by SIGKILL from outside; the sandbox was killed with it",
    });
    await until(() => !running(marker));
    const next = await runCaptured({ argv: ["/bin/echo", "again"] }, session);
    expect(next).toMatchObject({ status: "ok", stdout: "again\n" });
    const now = servers();
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(server);
  });

  it("a prepared sandbox is set up but runs its command only when started", async () => {
    const marker = "sleep 1.83"; // long enough to be seen running, even in the slow VM lane
    const prepared = session.prepare({
      argv: ["/bin/sh", "-c", `${marker}; echo ran`],
      stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
      onOutput: (_s, chunk) => {
        out += chunk.toString();
      },
    });
    let out = "";
    await until(() => inits().length === 1); // set up: its init exists...
    expect(sandboxCgroups().length).toBeGreaterThan(0);
    await sleep(300);
    expect(running(marker)).toBe(false); // ...and the command has not run
    const result = prepared.start();
    await until(() => running(marker));
    expect(await result).toMatchObject({ status: "ok", exitCode: 0 });
    expect(out).toBe("ran\n");
  });

  it("a prepared sandbox whose set-up fails before it is started reports the failure and a wall time of 0", async () => {
    // Its init ends while it waits (the working directory is missing): started later, its command never ran.
    const prepared = session.prepare({ argv: ["/bin/true"], workdir: "/nowhere" });
    // Ended and removed: the session holds nothing any more (it holds a prepared sandbox until then).
    const held = (session as unknown as { running: Map<unknown, unknown> }).running;
    await until(() => held.size === 0);
    expect(inits()).toEqual([]);
    await sleep(200); // a start time taken now would be well after the end
    const result = await prepared.start();
    expect(result).toMatchObject({
      status: "setup-error",
      error: { step: "workdir", message: "working directory not found: /nowhere" },
      wallMs: 0,
    });
  });

  it("a result comes before its sandbox's removal, which follows one event-loop turn later", async () => {
    // The first run of the session: no spare is made, so every sb-* dir is this run's.
    const r = await session.run({
      argv: ["/bin/true"],
      stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
    });
    expect(r.status).toBe("ok");
    if (r.cgroup !== "none") expect(sandboxCgroups().length).toBeGreaterThan(0); // still this turn
    await new Promise((resolve) => setImmediate(resolve));
    expect(sandboxCgroups()).toEqual([]);
    expect(inits()).toEqual([]);
  });

  it("init and the waiting command's process are in the sandbox's cgroups before the go byte; the helper is not", async () => {
    const prepared = session.prepare({ argv: ["/bin/true"] });
    await until(() => waiting().length === 1);
    const [init] = inits();
    const dirs = sandboxCgroups();
    expect(dirs.length).toBeGreaterThan(0); // v2: one dir; v1: one per hierarchy
    const outer = Number(procStatFields(init as number)?.[1]);
    const command = Number(sh(`pgrep -P ${init}`));
    for (const dir of dirs) {
      const procs = readFileSync(`${dir}/cgroup.procs`, "utf8").split("\n").filter(Boolean).map(Number);
      expect(procs.sort()).toEqual([init, command].sort());
      expect(procs).not.toContain(outer);
    }
    await prepared.discard();
  });

  // strace (the real tool, attached to the server) shows how init gets into its cgroup. Moving it by its pid
  // (writing the pid to cgroup.procs) takes cgroup_threadgroup_rwsem, whose first write lock after a quiet
  // spell waits out an RCU grace period (7-25 ms on v1 hosts); init writing "0" to `tasks` through a
  // descriptor the helper opened as root moves only itself and takes no such lock.
  it.skipIf(!hasStrace)(
    "no process writes init's pid into a cgroup: v1 init joins its own first thing, v2 init is cloned into it",
    async () => {
      await runCaptured({ argv: ["/bin/true"] }, session); // the server runs
      const [server] = servers();
      const dir = mkdtempSync(join(tmpdir(), "nsbox-strace-"));
      // -ff: a file per process, so no call is split by another's ("<unfinished ...>").
      const args = ["-ff", "-qq", "-s", "64", "-e", "trace=openat,write,clone3", "-e", "signal=none"];
      const tracer = spawn("strace", [...args, "-o", join(dir, "t"), "-p", String(server)], {
        stdio: "ignore",
      });
      const gone = new Promise((resolve) => tracer.once("exit", resolve));
      const traces = new Map<number, string>();
      let kind: string | undefined;
      try {
        await until(() => /^TracerPid:\s+[1-9]/m.test(readFileSync(`/proc/${server}/status`, "utf8")));
        const r = await runCaptured({ argv: ["/bin/true"], hostname: "traced" }, session);
        expect(r.status).toBe("ok");
        kind = r.cgroup;
        tracer.kill("SIGINT"); // strace detaches
        await gone;
        for (const f of readdirSync(dir)) traces.set(Number(f.slice(2)), readFileSync(join(dir, f), "utf8"));
      } finally {
        tracer.kill("SIGKILL");
        rmSync(dir, { recursive: true, force: true });
      }
      const all = [...traces.values()].join("\n");
      expect(all).not.toMatch(/openat\(AT_FDCWD, "[^"]*\/cgroup\.procs", O_WRONLY/);
      // The outer helper: the process that cloned the sandbox's init into its new namespaces.
      const clones = [...traces.values()].flatMap((t) => {
        const m = /^clone3\(\{flags=([^,]*CLONE_NEWUSER[^,]*),.* = (\d+)$/m.exec(t);
        return m ? [{ trace: t, flags: m[1] as string, init: Number(m[2]) }] : [];
      });
      expect(clones).toHaveLength(1);
      const { trace: outer, flags, init } = clones[0] as (typeof clones)[number];
      const tasks = [
        ...outer.matchAll(/^openat\(AT_FDCWD, "[^"]*\/sb-\d+\/tasks", O_WRONLY\|O_CLOEXEC\) = (\d+)$/gm),
      ];
      if (kind === "v2") {
        expect(flags).toContain("CLONE_INTO_CGROUP"); // born in its cgroup
        expect(tasks).toEqual([]);
        return;
      }
      expect(kind).toBe("v1");
      // v1: before anything else, init writes "0" (itself) to each `tasks` file the outer helper opened.
      expect(tasks.length).toBeGreaterThan(0);
      const initTrace = traces.get(init) ?? "";
      const first = initTrace
        .split("\n")
        .slice(0, tasks.length)
        .map((l) => l.replace(/\s+= /, " = ")); // strace pads
      expect(first).toEqual(tasks.map((m) => `write(${m[1]}, "0", 1) = 1`));
    },
  );

  it("a discarded prepared sandbox never runs and leaves nothing", async () => {
    const prepared = session.prepare({ argv: ["/bin/sh", "-c", "echo ran"], stdio: { stdout: "pipe" } });
    await until(() => inits().length === 1);
    expect(sandboxCgroups().length).toBeGreaterThan(0);
    await prepared.discard();
    expect(inits()).toEqual([]);
    expect(sandboxCgroups()).toEqual([]);
    // The session still serves.
    expect(await runCaptured({ argv: ["/bin/echo", "next"] }, session)).toMatchObject({ status: "ok" });
  });

  it("closing the session discards what was prepared and never started", async () => {
    session.prepare({ argv: ["/bin/true"] });
    await until(() => inits().length === 1);
    await session.close();
    expect(inits()).toEqual([]);
    expect(sandboxCgroups()).toEqual([]);
  });

  it("from the second run with the same options, the next sandbox is set up ahead and runs the next run's own command", async () => {
    const opts = { limits: { pids: 40 } };
    expect(await runCaptured({ ...opts, argv: ["/bin/echo", "one"] }, session)).toMatchObject({
      stdout: "one\n",
    });
    await sleep(300);
    expect(inits()).toEqual([]); // one run: nothing made ahead
    await runCaptured({ ...opts, argv: ["/bin/true"] }, session);
    await until(() => waiting().length === 2 && readySpares(session) === 2); // two spares wait, without a command yet
    const spares = inits().map(processStartTicks);
    // Its own argv, env and working directory; its PID 1 is the spare's init (same start time).
    const third = await runCaptured(
      {
        ...opts,
        argv: ["/bin/sh", "-c", 'echo "$PWD $WHO $(cut -d" " -f22 /proc/1/stat)"'],
        env: { WHO: "third" },
        workdir: "/etc",
      },
      session,
    );
    expect(third).toMatchObject({ status: "ok", exitCode: 0 });
    const [pwd, who, pid1Started] = third.stdout.trim().split(" ");
    expect([pwd, who]).toEqual(["/etc", "third"]);
    expect(spares).toContain(pid1Started);
    await until(() => inits().length === 2); // and the spares are topped up again
  });

  it("a spare's command fails as a fresh sandbox's would: a missing working directory, a missing command", async () => {
    const opts = { limits: { pids: 41 } };
    await runCaptured({ ...opts, argv: ["/bin/true"] }, session);
    await runCaptured({ ...opts, argv: ["/bin/true"] }, session);
    await until(() => waiting().length === 2 && readySpares(session) === 2);
    // A spare served the run when one of the waiting inits is gone after it.
    const servedBySpare = async <T>(run: () => Promise<T>): Promise<T> => {
      const before = waiting();
      const r = await run();
      expect(before.filter((pid) => !pidRunning(pid))).toHaveLength(1);
      await until(() => waiting().length === 2 && readySpares(session) === 2);
      return r;
    };
    const fresh = await runCaptured({ argv: ["/bin/true"], workdir: "/nowhere" }, session);
    const spared = await servedBySpare(() =>
      runCaptured({ ...opts, argv: ["/bin/true"], workdir: "/nowhere" }, session),
    );
    expect(spared).toMatchObject({ status: "setup-error", error: fresh.error });
    expect(fresh.error).toMatchObject({ step: "workdir", message: "working directory not found: /nowhere" });
    const missing = await servedBySpare(() => runCaptured({ ...opts, argv: ["/no/such/command"] }, session));
    expect(missing).toMatchObject({ status: "setup-error", error: { step: "exec" } });
    // What cannot be sent at all is thrown, as for a fresh sandbox.
    const nul = { argv: ["/bin/true"], env: { A: "x\0y" } };
    await expect(session.run({ ...nul, limits: { pids: 45 } })).rejects.toThrow("contains a NUL byte");
    await expect(session.run({ ...nul, ...opts })).rejects.toThrow("contains a NUL byte");
  });

  it("a spare is not taken by other options, goes with a setup's layers, and close leaves nothing", async () => {
    const opts = { limits: { pids: 42 } };
    await runCaptured({ ...opts, argv: ["/bin/true"] }, session);
    await runCaptured({ ...opts, argv: ["/bin/true"] }, session);
    await until(() => waiting().length === 2 && readySpares(session) === 2);
    const spares = inits();
    const other = await runCaptured({ limits: { pids: 43 }, argv: ["/bin/echo", "other"] }, session);
    expect(other).toMatchObject({ status: "ok", stdout: "other\n" });
    expect(inits()).toEqual(spares); // untouched
    // A setup puts a layer under every later sandbox: spares made before it go.
    expect(await session.setup("echo layered > /from-setup", {})).toMatchObject({ status: "ok" });
    await until(() => inits().length === 0);
    const layered = ["/bin/sh", "-c", 'cat /from-setup; cut -d" " -f22 /proc/1/stat'];
    for (let i = 0; i < 2; i++) {
      const r = await runCaptured({ ...opts, argv: layered }, session);
      expect(r).toMatchObject({ status: "ok", stdout: expect.stringMatching(/^layered\n/) });
    }
    await until(() => waiting().length === 2 && readySpares(session) === 2);
    const madeAfter = inits().map(processStartTicks);
    const third = await runCaptured({ ...opts, argv: layered }, session);
    expect(third.stdout).toMatch(/^layered\n/); // in a spare made after the setup
    expect(madeAfter).toContain(third.stdout.split("\n")[1]);
    await until(() => waiting().length === 2 && readySpares(session) === 2);
    const before = inits();
    await session.close();
    expect(inits()).toEqual([]);
    expect(before.filter(pidRunning)).toEqual([]); // gone, not merely out of the server's sight
    expect(sandboxCgroups()).toEqual([]);
  });

  it("a session opened with spares: false makes nothing ahead", async () => {
    // The same three runs in a default session make two spares...
    for (let i = 0; i < 3; i++) await runCaptured({ argv: ["/bin/true"] }, session);
    await until(() => waiting().length === 2 && readySpares(session) === 2);
    await session.close();
    // ...and none with spares: false, given at least as long.
    session = await openSession({ spares: false });
    for (let i = 0; i < 3; i++) await runCaptured({ argv: ["/bin/true"] }, session);
    await sleep(1000);
    expect(inits()).toEqual([]);
  });

  it("a caller's abort reaches a command running in a spare", async () => {
    const opts = { limits: { pids: 44 } };
    await runCaptured({ ...opts, argv: ["/bin/true"] }, session);
    await runCaptured({ ...opts, argv: ["/bin/true"] }, session);
    await until(() => waiting().length === 2 && readySpares(session) === 2);
    const spares = inits().map(processStartTicks);
    const abort = new AbortController();
    const marker = "sleep 30.44";
    const argv = ["/bin/sh", "-c", `cut -d" " -f22 /proc/1/stat; ${marker}`];
    const held = runCaptured({ ...opts, argv, signal: abort.signal }, session);
    await until(() => running(marker));
    abort.abort();
    const r = await held;
    expect(r).toMatchObject({ status: "cancelled" });
    expect(spares).toContain(r.stdout.trim()); // it ran in a spare: its PID 1 is a spare's init
    await until(() => !running(marker));
  });
});
