// npm run build: the native helper (both arches), then the bundles (esbuild, ESM, node24) and koffi's
// native modules beside them. Deterministic: running it twice gives the same bytes (check-dist relies on it).
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { KOFFI_TRIPLETS, koffiPlugin, REQUIRE_BANNER } from "./esbuild-koffi.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const koffiVersion = JSON.parse(readFileSync(join(root, "node_modules/koffi/package.json"), "utf8")).version;

// koffi looks for @koromix/koffi-<platform>; in the bundle that becomes a require of the .node file
// copied next to the bundle (dist/koffi/<triplet>/koffi.node).
const koffi = koffiPlugin(
  root,
  (triplet) =>
    `module.exports = require(require("node:path").join(__dirname, "koffi", ${JSON.stringify(triplet)}, "koffi.node"));`,
);

// What @actions/core imports and nsbox never needs, replaced in the bundle (each is a cost of every start):
// - its HTTP client (undici, ~20 ms to load), only for OIDC tokens, which nsbox never requests: a stub that
//   says so;
// - node:crypto (~4 ms) for one call, randomUUID: src/action/core-crypto.ts instead;
// - `platform`, the runner's OS name and version asked of the OS through @actions/exec, which loads
//   node:child_process (~1 ms): an empty module.
const CORE_SUBSTITUTES = [
  {
    filter: /^@actions\/http-client(\/.*)?$/,
    contents:
      'class Unused { constructor() { throw new Error("nsbox does not request OIDC tokens"); } }\n' +
      "export { Unused as HttpClient, Unused as BearerCredentialHandler };",
  },
  { filter: /^(node:)?crypto$/, path: join(root, "src/action/core-crypto.ts") },
  { filter: /^\.\/platform(\.js)?$/, contents: "export {};" },
];

const coreSubstitutesPlugin = {
  name: "actions-core-substitutes",
  setup(build) {
    for (const s of CORE_SUBSTITUTES)
      build.onResolve({ filter: s.filter }, (args) => {
        if (!/[\\/]@actions[\\/]core[\\/]/.test(args.importer)) return undefined;
        return s.path ? { path: s.path } : { path: args.path, namespace: "core-substitute" };
      });
    build.onLoad({ filter: /.*/, namespace: "core-substitute" }, (args) => ({
      contents: CORE_SUBSTITUTES.find((s) => s.filter.test(args.path))?.contents,
      loader: "js",
    }));
  },
};

const banner = REQUIRE_BANNER;

function koffiNative(arch) {
  const triplet = KOFFI_TRIPLETS[arch];
  const installed = join(root, `node_modules/@koromix/koffi-linux-${arch}/${triplet}/koffi.node`);
  if (existsSync(installed)) return installed;
  // npm refuses to install a foreign cpu's package: fetch it with npm pack into a local cache.
  const cache = join(root, ".cache", `koffi-${koffiVersion}-${arch}`);
  const file = join(cache, "package", triplet, "koffi.node");
  if (!existsSync(file)) {
    mkdirSync(cache, { recursive: true });
    const tgz = execFileSync("npm", ["pack", "--silent", `@koromix/koffi-linux-${arch}@${koffiVersion}`], {
      cwd: cache,
      encoding: "utf8",
    }).trim();
    execFileSync("tar", ["xzf", tgz, "-C", cache], { cwd: cache });
  }
  return file;
}

/**
 * A stub that loads `bundle` with Node's compile cache on, in a directory only this user can write.
 * Node's default, os.tmpdir()/node-compile-cache, is shared: on a self-hosted runner another local user
 * could create it first and plant compiled code that the step (root, or the runner's user with its
 * secrets and sudo) would then run. So the cache lives in <tmpdir>/nsbox-compile-cache-<euid>, made 0700,
 * and is used only if it is a real directory owned by us that nobody else may write (a sticky /tmp keeps
 * others from replacing it); else the step runs without it. node:fs and node:os through
 * getBuiltinModule: their ESM facades would load fs/promises (and readline) before the bundle needs them.
 */
function compileCacheStub(bundle) {
  return `import { enableCompileCache } from "node:module";
const fs = process.getBuiltinModule("node:fs");
const uid = process.geteuid();
const dir = \`\${process.getBuiltinModule("node:os").tmpdir()}/nsbox-compile-cache-\${uid}\`;
try {
  fs.mkdirSync(dir, { mode: 0o700 });
} catch {}
try {
  const st = fs.lstatSync(dir);
  if (st.isDirectory() && st.uid === uid && (st.mode & 0o077) === 0) enableCompileCache?.(dir);
} catch {}
await import("./${bundle}");
`;
}

async function main() {
  execFileSync(process.execPath, [join(root, "scripts/build-native.mjs")], { stdio: "inherit" });
  for (const f of readdirSync(dist))
    if (/^(chunk-.*|index|post|action|action-post|report|report-action|cli)\.js$/.test(f))
      rmSync(join(dist, f));
  const common = {
    absWorkingDir: root,
    outdir: dist,
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    plugins: [koffi, coreSubstitutesPlugin],
    legalComments: "none",
    logLevel: "warning",
    logOverride: { "unsupported-dynamic-import": "silent", "unsupported-require-call": "silent" },
  };
  // The Action's three entries share chunks, and what only some runs need (yaml for a `commands` input,
  // tar for a cold rootfs, koffi) is a chunk of its own that a run loads when it needs it. Chunks sit
  // beside the entries: the koffi shim finds dist/koffi/ from its own file's directory.
  const actionEntries = [
    { in: "src/action/index.ts", out: "action" },
    { in: "src/action/post-index.ts", out: "action-post" },
    { in: "src/action/merge-index.ts", out: "report-action" },
  ];
  await esbuild.build({
    ...common,
    entryPoints: actionEntries,
    splitting: true,
    chunkNames: "chunk-[hash]",
    banner: { js: banner },
  });
  await esbuild.build({
    ...common,
    entryPoints: [{ in: "src/cli/main.ts", out: "cli" }],
    banner: { js: `#!/usr/bin/env node\n${banner}` },
  });
  const entries = [...actionEntries, { out: "cli" }];
  for (const [arch, triplet] of Object.entries(KOFFI_TRIPLETS)) {
    const dest = join(dist, "koffi", triplet, "koffi.node");
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(koffiNative(arch), dest);
  }
  // The runner starts index.js / post.js (and report/action.yml's ../dist/report.js): tiny stubs that turn on
  // Node's compile cache before loading the bundle, so a warm runner skips most of compiling it.
  for (const [stub, bundle] of [
    ["index.js", "action.js"],
    ["post.js", "action-post.js"],
    ["report.js", "report-action.js"],
  ]) {
    writeFileSync(join(dist, stub), compileCacheStub(bundle));
  }
  chmodSync(join(dist, "cli.js"), 0o755);
  writeFileSync(join(dist, "package.json"), `${JSON.stringify({ type: "module" }, null, 2)}\n`);
  console.log(
    `built ${entries.map((e) => `dist/${e.out}.js`).join(", ")} and koffi ${koffiVersion} for x64, arm64`,
  );
}

await main();
