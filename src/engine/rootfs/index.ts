// Alpine rootfs: resolve version → download → verify → extract (shift ownership) → cache.
// Warm path (a cached version): the index, the tree's manifest and one lstat per recorded entry (~1 ms for
// Alpine): no network, no hashing; a session leaves that check to its helper (deferCheck, the tree's check
// list). A damaged tree is removed and extracted again.

import {
  accessSync,
  constants,
  existsSync,
  lstatSync,
  readFileSync,
  rmSync,
  type Stats,
  statSync,
  utimesSync,
} from "node:fs";
import path from "node:path";
import { monotonicMs } from "../clock";
import { isDir, readHead, removeHostTree, sha256Hex, writeFileAtomic } from "../fs";
import {
  checkListText,
  checkTree,
  readManifest,
  recordTree,
  type TreeManifest,
  writeManifest,
} from "../manifest";
import { type HintKey, SetupError, throwIfCancelled, UsageError, withoutCredentials } from "../types";
import {
  checkListPath,
  cleanupStaleRootfsTemps,
  commitDir,
  discardTree,
  ensureCacheDirs,
  type IndexEntry,
  isFresh,
  makeTempDir,
  manifestPath,
  readIndex,
  removeTreeRecords,
  rootfsPath,
  writeIndexEntry,
} from "./cache";
import { type FetchOptions, fetchBytes, NotFoundError } from "./download";
import { extractTarball, isGzip, isUstar, SANDBOX_ID_COUNT } from "./extract";
import type { HttpGet } from "./http-get";
import { lockPreparation } from "./prepare-lock";
import { DEFAULT_MIRROR, normalizeMirror, type Release, resolveRelease } from "./resolve";
import { checkRunnable } from "./runnable";
import { alpineArch, isSha256, parseAlpineRequest, versionFromFileName } from "./version";

export { cleanupStaleRootfsTemps, defaultCacheDir } from "./cache";
export { type CacheEntry, listCache, pruneCache, verifyCache } from "./maintain";
export { DEFAULT_MIRROR } from "./resolve";

/** A minirootfs tarball is ~3.5 MB: a download or a local file beyond this is refused. */
const MAX_TARBALL_BYTES = 512 * 1024 ** 2;

export interface RootfsRequest {
  alpine?: string; // "3.20", "3.20.3", "latest-stable" (default)
  mirror?: string; // default DEFAULT_MIRROR
  tarball?: string; // local tarball: offline; version from its name or its /etc/alpine-release
  cacheDir: string;
  arch?: string; // Node arch name (process.arch)
  idShift: number | null; // host id that inside-root maps to (root mode); null: caller owns all
  onProgress?: (msg: string) => void;
  httpGet?: HttpGet; // tests
  timeoutMs?: number; // per-attempt stall timeout (default 30 s); tests shorten it
  signal?: AbortSignal; // abort: stop at once (CancelledError), leaving no temp dir and no partial tree
  /**
   * The caller checks a cached tree itself, with its helper (Rootfs.checkList), instead of this call: the
   * check is the warm path's main cost, in C on another CPU a fraction of it. A tree without a list is
   * checked here as before, and its list written.
   */
  deferCheck?: boolean;
}

export interface Rootfs {
  dir: string;
  version: string;
  sha256: string;
  /**
   * With deferCheck, a cached tree's check list: the tree is not checked yet. The caller checks it before
   * any use; on damage (or no answer) it removes the list and calls again, which checks here: a damaged
   * tree is then removed and extracted again, a whole one gets its list written anew.
   */
  checkList?: string;
}

export async function prepareRootfs(req: RootfsRequest): Promise<Rootfs> {
  checkIdShift(req.idShift);
  const cacheDir = path.resolve(req.cacheDir);
  if (req.tarball !== undefined) return fromTarball(req, cacheDir);

  const want = parseAlpineRequest(req.alpine);
  const arch = alpineArch(req.arch ?? process.arch);
  const mirror = normalizeMirror(req.mirror ?? DEFAULT_MIRROR);
  // Stored (index.json, the manifest) without the URL's user and password: those files are world-readable.
  const key = `${withoutCredentials(mirror)}|${want.text}|${arch}`;
  const say = req.onProgress ?? (() => {});
  const hit = readIndex(cacheDir)[key];
  let damage: string | null = null;
  const defer = req.deferCheck ?? false;
  const cached = hit ? cachedTree(cacheDir, hit, req.idShift, say, defer, (d) => (damage = d)) : null;
  if (hit && cached && isFresh(hit, want.kind === "exact")) return cached;
  throwIfCancelled(req.signal);

  const t0 = monotonicMs();
  // A failed download of the rootfs is the mirror's to fix (a package repository's is not).
  const fetchOpts: FetchOptions = {
    httpGet: req.httpGet,
    timeoutMs: req.timeoutMs,
    signal: req.signal,
    hint: "mirror",
  };
  // Offline with a damaged tree: say what is wrong with the cache, not only that the mirror is away.
  const unrepaired = (e: unknown) =>
    damage === null || !(e instanceof SetupError) || e.step !== "download"
      ? e
      : new SetupError(
          "rootfs",
          `the cached Alpine rootfs is damaged (${damage}) and cannot be downloaded again: ${e.message}`,
          e.hint,
        );
  let rel: Release;
  try {
    say(`resolving Alpine ${want.text} (${arch}) at ${mirror}`);
    rel = await resolveRelease(want, mirror, arch, fetchOpts);
  } catch (e) {
    throwIfCancelled(req.signal);
    if (!cached) throw unrepaired(e);
    // An alias past its TTL but the mirror is away: the tree we have is still a good rootfs.
    say(`${e instanceof Error ? e.message : e}; using the cached Alpine ${cached.version}`);
    return cached;
  }

  const dir = rootfsPath(cacheDir, rel.sha256, req.idShift);
  const use: TreeUse = { say, defer, signal: req.signal, onDamage: (d) => (damage = d) };
  const usable = await useOrMake(cacheDir, dir, `Alpine ${rel.version}`, use, async () => {
    let gz: Buffer;
    try {
      gz = await fetchBytes(rel.url, {
        ...fetchOpts,
        maxBytes: MAX_TARBALL_BYTES,
        onBytes: progress(rel.file, say),
      });
    } catch (e) {
      // The release list names it: a mirror mid-sync (or a broken one) is the mirror's to fix, like a 500.
      const missing = e instanceof NotFoundError;
      throw unrepaired(missing ? new SetupError("download", `cannot download ${e.message}`, "mirror") : e);
    }
    verify(gz, rel.sha256, rel.file);
    const source = withoutCredentials(rel.url);
    const meta = { kind: "alpine-minirootfs", version: rel.version, arch, source };
    await install(cacheDir, gz, rel.file, req.idShift, dir, say, meta, req.signal, "mirror");
    say(`Alpine ${rel.version} ready in ${Math.round(monotonicMs() - t0)} ms`);
  });
  writeIndexEntry(cacheDir, key, { version: rel.version, sha256: rel.sha256, at: Date.now() });
  return { dir, version: rel.version, sha256: rel.sha256, ...usable };
}

/**
 * What the caller asked for, judged before anything is made (the cache dir included): the tarball is a
 * readable file, or the Alpine version and the mirror are well formed. UsageError otherwise.
 */
export function checkRootfsRequest(req: Pick<RootfsRequest, "tarball" | "alpine" | "mirror">): void {
  if (req.tarball !== undefined) {
    tarballStat(req.tarball);
    return;
  }
  parseAlpineRequest(req.alpine);
  normalizeMirror(req.mirror ?? DEFAULT_MIRROR);
}

/** The tarball's stat, once it is known to be a regular file the caller may read. */
function tarballStat(tarball: string): Stats {
  const file = path.resolve(tarball);
  let st: Stats;
  try {
    st = statSync(file);
    // Checked first, cached or not: the read would otherwise fail with a bare errno.
    accessSync(file, constants.R_OK);
  } catch (e) {
    throw new UsageError(
      `rootfs: cannot read '${tarball}' (${(e as NodeJS.ErrnoException).code}); give a minirootfs tarball you can read`,
    );
  }
  if (!st.isFile())
    throw new UsageError(`rootfs: '${tarball}' is not a file; give a minirootfs .tar.gz file`);
  if (st.size > MAX_TARBALL_BYTES) {
    throw new UsageError(
      `rootfs: '${tarball}' has ${st.size} bytes, more than the ${MAX_TARBALL_BYTES / 1024 ** 2} MiB a rootfs tarball may have; give a minirootfs .tar.gz file (about 3.5 MB)`,
    );
  }
  if (!looksLikeTarball(file)) {
    throw new UsageError(`rootfs: '${tarball}' is neither gzip nor tar data; give a minirootfs .tar.gz file`);
  }
  return st;
}

/** A gzip magic, or a tar header's (an uncompressed tar is extracted too), in the file's first bytes. */
function looksLikeTarball(file: string): boolean {
  const head = readHead(file, 512);
  return head !== null && (isGzip(head) || isUstar(head));
}

/** A local tarball: keyed in the index by path, size, mtime and inode, so a warm call skips hashing. */
async function fromTarball(req: RootfsRequest, cacheDir: string): Promise<Rootfs> {
  const file = path.resolve(req.tarball as string);
  const st = tarballStat(req.tarball as string);
  const key = `tarball|${file}|${st.size}|${st.mtimeMs}|${st.ino}`;
  const say = req.onProgress ?? (() => {});
  const hit = readIndex(cacheDir)[key];
  const defer = req.deferCheck ?? false;
  const cached = hit ? cachedTree(cacheDir, hit, req.idShift, say, defer) : null;
  if (cached) return cached;
  throwIfCancelled(req.signal);
  const gz = readFileSync(file);
  const sha256 = sha256Hex(gz);
  const dir = rootfsPath(cacheDir, sha256, req.idShift);
  const name = path.basename(file);
  const usable = await useOrMake(cacheDir, dir, name, { say, defer, signal: req.signal }, async () => {
    const meta = {
      kind: "alpine-minirootfs",
      version: versionFromFileName(name) ?? "",
      arch: alpineArch(req.arch ?? process.arch),
      source: file,
    };
    await install(cacheDir, gz, name, req.idShift, dir, say, meta, req.signal, "tarball");
  });
  const version = versionFromFileName(name) ?? releaseFile(dir) ?? "unknown";
  writeIndexEntry(cacheDir, key, { version, sha256, at: Date.now() });
  return { dir, version, sha256, ...usable };
}

/**
 * Extract into a private temp dir, record its manifest, then rename into place: the rename is the commit.
 * An abort during extraction (which is synchronous) is honoured before the commit: nothing stays.
 */
async function install(
  cacheDir: string,
  gz: Buffer,
  label: string,
  idShift: number | null,
  dir: string,
  say: (msg: string) => void,
  meta: Record<string, string>,
  signal: AbortSignal | undefined,
  source: HintKey, // where a tarball that is no rootfs came from: the fix (the mirror, or the file given)
): Promise<void> {
  try {
    ensureCacheDirs(cacheDir);
  } catch (e) {
    throw new SetupError("rootfs", `cannot create the cache ${cacheDir}: ${(e as Error).message}`);
  }
  cleanupStaleRootfsTemps(cacheDir);
  // 0700 until fixTree gives it the archive's root mode: no other user reaches a half-extracted tree.
  const tmp = makeTempDir(cacheDir, 0o700);
  try {
    say(`extracting ${label}`);
    try {
      await extractTarball(gz, tmp, { label, idShift, signal });
      // The unpacking of the last chunk held the event loop: a signal that came meanwhile waits in its
      // poll phase, which the second immediate lets pass, so that its abort is seen here, not after the start.
      await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
      throwIfCancelled(signal);
      checkRunnable(tmp, label, meta.arch as string);
    } catch (e) {
      // What is wrong with the archive; not the host's own trouble (a full cache: step "cache").
      throw e instanceof SetupError && e.step === "rootfs" && !e.hint
        ? new SetupError(e.step, e.message, source)
        : e;
    }
    if (!meta.version) meta.version = releaseFile(tmp) ?? "unknown";
    try {
      const manifest = recordTree(tmp, meta);
      writeManifest(manifestPath(dir), manifest);
      writeCheckList(dir, manifest);
    } catch (e) {
      throw new SetupError("rootfs", `cannot record the manifest of ${dir}: ${(e as Error).message}`);
    }
  } catch (e) {
    removeHostTree(tmp);
    throw e;
  }
  let committed: boolean;
  try {
    committed = commitDir(tmp, dir);
  } catch (e) {
    // A manifest of no tree, unless another process committed the tree meanwhile: then it is theirs.
    if (!isDir(dir)) removeTreeRecords(dir);
    throw e;
  }
  if (!committed) say(`another process prepared ${path.basename(dir)} at the same time; using it`);
}

function verify(gz: Buffer, expected: string, file: string): void {
  const got = sha256Hex(gz);
  if (got !== expected) {
    throw new SetupError("verify", `checksum mismatch for ${file}: expected ${expected}, got ${got}`);
  }
}

function progress(file: string, say: (msg: string) => void) {
  let next = 0;
  return (got: number, total: number | null) => {
    const mb = (n: number) => (n / 1024 ** 2).toFixed(1);
    if (total) {
      const pct = Math.floor((got * 100) / total);
      if (pct < next) return;
      next = pct + 10 - (pct % 10);
      say(`downloading ${file}: ${pct}% (${mb(got)} of ${mb(total)} MB)`);
    } else if (got >= next) {
      next = got + 1024 ** 2;
      say(`downloading ${file}: ${mb(got)} MB`);
    }
  };
}

/** /etc/alpine-release of an extracted tree; never through a symlink, which could point at the host. */
function releaseFile(dir: string): string | null {
  try {
    const file = path.join(dir, "etc", "alpine-release");
    if (!lstatSync(path.dirname(file)).isDirectory() || !lstatSync(file).isFile()) return null;
    const v = readFileSync(file, "utf8").trim();
    return /^\d+\.\d+\.\d+/.test(v) ? v : null;
  } catch {
    return null;
  }
}

/** The tree an index entry points at, if it is there and whole (a damaged one is removed and reported). */
function cachedTree(
  cacheDir: string,
  e: IndexEntry,
  idShift: number | null,
  say: (msg: string) => void,
  defer: boolean,
  onDamage?: (damage: string) => void,
): Rootfs | null {
  if (typeof e.version !== "string" || typeof e.at !== "number" || !isSha256(String(e.sha256))) return null;
  const dir = rootfsPath(cacheDir, e.sha256, idShift);
  const usable = useTree(cacheDir, dir, say, defer, onDamage);
  return usable ? { dir, version: e.version, sha256: e.sha256, ...usable } : null;
}

interface TreeUse {
  say: (msg: string) => void;
  defer: boolean;
  signal: AbortSignal | undefined;
  onDamage?: (damage: string) => void;
}

/**
 * The committed tree `dir` (as useTree gives it), made by `make` when it is not there. The making holds
 * the tree's preparation lock: runs started together make it once, the others wait (an abort still ends
 * the wait at once) and then find it committed.
 */
async function useOrMake(
  cacheDir: string,
  dir: string,
  label: string,
  use: TreeUse,
  make: () => Promise<void>,
): Promise<{ checkList?: string }> {
  const cached = useTree(cacheDir, dir, use.say, use.defer, use.onDamage);
  if (cached) return cached;
  const unlock = await lockPreparation(cacheDir, `rootfs-${path.basename(dir)}`, {
    signal: use.signal,
    onWait: () => use.say(`waiting for another nsbox process preparing ${label}`),
  });
  try {
    const made = useTree(cacheDir, dir, use.say, use.defer, use.onDamage); // by the process waited for
    if (made) return made;
    await make();
    return {};
  } finally {
    unlock();
  }
}

/**
 * Whether a committed tree is there and matches its manifest (null: it is not). A damaged tree — or one
 * without a manifest, committed by an older nsbox — is said, removed (the caller extracts it again) and
 * passed to onDamage. With `defer` and a check list beside the tree, the check is the caller's: the list
 * comes back. A use touches the manifest: its mtime is the tree's last use (`nsbox cache list`, `prune`).
 */
function useTree(
  cacheDir: string,
  dir: string,
  say: (msg: string) => void,
  defer: boolean,
  onDamage?: (damage: string) => void,
): { checkList?: string } | null {
  if (!isDir(dir)) return null;
  const file = manifestPath(dir);
  // Deferred only with its manifest there (touched: this use), the reference the list was made from.
  if (defer && existsSync(checkListPath(dir)) && touch(file)) return { checkList: checkListPath(dir) };
  const m = readManifest(file);
  const damage = m ? checkTree(dir, m) : "it has no manifest (written by an older nsbox)";
  if (damage === null) {
    touch(file);
    // A tree of an older nsbox, or one whose list was removed as wrong: the next session's helper checks it.
    if (defer && m) {
      try {
        writeCheckList(dir, m);
      } catch {
        // a read-only cache is checked here each time
      }
    }
    return {};
  }
  say(`the cached rootfs ${path.basename(dir)} is damaged (${damage}); removing it to extract it again`);
  onDamage?.(damage);
  try {
    discardTree(cacheDir, dir);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new SetupError(
      "rootfs",
      `the cached rootfs ${dir} is damaged (${damage}) and cannot be removed (${why}); remove it by hand`,
    );
  }
  return null;
}

/** Sets the manifest's mtime, the tree's last use; false when it cannot (a read-only cache still works). */
function touch(file: string): boolean {
  try {
    const now = new Date();
    utimesSync(file, now, now);
    return true;
  } catch {
    return false;
  }
}

/** The tree's check list (checkListText), unless a name in it cannot be a line: then there is none. */
function writeCheckList(dir: string, m: TreeManifest): void {
  const text = checkListText(m);
  if (text === null) rmSync(checkListPath(dir), { force: true });
  else writeFileAtomic(checkListPath(dir), text, 0o644);
}

function checkIdShift(s: number | null): void {
  if (s !== null && (!Number.isInteger(s) || s < 0 || s > 0xffff_ffff - SANDBOX_ID_COUNT)) {
    throw new UsageError(`idShift: ${s} is not a valid host id base`);
  }
}
