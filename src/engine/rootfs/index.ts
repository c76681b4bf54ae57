// Alpine rootfs: resolve version → download → verify → extract (shift ownership) → cache.
// Warm path (a cached version) is one small JSON read and one stat: no network, no hashing.
import { createHash } from "node:crypto";
import { lstatSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { SetupError, UsageError } from "../types";
import {
  cleanupStaleRootfsTemps,
  commitDir,
  ensureCacheDirs,
  type IndexEntry,
  isDir,
  isFresh,
  makeTempDir,
  readIndex,
  removeTree,
  rootfsPath,
  writeIndexEntry,
} from "./cache";
import { type FetchOptions, fetchBytes } from "./download";
import { extractTarball } from "./extract";
import { DEFAULT_MIRROR, normalizeMirror, type Release, resolveRelease } from "./resolve";
import { alpineArch, isSha256, parseAlpineRequest, versionFromFileName } from "./version";

export { cleanupStaleRootfsTemps, defaultCacheDir } from "./cache";
export { DEFAULT_MIRROR } from "./resolve";
export { alpineArch } from "./version";

export interface RootfsRequest {
  alpine?: string; // "3.20", "3.20.3", "latest-stable" (default)
  mirror?: string; // default DEFAULT_MIRROR
  tarball?: string; // local tarball: offline; version from its name or its /etc/alpine-release
  cacheDir: string;
  arch?: string; // Node arch name (process.arch)
  idShift: number | null; // host id that inside-root maps to (root mode); null: caller owns all
  onProgress?: (msg: string) => void;
  fetchImpl?: typeof fetch; // tests
  timeoutMs?: number; // per-attempt stall timeout (default 30 s); tests shorten it
}

export interface Rootfs {
  dir: string;
  version: string;
  sha256: string;
}

export async function prepareRootfs(req: RootfsRequest): Promise<Rootfs> {
  checkIdShift(req.idShift);
  const cacheDir = path.resolve(req.cacheDir);
  if (req.tarball !== undefined) return fromTarball(req, cacheDir);

  const want = parseAlpineRequest(req.alpine);
  const arch = alpineArch(req.arch ?? process.arch);
  const mirror = normalizeMirror(req.mirror ?? DEFAULT_MIRROR);
  const key = `${mirror}|${want.text}|${arch}`;
  const hit = readIndex(cacheDir)[key];
  const cached = hit ? cachedTree(cacheDir, hit, req.idShift) : null;
  if (hit && cached && isFresh(hit, want.kind === "exact")) return cached;

  const say = req.onProgress ?? (() => {});
  const t0 = performance.now();
  const fetchOpts: FetchOptions = { fetchImpl: req.fetchImpl, timeoutMs: req.timeoutMs };
  let rel: Release;
  try {
    say(`resolving Alpine ${want.text} (${arch}) at ${mirror}`);
    rel = await resolveRelease(want, mirror, arch, fetchOpts);
  } catch (e) {
    if (!cached) throw e;
    // An alias past its TTL but the mirror is away: the tree we have is still a good rootfs.
    say(`${e instanceof Error ? e.message : e}; using the cached Alpine ${cached.version}`);
    return cached;
  }

  const dir = rootfsPath(cacheDir, rel.sha256, req.idShift);
  if (!isDir(dir)) {
    const gz = await fetchBytes(rel.url, {
      ...fetchOpts,
      maxBytes: 512 * 1024 ** 2,
      onBytes: progress(rel.file, say),
    });
    verify(gz, rel.sha256, rel.file);
    await install(cacheDir, gz, rel.file, req.idShift, dir, say);
    say(`Alpine ${rel.version} ready in ${Math.round(performance.now() - t0)} ms`);
  }
  writeIndexEntry(cacheDir, key, { version: rel.version, sha256: rel.sha256, at: Date.now() });
  return { dir, version: rel.version, sha256: rel.sha256 };
}

/** A local tarball: keyed in the index by path, size, mtime and inode, so a warm call skips hashing. */
async function fromTarball(req: RootfsRequest, cacheDir: string): Promise<Rootfs> {
  const file = path.resolve(req.tarball as string);
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(file);
  } catch (e) {
    throw new UsageError(`rootfs: cannot read '${req.tarball}' (${(e as NodeJS.ErrnoException).code})`);
  }
  if (!st.isFile()) throw new UsageError(`rootfs: '${req.tarball}' is not a file`);
  const key = `tarball|${file}|${st.size}|${st.mtimeMs}|${st.ino}`;
  const hit = readIndex(cacheDir)[key];
  const cached = hit ? cachedTree(cacheDir, hit, req.idShift) : null;
  if (cached) return cached;
  const say = req.onProgress ?? (() => {});
  const gz = readFileSync(file);
  const sha256 = createHash("sha256").update(gz).digest("hex");
  const dir = rootfsPath(cacheDir, sha256, req.idShift);
  const name = path.basename(file);
  if (!isDir(dir)) await install(cacheDir, gz, name, req.idShift, dir, say);
  const version = versionFromFileName(name) ?? releaseFile(dir) ?? "unknown";
  writeIndexEntry(cacheDir, key, { version, sha256, at: Date.now() });
  return { dir, version, sha256 };
}

/** Extract into a private temp dir, then rename into place: the rename is the commit. */
async function install(
  cacheDir: string,
  gz: Buffer,
  label: string,
  idShift: number | null,
  dir: string,
  say: (msg: string) => void,
): Promise<void> {
  try {
    ensureCacheDirs(cacheDir);
  } catch (e) {
    throw new SetupError("rootfs", `cannot create the cache ${cacheDir}: ${(e as Error).message}`);
  }
  cleanupStaleRootfsTemps(cacheDir);
  const tmp = makeTempDir(cacheDir);
  try {
    say(`extracting ${label}`);
    await extractTarball(gz, tmp, { label, idShift });
  } catch (e) {
    removeTree(tmp);
    throw e;
  }
  if (!commitDir(tmp, dir)) say(`another process prepared ${path.basename(dir)} at the same time; using it`);
}

function verify(gz: Buffer, expected: string, file: string): void {
  const got = createHash("sha256").update(gz).digest("hex");
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

/** The tree an index entry points at, if it is there (a tree in rootfs/ is always complete). */
function cachedTree(cacheDir: string, e: IndexEntry, idShift: number | null): Rootfs | null {
  if (typeof e.version !== "string" || typeof e.at !== "number" || !isSha256(String(e.sha256))) return null;
  const dir = rootfsPath(cacheDir, e.sha256, idShift);
  return isDir(dir) ? { dir, version: e.version, sha256: e.sha256 } : null;
}

function checkIdShift(s: number | null): void {
  if (s !== null && (!Number.isInteger(s) || s < 0 || s > 0xffff_ffff - 65536)) {
    throw new UsageError(`idShift: ${s} is not a valid host id base`);
  }
}
