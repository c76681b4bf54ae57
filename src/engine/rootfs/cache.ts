// Cache layout (all under one directory so renames stay on one filesystem):
//   index.json                       resolution index: request key → {version, sha256, at}
//   rootfs/<sha256>-<idShift|self>   finished trees; the rename into place is the commit, so a
//                                    directory here was complete when committed
//   rootfs/<name>.manifest.json      what the tree held at its commit (../manifest.ts), written just
//                                    before the rename; checked on every use, touched as its last use
//   rootfs/<name>.check              the manifest's quick check as lines, for a session's helper to run
//                                    (native/tree.h); derived from the manifest, written with it
//   .tmp-<pid>-<rand>                extraction in progress (removed by cleanupStaleRootfsTemps)
//   locks/<rootfs|packages>-<name>.lock  held by the one process preparing that tree or package layer
//                                    (prepare-lock.ts; one a killed holder left is removed by the
//                                    stale sweep and by prune)
// Tarballs are never stored: they are downloaded into memory, verified and extracted from there.
import { chmodSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  isDir,
  randomBytes,
  readJsonOrNull,
  removeHostTree,
  removeStaleAtomicTemps,
  writeFileAtomic,
} from "../fs";
import { bootTimeMs, isRoot, pidOwnerAlive } from "../proc";
import { withoutCredentials } from "../types";

export interface IndexEntry {
  version: string;
  sha256: string;
  at: number; // ms since epoch when last resolved
}

export type Index = Record<string, IndexEntry>;

/** Aliases (latest-stable, 3.20) move when Alpine releases; exact versions never change. */
export const ALIAS_TTL_MS = 24 * 3600 * 1000;

// A temp dir is only ever used for one extraction (well under a minute): older ones are leftovers
// even when their pid was reused by an unrelated process (common in containers).
export const TEMP_MAX_AGE_MS = 3600 * 1000;

export function defaultCacheDir(): string {
  const env = process.env.NSBOX_CACHE_DIR;
  if (env) return path.resolve(env);
  if (isRoot()) return "/var/cache/nsbox";
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, "nsbox");
  return path.join(os.homedir(), ".cache", "nsbox");
}

export function rootfsPath(cacheDir: string, sha256: string, idShift: number | null): string {
  return path.join(cacheDir, "rootfs", `${sha256}-${idShift ?? "self"}`);
}

/** The manifest beside a committed tree. */
export function manifestPath(treeDir: string): string {
  return `${treeDir}.manifest.json`;
}

/** The quick check's list beside a committed tree (derived from its manifest). */
export function checkListPath(treeDir: string): string {
  return `${treeDir}.check`;
}

/** Removes what is written beside a tree (its manifest and check list): with the tree, or for want of one. */
export function removeTreeRecords(treeDir: string): void {
  rmSync(manifestPath(treeDir), { force: true });
  rmSync(checkListPath(treeDir), { force: true });
}

/** A committed tree's file name: `<sha256>-<idShift|self>`. */
export const TREE_NAME_RE = /^([0-9a-f]{64})-(\d+|self)$/;

export function readIndex(cacheDir: string): Index {
  // Missing or damaged: it is only a shortcut, the trees themselves are the truth.
  const v = readJsonOrNull(path.join(cacheDir, "index.json"));
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Index) : {};
}

export function isFresh(e: IndexEntry, exact: boolean, now = Date.now()): boolean {
  return exact || (now - e.at >= 0 && now - e.at < ALIAS_TTL_MS);
}

/** Read-modify-write through a temp file + rename: readers never see a half-written index. A lost
 *  update between two concurrent writers only costs one more resolution later. */
export function writeIndexEntry(cacheDir: string, key: string, entry: IndexEntry): void {
  const index = readIndex(cacheDir);
  // An older nsbox keyed a mirror by its URL with user and password: gone from this world-readable file.
  for (const k of Object.keys(index)) if (withoutCredentials(k) !== k) delete index[k];
  index[key] = entry;
  try {
    writeFileAtomic(path.join(cacheDir, "index.json"), `${JSON.stringify(index, null, 1)}\n`, 0o644);
  } catch {
    // a read-only cache still works, just without the shortcut
  }
}

export function ensureCacheDirs(cacheDir: string): void {
  const dir = path.join(cacheDir, "rootfs");
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  // Inside-root is an unprivileged host id in root mode: it must traverse to the tree whatever the umask.
  if ((statSync(dir).mode & 0o755) !== 0o755) chmodSync(dir, 0o755);
}

function tempName(cacheDir: string): string {
  return path.join(cacheDir, `.tmp-${process.pid}-${randomBytes(6).toString("hex")}`);
}

export function makeTempDir(cacheDir: string, mode = 0o755): string {
  const dir = tempName(cacheDir);
  mkdirSync(dir, { mode });
  return dir;
}

/**
 * Remove a committed tree and its manifest. The tree is first renamed to a temp name, so no other run
 * picks it up half-removed, and a crash mid-removal leaves a temp dir that cleanupStaleRootfsTemps takes.
 */
export function discardTree(cacheDir: string, treeDir: string): void {
  const aside = tempName(cacheDir);
  let moved = false;
  try {
    renameSync(treeDir, aside);
    moved = true;
  } catch {
    // gone already, or not ours to move: remove in place
  }
  removeTreeRecords(treeDir);
  removeHostTree(moved ? aside : treeDir);
}

/** Move a finished tree into place. False when another process got there first: theirs is kept
 *  (identical content by construction) and ours removed. */
export function commitDir(tmp: string, final: string): boolean {
  try {
    renameSync(tmp, final);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if ((code === "ENOTEMPTY" || code === "EEXIST") && isDir(final)) {
      removeHostTree(tmp);
      return false;
    }
    removeHostTree(tmp);
    throw e;
  }
}

/**
 * Remove temp extraction dirs of dead processes. Returns how many. The owner is judged by the dir's ctime,
 * never its mtime: the extraction sets the mtime to the tarball's (years old) and the manifest's record
 * to 2000-01-01, while the ctime moves with every change, so it is never earlier than the owner's start
 * and a pid reused by a later process is told apart (`pidOwnerAlive`).
 */
export function cleanupStaleRootfsTemps(cacheDir: string): number {
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch {
    return 0;
  }
  const bootMs = bootTimeMs();
  // The files written aside and renamed (index.json, manifests, check lists, the package index record).
  const ownerAlive = (pid: number, ctimeMs: number) => pidOwnerAlive(pid, ctimeMs, bootMs);
  let removed = 0;
  for (const dir of [cacheDir, path.join(cacheDir, "rootfs"), path.join(cacheDir, "packages")])
    removed += removeStaleAtomicTemps(dir, ownerAlive);
  for (const name of names) {
    const m = /^\.tmp-(\d+)-[0-9a-f]+$/.exec(name);
    if (!m) continue;
    const dir = path.join(cacheDir, name);
    try {
      if (pidOwnerAlive(Number(m[1]), lstatSync(dir).ctimeMs, bootMs)) continue;
    } catch {
      continue;
    }
    try {
      removeHostTree(dir);
      removed++;
    } catch {
      // another cleaner raced us, or no permission: not our business to fail over
    }
  }
  return removed;
}
