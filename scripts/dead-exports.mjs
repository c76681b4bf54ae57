// `node scripts/dead-exports.mjs` (part of `npm run lint`): lists every export of src/ and test/support/
// that no other module imports, and fails when there is one, so dead code cannot come back.
//
// Who counts as an importer: any other module of src/, test/, bench/ or scripts/. Tests count because the
// project tests pure logic through a module's exports (a unit-tested seam is alive); `--test-only` also
// lists the exports only tests import, for review, without failing. An export used only inside its own
// module is reported too: it should not be exported (except a type: naming a type an exported function
// takes or returns is part of that function's API, so only a type nobody uses is dead). Entry points (the bundles' and bench's mains) are
// exempt: their exports are what they are run for.
import { moduleGraph, ROOT, rel } from "./module-graph.mjs";

// Run by path, not imported: the bundles' entries (scripts/build.mjs), vitest's global setup and the VM
// lane's progress reporter (scripts/test-vm.mjs).
const ENTRIES = new Set([
  "src/action/index.ts",
  "src/action/post-index.ts",
  "src/action/merge-index.ts",
  "src/cli/main.ts",
  "test/support/global-setup.ts",
  "test/support/progress-reporter.ts",
]);
const CHECKED = /^(src\/|test\/support\/)/;

const modules = moduleGraph();
/** file → Map(name → Set(importer kinds: "code" | "test")) */
const used = new Map();
const mark = (file, name, by, seen = new Set()) => {
  const key = `${file}\0${name}`;
  if (seen.has(key)) return;
  seen.add(key);
  const m = modules.get(file);
  if (!m) return;
  if (!used.has(file)) used.set(file, new Map());
  const kinds = used.get(file);
  if (!kinds.has(name)) kinds.set(name, new Set());
  kinds.get(name).add(by);
  // A re-export passes the use on to where the name comes from.
  for (const imp of m.imports) {
    if (imp.names === "*") continue;
    for (const n of imp.names) if (n.as === name && m.exports.has(name)) mark(imp.from, n.from, by, seen);
  }
  if (!m.exports.has(name) || m.reexportAll.length) {
    for (const other of m.reexportAll) if (exportsOf(other).has(name)) mark(other, name, by, seen);
  }
};
const exportsOf = (file, seen = new Set()) => {
  const m = modules.get(file);
  if (!m || seen.has(file)) return new Set();
  seen.add(file);
  const all = new Set(m.exports);
  for (const other of m.reexportAll) for (const n of exportsOf(other, seen)) all.add(n);
  return all;
};

for (const [file, m] of modules) {
  const by = rel(file).startsWith("test/") && !rel(file).startsWith("test/support/") ? "test" : "code";
  for (const imp of m.imports) {
    if (imp.names === "*") for (const n of exportsOf(imp.from)) mark(imp.from, n, by);
    else for (const n of imp.names) mark(imp.from, n.from, by);
  }
}

const dead = [];
const testOnly = [];
for (const [file, m] of modules) {
  const name = rel(file);
  if (!CHECKED.test(name) || ENTRIES.has(name)) continue;
  for (const e of [...m.exports].sort()) {
    const kinds = used.get(file)?.get(e);
    if (!kinds) {
      const local = new RegExp(`\\b${e.replace(/\$/g, "\\$")}\\b`, "g");
      const uses = (m.text.match(local) ?? []).length;
      if (uses > 1 && m.types.has(e)) continue;
      dead.push(`${name}: ${e}${uses > 1 ? " (used only inside its module: drop the export)" : ""}`);
    } else if (!kinds.has("code") && !name.startsWith("test/")) testOnly.push(`${name}: ${e}`);
  }
}

if (process.argv.includes("--test-only")) {
  console.log(`exports only tests import (${testOnly.length}):`);
  for (const line of testOnly) console.log(`  ${line}`);
}
if (dead.length) {
  console.error(`dead exports (${dead.length}): no other module imports them (${ROOT})`);
  for (const line of dead) console.error(`  ${line}`);
  process.exit(1);
}
console.log("dead-exports: none");
