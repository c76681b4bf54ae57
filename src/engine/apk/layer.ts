// The package layer: apk packages installed once by the sandbox's own apk (never on the host) into a
// writable layer that becomes a read-only lower layer of every sandbox of the session. Cached like the
// rootfs: a finished layer is committed by one rename, so concurrent runs never see half a layer.
//
// Cache layout: <cacheDir>/packages/<key>/{layer/, meta.json, manifest.json}, key = sha256 of the Alpine
// version, arch, the rootfs tree it was built on (its cache name, which holds the id shift), sorted
// package list, repositories with the sha256 of each one's APKINDEX.tar.gz, the extra keys and
// --allow-untrusted. When an index cannot be fetched (repository gone, offline) the newest cached layer
// for the same version, arch, rootfs tree, packages and repositories, verified at least as strictly
// (apk/cache.ts trustedEnough), is used: a layer once verified stays good. An http(s) index fetched in
// the last minutes is not fetched again (apk/cache.ts).
//
// Repositories: a local directory is bind-mounted read-only into the install sandbox; for an http(s)
// repository the engine fetches APKINDEX.tar.gz and then the .apk files apk will ask for into a local
// staging repository (plain files over HTTP; apk verifies and installs them inside), so the install
// sandbox needs no network and 127.0.0.1 repositories work. Which files: the index's dependency closure
// read on the host (apk/index.ts), which saves a sandbox; when that guess missed one, apk's own dry run
// names them and the install runs again. One process at a time installs a given key (rootfs/prepare-lock.ts).

import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { monotonicMs } from "../clock";
import {
  clearSetidBits,
  isDir,
  RefusedFileError,
  readRegularFileBelow,
  removeHostTree,
  sha256File,
  sha256Hex,
} from "../fs";
import type { KeptScratch } from "../layers/scratch";
import { recordTree, writeManifest } from "../manifest";
import { parsePackages } from "../options";
import { commitDir, makeTempDir } from "../rootfs/cache";
import { lockPreparation } from "../rootfs/prepare-lock";
import type { PreparedSandbox, SandboxInternal } from "../sandbox";
import type { InstalledPackage, MountSpec, RunResult, SandboxOptions } from "../types";
import { CancelledError, SetupError, throwIfCancelled, UsageError, withoutCredentials } from "../types";
import {
  checkedLayer,
  freshIndexShas,
  type Identity,
  LAYER_MANIFEST,
  type LayerMeta,
  layerDirs,
  packagesBase,
  readLayerMeta,
  recordIndexShas,
  type Trust,
  touchLayer,
  trustedEnough,
} from "./cache";
import { guessFetches, type IndexEntry, IndexTooLarge, parseIndexText, readIndexEntries } from "./index";
import { checkKeyFiles, checkKeysAgainstRootfs } from "./keys";
import { addedPackages, apkErrorSummary, explainApkFailure, parseInstallPlan } from "./parse";
import { IndexUnreadable, isUrl, MAX_STAGED_BYTES, readIndex, readLocalIndex, stagePackages } from "./repos";

export interface PackageRequest {
  packages: string[];
  repositories: string[]; // resolved (defaults applied)
  keys: string[]; // host paths
  allowUntrusted: boolean;
  alpine: string; // resolved version, e.g. 3.20.3
  arch: string; // apk arch, e.g. x86_64
  cacheDir: string;
  rootfsDir: string;
  onProgress?: (msg: string) => void;
  /** Abort = stop now (CancelledError): the index reads, the downloads and the install sandbox end, and
   *  nothing is committed or left behind. */
  signal?: AbortSignal;
}

export interface PackageLayer {
  dir: string;
  installed: InstalledPackage[];
  cached: boolean;
}

function identity(req: PackageRequest): Identity {
  return {
    alpine: req.alpine,
    arch: req.arch,
    rootfs: path.basename(req.rootfsDir),
    packages: req.packages,
    // Recorded in the layer's world-readable meta.json: a repository's user and password stay out of it.
    repositories: req.repositories.map(withoutCredentials),
  };
}

function trust(req: PackageRequest): Trust {
  return { keys: req.keys.map((k) => [path.basename(k), sha256File(k)]), allowUntrusted: req.allowUntrusted };
}

/** The cache key: the identity, the sha256 of each repository's index, the extra keys, --allow-untrusted. */
export function packageLayerKey(req: PackageRequest, indexShas: readonly string[]): string {
  const id = identity(req);
  return sha256Hex(
    JSON.stringify({
      ...id,
      repositories: id.repositories.map((r, i) => [r, indexShas[i] ?? ""]),
      ...trust(req),
    }),
  );
}

export type RunSandbox = (opts: SandboxOptions, internal: SandboxInternal) => Promise<RunResult>;

const REPO_MOUNT = "/tmp/nsbox-repo"; // under the sandbox's /tmp tmpfs: no trace in the layer
const MAX_APK_OUTPUT = 256 * 1024;

export function defaultRepositories(mirror: string, alpine: string): string[] {
  const xy = /^(\d+\.\d+)/.exec(alpine)?.[1] ?? "edge";
  const branch = xy === "edge" ? "edge" : `v${xy}`;
  return [`${mirror}/${branch}/main`, `${mirror}/${branch}/community`];
}

/** Checks what can be checked before any sandbox: names, local repositories, key files. */
export function checkPackageRequest(req: Pick<PackageRequest, "packages" | "repositories" | "keys">): void {
  parsePackages(req.packages);
  for (const r of req.repositories) {
    if (isUrl(r)) continue;
    // Another scheme (ftp://, file://) is a mistake; anything else is a directory path, a relative one the
    // cwd's (`repo` as well as `./repo`).
    if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(r)) {
      throw new UsageError(
        `repository: '${r}' is neither an http(s) URL nor a directory path; use https://… or ./repo`,
      );
    }
    if (!isDir(path.resolve(r)))
      throw new UsageError(
        `repository: '${r}' is not a directory on the host; give an existing apk repository`,
      );
  }
  checkKeyFiles(req.keys);
}

/** What the package layer needs of its session. */
export interface LayerSandboxes {
  /** Runs one sandbox now (apk's dry run, a second install). */
  run: RunSandbox;
  /** Sets one up now; its command goes on start() (sandbox.ts prepareSandbox). */
  prepare: (opts: SandboxOptions, internal: SandboxInternal) => PreparedSandbox;
  /** Removes a directory off the layer's path; the session's close() waits for it. */
  removeLater: (dir: string) => void;
}

/**
 * The layer for `req`: from the cache when its indexes are unchanged, else installed in a sandbox. That
 * sandbox is set up as soon as an install is likely, while the indexes are read and the files staged:
 * its namespaces, cgroup and mounts then cost the install nothing but what outlasts the reads.
 */
export async function preparePackageLayer(
  req: PackageRequest,
  sandboxes: LayerSandboxes,
): Promise<PackageLayer> {
  const say = req.onProgress ?? (() => {});
  // Only now is the rootfs there to compare with (checkPackageRequest ran before it was found).
  checkKeysAgainstRootfs(req.keys, req.rootfsDir);
  const base = packagesBase(req.cacheDir);
  mkdirSync(base, { recursive: true, mode: 0o755 });
  const fresh = freshIndexShas(req.cacheDir, req.repositories, req.arch, isUrl, (r) => {
    const index = readLocalIndex(r, req.arch);
    return index instanceof Error ? null : sha256Hex(index);
  });
  if (fresh) {
    const final = path.join(base, packageLayerKey(req, fresh));
    const hit = checkedLayer(req.cacheDir, final, say);
    if (hit) {
      touchLayer(final);
      return { dir: path.join(final, "layer"), installed: hit.installed, cached: true };
    }
  }
  // An install is likely now: only the cache of an unchanged index can spare it.
  const tmp = makeTempDir(req.cacheDir); // becomes the layer's cache entry by one rename
  // The staged repositories and apk's scratch (removed later). 0700: the install's layer may hold setuid
  // files until they are cleared (ApkInstall.sandbox), and no other host user may reach them meanwhile.
  const work = makeTempDir(req.cacheDir, 0o700);
  let early: PreparedSandbox | null = null;
  let unlock = () => {};
  let gaveUp: Promise<void> | null = null;
  const giveUp = () =>
    (gaveUp ??= (early?.discard() ?? Promise.resolve()).then(() => {
      removeHostTree(tmp);
      removeHostTree(work);
    }));
  try {
    const install = new ApkInstall(req, work, say);
    const first = install.sandbox(path.join(work, "scratch")); // its command must wait for the staging
    const prepared = sandboxes.prepare(first.opts, first.internal);
    early = prepared;
    const indexes = await Promise.all(req.repositories.map((r) => readIndex(r, req.arch, req.signal)));
    throwIfCancelled(req.signal); // an aborted read is no reason for the offline fallback
    const missing = indexes.findIndex((x) => x instanceof Error);
    if (missing >= 0) {
      await giveUp();
      const fallback = newestMatching(req, say);
      const why = (indexes[missing] as Error).message;
      const unreadable = indexes[missing];
      const fix = unreadable instanceof IndexUnreadable ? `; ${unreadable.fix}` : "";
      if (!fallback)
        throw new SetupError(
          "packages",
          `cannot read the index of ${req.repositories[missing]}: ${why}${fix}`,
        );
      const at = new Date(fallback.meta.at).toISOString();
      say(
        `cannot read the index of ${req.repositories[missing]}: ${why}; using the cached package layer of ${at}`,
      );
      touchLayer(fallback.dir);
      return { dir: path.join(fallback.dir, "layer"), installed: fallback.meta.installed, cached: true };
    }
    const shas = (indexes as Buffer[]).map((x) => sha256Hex(x));
    const urls = req.repositories.flatMap((r, i) => (isUrl(r) ? [[r, shas[i] as string]] : []));
    // Off the install's path: written while apk runs (or at once on a hit).
    const rememberShas = () =>
      recordIndexShas(
        req.cacheDir,
        urls.map(([r]) => r as string),
        req.arch,
        urls.map(([, s]) => s as string),
      );
    const key = packageLayerKey(req, shas);
    const final = path.join(base, key);
    const cachedLayer = async (): Promise<PackageLayer | null> => {
      const hit = checkedLayer(req.cacheDir, final, say);
      if (!hit) return null;
      rememberShas();
      await giveUp();
      touchLayer(final);
      return { dir: path.join(final, "layer"), installed: hit.installed, cached: true };
    };
    const hit = await cachedLayer();
    if (hit) return hit;
    // One install per key at a time: runs started together wait for the first and then use its layer.
    unlock = await lockPreparation(req.cacheDir, `packages-${key}`, {
      signal: req.signal,
      onWait: () => say("waiting for another nsbox process installing the same package layer"),
    });
    const made = await cachedLayer(); // by the process waited for
    if (made) return made;

    const t0 = monotonicMs();
    say(`installing ${req.packages.join(" ")} into the package layer`);
    const rootfsPackages = installedIn(req.rootfsDir, "the rootfs"); // read once: the guess and the result
    // No guess from an index too large to read on the host: apk's dry run names the files at once.
    if (!(await install.stageGuess(indexes as Buffer[], rootfsPackages)))
      await install.stageFromDryRun(sandboxes.run);
    let kept: KeptScratch;
    try {
      const installing = prepared.start();
      rememberShas();
      kept = await first.finish(installing);
    } catch (e) {
      throwIfCancelled(req.signal); // apk killed by the abort: no second try
      // Only a file the guess did not stage is worth a second try: apk's dry run names every one.
      if (!(e instanceof ApkFailure) || e.explained || !install.stages || install.dryRan) throw e;
      await install.stageFromDryRun(sandboxes.run);
      const again = install.sandbox(path.join(work, "scratch-2"));
      kept = await again.finish(sandboxes.run(again.opts, again.internal));
    }
    throwIfCancelled(req.signal);
    renameSync(kept.upper, path.join(tmp, "layer"));
    // What is left (the staged files, apk's scratch: a plain directory under work) goes off the path.
    sandboxes.removeLater(work);
    const installed = addedPackages(
      nameAndVersion(rootfsPackages),
      nameAndVersion(installedIn(path.join(tmp, "layer"), "the package layer")),
    );
    const meta: LayerMeta = {
      ...identity(req),
      ...trust(req), // what a fallback to this layer must match
      installed,
      at: Date.now(),
    };
    writeFileSync(path.join(tmp, "meta.json"), `${JSON.stringify(meta)}\n`, { mode: 0o644 });
    // Recorded before the commit, like the rootfs's: every later use checks the layer against it.
    writeManifest(
      path.join(tmp, LAYER_MANIFEST),
      recordTree(path.join(tmp, "layer"), { packages: req.packages.join(" ") }),
    );
    throwIfCancelled(req.signal); // the last moment before anything is committed
    const committed = commitDir(tmp, final);
    if (!committed) say("another process prepared the same package layer at the same time; using it");
    say(`package layer ready in ${Math.round(monotonicMs() - t0)} ms`);
    return {
      dir: path.join(final, "layer"),
      // Ours was recorded just above; the other process's, committed whole by its rename, says its own.
      installed: committed ? installed : (readLayerMeta(final)?.installed ?? installed),
      cached: false,
    };
  } catch (e) {
    await giveUp();
    // A sandbox killed by the abort fails in its own words (apk's exit): the abort is the reason.
    if (req.signal?.aborted && !(e instanceof CancelledError)) throw new CancelledError(req.signal.reason);
    throw e;
  } finally {
    unlock();
  }
}

/**
 * One `apk add` of the request: its repositories (a local directory mounted as it is, an http(s) one
 * staged under `work`), its keys, and its sandboxes, whose output is kept (bounded) for the error.
 */
class ApkInstall {
  private readonly mounts: MountSpec[] = [];
  private readonly staged: { url: string; dir: string; repo: number }[] = [];
  private readonly files: [string, string][];
  private readonly argv: string[];
  private readonly fetched = new Set<string>(); // each file at most once, the retry's included
  private readonly budget = { left: MAX_STAGED_BYTES }; // bytes all staged files may take together
  /** Whether apk's dry run staged the files: a second would name no more. */
  dryRan = false;

  constructor(
    private readonly req: PackageRequest,
    work: string,
    private readonly say: (message: string) => void,
  ) {
    req.repositories.forEach((r, i) => {
      const target = `${REPO_MOUNT}/${i}`;
      if (!isUrl(r)) {
        this.mounts.push({ source: path.resolve(r), target, mode: "ro" });
        return;
      }
      const dir = path.join(work, "repos", String(i));
      mkdirSync(path.join(dir, req.arch), { recursive: true, mode: 0o755 });
      this.staged.push({ url: r, dir: path.join(dir, req.arch), repo: i });
      this.mounts.push({ source: dir, target, mode: "ro" }); // filled after the mount: seen through it
    });
    this.files = req.keys.map((k) => [`/etc/apk/keys/${path.basename(k)}`, readFileSync(k, "utf8")]);
    this.argv = [
      "apk",
      "add",
      "--no-cache",
      "--no-progress",
      "--repositories-file",
      "/dev/null",
      ...req.repositories.flatMap((_, i) => ["-X", `${REPO_MOUNT}/${i}`]),
      ...(req.allowUntrusted ? ["--allow-untrusted"] : []),
    ];
  }

  /** Whether any repository is staged (http(s)): only then can a missed guess be made good. */
  get stages(): boolean {
    return this.staged.length > 0;
  }

  /**
   * An install sandbox keeping its writable layer in `layerDir`. apk may set setuid/setgid modes in it (a
   * package that ships such a file, e.g. shadow, sudo, fuse3, fails to install otherwise), and the layer's
   * bits are cleared as soon as the sandbox has ended: inside they would give nothing anyway
   * (no_new_privs), but on the host a setuid file owned by the sandboxes' uid (2000000000 as root) would
   * let any host user who reaches it become that uid, the owner of every sandbox's files.
   */
  sandbox(layerDir: string): ApkSandbox {
    let layer: KeptScratch | null = null;
    const sb = this.apkSandbox([...this.argv, ...this.req.packages], {
      layerDir,
      keepLayer: (k) => {
        layer = k;
      },
      setidModes: true,
    });
    return {
      ...sb,
      finish: async (result) => {
        try {
          await sb.outcome(result);
        } catch (e) {
          (layer as KeptScratch | null)?.dispose();
          throw e;
        }
        const kept = layer as KeptScratch | null;
        if (!kept) throw new SetupError("packages", "the package installation left no layer");
        let cleared: number;
        try {
          cleared = clearSetidBits(kept.upper);
        } catch (e) {
          kept.dispose();
          throw new SetupError(
            "packages",
            `cannot clear the setuid/setgid bits of the package layer: ${(e as Error).message}`,
          );
        }
        if (cleared > 0) this.say(`cleared the setuid/setgid bits of ${cleared} packaged files`);
        return kept;
      },
    };
  }

  /**
   * The index files, and the .apk files of the dependency closure read from the indexes on the host.
   * False when an index is too large for the host to read before apk has verified it: nothing guessed.
   */
  async stageGuess(indexes: Buffer[], installed: IndexEntry[]): Promise<boolean> {
    if (!this.stages) return true;
    for (const { dir, repo } of this.staged)
      writeFileSync(path.join(dir, "APKINDEX.tar.gz"), indexes[repo] as Buffer, { mode: 0o644 });
    const entries: IndexEntry[][] = [];
    for (const [i, index] of indexes.entries()) {
      try {
        entries.push(readIndexEntries(index));
      } catch (e) {
        if (!(e instanceof IndexTooLarge)) throw e;
        const repo = withoutCredentials(this.req.repositories[i] as string);
        this.say(
          `the index of ${repo} is too large to read on the host (${e.message}); apk names the files to download`,
        );
        return false;
      }
    }
    await this.stage(guessFetches(this.req.packages, entries.flat(), installed));
    return true;
  }

  /** What apk's own dry run says it needs, beyond what was staged. */
  async stageFromDryRun(run: RunSandbox): Promise<void> {
    this.dryRan = true;
    const dry = this.apkSandbox([...this.argv, "--simulate", ...this.req.packages], {});
    const plan = await dry.outcome(run(dry.opts, dry.internal));
    await this.stage(parseInstallPlan(plan).map((p) => `${p.name}-${p.version}`));
  }

  private stage(ids: string[]): Promise<void> {
    const files = ids.filter((id) => !this.fetched.has(id) && this.fetched.add(id)).map((id) => `${id}.apk`);
    return stagePackages(this.staged, files, this.budget, this.req.signal);
  }

  /** apk in a sandbox without network; `outcome` is its output, or the error apk's output explains. */
  private apkSandbox(argv: string[], internal: SandboxInternal) {
    const chunks: Buffer[] = [];
    let size = 0;
    const opts: SandboxOptions = {
      argv,
      mounts: this.mounts,
      hostname: "nsbox-apk",
      signal: this.req.signal,
      stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
      onOutput: (_s, chunk) => {
        if (size < MAX_APK_OUTPUT) chunks.push(chunk.subarray(0, MAX_APK_OUTPUT - size));
        size += chunk.length;
      },
    };
    const outcome = async (pending: Promise<RunResult>) =>
      apkOutcome(await pending, Buffer.concat(chunks).toString("utf8"));
    return { opts, internal: { ...internal, network: "none" as const, files: this.files }, outcome };
  }
}

interface ApkSandbox {
  opts: SandboxOptions;
  internal: SandboxInternal;
  /** The kept layer of a successful install; otherwise the error (the layer removed). */
  finish(result: Promise<RunResult>): Promise<KeptScratch>;
}

/** apk's output when it succeeded; else the error, in apk's own words where they explain it. */
function apkOutcome(result: RunResult, output: string): string {
  if (result.status === "ok") return output;
  if (result.status === "setup-error")
    throw new SetupError("packages", `the package sandbox could not start: ${result.error?.message}`);
  const known = explainApkFailure(output);
  const said = apkErrorSummary(output);
  throw new ApkFailure(
    known?.message ?? `apk add failed (exit ${result.exitCode})${said ? `: ${said}` : ""}`,
    known !== null,
  );
}

/** apk ran and failed; `explained`: its output says why (untrusted index, unknown package). */
class ApkFailure extends SetupError {
  constructor(
    message: string,
    readonly explained: boolean,
  ) {
    super("packages", message);
  }
}

/** Name and version of each package of an installed database (read as an index: the same P:/V: format). */
function nameAndVersion(db: IndexEntry[]): InstalledPackage[] {
  return db.map(({ name, version }) => ({ name, version }));
}

/** What an apk installed database may take: thousands of packages with their file lists are a few MiB. */
const MAX_DB_BYTES = 64 * 1024 ** 2;

/**
 * An apk installed database of a tree, empty when absent. Never through a symlink, at any component: an
 * install script may have made `lib/apk/db` a link to a host path, whose file would then be read as the
 * layer's packages. Such a database, or one that is no regular file or too large, is refused.
 */
function readDb(tree: string, what: string): string {
  try {
    return readRegularFileBelow(tree, ["lib", "apk", "db", "installed"], MAX_DB_BYTES).toString("utf8");
  } catch (e) {
    if (!(e instanceof RefusedFileError)) throw e;
    if (e.reason === "missing") return "";
    const why = {
      symlink: "is a symbolic link or lies under one",
      "not-a-file": "is not a regular file",
      "too-large": `is larger than ${MAX_DB_BYTES / 1024 ** 2} MiB`,
      unreadable: `cannot be read (${e.code})`,
    }[e.reason];
    throw new SetupError("packages", `the apk database of ${what} (lib/apk/db/installed) ${why}`);
  }
}

/**
 * The packages of a tree's apk database (`what` names the tree). One past the index bounds is refused: the
 * layer's was written by the install, scripts and all.
 */
function installedIn(tree: string, what: string): IndexEntry[] {
  try {
    return parseIndexText(readDb(tree, what));
  } catch (e) {
    if (!(e instanceof IndexTooLarge)) throw e;
    throw new SetupError("packages", `the apk database of ${what} is too large to read: ${e.message}`);
  }
}

function sameIdentity(a: Identity, b: Identity): boolean {
  const of = (x: Identity) => JSON.stringify([x.alpine, x.arch, x.rootfs, x.packages, x.repositories]);
  return of(a) === of(b);
}

function newestMatching(
  req: PackageRequest,
  say: (message: string) => void,
): { dir: string; meta: LayerMeta } | null {
  const want = identity(req);
  const wantTrust = trust(req);
  let best: { dir: string; meta: LayerMeta } | null = null;
  for (const dir of layerDirs(req.cacheDir)) {
    const meta = checkedLayer(req.cacheDir, dir, say);
    if (!meta || !sameIdentity(meta, want) || !trustedEnough(meta, wantTrust)) continue;
    if (!best || meta.at > best.meta.at) best = { dir, meta };
  }
  return best;
}
