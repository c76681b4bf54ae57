import { constants } from "node:os";
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  decideOutcome,
  emptyObservation,
  type Observed,
  setupErrorHint,
  signalName,
} from "../../src/engine/outcome";
import { pickCpu } from "../../src/engine/sandbox";

function observe(extra: Partial<Observed>): Observed {
  return { ...emptyObservation(), ...extra };
}

describe("decideOutcome", () => {
  it("keeps the command's own exit code", () => {
    expect(decideOutcome(observe({ commandExit: { code: 0, signal: null } }))).toMatchObject({
      status: "ok",
      exitCode: 0,
    });
    expect(decideOutcome(observe({ commandExit: { code: 42, signal: null } }))).toMatchObject({
      status: "failed",
      exitCode: 42,
    });
  });

  it("maps a signal to 128+N and its name", () => {
    expect(decideOutcome(observe({ commandExit: { code: null, signal: 9 } }))).toMatchObject({
      status: "signaled",
      exitCode: 137,
      signal: "SIGKILL",
    });
    expect(signalName(15)).toBe("SIGTERM");
  });

  it("names a signal by its canonical name, not a later alias (abort(3) is SIGABRT, 29 is SIGIO)", () => {
    expect(signalName(6)).toBe("SIGABRT");
    expect(signalName(29)).toBe("SIGIO");
    expect(decideOutcome(observe({ commandExit: { code: null, signal: 6 } }))).toMatchObject({
      exitCode: 134,
      signal: "SIGABRT",
      reason: "killed by SIGABRT",
    });
  });

  it("reports a command the caller's abort killed as cancelled, one that finished first as itself", () => {
    const killed = decideOutcome(observe({ cancelled: true, commandExit: { code: null, signal: 9 } }));
    expect(killed).toMatchObject({ status: "cancelled", exitCode: 137, reason: "the run was cancelled" });
    const finished = decideOutcome(observe({ cancelled: true, commandExit: { code: 0, signal: null } }));
    expect(finished).toMatchObject({ status: "ok", exitCode: 0 });
  });

  it("puts a setup error above everything and uses 125", () => {
    const o = decideOutcome(
      observe({
        setupError: { step: "exec", message: "command not found: x" },
        initExit: { code: 125, signal: null },
      }),
    );
    expect(o).toMatchObject({ status: "setup-error", exitCode: 125, error: { step: "exec" } });
  });

  it("falls back to init's exit when init was killed before reporting", () => {
    expect(
      decideOutcome(
        observe({ initExit: { code: null, signal: 9 }, timedOut: "wall-clock timeout 1s reached" }),
      ),
    ).toMatchObject({
      status: "timeout",
      exitCode: 137,
      signal: "SIGKILL",
      reason: "wall-clock timeout 1s reached",
    });
  });

  it("calls timeout only a command the limit's kill ended; one that exited as it fired keeps its status", () => {
    const timedOut = "wall-clock timeout 200ms reached";
    expect(decideOutcome(observe({ commandExit: { code: 0, signal: null }, timedOut }))).toMatchObject({
      status: "ok",
      exitCode: 0,
      reason: null,
    });
    expect(decideOutcome(observe({ commandExit: { code: 3, signal: null }, timedOut }))).toMatchObject({
      status: "failed",
      exitCode: 3,
    });
    expect(decideOutcome(observe({ commandExit: { code: null, signal: 9 }, timedOut }))).toMatchObject({
      status: "timeout",
      exitCode: 137,
      reason: timedOut,
    });
  });

  it("names oom and pids-limit only when the command failed", () => {
    expect(decideOutcome(observe({ commandExit: { code: null, signal: 9 }, oomKills: 1 })).status).toBe(
      "oom",
    );
    expect(decideOutcome(observe({ commandExit: { code: 0, signal: null }, oomKills: 1 })).status).toBe("ok");
    expect(
      decideOutcome(observe({ commandExit: { code: 1, signal: null }, pidsLimitHit: true })).status,
    ).toBe("pids-limit");
    expect(
      decideOutcome(observe({ commandExit: { code: 0, signal: null }, pidsLimitHit: true })).status,
    ).toBe("ok");
  });

  it("reports a helper that vanished without a word as a setup error", () => {
    expect(decideOutcome(observe({})).status).toBe("setup-error");
  });
});

describe("pickCpu: cgroup CPU cross-checked with wait4's rusage", () => {
  it("takes the cgroup's figures, which also count unreaped processes", () => {
    expect(pickCpu({ cpuUserMs: 1200, cpuSystemMs: 30 }, { utime_us: 1_000_000, stime_us: 20_000 })).toEqual({
      userMs: 1200,
      systemMs: 30,
      source: "cgroup",
    });
  });

  it("falls back to rusage when the cgroup saw clearly less, or there is no cgroup", () => {
    expect(pickCpu({ cpuUserMs: 0, cpuSystemMs: 0 }, { utime_us: 500_000, stime_us: 0 })).toMatchObject({
      userMs: 500,
      source: "rusage",
    });
    expect(pickCpu(null, { utime_us: 2000, stime_us: 1000 })).toEqual({
      userMs: 2,
      systemMs: 1,
      source: "rusage",
    });
  });
});

describe("decideOutcome: a helper killed from outside", () => {
  it("after the sandbox started: signaled (SIGKILL, what the sandbox got), the reason names the helper's signal", () => {
    expect(decideOutcome(observe({ started: true, helperSignal: 10 }))).toEqual({
      status: "signaled",
      exitCode: 137,
      signal: "SIGKILL",
      reason: "the sandbox helper was killed by SIGUSR1 from outside; the sandbox was killed with it",
      error: null,
    });
  });

  it("before: a setup error saying so; and a reported exit always wins", () => {
    expect(decideOutcome(observe({ helperSignal: 9 })).error?.message).toBe(
      "the sandbox helper was killed by SIGKILL before the sandbox started",
    );
    const exited = observe({ started: true, helperSignal: 9, commandExit: { code: 3, signal: null } });
    expect(decideOutcome(exited)).toMatchObject({ status: "failed", exitCode: 3 });
  });
});

describe("applyEvent: the helper's setup error", () => {
  it("gives a missing command or working directory the hint a front end words, by step and errno", () => {
    const { ENOENT, ENOTDIR, EACCES, ELOOP, ENOEXEC } = constants.errno;
    // As native/init.c reports them (exec_failed, die_workdir).
    const cases: Array<[step: string, errno: number, message: string, hint: string | undefined]> = [
      ["exec", ENOENT, "command not found: nosuchcmd", "command"],
      ["exec", ENOTDIR, "command not found: /etc/passwd/x", "command"],
      ["exec", EACCES, "permission denied: /tmp/x", undefined],
      ["exec", ENOEXEC, "cannot execute /x: Exec format error", undefined],
      ["workdir", ENOENT, "working directory not found: /nope", "workdir"],
      ["workdir", ENOTDIR, "working directory is not a directory: /etc/passwd", "workdir"],
      ["workdir", ELOOP, "working directory not found: /loop", "workdir"],
      ["workdir", EACCES, "working directory not enterable (permission denied): /root", undefined],
      ["mount", ENOENT, "mount /x: No such file or directory", undefined],
    ];
    for (const [step, errno, message, hint] of cases) {
      expect(setupErrorHint(step, errno), message).toBe(hint);
      const o = emptyObservation();
      applyEvent(o, { event: "setup-error", step, errno, message });
      // The engine's sentence unchanged; the key beside it, or no key at all.
      expect(decideOutcome(o).error, message).toStrictEqual(
        hint ? { step, message, hint } : { step, message },
      );
    }
  });
});
