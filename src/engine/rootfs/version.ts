// Pure parsing: what the caller asked for, the mirror's release list, checksum files, arch names.
import { UsageError } from "../types";

/** A parsed `alpine` request. `dir` is the mirror directory holding its latest-releases.yaml. */
export type AlpineRequest =
  | { kind: "alias"; text: string; dir: string } // latest-stable
  | { kind: "branch"; text: string; dir: string } // 3.20 → v3.20
  | { kind: "exact"; text: string; dir: string; version: string }; // 3.20.3 → v3.20

const NUM = "(0|[1-9][0-9]{0,3})";
const BRANCH_RE = new RegExp(`^${NUM}\\.${NUM}$`);
const EXACT_RE = new RegExp(`^${NUM}\\.${NUM}\\.${NUM}$`);

export function parseAlpineRequest(text: string | undefined): AlpineRequest {
  const t = text ?? "latest-stable";
  if (t === "latest-stable") return { kind: "alias", text: t, dir: "latest-stable" };
  let m = BRANCH_RE.exec(t);
  if (m) return { kind: "branch", text: t, dir: `v${m[1]}.${m[2]}` };
  m = EXACT_RE.exec(t);
  if (m) return { kind: "exact", text: t, dir: `v${m[1]}.${m[2]}`, version: t };
  throw new UsageError(`alpine: '${t}' is not a version; use 3.20, 3.20.3 or latest-stable`);
}

const ARCHES: Record<string, string> = { x64: "x86_64", arm64: "aarch64" };

/** Node's process.arch → Alpine's release directory name. */
export function alpineArch(nodeArch: string): string {
  const a = ARCHES[nodeArch];
  if (!a) {
    throw new UsageError(
      `architecture '${nodeArch}' is not supported; nsbox runs on x64 (x86_64) and arm64 (aarch64)`,
    );
  }
  return a;
}

export type YamlEntry = Record<string, string>;

/**
 * The subset of YAML that latest-releases.yaml uses: a list of `-` items, each with `key: value`
 * lines; values may be quoted and may continue on more-indented lines (the `desc` field).
 */
export function parseReleasesYaml(text: string): YamlEntry[] {
  const entries: YamlEntry[] = [];
  let cur: YamlEntry | null = null;
  let lastKey: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, "");
    if (line === "" || line === "---" || line.trimStart().startsWith("#")) continue;
    let body = line;
    if (/^-(\s|$)/.test(line)) {
      cur = {};
      entries.push(cur);
      lastKey = null;
      body = line.slice(1);
      if (body.trim() === "") continue;
    }
    if (!cur) continue; // text before the first item
    const open = lastKey !== null && isOpenQuote(cur[lastKey] as string);
    const kv = open ? null : /^\s*([A-Za-z0-9_-]+):(?:\s+(.*))?$/.exec(body);
    if (kv) {
      lastKey = kv[1] as string;
      cur[lastKey] = kv[2] ?? "";
    } else if (lastKey !== null) {
      cur[lastKey] = `${cur[lastKey]} ${body.trim()}`; // continuation of a multi-line value
    }
  }
  for (const e of entries) for (const k of Object.keys(e)) e[k] = unquote(e[k] as string);
  return entries;
}

/** A value that starts a quoted scalar not yet closed on this line. */
function isOpenQuote(v: string): boolean {
  const q = v[0];
  return (q === '"' || q === "'") && (v.length === 1 || v.at(-1) !== q);
}

function unquote(v: string): string {
  const s = v.trim();
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s.at(-1) === s[0]) return s.slice(1, -1);
  return s;
}

export interface MinirootfsRelease {
  version: string;
  branch: string; // "v3.20"
  file: string;
  sha256: string;
}

const FILE_RE = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
const SHA_RE = /^[0-9a-f]{64}$/;

/** The minirootfs entry for `arch`, validated so mirror data can never name a path outside its dir. */
export function pickMinirootfs(entries: YamlEntry[], arch: string): MinirootfsRelease | null {
  const e = entries.find(
    (x) => x.flavor === "alpine-minirootfs" && (x.arch === undefined || x.arch === arch),
  );
  if (!e) return null;
  const { version = "", file = "", branch = "" } = e;
  const sha256 = (e.sha256 ?? "").toLowerCase();
  if (!EXACT_RE.test(version) || !FILE_RE.test(file) || !SHA_RE.test(sha256)) return null;
  return { version, branch, file, sha256 };
}

/** `<hex>  <name>` as written by sha256sum; only the hash matters. */
export function parseSha256File(text: string): string | null {
  const first = text.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  return SHA_RE.test(first) ? first : null;
}

export function minirootfsFileName(version: string, arch: string): string {
  return `alpine-minirootfs-${version}-${arch}.tar.gz`;
}

/** The Alpine version named by a tarball's file name, e.g. alpine-minirootfs-3.20.3-x86_64.tar.gz. */
export function versionFromFileName(name: string): string | null {
  const m = /alpine-minirootfs-(\d+\.\d+\.\d+)(?:[-_.]|$)/.exec(name);
  return m ? (m[1] as string) : null;
}

export function isSha256(s: string): boolean {
  return SHA_RE.test(s);
}
