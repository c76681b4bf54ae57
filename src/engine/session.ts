// A run: the rootfs, the cgroup parent and the NAT set-up are prepared once and shared by every sandbox
// started through the session; close() removes them. Leftovers of crashed runs are removed on open.
import { chmodSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import {
  checkPackageRequest,
  defaultRepositories,
  type PackageLayer,
  type PackageRequest,
  preparePackageLayer,
} from "./apk/layer";
import { normalizeRepositories } from "./apk/repos";
import { type CgroupLimit, requested } from "./cgroup/enforce";
import {
  type CgroupLayout,
  type CgroupRun,
  cleanupStaleCgroups,
  detectCgroups,
  openCgroupRun,
} from "./cgroup/index";
import { resolveLimits, sessionDefaults } from "./defaults";
import { makeDirs, removeHostTreeLater } from "./fs";
import { HelperServer, type TreeAnswer } from "./helper";
import { cleanupStaleScratch, type KeptScratch } from "./layers/scratch";
import { loadLibc } from "./libc";
import { checkRootlessNet, cleanupStaleNetwork, type NetRun, openNetRun } from "./net/index";
import { checkMaxConnections, parseNetworkMode, parseScratchKind } from "./options";
import { isRoot } from "./proc";
import { DeferredRemovals } from "./removals";
import { SANDBOX_ID_COUNT } from "./rootfs/extract";
import { holdInUse } from "./rootfs/in-use";
import {
  checkRootfsRequest,
  cleanupStaleRootfsTemps,
  DEFAULT_MIRROR,
  defaultCacheDir,
  prepareRootfs,
  type Rootfs,
  type RootfsRequest,
} from "./rootfs/index";
import { removeIdleLocks } from "./rootfs/prepare-lock";
import { normalizeMirror } from "./rootfs/resolve";
import { alpineArch } from "./rootfs/version";
import {
  type PreparedSandbox,
  prepareSandbox,
  prepareSpare,
  runInSandbox,
  type SandboxContext,
  type SpareSandbox,
  uncappedLayerNotes,
} from "./sandbox";
import { stdioFor } from "./sandbox-spec";
import type {
  MountSpec,
  NetworkMode,
  ResolvedLimits,
  RunOptions,
  RunResult,
  SandboxOptions,
  SessionOptions,
} from "./types";
import { throwIfCancelled, withoutCredentials } from "./types";
import { checkCacheDir } from "./validate";

/** As root, inside-root maps to this dedicated unprivileged range (never to host root). */
export const ROOT_ID_BASE = 2_000_000_000;

const openSessions = new Set<Session>();
let staleCleanupDone = false;

/**
 * Removes what crashed runs left behind (cgroups, links, rules, temp dirs, preparation locks). Returns how
 * many. `deep` (the default: `nsbox cleanup`, the Action's post step) also sweeps firewall objects by name
 * and searches the whole of every cgroup hierarchy; a session does the cheap pass (the places its own
 * engine would use, and no network: a nat run cleans the network state under its lock, a run without nat
 * never touches it).
 */
export async function cleanupStale(
  cacheDir = defaultCacheDir(),
  opts: { deep?: boolean; layout?: CgroupLayout } = {},
): Promise<number> {
  const deep = opts.deep ?? true;
  await loadLibc();
  let removed = cleanupStaleRootfsTemps(cacheDir);
  // A run killed while it prepared a tree or a layer left its lock file (the kernel dropped the lock).
  removed += await removeIdleLocks(cacheDir);
  removed += cleanupStaleScratch(cacheDir);
  removed += cleanupStaleCgroups(opts.layout, { deep }); // no layout given: it detects one itself
  if (isRoot() && deep) removed += cleanupStaleNetwork({ deep });
  return removed;
}

/**
 * A session's cheap stale sweep (the first session of a process), started once the session's first
 * sandbox is handed to the helper: the helper then builds it on another CPU while this thread, which would
 * only wait for it, sweeps (~0.6 ms off a one-command step). The sweep judges by owner pid, so this run's
 * own cgroups, scratch dirs and rootfs temps are never taken; close() starts it if no sandbox did and
 * waits for it. What it cannot remove it leaves (its steps say nothing), so it never fails a run.
 */
class StaleSweep {
  private done: Promise<void> | null = null;

  constructor(
    private readonly cacheDir: string,
    private readonly layout: CgroupLayout,
  ) {}

  start(): Promise<void> {
    this.done ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => cleanupStale(this.cacheDir, { deep: false, layout: this.layout }))
      .then(
        () => {},
        () => {},
      );
    return this.done;
  }
}

/**
 * The tree as the helper found it. Anything but "whole" (a damage, no answer) goes to the engine's own
 * check, whose words and repair are the reference: the list is removed first, so that check runs, and a
 * whole tree gets its list written anew (a wrong list heals), a damaged one is removed and extracted again.
 */
async function checkedRootfs(rootfs: Rootfs, answer: TreeAnswer, req: RootfsRequest): Promise<Rootfs> {
  if ("damage" in answer && answer.damage === null) return rootfs;
  if (rootfs.checkList) rmSync(rootfs.checkList, { force: true });
  return prepareRootfs(req);
}

/** Whether a cgroup limit is asked for (not a default) without best effort: a refusal of it is an error. */
function mayBeRefused(limits: ResolvedLimits, bestEffort = false): boolean {
  const defaulted: readonly CgroupLimit[] = limits.defaulted ?? [];
  return !bestEffort && requested(limits).some((l) => !defaulted.includes(l));
}

const mountKey = (m: MountSpec) => `${m.source}\0${m.target}`;

// Spares kept at most (one per worker of the bench's and a judge's usual two).
const MAX_SPARES = 2;

export class Session {
  private closed = false;
  private counter = 0;
  private readonly running = new Map<AbortController, Promise<unknown>>();
  private setupLayer: KeptScratch | null = null;
  private setupDone = false;
  private readonly setupMountLayers = new Map<string, string>();
  /** Sandboxes set up ahead for the options of recent runs, without their command (spareKey). */
  private readonly spares: Array<{ key: string; sandbox: SpareSandbox }> = [];
  private lastKey: string | null = null;
  /** Each drops the session's hold on a cache entry it stands on (rootfs tree, package layer). */
  private readonly inUse: Array<() => void> = [];

  private constructor(
    private readonly ctx: SandboxContext,
    readonly alpine: string,
    readonly setupNetwork: NetworkMode,
    private readonly helper: HelperServer,
    private readonly sparesWanted: boolean,
    private readonly sweep: StaleSweep | null,
  ) {}

  /** Packages installed in the session's package layer (null without --packages). */
  get packages() {
    return this.ctx.packages;
  }

  static async open(opts: SessionOptions = {}): Promise<Session> {
    const network = parseNetworkMode("network", opts.network ?? "none");
    const setupNetwork = parseNetworkMode("setup-network", opts.setupNetwork ?? network);
    const scratch = parseScratchKind(opts.scratch ?? "memory");
    if (opts.maxConnections !== undefined) checkMaxConnections(opts.maxConnections);
    const packages = opts.packages ?? [];
    if (packages.length > 0)
      checkPackageRequest({
        packages,
        repositories: opts.repositories ?? [],
        keys: opts.repositoryKeys ?? [],
      });
    const cacheDir = opts.cacheDir ?? defaultCacheDir();
    const signal = opts.signal;
    throwIfCancelled(signal);
    // koffi (~5 ms) loads while the rootfs is found; the helper needs it.
    const libc = loadLibc();
    checkCacheDir(resolve(cacheDir));
    // The rootfs request is judged before the cache dir is made: a refused run leaves nothing.
    checkRootfsRequest({ tarball: opts.rootfsTarball, alpine: opts.alpine, mirror: opts.mirror });
    const root = isRoot();
    const uid = process.getuid?.() ?? 0;
    const gid = process.getgid?.() ?? 0;
    const idMap = root
      ? { uidBase: ROOT_ID_BASE, gidBase: ROOT_ID_BASE, count: SANDBOX_ID_COUNT }
      : { uidBase: uid, gidBase: gid, count: 1 };
    const cgroupLayout = detectCgroups();
    const defaults = sessionDefaults(opts.parallel, cgroupLayout);
    // What this host cannot do for the sandboxes planned is refused before the rootfs is downloaded and
    // extracted (and before the cache dir is made): a run that will be refused waits for nothing and leaves
    // nothing. In the order they came: the network's (open's own), then each sandbox's layer and cgroup.
    if (!root && (network === "nat" || setupNetwork === "nat")) checkRootlessNet();
    const planned = (opts.planned ?? []).map((p) => ({
      ...p,
      resolved: resolveLimits(p.limits ?? {}, defaults),
    }));
    // The run's cgroup is made first only when a limit asked for may be refused by it; else below, in the
    // shadow of the helper's tree check.
    let cgroups: CgroupRun | null = planned.some((p) => mayBeRefused(p.resolved, p.bestEffort))
      ? openCgroupRun({ layout: cgroupLayout })
      : null;
    const caller = opts.onProgress;
    const onProgress = caller && ((m: string) => caller(withoutCredentials(m)));
    const rootfsRequest: RootfsRequest = {
      alpine: opts.alpine,
      mirror: opts.mirror,
      tarball: opts.rootfsTarball,
      cacheDir,
      idShift: root ? ROOT_ID_BASE : null,
      onProgress,
      signal,
      deferCheck: true,
    };
    let rootfs: Rootfs;
    try {
      for (const p of planned) {
        if (!root && (p.keepsLayer || scratch === "disk"))
          uncappedLayerNotes(p.limits, p.bestEffort ?? false);
        cgroups?.checkEnforceable(p.resolved, p.bestEffort ?? false);
      }
      // Inside-root (an unprivileged host id) must be able to traverse to the rootfs and scratch dirs.
      makeDirs(cacheDir);
      rootfs = await prepareRootfs(rootfsRequest);
      await libc;
    } catch (err) {
      cgroups?.dispose();
      throw err;
    }
    // A cached tree is checked by the session's helper, started now: in C, on another CPU, while the
    // session's cgroups are made here, unless made above (the check was most of a warm open's time).
    const helper = new HelperServer();
    const treeAnswer = rootfs.checkList ? helper.checkTree(rootfs.dir, rootfs.checkList) : null;
    const sweep =
      staleCleanupDone || opts.sweepStale === false ? null : new StaleSweep(cacheDir, cgroupLayout);
    if (sweep) staleCleanupDone = true;
    const scratchDir = join(cacheDir, "scratch");
    let net: NetRun | null = null;
    try {
      throwIfCancelled(signal);
      mkdirSync(scratchDir, { recursive: true, mode: 0o755 });
      chmodSync(cacheDir, 0o755);
      cgroups ??= openCgroupRun({ layout: cgroupLayout });
      if (network === "nat" || setupNetwork === "nat")
        net = openNetRun({
          pool: opts.pool,
          allow: opts.allow,
          dns: opts.dns,
          maxConnections: opts.maxConnections,
        });
      if (treeAnswer) rootfs = await checkedRootfs(rootfs, await treeAnswer, rootfsRequest);
      // A signal's handler runs in the event loop's poll phase, which the immediate lets pass: a fresh tree's
      // last steps (its check, rename and manifest) hold the loop, and a signal meanwhile would be seen only
      // after the command had started. (A checked tree waited for its helper's answer: the loop turned.)
      else await new Promise((resolve) => setImmediate(resolve));
      // A signal that came during the set-up is seen now, before any command.
      throwIfCancelled(signal);
    } catch (err) {
      try {
        net?.dispose();
      } finally {
        try {
          cgroups?.dispose();
        } finally {
          await helper.close();
        }
      }
      throw err;
    }
    let session: Session;
    const ctx: SandboxContext = {
      rootfsDir: rootfs.dir,
      alpine: rootfs.version,
      scratchDir,
      idMap,
      cgroups,
      net,
      defaults,
      commandNet: network === "nat",
      nextName: () => `sb-${++session.counter}`,
      cacheDir,
      root,
      scratch,
      layers: [],
      mountLayers: (m) => {
        const l = session.setupMountLayers.get(mountKey(m));
        return l ? [l] : [];
      },
      packages: null,
      launch: (records, stdio) => {
        const launched = helper.launch(records, stdio);
        sweep?.start();
        return launched;
      },
      removals: new DeferredRemovals(),
    };
    session = new Session(ctx, rootfs.version, setupNetwork, helper, opts.spares ?? true, sweep);
    openSessions.add(session);
    // Held for the session's life: `cache prune` keeps them, however long ago the session opened.
    session.inUse.push(holdInUse(rootfs.dir));
    if (packages.length > 0) {
      try {
        const arch = alpineArch(process.arch);
        const mirror = normalizeMirror(opts.mirror ?? DEFAULT_MIRROR);
        const layer = await session.packageLayer({
          packages: [...packages].sort(),
          repositories: opts.repositories?.length
            ? normalizeRepositories(opts.repositories)
            : defaultRepositories(mirror, rootfs.version),
          keys: opts.repositoryKeys ?? [],
          allowUntrusted: opts.allowUntrusted ?? false,
          alpine: rootfs.version,
          arch,
          cacheDir,
          rootfsDir: rootfs.dir,
          onProgress,
          signal,
        });
        throwIfCancelled(signal); // a layer from the cache was quick, but the signal came first
        ctx.layers.push(layer.dir);
        ctx.packages = layer.installed;
        session.inUse.push(holdInUse(dirname(layer.dir))); // the cache entry: <key>/{layer, meta…}
      } catch (e) {
        await session.close().catch(() => {}); // the package layer's error is the one to report
        throw e;
      }
    }
    return session;
  }

  /**
   * Builds (or finds in the cache) a package layer, installing in this session's own sandboxes: what
   * open() does for `packages`; public for the bench's cold and warm rows.
   */
  packageLayer(req: PackageRequest): Promise<PackageLayer> {
    return preparePackageLayer(req, {
      run: (o, internal) => runInSandbox(this.ctx, o, internal),
      prepare: (o, internal) => prepareSandbox(this.ctx, o, internal),
      removeLater: (dir) => void this.ctx.removals.defer(() => removeHostTreeLater(dir)),
    });
  }

  /**
   * Runs the setup once with the given sandbox options (network: the session's setup network): a script,
   * by `/bin/sh -ec`, or an argv (the Action's runs a script file, which keeps the script out of every
   * process's command line). On success its changes to / and to each `overlay` mount become read-only
   * layers under every later sandbox of the session. The result has phase "setup".
   */
  async setup(
    command: string | string[],
    opts: Omit<SandboxOptions, "argv" | "outputs">,
  ): Promise<RunResult> {
    if (this.closed) throw new Error("session is closed");
    if (this.setupDone) throw new Error("setup already ran in this session");
    this.setupDone = true;
    this.discardSpares(); // they stand on the layers without the setup's
    let kept: KeptScratch | null = null;
    const result = await this.track(opts.signal, (signal) =>
      runInSandbox(
        this.ctx,
        { ...opts, argv: typeof command === "string" ? ["/bin/sh", "-ec", command] : command, signal },
        { network: this.setupNetwork === "nat" ? "nat" : "none", keepLayer: (k) => (kept = k) },
      ),
    );
    const layer = kept as KeptScratch | null;
    if (layer && result.status === "ok") {
      this.setupLayer = layer;
      this.ctx.layers.push(layer.upper);
      (opts.mounts ?? []).forEach((m, i) => {
        if (m.mode === "overlay") this.setupMountLayers.set(mountKey(m), layer.mountUpper(i));
      });
    } else {
      layer?.dispose();
    }
    return { ...result, phase: "setup" };
  }

  /**
   * Runs one sandbox. From the second run in a row with the same options but the command (argv, env,
   * working directory, outputs' names), the next one is set up while this one runs (a spare), so that a
   * series of runs, a judge's or a test suite's, pays for each set-up in the shadow of the previous run.
   * The sandbox's cgroup and writable layer are removed one event-loop turn after the result (close()
   * waits for that), so a next run started on the result goes first.
   */
  async run(opts: SandboxOptions): Promise<RunResult> {
    if (this.closed) throw new Error("session is closed");
    const key = this.spareKey(opts);
    const { spare, failed } = key === null ? { spare: null, failed: false } : this.takeSpare(key);
    const { argv, env, workdir, onOutput, outputs } = opts;
    // This run goes first (track starts it at once); the next ones are set up behind it.
    const result = spare
      ? this.track(opts.signal, (signal) => spare.start({ argv, env, workdir, onOutput, outputs, signal }))
      : this.track(opts.signal, (signal) => runInSandbox(this.ctx, { ...opts, signal }));
    // Spares of these options that failed to set up: no more of them until two runs in a row again.
    if (key !== null && !failed && (spare || key === this.lastKey)) this.topUpSpares(key, opts);
    this.lastKey = failed ? null : key;
    return result;
  }

  /** What a spare must share with a run to serve it; null when runs like this one get no spare. */
  private spareKey(opts: SandboxOptions): string | null {
    const stdio = stdioFor(opts);
    if (
      !this.sparesWanted ||
      opts.tty ||
      opts.files?.length ||
      (this.ctx.net && this.ctx.commandNet) ||
      stdio.some((s) => typeof s !== "string")
    )
      return null;
    const { mounts, hostname, limits, bestEffort, outputs } = opts;
    const layers = (mounts ?? []).map((m) => this.ctx.mountLayers(m));
    return JSON.stringify([this.ctx.layers, mounts, layers, hostname, limits, bestEffort, stdio, !!outputs]);
  }

  /**
   * A spare for these options that is set up and alive; ended ones leave the list (nothing of theirs is
   * left to remove), unready ones stay. `failed`: a spare of these options ended without being taken.
   */
  private takeSpare(key: string): { spare: SpareSandbox | null; failed: boolean } {
    const failed = this.spares.some((s) => s.key === key && s.sandbox.ended);
    this.spares.splice(0, this.spares.length, ...this.spares.filter((s) => !s.sandbox.ended));
    const i = this.spares.findIndex((s) => s.key === key && s.sandbox.ready());
    return { spare: i < 0 ? null : (this.spares.splice(i, 1)[0]?.sandbox ?? null), failed };
  }

  /** Spares for these options up to MAX_SPARES (older ones for other options make room). */
  private topUpSpares(key: string, opts: SandboxOptions): void {
    while (this.spares.filter((s) => s.key === key).length < MAX_SPARES) {
      if (this.spares.length >= MAX_SPARES) {
        const i = this.spares.findIndex((s) => s.key !== key);
        void this.spares.splice(i, 1)[0]?.sandbox.discard();
      }
      if (!this.addSpare(key, opts)) return;
    }
  }

  private addSpare(key: string, opts: SandboxOptions): boolean {
    try {
      const sandbox = this.hold(undefined, (signal) => prepareSpare(this.ctx, { ...opts, signal }));
      this.spares.push({ key, sandbox });
      return true;
    } catch {
      return false; // the run itself reports what is wrong with its options
    }
  }

  private discardSpares(): void {
    for (const { sandbox } of this.spares.splice(0)) void sandbox.discard();
  }

  /**
   * Sets the sandbox up now (namespaces, cgroup, mounts, the command's process) and runs its command on
   * start(): ready before asked, for a caller that knows the next command while the current one runs.
   * Each one is started or discarded; close() discards what was never started.
   */
  prepare(opts: SandboxOptions): PreparedSandbox {
    if (this.closed) throw new Error("session is closed");
    const prepared = this.hold(opts.signal, (signal) => prepareSandbox(this.ctx, { ...opts, signal }));
    return { start: () => prepared.start(), discard: () => prepared.discard() };
  }

  /**
   * A sandbox made now and started later (prepared or spare): its own abort (abortAll reaches it, as does
   * the caller's signal) and its place among what close() waits for, until everything made for it is gone.
   */
  private hold<T extends { settled: Promise<void> }>(
    callerSignal: AbortSignal | undefined,
    make: (signal: AbortSignal) => T,
  ): T {
    const { abort, unlink } = this.linkAbort(callerSignal);
    let made: T;
    try {
      made = make(abort.signal);
    } catch (err) {
      unlink();
      throw err;
    }
    this.running.set(
      abort,
      made.settled.finally(() => {
        this.running.delete(abort);
        unlink();
      }),
    );
    return made;
  }

  private async track(callerSignal: AbortSignal | undefined, start: (s: AbortSignal) => Promise<RunResult>) {
    const { abort, unlink } = this.linkAbort(callerSignal);
    const run = start(abort.signal);
    this.running.set(
      abort,
      run.catch(() => {}),
    );
    try {
      return await run;
    } finally {
      this.running.delete(abort);
      unlink();
    }
  }

  /** A sandbox's own abort (abortAll reaches it) that also follows the caller's signal until unlink(). */
  private linkAbort(callerSignal: AbortSignal | undefined): { abort: AbortController; unlink: () => void } {
    const abort = new AbortController();
    // The caller's reason (the CLI's "SIGTERM") travels on: what stops late (an output copy) names it.
    const onCallerAbort = () => abort.abort(callerSignal?.reason);
    callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
    if (callerSignal?.aborted) abort.abort(callerSignal.reason);
    return { abort, unlink: () => callerSignal?.removeEventListener("abort", onCallerAbort) };
  }

  /** Stops every running sandbox (SIGKILL to the whole tree); their run() calls then resolve. */
  abortAll(): void {
    for (const a of this.running.keys()) a.abort();
  }

  /**
   * Stops what still runs, waits for it to be cleaned up (the removals that follow results included),
   * then removes the run's cgroup and NAT. A finished sandbox's removal that failed is thrown here, after
   * everything else was removed: its run() had already returned its result.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.discardSpares();
    this.abortAll();
    await Promise.all(this.running.values());
    openSessions.delete(this);
    await this.sweep?.start();
    const removed = this.ctx.removals.drain(); // a sandbox's removal that failed is this close's error
    await removed.catch(() => {});
    try {
      this.ctx.net?.dispose();
    } finally {
      this.ctx.cgroups.dispose();
      this.setupLayer?.dispose();
      for (const release of this.inUse.splice(0)) release(); // no sandbox stands on them any more
      await this.helper.close();
    }
    await removed;
  }
}

export async function closeAllSessions(): Promise<void> {
  await Promise.all([...openSessions].map((s) => s.close()));
}

/** Open a session, run one sandbox, close it. */
export async function runSandbox(opts: RunOptions): Promise<RunResult> {
  const { limits, bestEffort } = opts;
  // The setup's layer is kept (it becomes the command's), the command's when outputs are copied out of it.
  const command = { limits, bestEffort, keepsLayer: opts.outputs !== undefined };
  const planned = opts.setup === undefined ? [command] : [{ limits, bestEffort, keepsLayer: true }, command];
  const session = await Session.open({ ...opts, planned });
  try {
    if (opts.setup !== undefined) {
      const { outputs: _outputs, ...sandbox } = opts;
      // The caller's input is the command's: the setup reads none of it (a pumped socket's bytes, a line
      // typed ahead into its pty, would be gone) and gets no pty. Its output reaches the caller as the
      // command's does.
      const stdio = { ...opts.stdio, stdin: "ignore" as const };
      // A line before and after: the setup's output, then the command's, must not read as one.
      opts.onProgress?.(`setup: running (network ${session.setupNetwork})`);
      const setup = await session.setup(opts.setup, { ...sandbox, stdio, tty: false });
      const took = `${(setup.wallMs / 1000).toFixed(1)}s`;
      if (setup.status !== "ok") {
        const why = setup.reason ?? setup.error?.message ?? `exit ${setup.exitCode}`;
        opts.onProgress?.(`setup: ${setup.status} (${why}) after ${took}; the command was not run`);
        return setup;
      }
      opts.onProgress?.(`setup: ok after ${took}; running the command on its layers`);
    }
    return await session.run(opts);
  } finally {
    await session.close();
  }
}
