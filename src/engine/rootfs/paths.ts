// Entry-path safety for extracting with node-tar's preservePaths:true, which itself allows absolute
// paths, `..` and writing through symlinks (we need it only to keep absolute symlink *targets*).

/** An archive path made relative ("" is the root itself), or null if it is absolute or uses `..`. */
export function normalizeEntryPath(p: string): string | null {
  if (p.startsWith("/") || p.includes("\0")) return null;
  const parts: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") return null;
    parts.push(part);
  }
  return parts.join("/");
}

export type EntryType = "Directory" | "SymbolicLink" | "Link" | "File" | "Other";

/**
 * Follows the archive in order and says whether each entry stays inside the destination. Because we
 * extract into a fresh empty directory, the only non-directories on disk are those the archive made,
 * so an entry is refused when a parent component was ever written as anything but a directory (the
 * classic `link -> /` then `link/etc/passwd` attack), or when a hard link's target escapes. Once a
 * path has been a non-directory it stays suspect even if a later entry replaces it: whether the
 * replacement happened on disk is node-tar's business, and real rootfs archives never do this.
 */
export class EntryGuard {
  private readonly kinds = new Map<string, EntryType>();
  private readonly nonDirs = new Set<string>();

  /** The normalized path when the entry is safe, else null. */
  check(type: EntryType, rawPath: string, rawLinkpath?: string): string | null {
    const rel = normalizeEntryPath(rawPath);
    if (rel === null || this.throughNonDir(rel)) return null;
    let kind = type;
    if (type === "Link") {
      const target = rawLinkpath === undefined ? null : normalizeEntryPath(rawLinkpath);
      if (target === null || target === "" || this.throughNonDir(target)) return null;
      // A hard link to a symlink is itself a symlink: later entries must not pass through it either.
      if (this.kinds.get(target) === "SymbolicLink") kind = "SymbolicLink";
    }
    this.kinds.set(rel, kind);
    if (kind !== "Directory") this.nonDirs.add(rel);
    return rel;
  }

  private throughNonDir(rel: string): boolean {
    let i = rel.indexOf("/");
    while (i !== -1) {
      if (this.nonDirs.has(rel.slice(0, i))) return true;
      i = rel.indexOf("/", i + 1);
    }
    return false;
  }
}

/** Every proper ancestor of a normalized path ("a/b/c" → "a", "a/b"). */
export function ancestors(rel: string): string[] {
  const out: string[] = [];
  let i = rel.indexOf("/");
  while (i !== -1) {
    out.push(rel.slice(0, i));
    i = rel.indexOf("/", i + 1);
  }
  return out;
}
