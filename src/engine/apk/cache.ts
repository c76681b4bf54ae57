// The package layers' cache on disk: <cacheDir>/packages/<key>/{layer/, meta.json, manifest.json} and
// packages/indexes.json (each http(s) repository's last fetched index sha256, with a short TTL). A
// layer is committed whole by one rename (apk/layer.ts); here: what a committed one says it is, whether
// it is still whole, its last use (manifest.json's mtime, touched on each use, as for rootfs trees), and
// its removal (renamed aside first, like a rootfs tree: no run picks up a half-removed layer).
import { readdirSync, utimesSync } from "node:fs";
import path from "node:path";
import { isDir, readJsonOrNull, writeFileAtomic } from "../fs";
import { checkTree, readManifest, type TreeManifest } from "../manifest";
import { discardTree } from "../rootfs/cache";
import { type InstalledPackage, withoutCredentials } from "../types";

/** What a layer was built for, apart from the index contents: a layer with another identity is never
 *  reused, not even as the offline fallback. `rootfs` is the rootfs tree's cache name
 *  (`<sha256>-<idShift|self>`): the layer holds files owned for that id shift and apk's database on
 *  top of that tree's, so a layer built on another tree (root vs rootless, another tarball of the same
 *  version) would have wrong owners or a wrong base database. */
export interface Identity {
  alpine: string;
  arch: string;
  rootfs: string;
  packages: string[];
  repositories: string[];
}

/** How the layer's packages were verified: the extra keys ([file name, sha256]) and --allow-untrusted. */
export interface Trust {
  keys: [string, string][];
  allowUntrusted: boolean;
}

export interface LayerMeta extends Identity, Partial<Trust> {
  installed: InstalledPackage[];
  at: number; // when it was installed
}

/**
 * Whether a layer may stand in for a request verified as `want` (the offline fallback, which checks no
 * index): only when it was verified as strictly — not untrusted unless the request allows that, with the
 * same extra keys. A layer of an older nsbox says neither: it is as good as untrusted.
 */
export function trustedEnough(meta: Partial<Trust>, want: Trust): boolean {
  if (meta.allowUntrusted === undefined || !Array.isArray(meta.keys)) return want.allowUntrusted;
  if (meta.allowUntrusted && !want.allowUntrusted) return false;
  return JSON.stringify(meta.keys) === JSON.stringify(want.keys);
}

export const LAYER_MANIFEST = "manifest.json";
const KEY_RE = /^[0-9a-f]{64}$/;

export function packagesBase(cacheDir: string): string {
  return path.join(cacheDir, "packages");
}

/** The committed layers' dirs (a name that is not a key is not a layer). */
export function layerDirs(cacheDir: string): string[] {
  const base = packagesBase(cacheDir);
  try {
    return readdirSync(base)
      .filter((n) => KEY_RE.test(n))
      .sort()
      .map((n) => path.join(base, n));
  } catch {
    return [];
  }
}

// What each http(s) repository's index was when last fetched: within the TTL a session whose layer is
// cached fetches no index at all (a repository's new packages are seen at most this late; a local
// directory's index is read and hashed every time, it costs next to nothing).
const INDEX_TTL_MS = 10 * 60 * 1000;
type IndexShas = Record<string, { sha256: string; at: number }>;
const indexShasFile = (cacheDir: string) => path.join(packagesBase(cacheDir), "indexes.json");
// Without the URL's user and password: the file is world-readable.
const indexKey = (repo: string, arch: string) => `${withoutCredentials(repo)}|${arch}`;

/**
 * The index sha256 of every repository, when each http(s) one was fetched within the TTL and each local
 * one's index can be read now (`localSha`); else null.
 */
export function freshIndexShas(
  cacheDir: string,
  repos: readonly string[],
  arch: string,
  isUrl: (r: string) => boolean,
  localSha: (r: string) => string | null,
  now = Date.now(),
): string[] | null {
  const known = (readJsonOrNull(indexShasFile(cacheDir)) ?? {}) as IndexShas;
  const shas: string[] = [];
  for (const r of repos) {
    if (!isUrl(r)) {
      const sha = localSha(r);
      if (sha === null) return null;
      shas.push(sha);
      continue;
    }
    const e = known[indexKey(r, arch)];
    if (
      typeof e?.sha256 !== "string" ||
      typeof e.at !== "number" ||
      !(now - e.at >= 0 && now - e.at < INDEX_TTL_MS)
    )
      return null;
    shas.push(e.sha256);
  }
  return shas;
}

/** Notes the indexes just fetched (a lost update between two writers costs one more fetch). */
export function recordIndexShas(
  cacheDir: string,
  repos: readonly string[],
  arch: string,
  shas: readonly string[],
): void {
  const known = (readJsonOrNull(indexShasFile(cacheDir)) ?? {}) as IndexShas;
  repos.forEach((r, i) => {
    known[indexKey(r, arch)] = { sha256: shas[i] as string, at: Date.now() };
  });
  try {
    writeFileAtomic(indexShasFile(cacheDir), `${JSON.stringify(known)}\n`, 0o644);
  } catch {
    // a read-only cache still works, fetching every time
  }
}

/** meta.json of a layer dir when it has the shape this code writes, else null. */
export function readLayerMeta(dir: string): LayerMeta | null {
  const m = readJsonOrNull(path.join(dir, "meta.json")) as Partial<LayerMeta> | null;
  if (typeof m?.at !== "number" || !Array.isArray(m.installed) || !Array.isArray(m.packages)) return null;
  return m as LayerMeta;
}

export function readLayerManifest(dir: string): TreeManifest | null {
  return readManifest(path.join(dir, LAYER_MANIFEST));
}

/**
 * A cached layer's record, or null when there is none. A layer counts only when its manifest checks out
 * (the cheap check, as for the rootfs): a damaged one, or one without a manifest, is named and discarded
 * so that it is installed again.
 */
export function checkedLayer(
  cacheDir: string,
  dir: string,
  say: (message: string) => void,
): LayerMeta | null {
  if (!isDir(path.join(dir, "layer"))) return null;
  const meta = readLayerMeta(dir);
  if (!meta) return null;
  const manifest = readLayerManifest(dir);
  const damage = manifest ? checkTree(path.join(dir, "layer"), manifest) : "it has no manifest";
  if (damage === null) return meta;
  say(`the cached package layer ${path.basename(dir).slice(0, 12)} is damaged (${damage}); removing it`);
  discardLayer(cacheDir, dir);
  return null;
}

/** Records a use: the manifest's mtime is the layer's last use (`nsbox cache list`, `prune`). */
export function touchLayer(dir: string): void {
  try {
    const now = new Date();
    utimesSync(path.join(dir, LAYER_MANIFEST), now, now);
  } catch {
    // a read-only cache still works; only its last-use time goes stale
  }
}

/** Removes a committed layer: renamed aside to a temp dir first (which a crash leaves to the stale sweep). */
export function discardLayer(cacheDir: string, dir: string): void {
  discardTree(cacheDir, dir);
}
