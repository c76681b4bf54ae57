// What the committed bundles must not cost a start (docs/performance.md, the nineteenth stop): a byte beyond
// ASCII makes V8 hold a whole bundle as a two-byte string (decoded, scanned and hashed at every start), and
// esbuild's `__toESM(require("<built-in>"))` copies every export of the module through a getter closure
// when the bundle loads. scripts/build.mjs refuses the first and imports built-ins as ES modules for the
// second; this checks the files the runner and the CLI actually start.
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dist = join(import.meta.dirname, "..", "..", "dist");
const bundles = readdirSync(dist).filter((n) => /\.c?js$/.test(n));
// The bundles a warm start evaluates (the lazy-*.cjs packages load on rare paths and are left as built).
const entries = ["action.cjs", "action-post.cjs", "report-action.cjs", "cli.js"];

describe("dist bundles", () => {
  it("include the Action's and the CLI's entries", () => {
    expect(bundles).toEqual(expect.arrayContaining([...entries, "index.js", "post.js", "report.js"]));
  });

  it.each(bundles)("%s is ASCII", (name) => {
    const text = readFileSync(join(dist, name), "utf8");
    const at = text.search(/[\u0080-\uffff]/);
    expect(at === -1 ? "" : text.slice(Math.max(0, at - 60), at + 20)).toBe("");
  });

  it.each(entries)("%s copies no built-in module's exports when it loads", (name) => {
    const text = readFileSync(join(dist, name), "utf8");
    const copied = [...text.matchAll(/__toESM\(require\("([^"]+)"\)/g)]
      .map((m) => m[1] as string)
      .filter((s) => builtinModules.includes(s.replace(/^node:/, "")) || s.startsWith("node:"));
    expect(copied).toEqual([]);
  });

  it.each(entries)("%s reads only the exports of a built-in it uses", (name) => {
    const text = readFileSync(join(dist, name), "utf8");
    // Each export is read when the bundle loads (some load a module when read: fs.Dir, util.parseArgs).
    expect(text).not.toMatch(/^var \{[^}]*\} = builtin\d*;$/m);
    const definition = /^var (\w+) = \/\* @__PURE__ \*\/ exportOf\d*\("\w+"\);$/gm;
    const read = [...text.matchAll(definition)].map((m) => m[1] as string);
    expect(read.length).toBeGreaterThan(0);
    const rest = text.replace(definition, "");
    expect(read.filter((v) => !new RegExp(`\\b${v}\\b`).test(rest))).toEqual([]);
  });
});
