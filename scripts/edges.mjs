// `node scripts/edges.mjs` (part of `npm run lint`): the layers' edges. The front ends (src/cli, src/action)
// and the results module they share take the engine only through src/engine/index.ts; the engine knows
// none of them; results knows neither front end.
import { moduleGraph, rel } from "./module-graph.mjs";

const layer = (file) => /^src\/(engine|cli|action|results)\//.exec(rel(file))?.[1] ?? null;
const problems = [];
for (const [file, m] of moduleGraph()) {
  const from = layer(file);
  if (!from) continue;
  for (const imp of m.imports) {
    const to = layer(imp.from);
    if (!to || to === from) continue;
    const where = `${rel(file)} imports ${rel(imp.from)}`;
    if (from === "engine") problems.push(`${where}: the engine imports no front end`);
    else if (to === "engine" && rel(imp.from) !== "src/engine/index.ts")
      problems.push(`${where}: take it from src/engine/index.ts`);
    else if (from === "results" && to !== "engine") problems.push(`${where}: results imports no front end`);
  }
}
if (problems.length) {
  console.error(`edges (${problems.length}):`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log("edges: clean");
