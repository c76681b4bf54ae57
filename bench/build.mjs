// Bundles the TypeScript engine (src/engine) into bench/.build/engine.mjs so the bench runs the real
// sources, not dist/. Same koffi handling as scripts/build.mjs: koffi aliased to its CJS entry, a banner
// defining require, and the native module loaded from where npm installed it (no copy needed here).
import { existsSync } from "node:fs";
import { join } from "node:path";
import * as esbuild from "esbuild";

const banner = [
  'import { createRequire as __nsboxCreateRequire } from "node:module";',
  'import { dirname as __nsboxDirname } from "node:path";',
  'import { fileURLToPath as __nsboxFileURLToPath } from "node:url";',
  "const require = __nsboxCreateRequire(import.meta.url);",
  "const __filename = __nsboxFileURLToPath(import.meta.url);",
  "const __dirname = __nsboxDirname(__filename);",
].join("\n");

export async function buildEngine(root) {
  const koffiPlugin = {
    name: "koffi-native",
    setup(build) {
      build.onResolve({ filter: /^koffi$/ }, () => ({ path: join(root, "node_modules/koffi/index.cjs") }));
      build.onResolve({ filter: /^@koromix\/koffi-/ }, (args) => ({
        path: args.path,
        namespace: "koffi-native",
      }));
      build.onLoad({ filter: /.*/, namespace: "koffi-native" }, (args) => {
        const arch = args.path.replace(/^@koromix\/koffi-linux-/, "");
        const triplet = { x64: "linux_x64", arm64: "linux_arm64" }[arch];
        const candidates = [
          join(root, `node_modules/@koromix/koffi-linux-${arch}/${triplet}/koffi.node`),
          join(root, `dist/koffi/${triplet}/koffi.node`),
        ];
        const file = triplet ? candidates.find((p) => existsSync(p)) : undefined;
        if (!file) return { contents: "module.exports = null;", loader: "js" };
        // A variable path: esbuild must leave the require to run time.
        return { contents: `const p = ${JSON.stringify(file)}; module.exports = require(p);`, loader: "js" };
      });
    },
  };
  const outfile = join(root, "bench/.build/engine.mjs");
  await esbuild.build({
    absWorkingDir: root,
    stdin: {
      contents: [
        'export * from "./src/engine/index.ts";',
        'export { prepareRootfs } from "./src/engine/rootfs/index.ts";',
        'export { preparePackageLayer } from "./src/engine/apk/layer.ts";',
        'export { runInSandbox } from "./src/engine/sandbox.ts";',
      ].join("\n"),
      resolveDir: root,
      loader: "ts",
      sourcefile: "bench-entry.ts",
    },
    outfile,
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    sourcemap: "linked",
    plugins: [koffiPlugin],
    banner: { js: banner },
    logLevel: "warning",
    logOverride: { "unsupported-dynamic-import": "silent", "unsupported-require-call": "silent" },
  });
  // The mirror used by the tests (TypeScript) is bundled too, so the bench serves the same tree.
  const mirror = join(root, "bench/.build/mirror.mjs");
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [join(root, "test/support/mirror.ts")],
    outfile: mirror,
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    logLevel: "warning",
  });
  // The tests' apk repository builder (issue 13's rows serve the same two signed packages).
  const apkrepo = join(root, "bench/.build/apkrepo.mjs");
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [join(root, "test/support/apkrepo.ts")],
    outfile: apkrepo,
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    logLevel: "warning",
  });
  return { engine: outfile, mirror, apkrepo };
}
