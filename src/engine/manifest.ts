// A record of a cached tree (every entry's path, type, mode, owner, size and content hash), taken when the
// tree is committed, so damage done to it later (a deleted or truncated file, a chmod) is found instead of
// surfacing as a baffling failure inside the sandbox. Generic over what the tree is: the rootfs cache uses
// it, and any other cache of extracted trees (e.g. package layers) can. `meta` says what the tree is.
//
// Two checks: checkTree (every use; lstat of each recorded entry, no reads: ~1 ms for Alpine's ~520
// entries; a symlink's size is its target's length) and verifyTree (`nsbox cache verify`; also content hashes, symlink targets and extra entries).
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import { readJsonOrNull, sha256Hex, writeFileAtomic } from "./fs";

const MANIFEST_FORMAT = 1;

type Kind = "d" | "f" | "l" | "o"; // directory, regular file, symlink, other (device, fifo: never in a rootfs)

/** [path relative to the tree ("" = its root), kind, mode (07777), uid, gid, size (files), digest]. */
export type ManifestEntry = [string, Kind, number, number, number, number, string];

export interface TreeManifest {
  format: typeof MANIFEST_FORMAT;
  meta: Record<string, string>;
  bytes: number; // total size of the regular files
  entries: ManifestEntry[];
}

function kindOf(st: { isDirectory(): boolean; isFile(): boolean; isSymbolicLink(): boolean }): Kind {
  return st.isSymbolicLink() ? "l" : st.isDirectory() ? "d" : st.isFile() ? "f" : "o";
}

const KIND_NAME: Record<Kind, string> = {
  d: "a directory",
  f: "a file",
  l: "a symlink",
  o: "a special file",
};

/** Walks the tree (never following symlinks) and records every entry, hashing the regular files. */
export function recordTree(dir: string, meta: Record<string, string>): TreeManifest {
  const entries: ManifestEntry[] = [];
  let bytes = 0;
  const visit = (rel: string) => {
    const abs = rel === "" ? dir : path.join(dir, rel);
    const st = lstatSync(abs);
    const kind = kindOf(st);
    let digest = "";
    if (kind === "f") {
      digest = sha256File(abs);
      bytes += st.size;
    } else if (kind === "l") digest = readlinkSync(abs);
    entries.push([rel, kind, st.mode & 0o7777, st.uid, st.gid, kind === "f" ? st.size : 0, digest]);
    if (kind === "d") for (const name of readdirSync(abs).sort()) visit(rel === "" ? name : `${rel}/${name}`);
  };
  visit("");
  return { format: MANIFEST_FORMAT, meta, bytes, entries };
}

function sha256File(file: string): string {
  return sha256Hex(readFileSync(file));
}

/** Through a temp file and a rename: a reader sees the old manifest, the new one, or none. */
export function writeManifest(file: string, m: TreeManifest): void {
  writeFileAtomic(file, JSON.stringify(m), 0o644);
}

/** The manifest, or null when it is missing, unreadable or not one this code wrote. */
export function readManifest(file: string): TreeManifest | null {
  const m = readJsonOrNull(file) as Partial<TreeManifest> | null;
  if (!m || m.format !== MANIFEST_FORMAT || !Array.isArray(m.entries) || typeof m.meta !== "object")
    return null;
  if (m.entries.length === 0 || m.entries[0]?.[0] !== "") return null; // every manifest starts at the root
  return m as TreeManifest;
}

/**
 * The cheap check run on every use: each recorded entry still exists with its type, mode, owner and (files)
 * size. Returns the first damage found, in words ("bin/busybox is missing"), or null when the tree is whole.
 */
export function checkTree(dir: string, m: TreeManifest): string | null {
  for (const e of m.entries) {
    const damage = checkEntry(dir, e);
    if (damage) return damage;
  }
  return null;
}

function checkEntry(dir: string, [rel, kind, mode, uid, gid, size, digest]: ManifestEntry): string | null {
  const name = rel === "" ? "the tree's root" : rel;
  let st: ReturnType<typeof lstatSync>;
  try {
    st = lstatSync(rel === "" ? dir : path.join(dir, rel), { throwIfNoEntry: false });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOTDIR" ? `${name} is missing` : `${name} cannot be read (${code})`;
  }
  if (!st) return `${name} is missing`;
  const now = kindOf(st);
  if (now !== kind) return `${name} is ${KIND_NAME[now]}, expected ${KIND_NAME[kind]}`;
  if (kind === "f" && st.size !== size) return `${name} has ${st.size} bytes, expected ${size}`;
  // A symlink's lstat size is its target's length in bytes: a re-pointed link is seen without a
  // readlink, unless the new target is as long (the full check reads it). A target recorded through a
  // lossy decode (not UTF-8) has no reliable length here.
  if (kind === "l" && !digest.includes("\ufffd") && st.size !== Buffer.byteLength(digest))
    return `${name} points elsewhere`;
  if (kind !== "l" && (st.mode & 0o7777) !== mode) {
    return `${name} has mode ${octal(st.mode & 0o7777)}, expected ${octal(mode)}`;
  }
  if (st.uid !== uid || st.gid !== gid)
    return `${name} is owned by ${st.uid}:${st.gid}, expected ${uid}:${gid}`;
  return null;
}

const octal = (n: number) => `0${n.toString(8)}`;

/** The full check (`nsbox cache verify`): checkTree for every entry, content hashes, link targets, extras. */
export function verifyTree(dir: string, m: TreeManifest): string[] {
  const damage: string[] = [];
  const recorded = new Set<string>();
  for (const e of m.entries) {
    recorded.add(e[0]);
    const d = checkEntry(dir, e);
    if (d) {
      damage.push(d);
      continue;
    }
    const [rel, kind, , , , , digest] = e;
    const abs = rel === "" ? dir : path.join(dir, rel);
    try {
      if (kind === "f" && sha256File(abs) !== digest) damage.push(`${rel}'s content changed`);
      if (kind === "l" && readlinkSync(abs) !== digest) damage.push(`${rel} points elsewhere`);
    } catch (err) {
      damage.push(`${rel} is unreadable (${(err as NodeJS.ErrnoException).code ?? err})`);
    }
  }
  const extras = (rel: string) => {
    let names: string[];
    try {
      names = readdirSync(rel === "" ? dir : path.join(dir, rel));
    } catch {
      return; // reported above as missing or of the wrong type
    }
    for (const n of names) {
      const child = rel === "" ? n : `${rel}/${n}`;
      if (!recorded.has(child)) damage.push(`${child} was added`);
    }
  };
  for (const [rel, kind] of m.entries) if (kind === "d") extras(rel);
  return damage;
}
