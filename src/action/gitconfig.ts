// Pure: a git config as git itself lists it (`git config --list -z`) → a fresh config holding only the
// keys a git inside the sandbox needs to read the repository (status, log, diff). Built from an
// allow-list, never by filtering the original text: whatever a token hides in (http.extraheader, a URL's
// userinfo, a `url.<base>.insteadOf` section, an include, a credential helper, a key git adds tomorrow)
// is not copied unless it is on the list, and URLs on the list lose their userinfo.

export interface ConfigEntry {
  section: string; // lower case, as git lists it
  subsection: string | null; // case kept
  name: string; // lower case
  value: string | null; // null: a bare key (implicit true)
}

/** `git config --list -z` output: `key\nvalue\0` records, or `key\0` for a bare key. */
export function parseConfigList(z: string): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  for (const record of z.split("\0")) {
    if (!record) continue;
    const nl = record.indexOf("\n");
    const key = nl < 0 ? record : record.slice(0, nl);
    const first = key.indexOf(".");
    const last = key.lastIndexOf(".");
    if (first <= 0 || last === key.length - 1) continue; // not section.name: git never lists one
    entries.push({
      section: key.slice(0, first),
      subsection: first === last ? null : key.slice(first + 1, last),
      name: key.slice(last + 1),
      value: nl < 0 ? null : record.slice(nl + 1),
    });
  }
  return entries;
}

// core.* minus what runs a program, redirects hooks or talks to a server (run by git on the runner's
// side too, were the copy ever to leave the sandbox).
const CORE_DENIED = new Set([
  "fsmonitor",
  "hookspath",
  "sshcommand",
  "askpass",
  "editor",
  "pager",
  "gitproxy",
  "alternaterefscommand",
  "alternaterefsprefixes",
]);
const REMOTE_ALLOWED = new Set(["url", "pushurl", "fetch", "tagopt", "promisor", "partialclonefilter"]);
const SUBMODULE_ALLOWED = new Set(["path", "url", "active", "branch"]);
const URL_KEYS = new Set(["url", "pushurl"]);

function allowed(e: ConfigEntry): boolean {
  switch (e.section) {
    case "core":
      return e.subsection === null && !CORE_DENIED.has(e.name);
    case "extensions": // the repository format: objectformat, worktreeconfig, partialclone, ...
      return e.subsection === null;
    case "remote":
      return e.subsection !== null && REMOTE_ALLOWED.has(e.name);
    case "branch":
      return true;
    case "submodule":
      return e.subsection === null ? e.name === "active" : SUBMODULE_ALLOWED.has(e.name);
    default:
      return false;
  }
}

/** The allow-listed entries, URLs without userinfo (or query). */
export function allowConfig(entries: ConfigEntry[]): ConfigEntry[] {
  return entries
    .filter(allowed)
    .map((e) =>
      URL_KEYS.has(e.name) && e.value !== null && e.subsection !== null
        ? { ...e, value: stripCredentials(e.value) }
        : e,
    );
}

/**
 * `https://x-access-token:T@github.com/o/r?token=T` → `https://github.com/o/r`; scp-like
 * `user:T@host:o/r` → `host:o/r`; local paths unchanged.
 */
export function stripCredentials(url: string): string {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)(.*)$/s.exec(url);
  if (scheme) {
    const rest = scheme[2] ?? "";
    const end = rest.search(/[/?#]/);
    const authority = end < 0 ? rest : rest.slice(0, end);
    const tail = (end < 0 ? "" : rest.slice(end)).replace(/[?#].*$/s, "");
    return `${scheme[1]}${authority.slice(authority.lastIndexOf("@") + 1)}${tail}`;
  }
  const slash = url.indexOf("/");
  const head = slash < 0 ? url : url.slice(0, slash);
  return url.slice(head.lastIndexOf("@") + 1);
}

const SECTION_NAME = /^[a-z0-9.-]+$/;
const KEY_NAME = /^[a-z][a-z0-9-]*$/;

/** A config file git reads back to exactly these entries: values always quoted and escaped. */
export function formatConfig(entries: ConfigEntry[]): string {
  const groups = new Map<string, string[]>();
  for (const e of entries) {
    if (!SECTION_NAME.test(e.section) || !KEY_NAME.test(e.name) || e.subsection?.includes("\n")) continue;
    const header =
      e.subsection === null
        ? `[${e.section}]`
        : `[${e.section} "${e.subsection.replace(/[\\"]/g, (c) => `\\${c}`)}"]`;
    const lines = groups.get(header) ?? [];
    lines.push(e.value === null ? `\t${e.name}` : `\t${e.name} = ${quoteValue(e.value)}`);
    groups.set(header, lines);
  }
  return [...groups].map(([header, lines]) => `${header}\n${lines.join("\n")}\n`).join("");
}

function quoteValue(v: string): string {
  const escaped = v.replace(
    /[\\"\n\t\b]/g,
    (c) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\b": "\\b" })[c] ?? c,
  );
  return `"${escaped}"`;
}
