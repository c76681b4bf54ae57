// The repository's module graph from its import and export statements, read as text (no TypeScript
// compiler): what each module exports and which names each module takes from which other module. Shared by
// scripts/dead-exports.mjs and scripts/edges.mjs. Comments are blanked first, so a commented-out import is
// no import; statements inside strings (a bench entry written as text, a test's generated script) count.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIRS = ["src", "test", "bench", "scripts"];
const SKIP = new Set(["node_modules", "dist", ".build", "fixtures"]);
const EXT = /\.(ts|mjs)$/;

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (EXT.test(name) && !name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

// Where a `/` starts a regex literal rather than dividing: after an operator or punctuation, or a keyword
// that takes an expression (after an identifier, a number, `)` or `]` it divides).
const REGEX_AFTER_CHAR = new Set([..."(=,:[!&|?{};+-*%<>~^"]);
const REGEX_AFTER_WORD = /\b(?:return|typeof|case|do|else|in|of|void|yield|await|delete|throw|new)$/;

function regexMayStart(out) {
  let j = out.length - 1;
  while (j >= 0 && /\s/.test(out[j])) j--;
  if (j < 0 || REGEX_AFTER_CHAR.has(out[j])) return true;
  return REGEX_AFTER_WORD.test(out.slice(Math.max(0, j - 9), j + 1));
}

/** The end (past the closing `/` and flags) of the regex literal starting at `i`; `/` in a class is no end. */
function regexEnd(src, i) {
  let j = i + 1;
  let inClass = false;
  while (j < src.length && src[j] !== "\n") {
    const c = src[j];
    if (c === "\\") j++;
    else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "/" && !inClass) {
      j++;
      while (j < src.length && /[a-z]/.test(src[j])) j++;
      return j;
    }
    j++;
  }
  return j; // unterminated: up to the line's end
}

/**
 * Blank out comments and regex literals' bodies (keeping line breaks and string contents; a quote in a
 * regex opens no string); `quoted` marks each position inside a string (a statement there is text another
 * tool bundles: an import of what it names, not an export of this file).
 */
function stripComments(src) {
  let out = "";
  const quoted = [];
  let i = 0;
  let quote = null;
  while (i < src.length) {
    const c = src[i];
    if (quote) {
      out += c;
      quoted[out.length - 1] = true;
      if (c === "\\") {
        out += src[i + 1] ?? "";
        quoted[out.length - 1] = true;
        i += 2;
        continue;
      }
      if (c === quote || (c === "\n" && quote !== "`")) quote = null;
      i++;
    } else if (c === "/" && src[i + 1] === "/") {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      const stop = end < 0 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else if (c === "/" && regexMayStart(out)) {
      const stop = regexEnd(src, i);
      out += stop - i < 2 ? "/" : `/${" ".repeat(stop - i - 2)}/`;
      i = stop;
    } else {
      if (c === '"' || c === "'" || c === "`") quote = c;
      out += c;
      i++;
    }
  }
  return { text: out, quoted };
}

const names = (list) =>
  list
    .split(",")
    .map((s) => s.trim().replace(/^type\s+/, ""))
    .filter(Boolean)
    .map((s) => {
      const [from, as] = s.split(/\s+as\s+/);
      return { from: from.trim(), as: (as ?? from).trim() };
    });

function resolveSpec(file, spec) {
  if (!spec.startsWith(".")) return null; // a package
  const bases = [resolve(dirname(file), spec), resolve(ROOT, spec)]; // text entries resolve from the root
  for (const base of bases) {
    const stem = base.replace(/\.(js|mjs|ts)$/, "");
    for (const p of [base, `${stem}.ts`, `${stem}.mjs`, join(base, "index.ts")])
      if (EXT.test(p) && existsSync(p) && statSync(p).isFile()) return p;
  }
  return null;
}

/**
 * modules: Map file → { exports: Set<name>, types: Set<name> (declared interfaces and type aliases), reexportAll: file[], imports: [{ from: file, names: [{from, as}] | "*" }] }.
 * A re-export `export { a as b } from "x"` is both an import of a from x and an export b.
 */
export function moduleGraph() {
  const modules = new Map();
  const files = DIRS.flatMap((d) => (existsSync(join(ROOT, d)) ? walk(join(ROOT, d), []) : []));
  for (const file of files) {
    const { text: src, quoted } = stripComments(readFileSync(file, "utf8"));
    const m = { exports: new Set(), types: new Set(), reexportAll: [], imports: [], text: src };
    const decl =
      /\bexport\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:abstract\s+)?(function\*?|class|const|let|var|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g;
    for (const x of src.matchAll(decl)) {
      if (quoted[x.index]) continue;
      m.exports.add(x[2]);
      if (x[1] === "interface" || x[1] === "type") m.types.add(x[2]);
    }
    for (const x of src.matchAll(/\bexport\s+default\b/g)) if (!quoted[x.index]) m.exports.add("default");
    const stmt =
      /\b(import|export)\s+(type\s+)?(\{[^}]*\}|\*\s*(?:as\s+[\w$]+)?|[\w$]+\s*,\s*\{[^}]*\}|[\w$]+)\s*from\s*["'`]([^"'`$]+)["'`]/g;
    for (const x of src.matchAll(stmt)) {
      const [, kind, , what, spec] = x;
      const target = resolveSpec(file, spec);
      const own = !quoted[x.index]; // a real statement of this file, not text in a string
      if (what.startsWith("*")) {
        if (kind === "export" && own && !/as/.test(what)) {
          if (target) m.reexportAll.push(target);
        } else if (target) m.imports.push({ from: target, names: "*" });
        continue;
      }
      const brace = /\{([^}]*)\}/.exec(what);
      const list = brace ? names(brace[1]) : [];
      const def = /^([\w$]+)/.exec(what);
      if (def && !what.startsWith("{")) list.push({ from: "default", as: def[1] });
      if (target) m.imports.push({ from: target, names: list });
      if (kind === "export" && own) for (const n of list) m.exports.add(n.as);
    }
    // `export { a, b as c };` of local names
    for (const x of src.matchAll(/\bexport\s+(?:type\s+)?\{([^}]*)\}\s*;/g))
      if (!quoted[x.index]) for (const n of names(x[1])) m.exports.add(n.as);
    for (const x of src.matchAll(/\bimport\(\s*["'`]([^"'`$]+)["'`]\s*\)/g)) {
      const target = resolveSpec(file, x[1]);
      if (target) m.imports.push({ from: target, names: "*" });
    }
    modules.set(file, m);
  }
  return modules;
}

export const rel = (file) => relative(ROOT, file);
