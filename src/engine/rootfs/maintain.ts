// `nsbox cache list|verify|prune`: what the rootfs cache holds, a full check of every tree against its
// manifest, and removal of what is no longer needed.
import { readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { readManifest, verifyTree } from "../manifest";
import { cleanupStaleRootfsTemps, discardTree, manifestPath, TREE_NAME_RE } from "./cache";

export interface CacheEntry {
  name: string; // <sha256 of the tarball>-<idShift|self>
  dir: string;
  version: string | null; // null: no manifest (written by an older nsbox, or damaged)
  arch: string | null;
  source: string | null; // the URL or tarball it came from
  bytes: number | null; // total size of its files
  lastUse: string | null; // ISO time of its last use
}

export function listCache(cacheDir: string): CacheEntry[] {
  const root = path.join(path.resolve(cacheDir), "rootfs");
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const out: CacheEntry[] = [];
  for (const name of names.filter((n) => TREE_NAME_RE.test(n)).sort()) {
    const dir = path.join(root, name);
    const m = readManifest(manifestPath(dir));
    let lastUse: string | null = null;
    try {
      lastUse = statSync(manifestPath(dir)).mtime.toISOString();
    } catch {}
    out.push({
      name,
      dir,
      version: m?.meta.version ?? null,
      arch: m?.meta.arch ?? null,
      source: m?.meta.source ?? null,
      bytes: m?.bytes ?? null,
      lastUse,
    });
  }
  return out;
}

export interface VerifyReport {
  entry: CacheEntry;
  damage: string[]; // empty: whole
}

/** Hashes every file of every tree; a damaged tree is removed (the next run extracts it again). */
export function verifyCache(cacheDir: string): VerifyReport[] {
  return listCache(cacheDir).map((entry) => {
    const m = readManifest(manifestPath(entry.dir));
    const damage = m ? verifyTree(entry.dir, m) : ["it has no manifest (written by an older nsbox)"];
    if (damage.length > 0) discardTree(path.resolve(cacheDir), entry.dir);
    return { entry, damage };
  });
}

/**
 * Removes what runs no longer need: trees without a manifest, manifests without a tree, temp dirs of dead
 * processes, and of the trees of one Alpine branch and architecture all but the most recently used. `all`
 * empties the cache. A tree a running sandbox uses stays mounted for it; later runs extract it again.
 */
export function pruneCache(cacheDir: string, opts: { all?: boolean } = {}): CacheEntry[] {
  const dir = path.resolve(cacheDir);
  cleanupStaleRootfsTemps(dir);
  const entries = listCache(dir);
  const removed: CacheEntry[] = [];
  const newest = new Map<string, CacheEntry>();
  for (const e of entries) {
    if (opts.all || e.version === null) {
      removed.push(e);
      continue;
    }
    const key = `${branchOf(e.version)}|${e.arch}|${e.name.slice(e.name.indexOf("-"))}`;
    const other = newest.get(key);
    if (!other) newest.set(key, e);
    else if ((e.lastUse ?? "") > (other.lastUse ?? "")) {
      removed.push(other);
      newest.set(key, e);
    } else removed.push(e);
  }
  for (const e of removed) discardTree(dir, e.dir);
  // Manifests whose tree is gone (a crash between writing one and the commit).
  const root = path.join(dir, "rootfs");
  try {
    for (const n of readdirSync(root)) {
      const m = /^(.*)\.manifest\.json$/.exec(n);
      if (m && TREE_NAME_RE.test(m[1] as string) && !entries.some((e) => e.name === m[1]))
        rmSync(path.join(root, n), { force: true });
    }
  } catch {}
  if (opts.all) rmSync(path.join(dir, "index.json"), { force: true });
  return removed;
}

function branchOf(version: string): string {
  return /^\d+\.\d+/.exec(version)?.[0] ?? version;
}
