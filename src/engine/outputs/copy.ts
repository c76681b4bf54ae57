// Result files out of an ended sandbox: from its kept writable layers (the root's overlay upper dir and
// each `overlay` mount's) into <outputDir>/<name>/<path inside>. What the sandbox wrote is hostile: no
// symlink is followed on either side (entries are lstat'ed and opened O_NOFOLLOW, and every process of
// the sandbox is dead, so nothing can swap an entry in between), only regular files and directories
// are copied (devices, fifos, sockets and overlay whiteouts are skipped), names are sanitised, and the
// total size and file count are capped. Copies belong to the caller (the runner user under sudo).
import {
  closeSync,
  constants,
  fchownSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { isRoot } from "../proc";
import type { MountSpec, OutputsResult } from "../types";
import { matchPattern, splitPattern } from "./pattern";

export interface OutputRequest {
  patterns: string[]; // absolute paths or globs inside the sandbox
  dir: string; // host dir; files land in <dir>/<name>/
  limitBytes: number;
  limitFiles: number;
}

export interface LayerView {
  upper: string; // root writable layer
  mounts: { target: string; upper: string }[]; // `overlay` mounts, in spec order
}

export const DEFAULT_OUTPUT_LIMIT_BYTES = 256 * 1024 * 1024;
export const DEFAULT_OUTPUT_LIMIT_FILES = 10_000;
const MAX_SKIPPED_LISTED = 50;

/** The owner copies get: the user who ran sudo when we are root through it, else ourselves. */
function callerOwner(env: NodeJS.ProcessEnv = process.env): { uid: number; gid: number } | null {
  if (!isRoot()) return null;
  const uid = Number(env.SUDO_UID);
  const gid = Number(env.SUDO_GID);
  return Number.isInteger(uid) && uid > 0 && Number.isInteger(gid) && gid >= 0 ? { uid, gid } : null;
}

/** Characters that break artifact uploads or terminals become `_`. */
export function sanitizeName(name: string): string {
  let clean = "";
  for (const ch of name) clean += ch < " " || ch === "\u007f" || '":<>|*?\\\ufffd'.includes(ch) ? "_" : ch;
  return clean === "." || clean === ".." || clean === "" ? "_" : clean;
}

/** Which layer holds a sandbox path: the deepest `overlay` mount containing it, else the root's.
 *  `prefix` is where that layer appears inside, `rel` the pattern's components below it. */
function layerFor(view: LayerView, sandboxPath: string): { base: string; prefix: string[]; rel: string[] } {
  const parts = sandboxPath.split("/").filter((c) => c && c !== ".");
  let best = { base: view.upper, prefix: [] as string[], rel: parts };
  for (const m of view.mounts) {
    const mp = m.target.split("/").filter(Boolean);
    if (mp.length > parts.length || mp.some((c, i) => parts[i] !== c)) continue;
    if (mp.length >= best.prefix.length) best = { base: m.upper, prefix: mp, rel: parts.slice(mp.length) };
  }
  return best;
}

export function copyOutputs(name: string, req: OutputRequest, view: LayerView): OutputsResult {
  const owner = callerOwner();
  const destRoot = path.join(path.resolve(req.dir), sanitizeName(name));
  const result: OutputsResult = { dir: destRoot, files: [], bytes: 0, skipped: [], skippedCount: 0 };
  const skip = (p: string, reason: string) => {
    result.skippedCount++;
    if (result.skipped.length < MAX_SKIPPED_LISTED) result.skipped.push({ path: p, reason });
  };
  const seen = new Set<string>();
  // Host path → the sandbox path copied there. Sanitising maps distinct names to one (`x:` and `x_`):
  // a second file there, or a file and a directory, is skipped, never written over the first; two
  // directories share the one host directory, where any file of the second that collides is skipped.
  const claimed = new Map<string, { inside: string; dir: boolean }>();
  const claim: Claim = (dest, inside, dir) => {
    const had = claimed.get(dest);
    if (had && !(dir && had.dir)) throw new Error(`${dest} is already the copy of ${had.inside}`);
    claimed.set(dest, had ?? { inside, dir });
  };
  // destDir: the host dir (already created) this entry's copy goes in. Whatever fails for one entry
  // is that entry's skip: one hostile name never costs the run its result.
  const copyEntry = (src: Buffer, inside: string, destDir: string) => {
    if (seen.has(inside)) return;
    seen.add(inside);
    let st: ReturnType<typeof lstatSync>;
    try {
      st = lstatSync(src);
    } catch {
      return;
    }
    const dest = inside === "/" ? destDir : path.join(destDir, sanitizeName(path.posix.basename(inside)));
    if (st.isDirectory()) {
      let children: Buffer[];
      try {
        claim(dest, inside, true);
        mkdirChecked(dest, owner, false);
        children = readdirSync(src, { encoding: "buffer" }).sort(Buffer.compare);
      } catch (e) {
        return skip(inside, (e as Error).message);
      }
      for (const child of children)
        copyEntry(Buffer.concat([src, Buffer.from("/"), child]), `${inside}/${child.toString()}`, dest);
      return;
    }
    if (!st.isFile()) {
      skip(inside, st.isSymbolicLink() ? "symlink (not followed)" : "not a regular file");
      return;
    }
    if (result.files.length >= req.limitFiles)
      return skip(inside, `file count limit ${req.limitFiles} reached`);
    if (result.bytes + st.size > req.limitBytes)
      return skip(inside, `size limit ${req.limitBytes} bytes reached`);
    try {
      claim(dest, inside, false);
    } catch (e) {
      return skip(inside, (e as Error).message);
    }
    const copied = copyFile(src, dest, owner, req.limitBytes - result.bytes);
    if (copied === null) return skip(inside, "changed or unreadable while copying");
    result.files.push(inside);
    result.bytes += copied;
  };
  for (const pattern of req.patterns) {
    if (pattern.split("/").includes("..")) {
      skip(pattern, "'..' is not allowed in output paths");
      continue;
    }
    const { base, prefix, rel } = layerFor(view, pattern);
    for (const relPath of matchPattern(base, splitPattern(rel))) {
      const parts = [...prefix, ...relPath.map((b) => b.toString())];
      const inside = `/${parts.join("/")}`;
      let destDir: string;
      try {
        destDir = ensureDir(destRoot, parts.slice(0, -1), claim, owner);
      } catch (e) {
        skip(inside, (e as Error).message);
        continue;
      }
      copyEntry(
        Buffer.concat([Buffer.from(base), ...relPath.flatMap((b) => [Buffer.from("/"), b])]),
        inside,
        destDir,
      );
    }
  }
  return result;
}

/** Records that host path dest is the copy of sandbox path inside; throws when another entry has it. */
type Claim = (dest: string, inside: string, dir: boolean) => void;

/** <destRoot>/<sanitised components>, each created as a real dir (never through a symlink) and claimed
 *  as the copy of the sandbox dir it stands for; throws (the entry's skip reason) when one cannot be. */
function ensureDir(
  destRoot: string,
  components: readonly string[],
  claim: Claim,
  owner: { uid: number; gid: number } | null,
): string {
  let dir = destRoot;
  mkdirChecked(path.dirname(destRoot), owner, true);
  mkdirChecked(destRoot, owner, false);
  for (const [i, c] of components.entries()) {
    dir = path.join(dir, sanitizeName(c));
    claim(dir, `/${components.slice(0, i + 1).join("/")}`, true);
    mkdirChecked(dir, owner, false);
  }
  return dir;
}

/** Creates dir (with its missing parents when recursive); what this call created belongs to the owner,
 *  what existed before is left as it is. */
function mkdirChecked(dir: string, owner: { uid: number; gid: number } | null, recursive: boolean): void {
  try {
    let created: string | undefined;
    if (recursive) created = mkdirSync(dir, { recursive, mode: 0o755 });
    else {
      mkdirSync(dir, { mode: 0o755 });
      created = dir;
    }
    // mkdirSync returns the first directory it created: that one and each below it down to dir are new.
    if (owner && created !== undefined)
      for (let d = dir; ; d = path.dirname(d)) {
        chownDir(d, owner);
        if (d === created || d === path.dirname(d)) break;
      }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  if (!lstatSync(dir).isDirectory()) throw new Error(`output directory ${dir} is not a directory`);
}

function chownDir(dir: string, owner: { uid: number; gid: number }): void {
  const fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  try {
    fchownSync(fd, owner.uid, owner.gid);
  } finally {
    closeSync(fd);
  }
}

/** Copies one regular file (opened O_NOFOLLOW, checked to be the file lstat saw); bytes or null. */
function copyFile(
  src: Buffer,
  dest: string,
  owner: { uid: number; gid: number } | null,
  budget: number,
): number | null {
  let inFd = -1;
  let outFd = -1;
  try {
    inFd = openSync(src, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = fstatSync(inFd);
    if (!st.isFile() || st.size > budget) return null;
    const mode = st.mode & 0o111 ? 0o755 : 0o644; // no setuid/setgid/sticky, no foreign write bits
    outFd = openSync(
      dest,
      constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
      mode,
    );
    const buf = Buffer.allocUnsafe(1 << 20);
    let total = 0;
    for (;;) {
      const n = readSync(inFd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > budget) return null;
      writeSync(outFd, buf, 0, n);
    }
    if (owner) fchownSync(outFd, owner.uid, owner.gid);
    return total;
  } catch {
    return null;
  } finally {
    if (inFd >= 0) closeSync(inFd);
    if (outFd >= 0) closeSync(outFd);
  }
}

export function mountsView(
  upper: string,
  mounts: readonly MountSpec[],
  mountUpper: (i: number) => string,
): LayerView {
  return {
    upper,
    mounts: mounts.flatMap((m, i) =>
      m.mode === "overlay" ? [{ target: m.target, upper: mountUpper(i) }] : [],
    ),
  };
}
