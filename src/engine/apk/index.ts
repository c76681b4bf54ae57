// Pure: which .apk files an `apk add` will most likely ask for, read from the repositories' APKINDEX on the
// host, so the engine can stage them before the one install sandbox instead of running apk's dry run in a
// sandbox of its own first. Only a guess to save time: apk itself resolves, verifies and installs inside
// the sandbox, and when the guess missed a file the caller falls back to apk's dry run. The index comes
// from a repository (not trusted here: apk checks its signature), so parsing is bounded and anchored.
import { isPackageName } from "./parse";

export interface IndexEntry {
  name: string; // P:
  version: string; // V:
  depends: string[]; // D: tokens, as written (may carry constraints, `!conflict`, `so:`/`cmd:` names)
  provides: string[]; // p: tokens
  priority: number; // k: provider_priority
}

const MAX_INDEX_TEXT = 256 * 1024 * 1024;
// Loaded only when a run has packages (~2.5 ms a plain start does not need).
const zlib = () => process.getBuiltinModule("node:zlib");

/** The entries of an APKINDEX.tar.gz (the signature stream first when signed); [] when unreadable. */
export function readIndexEntries(gz: Buffer): IndexEntry[] {
  let tar: Buffer;
  try {
    tar = zlib().gunzipSync(gz, { maxOutputLength: MAX_INDEX_TEXT }); // every gzip member: signature, then index
  } catch {
    return [];
  }
  const text = tarMember(tar, "APKINDEX");
  return text === null ? [] : parseIndexText(text.toString("utf8"));
}

/** One regular member of a ustar stream (apk's index streams end without the zero blocks). */
function tarMember(tar: Buffer, wanted: string): Buffer | null {
  for (let off = 0; off + 512 <= tar.length; ) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) return null;
    const name = h.subarray(0, 100).toString("latin1").replace(/\0.*$/s, "");
    const size = Number.parseInt(
      h.subarray(124, 136).toString("latin1").replace(/\0.*$/s, "").trim() || "0",
      8,
    );
    if (!Number.isSafeInteger(size) || size < 0) return null;
    const start = off + 512;
    if (start + size > tar.length) return null;
    if (name === wanted && (h[156] === 0x30 || h[156] === 0)) return tar.subarray(start, start + size);
    off = start + Math.ceil(size / 512) * 512;
  }
  return null;
}

/** The entries of APKINDEX text or of an installed database (lib/apk/db/installed): one format. */
export function parseIndexText(text: string): IndexEntry[] {
  const out: IndexEntry[] = [];
  for (const block of text.split(/\n\n+/)) {
    // One pass over the block's `X:value` lines (an Alpine index has tens of thousands of blocks).
    const f: Record<string, string> = {};
    for (const line of block.split("\n"))
      if (line[1] === ":" && !((line[0] as string) in f)) f[line[0] as string] = line.slice(2).trim();
    const name = f.P;
    const version = f.V;
    if (!name || !version || !isPackageName(name)) continue;
    const list = (v: string | undefined) => (v ?? "").split(/\s+/).filter(Boolean);
    out.push({ name, version, depends: list(f.D), provides: list(f.p), priority: Number(f.k ?? 0) || 0 });
  }
  return out;
}

/** `name`, `name=1.2`, `so:libc.so>=1` … → the name a dependency or a provide is about. */
function depName(token: string): string {
  return token.replace(/[<>=~].*$/, "");
}

/**
 * The packages (name-version) `apk add requested` will fetch, as far as the index tells: the requested
 * names and their dependencies, transitively, minus what `installed` (the rootfs's own index entries)
 * already provides. A name several packages provide goes to the highest provider_priority (then the
 * first listed), as apk's solver prefers; a miss is the caller's fallback.
 */
export function guessFetches(
  requested: readonly string[],
  entries: readonly IndexEntry[],
  installed: readonly IndexEntry[],
): string[] {
  const has = new Set<string>();
  for (const e of installed) {
    has.add(e.name);
    for (const p of e.provides) has.add(depName(p));
  }
  const byName = new Map<string, IndexEntry[]>();
  const byProvide = new Map<string, IndexEntry[]>();
  const add = (m: Map<string, IndexEntry[]>, k: string, e: IndexEntry) => {
    const list = m.get(k);
    if (list) list.push(e);
    else m.set(k, [e]);
  };
  for (const e of entries) {
    add(byName, e.name, e);
    for (const p of e.provides) add(byProvide, depName(p), e);
  }
  const picked = new Map<string, IndexEntry>();
  const queue = [...requested];
  while (queue.length > 0) {
    const token = queue.shift() as string;
    const want = depName(token);
    if (!want || want.startsWith("!") || has.has(want)) continue;
    const named = byName.get(want);
    const candidates = named ?? [...(byProvide.get(want) ?? [])].sort((a, b) => b.priority - a.priority);
    // Unconstrained, apk takes a name's highest version: only that one is staged (a repository that keeps
    // old versions would otherwise have every one of them downloaded). Under a constraint, every version:
    // which one it selects is apk's business.
    const constrained = /[<>=~]/.test(token);
    const chosen = named
      ? constrained
        ? named
        : [named.reduce((best, e) => (compareApkVersions(e.version, best.version) > 0 ? e : best))]
      : candidates.slice(0, 1);
    has.add(want);
    for (const e of chosen) {
      const id = `${e.name}-${e.version}`;
      if (picked.has(id)) continue;
      picked.set(id, e);
      has.add(e.name);
      for (const p of e.provides) has.add(depName(p));
      queue.push(...e.depends);
    }
  }
  return [...picked.keys()];
}

// apk's suffixes: the pre-release ones sort before a plain version, the others after it.
const SUFFIX_ORDER = ["alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"];
const VERSION_RE = /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)(?:-r(\d+))?$/;

/**
 * apk's version order, as far as staging needs it (the numbers, a letter, the suffixes, the revision):
 * negative, zero or positive as `a` is lower, equal or higher. A version it cannot parse compares as a
 * string: a wrong guess only costs the install its dry run.
 */
export function compareApkVersions(a: string, b: string): number {
  const pa = VERSION_RE.exec(a);
  const pb = VERSION_RE.exec(b);
  if (!pa || !pb) return a < b ? -1 : a > b ? 1 : 0;
  const nums = (m: RegExpExecArray) => (m[1] as string).split(".").map(Number);
  const suffixes = (m: RegExpExecArray) =>
    [...(m[3] as string).matchAll(/_([a-z]+)(\d*)/g)].map((x) => [
      SUFFIX_ORDER.indexOf(x[1] as string),
      Number(x[2] || 0),
    ]);
  const [na, nb] = [nums(pa), nums(pb)];
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const d = (na[i] ?? -1) - (nb[i] ?? -1);
    if (d !== 0) return d;
  }
  if (pa[2] !== pb[2]) return (pa[2] as string) < (pb[2] as string) ? -1 : 1;
  const [sa, sb] = [suffixes(pa), suffixes(pb)];
  const plain = SUFFIX_ORDER.indexOf("");
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const [ka, va] = sa[i] ?? [plain, 0];
    const [kb, vb] = sb[i] ?? [plain, 0];
    if (ka !== kb) return (ka as number) - (kb as number);
    if (va !== vb) return (va as number) - (vb as number);
  }
  return Number(pa[4] ?? 0) - Number(pb[4] ?? 0);
}
