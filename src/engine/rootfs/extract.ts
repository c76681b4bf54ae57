// Tarball → directory tree whose modes, owners and symlink targets match the archive, except that no
// setuid/setgid bit is ever made on the host (fs.ts SETID_BITS) and no owner beyond the sandbox's ids.
import { chmodSync, lchownSync } from "node:fs";
import path from "node:path";
import { SETID_BITS } from "../fs";
import { CancelledError, SetupError, throwIfCancelled } from "../types";
import { ancestors, EntryGuard, type EntryType } from "./paths";

interface Meta {
  type: EntryType;
  mode: number;
  uid: number;
  gid: number;
}

export interface ExtractOptions {
  label: string; // file name for messages
  idShift: number | null;
  signal?: AbortSignal; // seen between chunks: CancelledError
  maxTarBytes?: number; // default MAX_TAR_BYTES; tests lower it
}

/** How many ids a sandbox maps (inside 0…65535 → host idShift…idShift+65535; session.ts). */
export const SANDBOX_ID_COUNT = 65536;

/**
 * A minirootfs inflates to ~8 MiB: a tar beyond this is refused as it inflates (a gzip bomb), before it
 * fills the disk; memory stays at one chunk whatever the archive says.
 */
const MAX_TAR_BYTES = 512 * 1024 ** 2;
const CHUNK_BYTES = 1024 ** 2;
// Loaded on the cold path only (~2.5 ms a warm start does not need).
const zlib = () => process.getBuiltinModule("node:zlib");

/**
 * Extract into `dest` (an existing empty directory). The archive is inflated a chunk at a time (zlib on
 * libuv's threads) and each chunk given to node-tar's synchronous unpacker, whose stream mode is several
 * times slower; between chunks the event loop runs, so an abort (SIGTERM) is seen within a chunk.
 * Ownership and modes are applied in a second pass (see fixTree) rather than by node-tar.
 */
export async function extractTarball(gz: Buffer, dest: string, opts: ExtractOptions): Promise<number> {
  const { UnpackSync } = await import("tar"); // loaded only on the cold path
  const fail = (why: string) => new SetupError("rootfs", `cannot extract ${opts.label}: ${why}`);
  const maxTarBytes = opts.maxTarBytes ?? MAX_TAR_BYTES;
  const notTar = () => fail(isGzip(gz) ? "the gzip data is not a tar archive" : "not a .tar.gz file");
  const guard = new EntryGuard();
  const metas = new Map<string, Meta>();
  let escaped: string | null = null;
  let foreignOwner: string | null = null; // the first entry owned beyond the sandbox's ids, in words
  const unpack = new UnpackSync({
    cwd: dest,
    preservePaths: true, // keeps absolute symlink targets (/bin/sh -> /bin/busybox); paths checked below
    preserveOwner: false, // owners are set by fixTree, which also covers symlinks
    strict: true, // any entry error or damaged archive fails the whole extraction
    maxDepth: 256,
    filter: (p, entry) => {
      if (escaped !== null || foreignOwner !== null) return false; // skip everything after a refused entry
      if (!("type" in entry)) return false;
      const type = entryType(entry.type);
      const rel = guard.check(type, p, entry.linkpath);
      if (rel === null) {
        escaped = p;
        return false;
      }
      const uid = entry.uid ?? 0;
      const gid = entry.gid ?? 0;
      if (uid >= SANDBOX_ID_COUNT || gid >= SANDBOX_ID_COUNT) {
        foreignOwner = `${p} is owned by ${uid}:${gid}`;
        return false;
      }
      // Cleared here, not only by fixTree: node-tar creates each file with its header's mode, and a setuid
      // file of the extracting user must not exist even for a moment.
      // Alpine's minirootfs ships none; a tarball's are dropped (fs.ts SETID_BITS says why).
      if (entry.mode !== undefined) entry.mode &= ~SETID_BITS;
      metas.set(rel, { type, mode: (entry.mode ?? 0) & 0o7777, uid, gid });
      return true;
    },
  });
  let inflated = 0;
  let head: Buffer | null = Buffer.alloc(0); // the first 512 bytes, checked before node-tar sees any
  try {
    for await (const chunk of tarChunks(gz)) {
      throwIfCancelled(opts.signal);
      inflated += chunk.length;
      if (inflated > maxTarBytes) {
        throw fail(`it inflates to more than ${maxTarBytes / 1024 ** 2} MiB (a minirootfs is about 8 MiB)`);
      }
      if (head !== null) {
        head = Buffer.concat([head, chunk]);
        if (head.length < 512) continue;
        // node-tar's own words for non-tar input ("invalid base256 encoding", "checksum failure") mislead.
        if (!isUstar(head)) throw notTar();
        unpack.write(head);
        head = null;
      } else unpack.write(chunk);
      if (escaped !== null || foreignOwner !== null) break;
    }
    if (head !== null) throw notTar();
    unpack.end();
  } catch (e) {
    if (e instanceof SetupError || e instanceof CancelledError) throw e;
    // The host's doing, not the archive's: the fix is room in the cache, not another tarball or mirror.
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOSPC" || code === "EDQUOT") {
      const where = path.dirname(dest);
      const why = code === "ENOSPC" ? "no space left" : "your disk quota is used up";
      throw new SetupError(
        "cache",
        `cannot extract ${opts.label}: ${why} on the file system of '${where}' (${code}; a rootfs takes about 10 MiB); free space there, or use a cache dir elsewhere`,
      );
    }
    if (escaped === null && foreignOwner === null) {
      throw fail((e as { code?: string }).code?.startsWith("Z_") ? `gzip: ${errText(e)}` : errText(e));
    }
  }
  if (escaped !== null) {
    throw new SetupError("rootfs", `tarball entry escapes the destination: ${escaped}`);
  }
  if (foreignOwner !== null) {
    throw fail(`${foreignOwner}, beyond the sandbox's ids 0-${SANDBOX_ID_COUNT - 1}`);
  }
  const count = metas.size;
  if (count === 0) throw fail("the archive holds no entries");
  fixTree(dest, metas, opts.idShift);
  return count;
}

/**
 * node-tar adds owner rwx to directories while extracting (so it can fill 0555 ones like /proc)
 * and lets the process umask trim file modes (/tmp 1777 → 1755). Put back the header modes and
 * shifted owners: chown before chmod because chown clears set-id bits; directories last and
 * deepest first, so a 0555 directory is closed only after its children are done.
 */
function fixTree(dest: string, metas: Map<string, Meta>, idShift: number | null): void {
  const dirs: string[] = [];
  const implicit = new Set<string>();
  for (const [rel, m] of metas) {
    for (const a of ancestors(rel)) if (!metas.has(a)) implicit.add(a);
    if (m.type === "Directory") dirs.push(rel);
    else if (m.type !== "Link") apply(dest, rel, m, idShift); // a hard link shares its target's inode
  }
  // Directories the archive never listed were made by node-tar: give them root's 0755.
  for (const rel of implicit) {
    metas.set(rel, { type: "Directory", mode: 0o755, uid: 0, gid: 0 });
    dirs.push(rel);
  }
  if (!metas.has("")) apply(dest, "", { type: "Directory", mode: 0o755, uid: 0, gid: 0 }, idShift);
  dirs.sort((a, b) => depth(b) - depth(a));
  for (const rel of dirs) apply(dest, rel, metas.get(rel) as Meta, idShift);
}

function apply(dest: string, rel: string, m: Meta, idShift: number | null): void {
  const abs = rel === "" ? dest : path.join(dest, rel);
  try {
    if (idShift !== null) lchownSync(abs, m.uid + idShift, m.gid + idShift);
    if (m.type !== "SymbolicLink") chmodSync(abs, m.mode);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return; // an entry node-tar skipped (e.g. replaced later in the archive)
    if (idShift !== null && code === "EPERM") {
      throw new SetupError(
        "rootfs",
        `cannot give the rootfs to uid ${idShift}: ${errText(e)}; shifting ownership needs root`,
      );
    }
    throw new SetupError("rootfs", `cannot set up ${abs}: ${errText(e)}`);
  }
}

function entryType(t: string): EntryType {
  switch (t) {
    case "Directory":
    case "GNUDumpDir":
      return "Directory";
    case "SymbolicLink":
      return "SymbolicLink";
    case "Link":
      return "Link";
    case "File":
    case "OldFile":
    case "ContiguousFile":
      return "File";
    default:
      return "Other";
  }
}

/** The archive as tar bytes, a chunk at a time: inflated if it is gzip, else sliced as it is. */
async function* tarChunks(gz: Buffer): AsyncGenerator<Buffer> {
  if (isGzip(gz)) {
    yield* zlib().createGunzip({ chunkSize: CHUNK_BYTES }).end(gz);
    return;
  }
  for (let at = 0; at < gz.length; at += CHUNK_BYTES) {
    yield gz.subarray(at, at + CHUNK_BYTES);
    await new Promise((resolve) => setImmediate(resolve)); // let an abort in
  }
}

const depth = (rel: string) => (rel === "" ? 0 : rel.split("/").length);
export const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
// POSIX ("ustar\0") and GNU ("ustar  ") headers both carry this magic; pre-POSIX v7 archives do not.
export const isUstar = (b: Buffer) => b.length >= 512 && b.toString("latin1", 257, 262) === "ustar";

function errText(e: unknown): string {
  if (e instanceof Error) return e.message.replace(/^TAR_[A-Z_]+: /, "");
  return String(e);
}
