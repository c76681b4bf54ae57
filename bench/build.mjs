// Bundles the TypeScript engine (src/engine) into bench/.build/engine.mjs so the bench runs the real
// sources, not dist/, with the koffi handling of scripts/build.mjs (scripts/esbuild-koffi.mjs).
import { existsSync } from "node:fs";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { koffiPlugin, REQUIRE_BANNER } from "../scripts/esbuild-koffi.mjs";

export async function buildEngine(root) {
  // The native module is loaded from where npm installed it (or a build's dist/): no copy needed here.
  const koffi = koffiPlugin(root, (triplet, arch) => {
    const candidates = [
      join(root, `node_modules/@koromix/koffi-linux-${arch}/${triplet}/koffi.node`),
      join(root, `dist/koffi/${triplet}/koffi.node`),
    ];
    const file = candidates.find((p) => existsSync(p));
    // A variable path: esbuild must leave the require to run time.
    return file ? `const p = ${JSON.stringify(file)}; module.exports = require(p);` : null;
  });
  const outfile = join(root, "bench/.build/engine.mjs");
  await esbuild.build({
    absWorkingDir: root,
    stdin: {
      contents: [
        'export * from "./src/engine/index.ts";',
        'export { prepareRootfs } from "./src/engine/rootfs/index.ts";',
        'export { preparePackageLayer } from "./src/engine/apk/layer.ts";',
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
    plugins: [koffi],
    banner: { js: REQUIRE_BANNER },
    logLevel: "warning",
    logOverride: { "unsupported-dynamic-import": "silent", "unsupported-require-call": "silent" },
  });
  // The tests' own helpers, bundled as they are: the mirror (so the bench serves the same tree) and the apk
  // repository builder (section 8 serves the same two signed packages).
  const [mirror, apkrepo] = await Promise.all(
    ["mirror", "apkrepo"].map(async (name) => {
      const out = join(root, `bench/.build/${name}.mjs`);
      await esbuild.build({
        absWorkingDir: root,
        entryPoints: [join(root, `test/support/${name}.ts`)],
        outfile: out,
        bundle: true,
        platform: "node",
        target: "node24",
        format: "esm",
        logLevel: "warning",
      });
      return out;
    }),
  );
  return { engine: outfile, mirror, apkrepo };
}
