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

// What the host reads of an index before apk has verified it (a MITM on plain http can serve anything):
// bounds with ample room over Alpine's largest (x86_64 edge/community: ~1 MB gzip, ~8 MB of text, ~25k
// entries, a few dependency and provide tokens each). Past one, the host makes no guess (IndexTooLarge).
const MAX_INDEX_TEXT = 64 * 1024 ** 2;
const MAX_INDEX_ENTRIES = 250_000;
const MAX_INDEX_TOKENS = 2_500_000; // D: and p: tokens of all entries together
// Loaded only when a run has packages (~2.5 ms a plain start does not need).
const zlib = () => process.getBuiltinModule("node:zlib");

/** An index beyond what the host reads (MAX_INDEX_*): the message says which bound. */
export class IndexTooLarge extends Error {}

/**
 * The entries of an APKINDEX.tar.gz (the signature stream first when signed); [] when unreadable.
 * Throws IndexTooLarge past a bound.
 */
export function readIndexEntries(gz: Buffer): IndexEntry[] {
  let tar: Buffer;
  try {
    tar = zlib().gunzipSync(gz, { maxOutputLength: MAX_INDEX_TEXT }); // every gzip member: signature, then index
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      throw new IndexTooLarge(`it inflates to over ${MAX_INDEX_TEXT / 1024 ** 2} MiB`);
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

/**
 * The entries of APKINDEX text or of an installed database (lib/apk/db/installed): one format. One pass
 * over the text, line by line: a block costs at most one string per field letter, however many lines it
 * has. Throws IndexTooLarge past MAX_INDEX_ENTRIES blocks or MAX_INDEX_TOKENS tokens.
 */
export function parseIndexText(text: string): IndexEntry[] {
  const out: IndexEntry[] = [];
  let blocks = 0;
  let tokens = 0;
  // A value's tokens, counted before any is made: one D: line of millions of names stops at the bound.
  const list = (v: string | undefined): string[] => {
    if (!v) return [];
    const words = v.split(/\s+/, MAX_INDEX_TOKENS - tokens + 1); // v is trimmed: no empty word
    tokens += words.length;
    if (tokens > MAX_INDEX_TOKENS)
      throw new IndexTooLarge(`its entries name over ${MAX_INDEX_TOKENS} dependencies and provides`);
    return words;
  };
  let f: Record<string, string> = {};
  let lines = 0; // of the current block
  const endBlock = () => {
    if (lines === 0) return;
    if (++blocks > MAX_INDEX_ENTRIES) throw new IndexTooLarge(`it has over ${MAX_INDEX_ENTRIES} entries`);
    const { P: name, V: version, D: depends, p: provides, k: priority } = f;
    f = {};
    lines = 0;
    if (!name || !version || !isPackageName(name)) return;
    out.push({
      name,
      version,
      depends: list(depends),
      provides: list(provides),
      priority: Number(priority ?? 0) || 0,
    });
  };
  for (let at = 0; at < text.length; ) {
    const nl = text.indexOf("\n", at);
    const end = nl < 0 ? text.length : nl;
    if (end === at)
      endBlock(); // an empty line ends a block
    else {
      lines++;
      // `X:value`, the first of each letter: the field's string is made only then.
      const key = text[at] as string;
      if (text.charCodeAt(at + 1) === 58 && !(key in f)) f[key] = text.slice(at + 2, end).trim();
    }
    at = end + 1;
  }
  endBlock();
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
