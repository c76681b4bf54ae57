// Result files out of an ended sandbox: from its kept writable layers (the root's overlay upper dir and
// each `overlay` mount's) into <outputDir>/<name>/<path inside>. What the sandbox wrote is hostile: no
// symlink is followed on either side. The source side is lstat'ed and opened O_NOFOLLOW, and every
// process of this sandbox is dead, so nothing can swap an entry in between. The host side may still be
// written by other live sandboxes (the Action's `parallel` with `workspace: rw`) or hold what a checkout
// planted: dest.ts reaches it only through directory descriptors and never writes through an existing
// entry. Only regular files and directories are copied (devices, fifos, sockets and overlay whiteouts are
// skipped), names are sanitised, and the total size and file count are capped. Copies belong to the
// caller (the runner user under sudo).
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
} from "node:fs";
import path from "node:path";
import { monotonicMs } from "../clock";
import { writeAll } from "../fs";
import { isRoot } from "../proc";
import type { MountSpec, OutputsResult } from "../types";
import {
  closeDest,
  type DestDir,
  type FileWay,
  type Owner,
  openDestDir,
  openDirAt,
  readyForFiles,
  writeNewFileAt,
} from "./dest";
import { matchPattern, type Segment, splitPattern, statesAfter } from "./pattern";

export interface OutputRequest {
  patterns: string[]; // absolute paths or globs inside the sandbox
  dir: string; // host dir; files land in <dir>/<name>/
  limitBytes: number;
  limitFiles: number;
  untrusted: string[]; // host dirs whose contents are hostile (mount sources, the Action's workspace)
}

export interface LayerView {
  upper: string; // root writable layer
  /** Caller mounts in spec order: an `overlay` one's writable layer, or null for `ro`/`rw` (nothing of the
   *  command's there: a rw mount's writes are on the host already). */
  mounts: { target: string; upper: string | null; mode: MountSpec["mode"] }[];
  /** Files nsbox itself wrote into the root layer (/etc/hosts…), with what it wrote: no output of the
   *  command unless it changed them. */
  ownFiles: ReadonlyMap<string, string>;
}

export const DEFAULT_OUTPUT_LIMIT_BYTES = 256 * 1024 * 1024;
export const DEFAULT_OUTPUT_LIMIT_FILES = 10_000;
const MAX_SKIPPED_LISTED = 50;

/** The owner copies get: the user who ran sudo when we are root through it, else ourselves. */
function callerOwner(env: NodeJS.ProcessEnv = process.env): Owner {
  if (!isRoot()) return null;
  const uid = Number(env.SUDO_UID);
  const gid = Number(env.SUDO_GID);
  return Number.isInteger(uid) && uid > 0 && Number.isInteger(gid) && gid >= 0 ? { uid, gid } : null;
}

/**
 * One path component, never a path: characters that break artifact uploads or terminals, and `/`, become
 * `_`; `.` and `..` (and "") become `_`. A command's name is its output folder, so `./unit` is not `unit`,
 * `../x` stays in the output dir and `a/b` does not nest.
 */
export function sanitizeName(name: string): string {
  let clean = "";
  for (const ch of name) clean += ch < " " || ch === "\u007f" || '/":<>|*?\\\ufffd'.includes(ch) ? "_" : ch;
  return clean === "." || clean === ".." || clean === "" ? "_" : clean;
}

/** Which layer holds a sandbox path: the deepest `overlay` mount containing it, else the root's.
 *  `prefix` is where that layer appears inside, `rel` the pattern's components below it. */
function layerFor(
  view: LayerView,
  sandboxPath: string,
): { base: string | null; prefix: string[]; rel: string[]; mode?: MountSpec["mode"] } {
  const parts = components(sandboxPath);
  let best: ReturnType<typeof layerFor> = { base: view.upper, prefix: [], rel: parts };
  for (const m of view.mounts) {
    const mp = m.target.split("/").filter(Boolean);
    if (mp.length > parts.length || mp.some((c, i) => parts[i] !== c)) continue;
    if (mp.length >= best.prefix.length)
      best = { base: m.upper, prefix: mp, rel: parts.slice(mp.length), mode: m.mode };
  }
  return best;
}

/** A kept layer a pattern is looked for in: `base` appears inside at `prefix`, `segs` apply below it. */
interface Start {
  base: string;
  prefix: string[];
  segs: Segment[];
}

/** The sandbox path of entry `name` of directory `dir` ("/" has no second slash). */
const below = (dir: string, name: Buffer) => `${dir === "/" ? "" : dir}/${name.toString()}`;

const components = (p: string) => p.split("/").filter((c) => c && c !== ".");

/**
 * The `overlay` mounts below a pattern's start (`prefix`) that its walk would cross into: the start's layer
 * holds only their empty mount points, what the command wrote there is in their own upper layers.
 */
function mountStarts(view: LayerView, prefix: readonly string[], segs: readonly Segment[]): Start[] {
  const starts: Start[] = [];
  for (const m of view.mounts) {
    const mp = components(m.target);
    if (m.upper === null || mp.length <= prefix.length || prefix.some((c, i) => mp[i] !== c)) continue;
    for (const i of statesAfter(segs, mp.slice(prefix.length)))
      starts.push({ base: m.upper, prefix: mp, segs: segs.slice(i) });
  }
  return starts;
}

/**
 * Copies what the patterns find. Asynchronous only to let the event loop run between files (a signal's
 * handler, the other sandboxes' events): once `signal` is aborted the copy stops, and what it did not
 * reach is listed as left out.
 */
export async function copyOutputs(
  name: string,
  req: OutputRequest,
  view: LayerView,
  signal?: AbortSignal,
): Promise<OutputsResult> {
  const owner = callerOwner();
  const dir = path.resolve(req.dir);
  const destRoot = path.join(dir, sanitizeName(name));
  const result: OutputsResult = { dir: destRoot, files: [], bytes: 0, skipped: [], skippedCount: 0 };
  const skip = (p: string, reason: string) => {
    result.skippedCount++;
    if (result.skipped.length < MAX_SKIPPED_LISTED) result.skipped.push({ path: p, reason });
  };
  const seen = new Set<string>();
  // A mount point in another layer is nsbox's, not the command's: what the mount holds is its own layer's.
  const mountPoints = new Set(view.mounts.map((m) => `/${components(m.target).join("/")}`));
  const wayToMounts = new Set(
    [...mountPoints].flatMap((t) =>
      components(t)
        .slice(0, -1)
        .map((_, i, a) => `/${a.slice(0, i + 1).join("/")}`),
    ),
  );
  /**
   * What nsbox itself put in a layer, not the command: another layer's mount point, a dir made on the way to
   * mount points that holds nothing else, a file it wrote (/etc/hosts) still as written, and an overlay
   * whiteout (char 0:0: a deletion, not a file). Neither copied nor listed as left out.
   */
  const nsboxMade = (src: Buffer, inside: string, top: string): boolean => {
    if (inside !== top && mountPoints.has(inside)) return true;
    const st = lstatSync(src, { throwIfNoEntry: false });
    if (!st) return false;
    if (st.isCharacterDevice() && st.rdev === 0) return true;
    if (st.isFile()) return top === "/" && isOwnFile(view.ownFiles.get(inside), src, st.size);
    if (!st.isDirectory() || inside === top || !wayToMounts.has(inside)) return false;
    try {
      return readdirSync(src, { encoding: "buffer" }).every((c) =>
        nsboxMade(Buffer.concat([src, Buffer.from("/"), c]), below(inside, c), top),
      );
    } catch {
      return false;
    }
  };
  let dirsMade = 0;
  let lastTurn = monotonicMs();
  let stopped: string | null = null; // why the copy stopped early
  /** Between entries: a turn of the event loop every YIELD_MS, then whether the run was stopped. */
  const stop = async (inside: string): Promise<boolean> => {
    if (stopped === null && monotonicMs() - lastTurn >= YIELD_MS) {
      await new Promise((r) => setImmediate(r));
      lastTurn = monotonicMs();
    }
    if (stopped === null && signal?.aborted) {
      stopped = `the run was stopped${typeof signal.reason === "string" ? ` by ${signal.reason}` : ""}`;
      skip(inside, `not copied, nor anything after it: ${stopped}`);
    }
    return stopped !== null;
  };
  // Host path → the sandbox path copied there. Sanitising maps distinct names to one (`x:` and `x_`):
  // a second file there, or a file and a directory, is skipped, never written over the first; two
  // directories share the one host directory, where any file of the second that collides is skipped.
  const claimed = new Map<string, { inside: string; dir: boolean }>();
  const claim: Claim = (dest, inside, dir) => {
    const had = claimed.get(dest);
    if (had && !(dir && had.dir)) throw new Error(`${dest} is already the copy of ${had.inside}`);
    claimed.set(dest, had ?? { inside, dir });
  };
  // Host dirs this copy has readied (swept of a killed copy's temp files, probed): once each, before its
  // first file, however often the same dir is opened again (a dir of two sandbox dirs, each pattern).
  const ways = new Map<string, FileWay>();
  const ready = (d: DestDir) => {
    d.way = ways.get(d.path) ?? readyForFiles(d);
    ways.set(d.path, d.way);
  };
  let root: DestDir;
  try {
    root = openDestDir(destRoot, trustedRoot(dir, req.untrusted), owner);
  } catch (e) {
    for (const pattern of req.patterns) skip(pattern, (e as Error).message);
    return result;
  }
  // destDir: the host dir (open) this entry's copy goes in. Whatever fails for one entry is that entry's
  // skip: one hostile name never costs the run its result.
  // top: where the layer being walked appears inside.
  const copyEntry = async (
    src: Buffer,
    inside: string,
    destDir: DestDir,
    depth: number,
    top: string,
  ): Promise<void> => {
    if (nsboxMade(src, inside, top)) return;
    // By the name's bytes: names that are not UTF-8 would all read as one (U+FFFD).
    const key = src.toString("latin1");
    if (seen.has(key) || (await stop(inside))) return;
    seen.add(key);
    let st: ReturnType<typeof lstatSync>;
    try {
      st = lstatSync(src);
    } catch {
      return;
    }
    const base = inside === "/" ? "" : sanitizeName(path.posix.basename(inside));
    const dest = base ? path.join(destDir.path, base) : destDir.path;
    if (st.isDirectory()) {
      if (depth > MAX_DEPTH) return skip(inside, `nested deeper than ${MAX_DEPTH} directories`);
      // A directory is an entry of the count too: empty ones alone would otherwise be unbounded.
      if (result.files.length + dirsMade >= req.limitFiles)
        return skip(inside, `file count limit ${req.limitFiles} reached`);
      let children: Buffer[];
      let sub: DestDir;
      try {
        claim(dest, inside, true);
        children = readdirSync(src, { encoding: "buffer" }).sort(Buffer.compare);
        sub = base ? openDirAt(destDir, base, owner) : { fd: dupDir(destDir), path: dest };
      } catch (e) {
        return skip(inside, (e as Error).message);
      }
      dirsMade++;
      try {
        for (const child of children)
          await copyEntry(
            Buffer.concat([src, Buffer.from("/"), child]),
            below(inside, child),
            sub,
            depth + 1,
            top,
          );
      } finally {
        closeDest(sub);
      }
      return;
    }
    if (!st.isFile()) {
      skip(inside, st.isSymbolicLink() ? "symlink (not followed)" : "not a regular file");
      return;
    }
    if (result.files.length + dirsMade >= req.limitFiles)
      return skip(inside, `file count limit ${req.limitFiles} reached`);
    if (result.bytes + st.size > req.limitBytes)
      return skip(inside, `size limit ${req.limitBytes} bytes reached`);
    try {
      claim(dest, inside, false);
    } catch (e) {
      return skip(inside, (e as Error).message);
    }
    ready(destDir);
    const copied = copyFile(src, destDir, base, owner, req.limitBytes - result.bytes);
    if (copied === null) return skip(inside, "changed, unreadable or not writable while copying");
    result.files.push(inside);
    result.bytes += copied;
  };
  try {
    for (const pattern of req.patterns) {
      if (stopped !== null) {
        skip(pattern, `not copied: ${stopped}`);
        continue;
      }
      if (pattern.split("/").includes("..")) {
        skip(pattern, "'..' is not allowed in output paths");
        continue;
      }
      const { base, prefix, rel, mode } = layerFor(view, pattern);
      const segs = splitPattern(rel);
      const own = prefix.length === 0 ? OWN_FILESYSTEMS.find((d) => rel[0] === d.slice(1)) : undefined;
      // The layer of the pattern's literal start, and every overlay mount's below it.
      const starts = [
        ...(base !== null && !own ? [{ base, prefix, segs }] : []),
        ...mountStarts(view, prefix, segs),
      ];
      if (starts.length === 0) {
        const where = `/${prefix.join("/")}`;
        skip(
          pattern,
          own
            ? `${own} is the sandbox's own file system, gone with it: write the file elsewhere`
            : mode === "rw"
              ? `${where} is a rw mount: what the command wrote there is on the host already`
              : `${where} is a read-only mount: the command wrote nothing there`,
        );
        continue;
      }
      // Only the command's own writable layers are looked at: what the rootfs, the packages or a setup
      // brought is no output of the command, and a pattern that finds nothing says so.
      const matches = starts
        .flatMap((st) =>
          matchPattern(st.base, st.segs).map((relPath) => {
            const src = Buffer.concat([
              Buffer.from(st.base),
              ...relPath.flatMap((b) => [Buffer.from("/"), b]),
            ]);
            const parts = [...st.prefix, ...relPath.map((b) => b.toString())];
            return { src, parts, inside: `/${parts.join("/")}`, top: `/${st.prefix.join("/")}` };
          }),
        )
        .filter((m) => !nsboxMade(m.src, m.inside, m.top));
      if (matches.length === 0)
        skip(
          pattern,
          "the command wrote nothing that matches (files of the rootfs, packages or setup are not copied)",
        );
      for (const { src, parts, inside, top } of matches) {
        const opened: DestDir[] = [];
        try {
          let destDir = root;
          for (const [i, c] of parts.slice(0, -1).entries()) {
            const sub = path.join(destDir.path, sanitizeName(c));
            claim(sub, `/${parts.slice(0, i + 1).join("/")}`, true);
            destDir = openDirAt(destDir, sanitizeName(c), owner);
            opened.push(destDir);
          }
          await copyEntry(src, inside, destDir, parts.length, top);
        } catch (e) {
          skip(inside, (e as Error).message);
        } finally {
          for (const d of opened) closeDest(d);
        }
      }
    }
  } finally {
    closeDest(root);
  }
  return result;
}

/** Whether a file holds exactly what nsbox wrote there (`own`), unchanged by the command. */
function isOwnFile(own: string | undefined, src: Buffer, size: number): boolean {
  if (own === undefined || Buffer.byteLength(own) !== size) return false;
  try {
    return readFileSync(src).equals(Buffer.from(own));
  } catch {
    return false;
  }
}

/** Records that host path dest is the copy of sandbox path inside; throws when another entry has it. */
type Claim = (dest: string, inside: string, dir: boolean) => void;

/** Mounted inside the sandbox by init, not in any kept layer: nothing there outlives the sandbox. */
const OWN_FILESYSTEMS = ["/tmp", "/dev", "/proc", "/sys"];

/** How long the copy runs between turns of the event loop. */
const YIELD_MS = 20;

/** How deep a copied tree may nest: each level holds a descriptor while its entries are copied. */
const MAX_DEPTH = 256;

/**
 * Up to where the output dir's path is the caller's: below the deepest of `untrusted` (dirs whose
 * contents sandboxes or a checkout may have made: the mounts, the Action's workspace) that holds it,
 * nothing is followed; outside them, only the output dir itself is not (as before any sandbox ran).
 */
function trustedRoot(dir: string, untrusted: readonly string[]): string {
  let best: string | null = null;
  for (const u of untrusted.map((d) => path.resolve(d))) {
    const rel = path.relative(u, dir);
    const inside = rel === "" || !(rel.startsWith("..") || path.isAbsolute(rel));
    if (inside && (best === null || u.length > best.length)) best = u;
  }
  return best ?? path.dirname(dir);
}

function dupDir(d: DestDir): number {
  return openSync(`/proc/self/fd/${d.fd}`, constants.O_RDONLY | constants.O_DIRECTORY);
}

/** Copies one regular file (opened O_NOFOLLOW, checked to be the file lstat saw) to a new file `name` of
 *  destDir; bytes or null. */
function copyFile(src: Buffer, destDir: DestDir, name: string, owner: Owner, budget: number): number | null {
  let inFd = -1;
  try {
    inFd = openSync(src, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = fstatSync(inFd);
    if (!st.isFile() || st.size > budget) return null;
    const mode = st.mode & 0o111 ? 0o755 : 0o644; // no setuid/setgid/sticky, no foreign write bits
    const input = inFd;
    return writeNewFileAt(destDir, name, mode, owner, (outFd) => {
      const buf = Buffer.allocUnsafe(1 << 20);
      let total = 0;
      for (;;) {
        const n = readSync(input, buf, 0, buf.length, null);
        if (n === 0) return total;
        total += n;
        if (total > budget) return null;
        writeAll(outFd, buf, n);
      }
    });
  } catch {
    return null;
  } finally {
    if (inFd >= 0) closeSync(inFd);
  }
}

export function mountsView(
  upper: string,
  mounts: readonly MountSpec[],
  mountUpper: (i: number) => string,
  ownFiles: ReadonlyMap<string, string> = new Map(),
): LayerView {
  return {
    upper,
    ownFiles,
    mounts: mounts.map((m, i) => ({
      target: m.target,
      upper: m.mode === "overlay" ? mountUpper(i) : null,
      mode: m.mode,
    })),
  };
}
