// One sandbox: cgroup + network + helper, from options to a RunResult. Everything it creates is
// removed in the finally block, whatever happened.
import { statSync } from "node:fs";
import type { Readable } from "node:stream";
import type { CgroupRun, CgroupStats, SandboxCgroup } from "./cgroup/index";
import { appliedLimits, type LimitDefaults, resolveLimits } from "./defaults";
import type { HelperEvent, Rusage, SpecRecord } from "./helper";
import { startHelper } from "./helper";
import { createKeptScratch, createPlainScratch, type KeptScratch } from "./layers/scratch";
import { hostsText } from "./net/dns";
import type { NetRun, SandboxNet } from "./net/index";
import { applyEvent, decideOutcome, emptyObservation } from "./outcome";
import {
  copyOutputs,
  DEFAULT_OUTPUT_LIMIT_BYTES,
  DEFAULT_OUTPUT_LIMIT_FILES,
  mountsView,
} from "./outputs/copy";
import type { StdioSpec } from "./spawn";
import { rawTerminal } from "./terminal";
import type {
  AppliedLimits,
  InstalledPackage,
  MountSpec,
  OutputsResult,
  RunResult,
  SandboxOptions,
  ScratchKind,
} from "./types";
import { CancelledError, SetupError, throwIfCancelled } from "./types";
import { formatBytes } from "./units";
import { checkLimits, checkMounts } from "./validate";

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
}

/** Engine-internal choices for one sandbox (the package install and the setup script). */
export interface SandboxInternal {
  network?: "none" | "session" | "nat"; // default: "session" (the session's network for commands)
  /** Receives the kept writable layer instead of its removal: the caller disposes of it. */
  keepLayer?: (layer: KeptScratch) => void;
  files?: [path: string, data: string][];
  /** Keep the writable layer in this new plain directory (on the cache's file system). */
  layerDir?: string;
}

const BASE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const CPU_POLL_MS = 25;

/** The environment is built from scratch: a minimal base plus exactly what the caller passes. */
function sandboxEnv(
  hostname: string,
  extra: Record<string, string> = {},
  terminal = process.stdout.isTTY,
): Record<string, string> {
  const term = terminal ? "xterm-256color" : "dumb";
  return { PATH: BASE_PATH, HOME: "/root", TERM: term, HOSTNAME: hostname, ...extra };
}

function specRecords(
  ctx: SandboxContext,
  opts: SandboxOptions,
  applied: AppliedLimits,
  hostname: string,
  cg: SandboxCgroup,
  net: SandboxNet | null,
  kept: KeptScratch | null,
  internal: SandboxInternal,
): SpecRecord[] {
  const records: SpecRecord[] = [
    ["rootfs", ctx.rootfsDir],
    ...ctx.layers.map((l): SpecRecord => ["layer", l]),
    ["scratch", kept ? kept.dir : ctx.scratchDir],
    ...(kept ? [["scratch_keep", "1"] as SpecRecord] : []),
    ["tmpfs_size", String(applied.tmpfsBytes)],
    ["tmpfs_inodes", String(applied.tmpfsInodes)],
    ["hostname", hostname],
    ["workdir", opts.workdir ?? "/"],
    ["uid_base", String(ctx.idMap.uidBase)],
    ["gid_base", String(ctx.idMap.gidBase)],
    ["id_count", String(ctx.idMap.count)],
  ];
  const env = sandboxEnv(hostname, opts.env, opts.tty || process.stdout.isTTY);
  for (const [k, v] of Object.entries(env)) records.push(["env", `${k}=${v}`]);
  if (opts.tty) records.push(["tty", "1"]);
  for (const a of opts.argv) records.push(["arg", a]);
  for (const m of opts.mounts ?? []) {
    records.push(["mount_src", m.source], ["mount_dst", m.target]);
    if (ctx.idMap.count > 1 && wantsIdmap(m)) records.push(["mount_idmap", "1"]);
    if (m.mode === "overlay") for (const l of ctx.mountLayers(m)) records.push(["mount_layer", l]);
    records.push(["mount_mode", m.mode]);
  }
  for (const [path, data] of internal.files ?? []) records.push(["file_path", path], ["file_data", data]);
  records.push(...cg.helperSpec());
  if (net) {
    records.push(...net.helperSpec());
    for (const [path, data] of ctx.net?.files(hostname) ?? [])
      records.push(["file_path", path], ["file_data", data]);
  } else {
    records.push(["net", "none"]);
    records.push(["file_path", "/etc/hosts"], ["file_data", hostsText(hostname, { ipv6: true })]);
  }
  return records;
}

/**
 * Writable host dirs get an idmapped mount that makes their owner root inside (root mode only). Never for
 * a host-root-owned dir in rw mode: root inside would be host root there and could leave setuid-root files
 * on the host. Overlay writes stay in the sandbox's tmpfs, so mapping its lower layer is always safe.
 * Read-only dirs get one on the same terms, so that their owner is root inside as in the other modes (git
 * refuses a repository owned by someone else: the read-only .git of a rw workspace must stay readable).
 */
function wantsIdmap(m: MountSpec): boolean {
  if (m.mode === "overlay") return true;
  try {
    const st = statSync(m.source);
    return (m.mode === "rw" || st.isDirectory()) && st.uid !== 0;
  } catch {
    return false; // the helper reports the missing source
  }
}

function stdioFor(opts: SandboxOptions): [StdioSpec, StdioSpec, StdioSpec] {
  const s = opts.stdio ?? {};
  return [s.stdin ?? "ignore", s.stdout ?? "inherit", s.stderr ?? "inherit"];
}

/** The fd the sandbox's stdin comes from, when it is one of ours (raw mode applies to it). */
function stdinFd(opts: SandboxOptions): number | null {
  const stdin = opts.stdio?.stdin ?? "ignore";
  return stdin === "inherit" ? 0 : typeof stdin === "number" ? stdin : null;
}

// setTimeout fires at once beyond 2^31-1 ms (24.8 days): longer limits are waited for in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

function longTimeout(ms: number, fn: () => void): { cancel(): void } {
  let timer: NodeJS.Timeout;
  const arm = (left: number) => {
    timer = setTimeout(
      () => (left > MAX_TIMER_MS ? arm(left - MAX_TIMER_MS) : fn()),
      Math.min(left, MAX_TIMER_MS),
    );
  };
  arm(ms);
  return { cancel: () => clearTimeout(timer) };
}

function describeLimit(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

export async function runInSandbox(
  ctx: SandboxContext,
  opts: SandboxOptions,
  internal: SandboxInternal = {},
): Promise<RunResult> {
  if (opts.argv.length === 0) throw new SetupError("spec", "no command given");
  checkLimits(opts.limits ?? {});
  checkMounts(opts.mounts ?? []);
  throwIfCancelled(opts.signal);
  const hostname = opts.hostname ?? "nsbox";
  const limits = resolveLimits(opts.limits ?? {}, ctx.defaults);
  const applied = appliedLimits(limits);
  const name = ctx.nextName();
  // --pids N counts the command's processes: the sandbox's own init (always there) is one more.
  const cgLimits = limits.pids !== undefined ? { ...limits, pids: limits.pids + 1 } : limits;
  // The writable layer outlives the helper when files are to be copied out of it, when it becomes a
  // layer (setup, packages) or when it lives on disk; otherwise the helper's private tmpfs is faster.
  const keep = opts.outputs !== undefined || internal.keepLayer !== undefined || ctx.scratch === "disk";
  const kept = internal.layerDir
    ? createPlainScratch(internal.layerDir)
    : keep
      ? createKeptScratch(ctx.cacheDir, ctx.scratch, applied.tmpfsBytes, applied.tmpfsInodes, ctx.root)
      : null;
  let handedOver = false;
  let outputs: OutputsResult | undefined;
  const netMode = internal.network ?? "session";
  const useNet = netMode === "nat" || (netMode === "session" && ctx.commandNet);
  let cg: SandboxCgroup;
  try {
    cg = ctx.cgroups.createSandbox(name, cgLimits, opts.bestEffort ?? false);
  } catch (e) {
    kept?.dispose();
    throw e;
  }
  let net: SandboxNet | null = null;
  const timers: Array<{ cancel(): void }> = [];
  const observed = emptyObservation();
  observed.memoryLimit = limits.memoryBytes !== undefined ? formatBytes(limits.memoryBytes) : null;
  observed.pidsLimit = limits.pids ?? null;
  let stats: CgroupStats | null = null;
  let cgroupCpu = false; // the cgroup accounts CPU (v1 without cpuacct does not)
  let rusage: Rusage | null = null;
  let startedAt = 0;
  let endedAt = 0;
  let released = false; // the go byte was sent: the command may have started
  try {
    net = ctx.net && useNet ? ctx.net.allocate(hostname) : null;
    const tty = opts.tty ? stdinFd(opts) : null;
    const restoreTerminal = tty !== null ? rawTerminal(tty) : () => {};
    let helper: ReturnType<typeof startHelper>;
    try {
      helper = startHelper(
        specRecords(ctx, opts, applied, hostname, cg, net, kept, internal),
        stdioFor(opts),
      );
    } catch (err) {
      restoreTerminal();
      throw err;
    }
    pipeOutput(helper.stdout, "stdout", opts);
    pipeOutput(helper.stderr, "stderr", opts);
    let initPid = 0;
    let initGone = false;
    const stop = (why: string | null) => {
      if (why && !observed.timedOut) observed.timedOut = why;
      cg.kill();
      // SIGKILL to the namespace's init ends every process in it, even without a cgroup.
      if (initPid && !initGone) {
        try {
          process.kill(initPid, "SIGKILL");
        } catch {}
      }
    };
    const onAbort = () => {
      observed.cancelled = true;
      stop(null);
    };
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      for await (const ev of helper.events as AsyncIterable<HelperEvent>) {
        applyEvent(observed, ev);
        if (ev.event === "pid") {
          initPid = ev.pid;
          startedAt = performance.now();
          if (!net) {
            released = true; // without a network to wire, init does not wait for the go byte
            helper.control.end();
          } else if (opts.signal?.aborted) {
            helper.control.end(); // EOF instead of the go byte: init gives up, the command never starts
            stop(null);
          } else {
            try {
              await net.attach(ev.pid);
              released = !opts.signal?.aborted; // the abort may have come while attaching
              helper.control.end(released ? "g" : undefined);
              if (!released) stop(null);
            } catch (err) {
              // The sandbox could not be wired: a setup error of this sandbox, not of the whole run.
              observed.setupError = { step: "network", message: (err as Error).message };
              helper.control.end(); // EOF instead of the go byte: init gives up
              stop(null);
            }
          }
          cg.started();
          if (opts.signal?.aborted) onAbort();
          if (limits.timeoutMs !== undefined) {
            const sentence = `wall-clock timeout ${describeLimit(limits.timeoutMs)} reached`;
            timers.push(longTimeout(limits.timeoutMs, () => stop(sentence)));
          }
          if (limits.cpuTimeMs !== undefined) {
            const timer = watchCpu(cg, limits.cpuTimeMs, stop);
            timers.push({ cancel: () => clearInterval(timer) });
          }
        } else if (ev.event === "exit") {
          endedAt = performance.now();
        } else if (ev.event === "init-exit") {
          initGone = true;
          endedAt ||= performance.now();
          rusage = ev.rusage;
        }
      }
    } finally {
      for (const t of timers) t.cancel();
      opts.signal?.removeEventListener("abort", onAbort);
      if (!initGone) stop(null);
      await helper.finished;
      restoreTerminal();
    }
    // No exit reported: was the helper itself killed? (It is reaped just after its pipes close.)
    if (!observed.commandExit && !observed.initExit) observed.helperSignal = (await helper.exit).signal;
    if (!endedAt) endedAt = performance.now();
    stats = cg.stats();
    cgroupCpu = cg.cpuUsageMs() !== null;
    // Every process of the sandbox is gone (init reaped): its layers can no longer change under us.
    if (kept && opts.outputs) {
      const o = opts.outputs;
      outputs = copyOutputs(
        o.name,
        {
          patterns: o.patterns,
          dir: o.dir,
          limitBytes: o.limitBytes ?? DEFAULT_OUTPUT_LIMIT_BYTES,
          limitFiles: o.limitFiles ?? DEFAULT_OUTPUT_LIMIT_FILES,
        },
        mountsView(kept.upper, opts.mounts ?? [], kept.mountUpper),
      );
    }
    if (kept && internal.keepLayer) {
      internal.keepLayer(kept);
      handedOver = true;
    }
  } finally {
    for (const t of timers) t.cancel();
    net?.release();
    cg.remove();
    if (!handedOver) kept?.dispose();
  }
  // Aborted before the command was let go: nothing ran, and everything made for it is gone.
  if (!released && opts.signal?.aborted) throw new CancelledError(opts.signal.reason);
  observed.oomKills = stats.oomKills;
  observed.pidsLimitHit = stats.pidsLimitHit;
  const outcome = decideOutcome(observed);
  const cpu = pickCpu(cgroupCpu ? stats : null, rusage);
  return {
    ...outcome,
    wallMs: startedAt ? round(endedAt - startedAt) : 0,
    cpuUserMs: round(cpu.userMs),
    cpuSystemMs: round(cpu.systemMs),
    cpuSource: cpu.source,
    memoryPeakBytes: stats.memoryPeakBytes,
    memoryPeakNote: stats.memoryPeakNote,
    pidsPeak: stats.pidsPeak === null ? null : Math.max(0, stats.pidsPeak - 1), // init not counted

    pidsPeakSource: stats.pidsPeakSource,
    oomKills: stats.oomKills,
    cgroup: cg.kind,
    notEnforced: [...cg.notEnforced],
    limits: applied,
    network: net ? "nat" : "none",
    address: net?.address ?? null,
    alpine: ctx.alpine,
    ...(ctx.packages ? { packages: ctx.packages } : {}),
    ...(outputs ? { outputs } : {}),
  };
}

/**
 * CPU time: the cgroup's (it counts every process, reaped or not), cross-checked with wait4's rusage of
 * the whole reaped tree. The cgroup can only see more; when it reports clearly less, its accounting is
 * not trustworthy here and rusage is used.
 */
export function pickCpu(
  cg: Pick<CgroupStats, "cpuUserMs" | "cpuSystemMs"> | null,
  rusage: Pick<Rusage, "utime_us" | "stime_us"> | null,
): { userMs: number; systemMs: number; source: "cgroup" | "rusage" } {
  const ru = { userMs: (rusage?.utime_us ?? 0) / 1000, systemMs: (rusage?.stime_us ?? 0) / 1000 };
  if (!cg) return { ...ru, source: "rusage" };
  const cgTotal = cg.cpuUserMs + cg.cpuSystemMs;
  const ruTotal = ru.userMs + ru.systemMs;
  if (rusage && ruTotal > 5 && cgTotal < ruTotal * 0.9) return { ...ru, source: "rusage" };
  return { userMs: cg.cpuUserMs, systemMs: cg.cpuSystemMs, source: "cgroup" };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** cpu-time is a cgroup-wide budget: poll the cgroup's usage and stop the tree when it is spent. */
function watchCpu(cg: SandboxCgroup, budgetMs: number, stop: (why: string) => void): NodeJS.Timeout {
  const timer = setInterval(() => {
    const used = cg.cpuUsageMs();
    if (used !== null && used >= budgetMs) {
      clearInterval(timer);
      stop(`cpu time limit ${describeLimit(budgetMs)} reached`);
    }
  }, CPU_POLL_MS);
  return timer;
}

function pipeOutput(stream: Readable | null, which: "stdout" | "stderr", opts: SandboxOptions): void {
  if (!stream) return;
  const sink = opts.onOutput;
  stream.on("data", (chunk: Buffer) => {
    const pending = sink?.(which, chunk);
    if (!pending) return;
    stream.pause();
    // A consumer that failed has said so through its own path; the sandbox must not stay paused.
    pending.catch(() => {}).finally(() => stream.resume());
  });
}
