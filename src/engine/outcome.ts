// Pure: turns what the helper and the cgroup reported into the result's status, exit code and reason.
import { constants } from "node:os";
import type { HelperEvent } from "./helper";
import type { HintKey, RunError, RunStatus } from "./types";

export interface Observed {
  setupError: RunError | null;
  commandExit: { code: number | null; signal: number | null } | null; // init's report of the command
  initExit: { code: number | null; signal: number | null } | null; // the helper's wait4 on init
  timedOut: string | null; // the sentence, when the wall-clock or cpu-time limit ended it
  cancelled: boolean; // the caller aborted the run while the command was running
  started: boolean; // the helper announced the sandbox's init (the "pid" event)
  helperSignal: number | null; // the signal that killed the helper itself, when one did
  oomKills: number;
  pidsLimitHit: boolean;
  memoryLimit: string | null; // as the user wrote it, for the reason sentence
  pidsLimit: number | null;
}

export interface Outcome {
  status: RunStatus;
  exitCode: number;
  signal: string | null;
  reason: string | null;
  error: RunError | null;
}

// os.constants.signals also holds aliases (SIGIOT is SIGABRT's number, SIGPOLL SIGIO's): a later entry of a
// number would win, so the aliases are left out and each number keeps the name that kill -l and abort(3) use.
const ALIASES = new Set(["SIGIOT", "SIGPOLL", "SIGUNUSED"]);
const signalNames = new Map<number, string>(
  Object.entries(constants.signals)
    .filter(([name]) => !ALIASES.has(name))
    .map(([name, n]) => [n, name]),
);

export function signalName(n: number | null): string | null {
  if (n === null) return null;
  return signalNames.get(n) ?? `SIG${n}`;
}

export function decideOutcome(o: Observed): Outcome {
  if (o.setupError) {
    return { status: "setup-error", exitCode: 125, signal: null, reason: null, error: o.setupError };
  }
  const exit = o.commandExit ?? o.initExit;
  if (!exit && o.helperSignal !== null) {
    // Killed from outside (the engine never signals the helper): init and the command die with it
    // (PDEATHSIG, then the PID namespace goes), so once started the command was killed, not "not set up".
    const name = signalName(o.helperSignal);
    if (!o.started) {
      const error = {
        step: "helper",
        message: `the sandbox helper was killed by ${name} before the sandbox started`,
      };
      return { status: "setup-error", exitCode: 125, signal: null, reason: null, error };
    }
    const reason = `the sandbox helper was killed by ${name} from outside; the sandbox was killed with it`;
    return { status: "signaled", exitCode: 128 + 9, signal: "SIGKILL", reason, error: null };
  }
  if (!exit) {
    const error = {
      step: "helper",
      message: "the sandbox helper ended without reporting the command's exit",
    };
    return { status: "setup-error", exitCode: 125, signal: null, reason: null, error };
  }
  const signal = exit.signal;
  const exitCode = signal !== null ? 128 + signal : (exit.code ?? 125);
  const base = { exitCode, signal: signalName(signal), error: null };
  // Only a command the limit's kill ended: one that exited by itself as the limit fired keeps its own
  // status (the kill found it gone), so status, exit code and the CLI's exit status always agree.
  if (o.timedOut && signal !== null) return { ...base, status: "timeout", reason: o.timedOut };
  // The abort's SIGKILL, not the command's doing: a command that finished on its own keeps its status.
  if (o.cancelled && signal !== null) {
    return { ...base, status: "cancelled", reason: "the run was cancelled" };
  }
  const failed = exitCode !== 0;
  if (failed && o.oomKills > 0) {
    const limit = o.memoryLimit ? ` (memory limit ${o.memoryLimit})` : "";
    return { ...base, status: "oom", reason: `out of memory${limit}: ${o.oomKills} OOM kill(s)` };
  }
  if (failed && o.pidsLimitHit) {
    const limit = o.pidsLimit !== null ? ` ${o.pidsLimit}` : "";
    return {
      ...base,
      status: "pids-limit",
      reason: `the process limit${limit} (processes and threads) was reached`,
    };
  }
  if (signal !== null) return { ...base, status: "signaled", reason: `killed by ${base.signal}` };
  return { ...base, status: failed ? "failed" : "ok", reason: null };
}

const { EACCES, ENOENT, ENOTDIR } = constants.errno;

/**
 * The fix a front end names for the helper's setup error, from its step and errno (native/init.c
 * exec_failed, die_workdir): a command not found (ENOENT, or ENOTDIR: a file where its path needs a
 * directory), a working directory not found or not a directory. None for EACCES: the command or directory
 * exists and its permission bits are what to fix (on the host, for a mount), which no flag or input changes;
 * nor for the other steps, whose message is the whole story.
 */
export function setupErrorHint(step: string, errno: number): HintKey | undefined {
  if (step === "exec" && (errno === ENOENT || errno === ENOTDIR)) return "command";
  // Every errno but EACCES: die_workdir says "not found" for those it has no words of its own for (ELOOP).
  if (step === "workdir" && errno !== EACCES) return "workdir";
  return undefined;
}

/** Folds helper events into the observation; returns the init pid when the event announces it. */
export function applyEvent(o: Observed, ev: HelperEvent): void {
  switch (ev.event) {
    case "setup-error":
      // One line whatever it names (a working directory with a line break in it).
      if (!o.setupError) {
        const hint = setupErrorHint(ev.step, ev.errno);
        const message = ev.message.replace(/\n/g, "\\n");
        o.setupError = hint ? { step: ev.step, message, hint } : { step: ev.step, message };
      }
      break;
    case "pid":
      o.started = true;
      break;
    case "exit":
      o.commandExit = { code: ev.code, signal: ev.signal };
      break;
    case "init-exit":
      o.initExit = { code: ev.code, signal: ev.signal };
      break;
    default:
      break;
  }
}

export function emptyObservation(): Observed {
  return {
    setupError: null,
    commandExit: null,
    initExit: null,
    timedOut: null,
    cancelled: false,
    started: false,
    helperSignal: null,
    oomKills: 0,
    pidsLimitHit: false,
    memoryLimit: null,
    pidsLimit: null,
  };
}
