// One sandbox: cgroup + network + helper, from options to a RunResult, now or prepared ahead. Everything
// it creates is removed by its cleanup step, whatever happened (after a result, one event-loop turn later:
// removals.ts). Over 300 lines on purpose: SandboxRun's
// steps share one sandbox's state, which split across files would have to be passed around; the spec
// (sandbox-spec.ts) and the watchers and report helpers (sandbox-watch.ts) live apart.

import { enclosingNotes } from "./cgroup/enclosing";
import { LimitGuard } from "./cgroup/enforce";
import type { CgroupRun, CgroupStats, SandboxCgroup } from "./cgroup/index";
import { monotonicMs } from "./clock";
import { appliedLimits, type LimitDefaults, resolveLimits } from "./defaults";
import { encodeSpec, type HelperLauncher, type HelperProcess, type Rusage } from "./helper";
import { createKeptScratch, createPlainScratch, type KeptScratch } from "./layers/scratch";
import type { NetRun, SandboxNet } from "./net/index";
import { applyEvent, decideOutcome, emptyObservation } from "./outcome";
import {
  copyOutputs,
  DEFAULT_OUTPUT_LIMIT_BYTES,
  DEFAULT_OUTPUT_LIMIT_FILES,
  mountsView,
} from "./outputs/copy";
import { pidRunning, sigkill } from "./proc";
import type { DeferredRemovals } from "./removals";
import { commandRecords, specFiles, specRecords, stdinFd, stdioFor } from "./sandbox-spec";
import { describeLimit, longTimeout, pickCpu, pipeOutput, round, watchCpu } from "./sandbox-watch";
import { rawTerminal } from "./terminal";
import type {
  AppliedLimits,
  InstalledPackage,
  Limits,
  MountSpec,
  OutputsResult,
  ResolvedLimits,
  RunResult,
  SandboxOptions,
  ScratchKind,
} from "./types";
import { CancelledError, SetupError, throwIfCancelled } from "./types";
import { formatBytes } from "./units";
import { checkLimits, checkMounts } from "./validate";

export { pickCpu } from "./sandbox-watch";

export interface SandboxContext {
  rootfsDir: string;
  alpine: string;
  scratchDir: string;
  idMap: { uidBase: number; gidBase: number; count: number };
  cgroups: CgroupRun;
  net: NetRun | null;
  defaults: LimitDefaults; // for the limits the caller leaves unset
  commandNet: boolean; // false: the NAT is only the setup's (--setup-network nat, commands none)
  nextName(): string;
  cacheDir: string;
  root: boolean;
  scratch: ScratchKind;
  /** Read-only lower layers of the root above the rootfs, bottom first (packages, setup). */
  layers: string[];
  /** Lower layers from setup for an `overlay` mount (matched by source and target). */
  mountLayers(m: MountSpec): string[];
  packages: InstalledPackage[] | null;
  /** Starts the helper of one sandbox (the session's server, or a one-shot helper). */
  launch: HelperLauncher;
  /** Where a finished sandbox's removal waits for its turn; the session's close() waits for them all. */
  removals: DeferredRemovals;
}

/** Engine-internal choices for one sandbox (the package install and the setup script). */
export interface SandboxInternal {
  network?: "none" | "session" | "nat"; // default: "session" (the session's network for commands)
  /** Receives the kept writable layer instead of its removal: the caller disposes of it. */
  keepLayer?: (layer: KeptScratch) => void;
  files?: [path: string, data: string][];
  /** Keep the writable layer in this new plain directory (on the cache's file system). */
  layerDir?: string;
  /**
   * The command may set setuid/setgid modes (spec `setid_modes=1`): nsbox's own package install only,
   * whose caller clears those bits in the kept layer before anything uses it (apk/layer.ts).
   */
  setidModes?: true;
}

export interface PreparedSandbox {
  /** Lets the command go; the result once it ended (CancelledError when aborted before it started). */
  start(): Promise<RunResult>;
  /** Never starts the command: everything made for it is removed. */
  discard(): Promise<void>;
}

/** What a spare is given when it is taken: the command, and what belongs to this one run. */
export type SpareCommand = Pick<
  SandboxOptions,
  "argv" | "env" | "workdir" | "onOutput" | "outputs" | "signal"
>;

export interface SpareSandbox {
  /** Lets the given command go in the sandbox set up ahead; its result. */
  start(command: SpareCommand): Promise<RunResult>;
  discard(): Promise<void>;
  /** Set up, and its init still there, now: a spare whose helper died (a killed server) must not be taken. */
  ready(): boolean;
  /** It ended without being started (a set-up failure, an abort, its helper gone). */
  readonly ended: boolean;
  readonly settled: Promise<void>;
}

/**
 * A spare: a sandbox set up now from a run's options but without its command, which start() sends with the
 * go byte (argv, env and working directory; start_wait=2), so the next run with the same options skips its
 * set-up. The caller makes sure it is preparable (no command network, no terminal: see Session.run).
 */
export function prepareSpare(ctx: SandboxContext, opts: SandboxOptions): SpareSandbox {
  const run = SandboxRun.create(ctx, opts, {}, true, true);
  const spare = {
    ended: false,
    start: (command: SpareCommand) => run.start(command),
    discard: () => run.discard(),
    ready: () => run.waitingAlive(),
    settled: run.settled.finally(() => {
      spare.ended = true;
    }),
  };
  return spare;
}

export async function runInSandbox(
  ctx: SandboxContext,
  opts: SandboxOptions,
  internal: SandboxInternal = {},
): Promise<RunResult> {
  return SandboxRun.create(ctx, opts, internal, false).start();
}

/**
 * Sets a sandbox up now and lets its command go on start(): the helper builds everything (namespaces,
 * cgroup, mounts, the command's process) and waits just before execve, so a start is a byte away.
 * Without network (a veth is wired on the go byte already) and without a terminal (raw mode would start
 * early) only; otherwise start() runs it from scratch.
 * `settled`: everything made for it is gone (after its result, a discard, or an abort of opts.signal).
 */
export function prepareSandbox(
  ctx: SandboxContext,
  opts: SandboxOptions,
  internal: SandboxInternal = {},
): PreparedSandbox & { settled: Promise<void> } {
  if (usesNetwork(ctx, internal) || opts.tty) return lazySandbox(ctx, opts, internal);
  try {
    const run = SandboxRun.create(ctx, opts, internal, true);
    return { start: () => run.start(), discard: () => run.discard(), settled: run.settled };
  } catch (err) {
    return { start: () => Promise.reject(err), discard: async () => {}, settled: Promise.resolve() };
  }
}

/** Whether the sandbox gets a veth of the session's network (wired on its go byte). */
function usesNetwork(ctx: SandboxContext, internal: SandboxInternal): boolean {
  const mode = internal.network ?? "session";
  return ctx.net !== null && (mode === "nat" || (mode === "session" && ctx.commandNet));
}

/** Nothing made ahead: start() runs the sandbox from scratch. */
function lazySandbox(
  ctx: SandboxContext,
  opts: SandboxOptions,
  internal: SandboxInternal,
): PreparedSandbox & { settled: Promise<void> } {
  let settle: () => void = () => {};
  const settled = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const onAbort = () => settle();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  return {
    start: () => {
      opts.signal?.removeEventListener("abort", onAbort);
      return runInSandbox(ctx, opts, internal).finally(settle);
    },
    discard: async () => settle(),
    settled,
  };
}

/** One sandbox from options to result, in named steps; everything it creates is removed by cleanup(). */
class SandboxRun implements PreparedSandbox {
  private readonly observed = emptyObservation();
  private readonly timers: Array<{ cancel(): void }> = [];
  private net: SandboxNet | null = null;
  private helper: HelperProcess | null = null;
  private restoreTerminal: () => void = () => {};
  private initPid = 0;
  private initGone = false;
  private ready = false; // the helper announced init (pid): the command waits for the go byte
  private wanted = false; // start() was called
  private discarded = false; // discard() was called first: the command never goes
  private released = false; // the go byte was sent: the command may have started
  private startedAt = 0;
  private endedAt = 0;
  private stats: CgroupStats | null = null;
  private spareGo: Buffer | null = null; // a spare's go byte and command records, from start()
  private rusage: Rusage | null = null;
  private outputs: OutputsResult | undefined;
  private ownFiles: ReadonlyMap<string, string> = new Map(); // what init wrote into the root layer
  private handedOver = false;
  private removal: Promise<void> = Promise.resolve();
  private readonly done: Promise<void>;
  /** Everything made for it is gone, whatever happened. */
  readonly settled: Promise<void>;

  private constructor(
    private readonly ctx: SandboxContext,
    private opts: SandboxOptions, // a spare's gets its command at start()
    private readonly internal: SandboxInternal,
    private readonly waitForStart: boolean,
    private readonly spare: boolean,
    private readonly hostname: string,
    private readonly limits: ResolvedLimits,
    private readonly applied: AppliedLimits,
    private readonly kept: KeptScratch | null,
    private readonly cg: SandboxCgroup,
    private readonly layerNotEnforced: readonly string[], // what tmpfs-size could not cap (rootless)
  ) {
    this.observed.memoryLimit = limits.memoryBytes !== undefined ? formatBytes(limits.memoryBytes) : null;
    this.observed.pidsLimit = limits.pids ?? null;
    this.done = this.run();
    // errors are start()'s to report; a result's removal comes a turn after it
    this.settled = this.done.then(
      () => this.removal,
      () => {},
    );
  }

  /** Checks the options, then the sandbox's own cgroup and writable layer; starts the helper. */
  static create(
    ctx: SandboxContext,
    opts: SandboxOptions,
    internal: SandboxInternal,
    waitForStart: boolean,
    spare = false,
  ): SandboxRun {
    if (!spare && opts.argv.length === 0) throw new SetupError("spec", "no command given");
    checkLimits(opts.limits ?? {}, ctx.scratch);
    checkMounts(opts.mounts ?? [], ctx.cacheDir);
    throwIfCancelled(opts.signal);
    const limits = resolveLimits(opts.limits ?? {}, ctx.defaults);
    const applied = appliedLimits(limits);
    // --pids N counts the command's processes: the sandbox's own init (always there) is one more.
    const cgLimits = limits.pids !== undefined ? { ...limits, pids: limits.pids + 1 } : limits;
    // The writable layer outlives the helper when files are to be copied out of it, when it becomes a
    // layer (setup, packages) or when it lives on disk; otherwise the helper's private tmpfs is faster.
    const keep = opts.outputs !== undefined || internal.keepLayer !== undefined || ctx.scratch === "disk";
    // Rootless, a kept layer is a plain directory (no mount is possible): tmpfs-size cannot cap it. Said
    // before anything is made, so a refusal leaves nothing behind. (nsbox's own package install, layerDir,
    // is a known gap of its own: docs/security.md.)
    const layerNotes =
      keep && !ctx.root && !internal.layerDir
        ? uncappedLayerNotes(opts.limits, opts.bestEffort ?? false)
        : [];
    const kept = internal.layerDir
      ? createPlainScratch(internal.layerDir)
      : keep
        ? createKeptScratch(ctx.cacheDir, ctx.scratch, applied.tmpfsBytes, applied.tmpfsInodes, ctx.root)
        : null;
    let cg: SandboxCgroup;
    try {
      cg = ctx.cgroups.createSandbox(ctx.nextName(), cgLimits, opts.bestEffort ?? false);
    } catch (e) {
      kept?.dispose();
      throw e;
    }
    const hostname = opts.hostname ?? "nsbox";
    return new SandboxRun(
      ctx,
      opts,
      internal,
      waitForStart,
      spare,
      hostname,
      limits,
      applied,
      kept,
      cg,
      layerNotes,
    );
  }

  start(command?: SpareCommand): Promise<RunResult> {
    if (this.spare) {
      if (!command || command.argv.length === 0) {
        this.discard();
        return Promise.reject(new SetupError("spec", "no command given"));
      }
      this.opts = { ...this.opts, ...command };
      try {
        // Encoded now: what cannot be sent (a NUL byte) is thrown, as a fresh sandbox's spec would be.
        this.spareGo = Buffer.concat([
          Buffer.from("g"),
          encodeSpec(commandRecords(this.opts, this.hostname)),
        ]);
      } catch (err) {
        this.discard();
        return Promise.reject(err);
      }
      const signal = command.signal;
      if (signal) {
        signal.addEventListener("abort", this.onAbort, { once: true });
        this.settled.finally(() => signal.removeEventListener("abort", this.onAbort)); // settled never rejects
        if (signal.aborted) this.onAbort();
      }
    }
    this.wanted = true;
    if (this.ready) this.release().catch(() => this.stop(null)); // it cannot go: it must not stay

    return this.done.then(() => {
      // Aborted before the command was let go: nothing ran, and everything made for it is gone.
      if (!this.released && this.opts.signal?.aborted) throw new CancelledError(this.opts.signal.reason);
      return this.result();
    });
  }

  /** Set up and waiting for its go byte, with its init alive (not even a zombie) right now. */
  waitingAlive(): boolean {
    return this.ready && !this.wanted && !this.initGone && pidRunning(this.initPid);
  }

  async discard(): Promise<void> {
    if (!this.wanted) {
      this.discarded = true;
      this.helper?.control.end(); // EOF instead of the go byte: init gives up
    }
    await this.settled; // removed, too
  }

  /** The whole life: network, helper, events until the helper is done, then what the result needs. */
  private async run(): Promise<void> {
    try {
      this.net = usesNetwork(this.ctx, this.internal)
        ? (this.ctx.net?.allocate(this.hostname) ?? null)
        : null;
      this.launch();
      await this.followEvents();
      await this.collect();
    } catch (err) {
      this.cleanup(); // before the error is reported
      throw err;
    }
    // The lease goes now, not a turn later: the caller's next sandbox may need it at once (a pool of one).
    this.net?.release();
    this.removal = this.ctx.removals.defer(() => this.cleanup());
  }

  /** The helper, with the spec; raw mode on the caller's terminal for its lifetime. */
  private launch(): void {
    const { opts } = this;
    const tty = opts.tty ? stdinFd(opts) : null;
    this.restoreTerminal = tty !== null ? rawTerminal(tty) : () => {};
    try {
      const records = specRecords(
        this.ctx,
        opts,
        this.applied,
        this.hostname,
        this.cg,
        this.net,
        this.kept,
        this.internal,
        this.spare,
      );
      // nsbox's files in the root layer; a caller's (in /tmp, the sandbox's tmpfs) are the command's.
      const callers = new Set((opts.files ?? []).map(([path]) => path));
      this.ownFiles = new Map([...specFiles(records)].filter(([path]) => !callers.has(path)));
      if (this.waitForStart && !this.net) records.push(["start_wait", this.spare ? "2" : "1"]);
      this.helper = this.ctx.launch(records, stdioFor(opts));
    } catch (err) {
      this.restoreTerminal();
      throw err;
    }
    pipeOutput(this.helper.stdout, "stdout", () => this.opts.onOutput);
    pipeOutput(this.helper.stderr, "stderr", () => this.opts.onOutput);
    if (this.discarded) this.helper.control.end();
  }

  /** Kills the sandbox's tree; `why` is the limit that did it (null: an abort or a failure). */
  private readonly stop = (why: string | null) => {
    if (why && !this.observed.timedOut) this.observed.timedOut = why;
    this.cg.kill();
    // SIGKILL to the namespace's init ends every process in it, even without a cgroup.
    if (this.initPid && !this.initGone) sigkill(this.initPid);
  };

  private readonly onAbort = () => {
    this.observed.cancelled = true;
    this.stop(null);
  };

  private async followEvents(): Promise<void> {
    const helper = this.helper as HelperProcess;
    const { opts, observed } = this;
    opts.signal?.addEventListener("abort", this.onAbort, { once: true });
    try {
      for await (const ev of helper.events) {
        applyEvent(observed, ev);
        if (ev.event === "pid") {
          this.initPid = ev.pid;
          this.ready = true;
          // Prepared ahead: the go byte waits for start() (a discarded one never gets it).
          if (!this.waitForStart || this.wanted || this.net || opts.signal?.aborted) await this.release();
        } else if (ev.event === "exit") {
          this.endedAt = monotonicMs();
          // The command ended: init is ending the rest of the tree, and no limit may fire after the fact.
          for (const t of this.timers) t.cancel();
        } else if (ev.event === "init-exit") {
          this.initGone = true;
          this.endedAt ||= monotonicMs();
          this.rusage = ev.rusage;
        }
      }
    } finally {
      for (const t of this.timers) t.cancel();
      opts.signal?.removeEventListener("abort", this.onAbort);
      if (!this.initGone) this.stop(null);
      await helper.finished;
      this.restoreTerminal();
    }
    // No exit reported: was the helper itself killed? (It is reaped just after its pipes close.)
    if (!observed.commandExit && !observed.initExit) observed.helperSignal = (await helper.exit).signal;
    if (!this.endedAt) this.endedAt = monotonicMs();
  }

  /** The go byte (after wiring the network), then the limits that count from the command's start. */
  private releasing: Promise<void> | null = null;

  private release(): Promise<void> {
    // Init already gone (a prepared sandbox failing its set-up while it waited): there is nothing to let go,
    // and its command never started, so no start time (wallMs 0), no limit timers, no pids sampler.
    if (this.discarded || this.initGone) return Promise.resolve();
    this.releasing ??= this.letGo();
    return this.releasing;
  }

  private async letGo(): Promise<void> {
    const { opts, net, observed } = this;
    const control = (this.helper as HelperProcess).control;
    this.startedAt = monotonicMs();
    if (!net && !this.waitForStart) {
      this.released = true; // without a network to wire, init does not wait for the go byte
      control.end();
    } else if (opts.signal?.aborted) {
      control.end(); // EOF instead of the go byte: init gives up, the command never starts
      this.stop(null);
    } else if (!net) {
      this.released = true;
      control.end(this.spareGo ?? "g"); // a spare's command follows its go byte
    } else {
      try {
        await net.attach(this.initPid);
        this.released = !opts.signal?.aborted; // the abort may have come while attaching
        control.end(this.released ? "g" : undefined);
        if (!this.released) this.stop(null);
      } catch (err) {
        // The sandbox could not be wired: a setup error of this sandbox, not of the whole run.
        observed.setupError = { step: "network", message: (err as Error).message };
        control.end(); // EOF instead of the go byte: init gives up
        this.stop(null);
      }
    }
    this.cg.started();
    if (opts.signal?.aborted) this.onAbort();
    const { timeoutMs, cpuTimeMs } = this.limits;
    if (timeoutMs !== undefined) {
      const sentence = `wall-clock timeout ${describeLimit(timeoutMs)} reached`;
      this.timers.push(longTimeout(timeoutMs, () => this.stop(sentence)));
    }
    if (cpuTimeMs !== undefined) {
      const timer = watchCpu(this.cg, cpuTimeMs, this.stop);
      this.timers.push({ cancel: () => clearInterval(timer) });
    }
  }

  /** Every process of the sandbox is gone (init reaped): its layers can no longer change under us. */
  private async collect(): Promise<void> {
    const { kept, opts, internal, observed } = this;
    this.stats = this.cg.stats();
    // Only a command that may have run has outputs: one that never did (the sandbox or the command could
    // not be set up, or the run was stopped before its go) wrote nothing, and copying would make the
    // output dir and list every pattern as "the command wrote nothing that matches" under the error.
    const mayHaveRun = this.released && observed.setupError === null;
    if (kept && opts.outputs && mayHaveRun) {
      const o = opts.outputs;
      this.outputs = await copyOutputs(
        o.name,
        {
          patterns: o.patterns,
          dir: o.dir,
          limitBytes: o.limitBytes ?? DEFAULT_OUTPUT_LIMIT_BYTES,
          limitFiles: o.limitFiles ?? DEFAULT_OUTPUT_LIMIT_FILES,
          untrusted: [...(o.untrusted ?? []), ...(opts.mounts ?? []).map((m) => m.source)],
        },
        mountsView(kept.upper, opts.mounts ?? [], kept.mountUpper, this.ownFiles),
        opts.signal,
      );
    }
    if (kept && internal.keepLayer) {
      internal.keepLayer(kept);
      this.handedOver = true;
    }
  }

  private cleanup(): void {
    for (const t of this.timers) t.cancel();
    this.net?.release();
    this.cg.remove();
    if (!this.handedOver) this.kept?.dispose();
  }

  private result(): RunResult {
    const { observed, cg, net, ctx, rusage, outputs } = this;
    const stats = this.stats as CgroupStats;
    observed.oomKills = stats.oomKills;
    observed.pidsLimitHit = stats.pidsLimitHit;
    const outcome = decideOutcome(observed);
    const cpu = pickCpu(stats.cpuAccounted ? stats : null, rusage);
    return {
      ...outcome,
      wallMs: this.startedAt ? round(this.endedAt - this.startedAt) : 0,
      cpuUserMs: round(cpu.userMs),
      cpuSystemMs: round(cpu.systemMs),
      cpuSource: cpu.source,
      memoryPeakBytes: stats.memoryPeakBytes,
      memoryPeakNote: stats.memoryPeakNote,
      pidsPeak: stats.pidsPeak === null ? null : Math.max(0, stats.pidsPeak - 1), // init not counted

      pidsPeakSource: stats.pidsPeakSource,
      oomKills: stats.oomKills,
      cgroup: cg.kind,
      notEnforced: [
        ...cg.notEnforced,
        // A limit above what the cgroups holding the engine allow: it ran, capped by theirs.
        ...enclosingNotes(this.limits, ctx.cgroups.enclosing),
        ...this.layerNotEnforced,
        ...(net ? (ctx.net?.notEnforced ?? []) : []),
      ],
      limits: this.applied,
      network: net ? "nat" : "none",
      address: net?.address ?? null,
      alpine: ctx.alpine,
      ...(ctx.packages ? { packages: ctx.packages } : {}),
      ...(outputs ? { outputs } : {}),
    };
  }
}

/** What tmpfs-size cannot cap here (a rootless kept layer): an error when asked for, unless best effort; a
 *  note for the default. */
export function uncappedLayerNotes(asked: Limits | undefined, bestEffort: boolean): string[] {
  const guard = new LimitGuard(bestEffort, asked?.tmpfsBytes === undefined ? ["tmpfs-size"] : []);
  guard.cannot(
    "tmpfs-size",
    "rootless, the writable layer kept for outputs, a setup or a disk scratch is a plain directory on the cache's disk, capped by nothing",
  );
  return guard.notEnforced;
}
