// Pure: apk's output and database → what nsbox reports. apk runs inside a sandbox; its output is parsed
// defensively (bounded input, anchored patterns).
import type { InstalledPackage } from "../types";

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;

/** A package name as apk accepts it (no constraint operators: nsbox installs what the repository has). */
export function isPackageName(name: string): boolean {
  return name.length <= 128 && NAME.test(name);
}

/** `--packages "a b,c"` (repeatable) → sorted, deduplicated names. */
export function splitPackages(values: readonly string[]): string[] {
  return [...new Set(values.flatMap((v) => v.split(/[\s,]+/)).filter(Boolean))].sort();
}

/** Packages in `after` that are new or of another version than in `before`. */
export function addedPackages(before: InstalledPackage[], after: InstalledPackage[]): InstalledPackage[] {
  const had = new Set(before.map((p) => `${p.name}=${p.version}`));
  // Package names are ASCII: a code-unit order, not localeCompare, whose first call loads ICU (~10 ms).
  return after
    .filter((p) => !had.has(`${p.name}=${p.version}`))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `(1/3) Installing name (version)` lines of `apk add [-s]`. */
export function parseInstallPlan(output: string): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  for (const m of output.matchAll(
    /^\(\d+\/\d+\) (?:Installing|Upgrading|Replacing) (\S+) \((?:\S+ -> )?([^)\s]+)\)/gm,
  )) {
    if (isPackageName(m[1] as string)) out.push({ name: m[1] as string, version: m[2] as string });
  }
  return out;
}

/** One sentence for apk's failure (an ignored untrusted index first: it is why packages are missing), or null when its output says nothing nsbox recognises. */
export function explainApkFailure(output: string): { message: string; untrusted: boolean } | null {
  if (/UNTRUSTED signature|BAD signature|signature.*(untrusted|bad)/i.test(output)) {
    return {
      message:
        "a repository index is unsigned or signed by an untrusted key; give its public key or allow untrusted repositories",
      untrusted: true,
    };
  }
  const missing = [...output.matchAll(/^\s+(\S+) \(no such package\):/gm)].map((m) => m[1] as string);
  if (missing.length > 0) {
    const list = missing.map((n) => `'${n}'`).join(", ");
    return {
      message: `package ${list} ${missing.length === 1 ? "is" : "are"} not in the repositories; check the name or add a repository`,
      untrusted: false,
    };
  }
  return null;
}

/**
 * apk's own words for a failure nsbox does not recognise: its first ERROR line, usually the cause (the
 * later ones are often its consequences, e.g. a refused chmod then a failed rename), and its last when
 * there are more; "" when it printed none. Each line is cut at `max` characters.
 */
export function apkErrorSummary(output: string, max = 300): string {
  const errors = output
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("ERROR"));
  const first = errors[0];
  if (first === undefined) return "";
  if (errors.length === 1) return first.slice(0, max);
  const more = errors.length - 1;
  return `${first.slice(0, max)} (${more} more error${more === 1 ? "" : "s"}, the last: ${(errors.at(-1) as string).slice(0, max)})`;
}
