// What every esbuild bundle of the engine needs, shared by scripts/build.mjs (dist/) and bench/build.mjs:
// koffi aliased to its CJS entry with its per-platform native package replaced by a require of a .node
// file; and, for the bench's ESM bundle (dist/ is CommonJS), a banner defining require/__filename/__dirname
// (koffi is CommonJS inside it).
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";

export const KOFFI_TRIPLETS = { x64: "linux_x64", arm64: "linux_arm64" };

export const REQUIRE_BANNER = [
  'import { createRequire as __nsboxCreateRequire } from "node:module";',
  'import { dirname as __nsboxDirname } from "node:path";',
  'import { fileURLToPath as __nsboxFileURLToPath } from "node:url";',
  "const require = __nsboxCreateRequire(import.meta.url);",
  "const __filename = __nsboxFileURLToPath(import.meta.url);",
  "const __dirname = __nsboxDirname(__filename);",
].join("\n");

/**
 * `loadNative(triplet, arch)` gives the code standing for `@koromix/koffi-linux-<arch>` (a require of its
 * koffi.node), or null when that platform has none; an unknown platform exports null.
 */
export function koffiPlugin(root, loadNative) {
  return {
    name: "koffi-native",
    setup(build) {
      build.onResolve({ filter: /^koffi$/ }, () => ({ path: join(root, "node_modules/koffi/index.cjs") }));
      // koffi takes node:util for util.deprecate alone and node:fs for four calls, but esbuild's CommonJS
      // interop copies every property of the module through a getter: node:util's lazy ones then load
      // parseArgs, diff and worker_threads (~2.5 ms of each start), and fs's hundred exports, copied twice,
      // are ~120 KB of a start's young allocations. koffi gets modules with what it uses instead; the build
      // fails if a koffi update uses more.
      build.onResolve({ filter: /^(node:)?(util|fs)$/ }, (args) => {
        const shim = KOFFI_SHIMS[args.path.replace(/^node:/, "")];
        return args.kind === "require-call" &&
          args.namespace === "file" &&
          /[\\/]node_modules[\\/]koffi[\\/]/.test(args.importer)
          ? // named by the importer's path in the repository: an absolute one would end up in the bundle
            { path: relative(root, args.importer), namespace: `koffi-${shim.module}` }
          : undefined;
      });
      for (const shim of Object.values(KOFFI_SHIMS))
        build.onLoad({ filter: /.*/, namespace: `koffi-${shim.module}` }, (args) => {
          checkKoffiUse(join(root, args.path), shim);
          const names = shim.names.map((n) => `${n}: m.${n}`).join(", ");
          return {
            contents: `const m = require("node:${shim.module}");\nmodule.exports = { ${names} };`,
            loader: "js",
          };
        });
      build.onResolve({ filter: /^@koromix\/koffi-/ }, (args) => ({
        path: args.path,
        namespace: "koffi-native",
      }));
      build.onLoad({ filter: /.*/, namespace: "koffi-native" }, (args) => {
        const arch = args.path.replace(/^@koromix\/koffi-linux-/, "");
        const triplet = KOFFI_TRIPLETS[arch];
        const contents = triplet ? loadNative(triplet, arch) : null;
        return { contents: contents ?? "module.exports = null;", loader: "js" };
      });
    },
  };
}

/** What koffi uses of each built-in it requires (the shims above). */
const KOFFI_SHIMS = {
  util: { module: "util", names: ["deprecate"] },
  fs: { module: "fs", names: ["closeSync", "existsSync", "openSync", "readSync"] },
};

/** Throws unless this koffi file uses nothing of the shim's module but what the shim provides. */
function checkKoffiUse(file, shim) {
  const code = readFileSync(file, "utf8");
  const used = new RegExp(`import_node_${shim.module}\\d*\\.default\\.(\\w+)`, "g");
  const names = new Set([...code.matchAll(used)].map((m) => m[1]));
  const other = [...names].filter((n) => !shim.names.includes(n));
  if (names.size === 0 || other.length > 0)
    throw new Error(
      `koffi uses node:${shim.module} for ${[...names].join(", ") || "nothing we can see"}: update its shim`,
    );
}
