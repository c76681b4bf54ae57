// A record of a cached tree (every entry's path, type, mode, owner, size and content hash), taken when the
// tree is committed, so damage done to it later (a deleted or truncated file, a chmod) is found instead of
// surfacing as a baffling failure inside the sandbox. Generic over what the tree is: the rootfs cache uses
// it, and any other cache of extracted trees (e.g. package layers) can. `meta` says what the tree is.
//
// Two checks: checkTree (every use; lstat of each recorded entry, no reads; a symlink's size is its
// target's length) and verifyTree (`nsbox cache verify`; also content hashes, symlink targets and extra
// entries). checkTree skips the symlinks of a directory whose mtime is still the recorded one: a link can
// only be removed, replaced or re-pointed by changing its directory, and Alpine's rootfs is two thirds
// busybox links (518 entries, 334 links: ~10 ms of lstat in a fresh process, ~3.5 ms without them).
import { lstatSync, readlinkSync, utimesSync } from "node:fs";
import { childPath, hasEscapedBytes, namesOf, nameText, textPath } from "./file-names";
import { readJsonOrNull, SETID_BITS, sha256File, writeFileAtomic } from "./fs";

const MANIFEST_FORMAT = 1;

type Kind = "d" | "f" | "l" | "o"; // directory, regular file, symlink, other (device, fifo: never in a rootfs)

/**
 * [path relative to the tree ("" = its root), kind, mode (07777), uid, gid, size (files), digest, and for a
 * directory its mtime in ms (absent in manifests written before it was recorded)].
 */
export type ManifestEntry = [string, Kind, number, number, number, number, string, number?];

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

// Every directory's mtime is set to this before it is recorded: any later change to the directory then
// moves its mtime off it, however coarse the kernel's timestamps (a change within the same clock tick as
// the recording would otherwise keep the recorded value).
const DIR_MTIME_S = 946_684_800; // 2000-01-01

/**
 * Walks the tree (never following symlinks) and records every entry, hashing the regular files; each
 * directory's mtime is first set to DIR_MTIME_S (the tree is about to be committed and never changes).
 * It walks by bytes and records each path as file-names.ts's text (a package's names need not be UTF-8).
 */
export function recordTree(dir: string, meta: Record<string, string>): TreeManifest {
  const entries: ManifestEntry[] = [];
  let bytes = 0;
  const visit = (rel: string, abs: string | Buffer) => {
    const st = lstatSync(abs);
    const kind = kindOf(st);
    let digest = "";
    if (kind === "f") {
      digest = sha256File(abs);
      bytes += st.size;
    } else if (kind === "l") digest = readlinkSync(abs);
    const entry: ManifestEntry = [
      rel,
      kind,
      st.mode & 0o7777,
      st.uid,
      st.gid,
      kind === "f" ? st.size : 0,
      digest,
    ];
    if (kind === "d") {
      utimesSync(abs, DIR_MTIME_S, DIR_MTIME_S);
      entry.push(DIR_MTIME_S * 1000); // what lstat's mtimeMs now reads
    }
    entries.push(entry);
    if (kind === "d") {
      const children = namesOf(abs).map((name) => ({ name, text: nameText(name) }));
      children.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
      for (const c of children) visit(rel === "" ? c.text : `${rel}/${c.text}`, childPath(abs, c.name));
    }
  };
  visit("", dir);
  return { format: MANIFEST_FORMAT, meta, bytes, entries };
}

/** Through a temp file and a rename: a reader sees the old manifest, the new one, or none. */
export function writeManifest(file: string, m: TreeManifest): void {
  writeFileAtomic(file, JSON.stringify(m), 0o644);
}

/**
 * The tree's quick check as a list for the helper (native/tree.h has the format): checkTree's data in
 * lines, so that the server checks the tree in C on a CPU of its own while the engine sets the session up.
 * Null when a path cannot be a line of it (a newline in a name): the engine then keeps checking by itself.
 */
export function checkListText(m: TreeManifest): string | null {
  const lines = ["nsbox-tree-check 1"];
  for (const [rel, kind, mode, uid, gid, size, digest, mtimeMs] of m.entries) {
    if (rel.includes("\n") || hasEscapedBytes(rel)) return null;
    const length = kind === "f" ? String(size) : kind === "l" ? String(linkLength(digest) ?? "-") : "-";
    const modeText = kind === "l" ? "-" : mode.toString(8);
    const mtime = kind === "d" && mtimeMs !== undefined ? String(mtimeMs) : "-";
    lines.push(`${kind} ${modeText} ${uid} ${gid} ${length} ${mtime} ${rel}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The manifest, or null when it is missing, unreadable or not one this code wrote. */
export function readManifest(file: string): TreeManifest | null {
  const m = readJsonOrNull(file) as Partial<TreeManifest> | null;
  if (!m || m.format !== MANIFEST_FORMAT || !Array.isArray(m.entries) || typeof m.meta !== "object")
    return null;
  if (m.entries.length === 0 || m.entries[0]?.[0] !== "") return null; // every manifest starts at the root
  // Every entry, not only the first: one damaged line must read as a missing manifest (the tree is then
  // re-extracted or removed), never as a TypeError in the middle of a check.
  if (!m.entries.every(isEntry)) return null;
  return m as TreeManifest;
}

const KINDS: readonly string[] = ["d", "f", "l", "o"];
const isCount = (v: unknown) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

function isEntry(e: unknown): e is ManifestEntry {
  return (
    Array.isArray(e) &&
    (e.length === 7 || e.length === 8) &&
    typeof e[0] === "string" &&
    KINDS.includes(e[1]) &&
    [e[2], e[3], e[4], e[5]].every(isCount) &&
    typeof e[6] === "string" &&
    (e[7] === undefined || typeof e[7] === "number")
  );
}

/**
 * The cheap check run on every use: each recorded entry still exists with its type, mode, owner and (files)
 * size. Returns the first damage found, in words ("bin/busybox is missing"), or null when the tree is whole.
 */
export function checkTree(dir: string, m: TreeManifest): string | null {
  const unchangedDirs = new Set<string>();
  for (const e of m.entries) {
    if (e[1] === "l" && unchangedDirs.has(parentOf(e[0]))) continue;
    const st = lstatEntry(dir, e[0]);
    if (typeof st === "string") return st;
    const damage = entryDamage(e, st);
    if (damage) return damage;
    if (e[1] === "d" && e[7] !== undefined && st.mtimeMs === e[7]) unchangedDirs.add(e[0]);
  }
  return null;
}

const parentOf = (rel: string) => rel.slice(0, Math.max(0, rel.lastIndexOf("/")));

type Stats = import("node:fs").Stats;

/**
 * The entry's lstat, or its damage in words when it is missing or unreadable. The path is `dir/rel` as a
 * plain concatenation: a recorded rel is names joined by "/" (recordTree), and path.join's normalizing,
 * interpreted on a step's first and only pass, was half of the check's ~4 ms in the Action.
 */
function lstatEntry(dir: string, rel: string): Stats | string {
  const name = rel === "" ? "the tree's root" : rel;
  try {
    return lstatSync(entryPath(dir, rel), { throwIfNoEntry: false }) ?? `${name} is missing`;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOTDIR" ? `${name} is missing` : `${name} cannot be read (${code})`;
  }
}

/** Where a recorded entry is: `dir/rel` as a string, or as bytes for a rel with escaped bytes. */
function entryPath(dir: string, rel: string): string | Buffer {
  if (rel === "") return dir;
  return hasEscapedBytes(rel) ? childPath(dir, textPath(rel) as Buffer) : `${dir}/${rel}`;
}

function entryDamage([rel, kind, mode, uid, gid, size, digest]: ManifestEntry, st: Stats): string | null {
  const name = rel === "" ? "the tree's root" : rel;
  const now = kindOf(st);
  if (now !== kind) return `${name} is ${KIND_NAME[now]}, expected ${KIND_NAME[kind]}`;
  if (kind === "f" && st.size !== size) return `${name} has ${st.size} bytes, expected ${size}`;
  // A re-pointed link is seen without a readlink, unless the new target is as long (the full check reads it).
  const length = kind === "l" ? linkLength(digest) : null;
  if (length !== null && st.size !== length) return `${name} points elsewhere`;
  if (kind !== "l" && (st.mode & 0o7777) !== mode) {
    return `${name} has mode ${octal(st.mode & 0o7777)}, expected ${octal(mode)}`;
  }
  if (st.uid !== uid || st.gid !== gid)
    return `${name} is owned by ${st.uid}:${st.gid}, expected ${uid}:${gid}`;
  // Whatever the record says: no cached tree keeps these bits (fs.ts SETID_BITS), so one is an older
  // nsbox's tree, whose setuid file would let a local user become the sandboxes' uid.
  if (kind !== "l" && st.mode & SETID_BITS)
    return `${name} is setuid or setgid (mode ${octal(st.mode & 0o7777)})`;
  return null;
}

const octal = (n: number) => `0${n.toString(8)}`;

/**
 * What a link's lstat size must be: its recorded target's length in bytes. Null for a target recorded
 * through a lossy decode (not UTF-8): no reliable length (checkTree and the helper's list both skip it).
 */
function linkLength(target: string): number | null {
  return target.includes("\ufffd") ? null : Buffer.byteLength(target);
}

/** The full check (`nsbox cache verify`): checkTree for every entry, content hashes, link targets, extras. */
export function verifyTree(dir: string, m: TreeManifest): string[] {
  const damage: string[] = [];
  const recorded = new Set<string>();
  for (const e of m.entries) {
    recorded.add(e[0]);
    const st = lstatEntry(dir, e[0]);
    const d = typeof st === "string" ? st : entryDamage(e, st);
    if (d) {
      damage.push(d);
      continue;
    }
    const [rel, kind, , , , , digest] = e;
    const abs = entryPath(dir, rel);
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
      names = namesOf(entryPath(dir, rel)).map(nameText);
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
