// `nsbox cache list|verify|prune`: what the cache holds (rootfs trees and package layers), a full check of
// every tree and layer against its manifest, and removal of what is no longer needed.
import { lstatSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { discardLayer, LAYER_MANIFEST, layerDirs, readLayerManifest, readLayerMeta } from "../apk/cache";
import { loadLibc } from "../libc";
import { readManifest, verifyTree } from "../manifest";
import { withoutCredentials } from "../types";
import { cleanupStaleRootfsTemps, discardTree, manifestPath, TEMP_MAX_AGE_MS, TREE_NAME_RE } from "./cache";
import { heldInUse } from "./in-use";
import { removeIdleLocks } from "./prepare-lock";

export interface CacheEntry {
  kind: "rootfs" | "packages";
  name: string; // rootfs: <sha256 of the tarball>-<idShift|self>; packages: the layer's key
  dir: string;
  version: string | null; // the Alpine version; null: no manifest (written by an older nsbox, or damaged)
  arch: string | null;
  source: string | null; // rootfs: the URL or tarball it came from; packages: the repositories
  packages: string[] | null; // packages: what was asked for; rootfs: null
  bytes: number | null; // total size of its files
  lastUse: string | null; // ISO time of its last use
}

function mtimeIso(file: string): string | null {
  try {
    return statSync(file).mtime.toISOString();
  } catch {
    return null;
  }
}

function listTrees(root: string): CacheEntry[] {
  let names: string[];
  try {
    names = readdirSync(path.join(root, "rootfs"));
  } catch {
    return [];
  }
  return names
    .filter((n) => TREE_NAME_RE.test(n))
    .sort()
    .map((name) => {
      const dir = path.join(root, "rootfs", name);
      const m = readManifest(manifestPath(dir));
      return {
        kind: "rootfs" as const,
        name,
        dir,
        version: m?.meta.version ?? null,
        arch: m?.meta.arch ?? null,
        source: m?.meta.source === undefined ? null : withoutCredentials(m.meta.source), // older nsbox: stored with them
        packages: null,
        bytes: m?.bytes ?? null,
        lastUse: mtimeIso(manifestPath(dir)),
      };
    });
}

function listLayers(root: string): CacheEntry[] {
  return layerDirs(root).map((dir) => {
    const meta = readLayerMeta(dir);
    const m = meta ? readLayerManifest(dir) : null;
    return {
      kind: "packages" as const,
      name: path.basename(dir),
      dir,
      version: m ? (meta?.alpine ?? null) : null,
      arch: m ? (meta?.arch ?? null) : null,
      source: m ? withoutCredentials(meta?.repositories.join(" ") ?? "") || null : null,
      packages: m ? (meta?.packages ?? null) : null,
      bytes: m?.bytes ?? null,
      lastUse: m ? mtimeIso(path.join(dir, LAYER_MANIFEST)) : null,
    };
  });
}

export function listCache(cacheDir: string): CacheEntry[] {
  const root = path.resolve(cacheDir);
  return [...listTrees(root), ...listLayers(root)];
}

export interface VerifyReport {
  entry: CacheEntry;
  damage: string[]; // empty: whole
}

/** Hashes every file of every tree and layer; a damaged one is removed (the next run makes it again). */
export function verifyCache(cacheDir: string): VerifyReport[] {
  const root = path.resolve(cacheDir);
  return listCache(root).map((entry) => {
    const tree = entry.kind === "rootfs";
    const m = tree ? readManifest(manifestPath(entry.dir)) : readLayerManifest(entry.dir);
    const damage = m
      ? verifyTree(tree ? entry.dir : path.join(entry.dir, "layer"), m)
      : ["it has no manifest (written by an older nsbox, or damaged)"];
    if (damage.length > 0) (tree ? discardTree : discardLayer)(root, entry.dir);
    return { entry, damage };
  });
}

/**
 * Removes what runs no longer need: trees and layers without a manifest, manifests without a tree (once
 * older than an install can take: an install writes its tree's manifest just before the commit), temp
 * dirs of dead processes, and all but the most recently used tree of each Alpine branch, architecture
 * and id shift, and layer of each branch, architecture, id shift, package list and repositories. A tree
 * or layer is a lower layer of every running sandbox that uses it: removing it pulls files from under
 * them, so one a live session holds (in-use.ts), or used within the last hour, is kept. `all` empties
 * the cache, whatever is running: run it when no sandbox is.
 */
export async function pruneCache(
  cacheDir: string,
  opts: { all?: boolean; now?: number } = {},
): Promise<CacheEntry[]> {
  await loadLibc(); // the in-use check's flock
  const dir = path.resolve(cacheDir);
  const now = opts.now ?? Date.now();
  cleanupStaleRootfsTemps(dir);
  const entries = listCache(dir);
  const removed: CacheEntry[] = [];
  const newest = new Map<string, CacheEntry>();
  const recent = (e: CacheEntry) => e.lastUse !== null && now - Date.parse(e.lastUse) < IN_USE_MS;
  for (const e of entries) {
    if (opts.all || e.version === null) {
      removed.push(e);
      continue;
    }
    const layer = e.kind === "packages" ? [e.packages, e.source] : []; // a tree's source is no matter
    const key = JSON.stringify([e.kind, branchOf(e.version), e.arch, idShiftOf(e), ...layer]);
    const other = newest.get(key);
    if (!other) newest.set(key, e);
    else {
      const [keep, drop] = (e.lastUse ?? "") > (other.lastUse ?? "") ? [e, other] : [other, e];
      newest.set(key, keep);
      if (!recent(drop) && !heldInUse(drop.dir)) removed.push(drop);
    }
  }
  for (const e of removed) (e.kind === "rootfs" ? discardTree : discardLayer)(dir, e.dir);
  // Manifests and check lists whose tree is gone (a crash between writing them and the commit), once no
  // install can be about to commit it.
  const root = path.join(dir, "rootfs");
  try {
    for (const n of readdirSync(root)) {
      const m = /^(.*)\.(manifest\.json|check)$/.exec(n);
      if (!m || !TREE_NAME_RE.test(m[1] as string) || entries.some((e) => e.name === m[1])) continue;
      const file = path.join(root, n);
      if (opts.all || now - lstatSync(file).mtimeMs >= TEMP_MAX_AGE_MS) rmSync(file, { force: true });
    }
  } catch {}
  if (opts.all) rmSync(path.join(dir, "index.json"), { force: true });
  await removeIdleLocks(dir);
  return removed;
}

// A session marks its rootfs tree and package layer used when it opens (and holds them while it lives:
// in-use.ts); the hour also covers a session of an older nsbox, which only marks them.
const IN_USE_MS = 3600 * 1000;

function branchOf(version: string): string {
  return /^\d+\.\d+/.exec(version)?.[0] ?? version;
}

/** The id shift a tree was made for, or a layer's tree was: the `-<idShift|self>` of the tree's name. */
function idShiftOf(e: CacheEntry): string {
  const tree = e.kind === "rootfs" ? e.name : (readLayerMeta(e.dir)?.rootfs ?? "");
  return tree.slice(tree.indexOf("-"));
}
