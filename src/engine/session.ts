// A run: the rootfs, the cgroup parent and the NAT set-up are prepared once and shared by every sandbox
// started through the session; close() removes them. Leftovers of crashed runs are removed on open.
import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type CgroupRun, cleanupStaleCgroups, openCgroupRun } from "./cgroup/index";
import { sessionDefaults } from "./defaults";
import { loadLibc } from "./libc";
import { cleanupStaleNetwork, type NetRun, openNetRun } from "./net/index";
import { cleanupStaleRootfsTemps, defaultCacheDir, prepareRootfs } from "./rootfs/index";
import { runInSandbox, type SandboxContext } from "./sandbox";
import type { RunOptions, RunResult, SandboxOptions, SessionOptions } from "./types";
import { throwIfCancelled, UsageError } from "./types";

/** As root, inside-root maps to this dedicated unprivileged range (never to host root). */
export const ROOT_ID_BASE = 2_000_000_000;
export const ID_COUNT = 65536;

const openSessions = new Set<Session>();
let staleCleanupDone = false;

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * Removes what crashed runs left behind (cgroups, links, rules, temp dirs). Returns how many. `deep` (the
 * default: `nsbox cleanup`, the Action's post step) also sweeps firewall objects by name and searches the
 * whole of every cgroup hierarchy; a session does the cheap pass (the places its own engine would use, and
 * no network: a nat run cleans the network state under its lock, a run without nat never touches it).
 */
export async function cleanupStale(
  cacheDir = defaultCacheDir(),
  opts: { deep?: boolean } = {},
): Promise<number> {
  const deep = opts.deep ?? true;
  await loadLibc();
  let removed = cleanupStaleRootfsTemps(cacheDir);
  removed += cleanupStaleCgroups(undefined, { deep });
  if (isRoot() && deep) removed += cleanupStaleNetwork({ deep });
  return removed;
}

export class Session {
  private closed = false;
  private counter = 0;
  private readonly running = new Map<AbortController, Promise<unknown>>();

  private constructor(
    private readonly ctx: SandboxContext,
    readonly alpine: string,
  ) {}

  static async open(opts: SessionOptions = {}): Promise<Session> {
    const network = opts.network ?? "none";
    if (network !== "none" && network !== "nat") {
      throw new UsageError(`network: '${network}' is not a network mode; use none or nat`);
    }
    const cacheDir = opts.cacheDir ?? defaultCacheDir();
    const signal = opts.signal;
    throwIfCancelled(signal);
    const libc = loadLibc(); // in parallel with the rootfs: the helper is started through it
    // Inside-root (an unprivileged host id) must be able to traverse to the rootfs and scratch dirs.
    mkdirSync(cacheDir, { recursive: true, mode: 0o755 });
    if (!staleCleanupDone) {
      staleCleanupDone = true;
      await cleanupStale(cacheDir, { deep: false });
    }
    const root = isRoot();
    const uid = process.getuid?.() ?? 0;
    const gid = process.getgid?.() ?? 0;
    const idMap = root
      ? { uidBase: ROOT_ID_BASE, gidBase: ROOT_ID_BASE, count: ID_COUNT }
      : { uidBase: uid, gidBase: gid, count: 1 };
    const rootfs = await prepareRootfs({
      alpine: opts.alpine,
      mirror: opts.mirror,
      tarball: opts.rootfsTarball,
      cacheDir,
      idShift: root ? ROOT_ID_BASE : null,
      onProgress: opts.onProgress,
      signal,
    });
    await libc;
    throwIfCancelled(signal);
    const scratchDir = join(cacheDir, "scratch");
    mkdirSync(scratchDir, { recursive: true, mode: 0o755 });
    chmodSync(cacheDir, 0o755);
    let net: NetRun | null = null;
    const cgroups: CgroupRun = openCgroupRun();
    try {
      throwIfCancelled(signal);
      if (network === "nat")
        net = openNetRun({
          pool: opts.pool,
          allow: opts.allow,
          dns: opts.dns,
          maxConnections: opts.maxConnections,
        });
      // Set-up is synchronous from here: a signal that came during it is seen now, before any command.
      throwIfCancelled(signal);
    } catch (err) {
      try {
        net?.dispose();
      } finally {
        cgroups.dispose();
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
      defaults: sessionDefaults(opts.parallel),
      nextName: () => `sb-${++session.counter}`,
    };
    session = new Session(ctx, rootfs.version);
    openSessions.add(session);
    return session;
  }

  async run(opts: SandboxOptions): Promise<RunResult> {
    if (this.closed) throw new Error("session is closed");
    const abort = new AbortController();
    const onCallerAbort = () => abort.abort();
    opts.signal?.addEventListener("abort", onCallerAbort, { once: true });
    if (opts.signal?.aborted) abort.abort();
    const run = runInSandbox(this.ctx, { ...opts, signal: abort.signal });
    this.running.set(
      abort,
      run.catch(() => {}),
    );
    try {
      return await run;
    } finally {
      this.running.delete(abort);
      opts.signal?.removeEventListener("abort", onCallerAbort);
    }
  }

  /** Stops every running sandbox (SIGKILL to the whole tree); their run() calls then resolve. */
  abortAll(): void {
    for (const a of this.running.keys()) a.abort();
  }

  /** Stops what still runs, waits for it to be cleaned up, then removes the run's cgroup and NAT. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.abortAll();
    await Promise.all(this.running.values());
    openSessions.delete(this);
    try {
      this.ctx.net?.dispose();
    } finally {
      this.ctx.cgroups.dispose();
    }
  }
}

/** Abort and close every open session: used by signal handlers so nothing is left behind. */
export function abortAllSessions(): void {
  for (const s of openSessions) s.abortAll();
}

export async function closeAllSessions(): Promise<void> {
  await Promise.all([...openSessions].map((s) => s.close()));
}

/** Open a session, run one sandbox, close it. */
export async function runSandbox(opts: RunOptions): Promise<RunResult> {
  const session = await Session.open(opts);
  try {
    return await session.run(opts);
  } finally {
    await session.close();
  }
}
