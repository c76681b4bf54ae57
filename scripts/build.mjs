// npm run build: the native helper (both arches), then the bundles (esbuild, ESM, node24) and koffi's
// native modules beside them. Deterministic: running it twice gives the same bytes (check-dist relies on it).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
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
  // - fs.promises, which its summary takes at load for three calls (loading fs/promises and readline,
  //   ~2 ms): the same three done with the synchronous calls (a summary is one small append).
  {
    filter: /^(node:)?fs$/,
    importer: /[\\/]@actions[\\/]core[\\/]lib[\\/]summary\.js$/,
    check: "const { access, appendFile, writeFile } = promises;",
    contents: [
      'const fs = process.getBuiltinModule("node:fs");',
      "export const constants = fs.constants;",
      "export const promises = {",
      "  access: async (path, mode) => fs.accessSync(path, mode),",
      "  appendFile: async (path, data, options) => fs.appendFileSync(path, data, options),",
      "  writeFile: async (path, data, options) => fs.writeFileSync(path, data, options),",
      "};",
    ].join("\n"),
  },
];

const coreSubstitutesPlugin = {
  name: "actions-core-substitutes",
  setup(build) {
    for (const s of CORE_SUBSTITUTES)
      build.onResolve({ filter: s.filter }, (args) => {
        if (!(s.importer ?? /[\\/]@actions[\\/]core[\\/]/).test(args.importer)) return undefined;
        // The substitute stands for what that file uses today: the build stops if a core update uses more.
        if (s.check && !readFileSync(args.importer, "utf8").includes(s.check))
          throw new Error(
            `${args.importer} no longer has \`${s.check}\`: review its substitute in build.mjs`,
          );
        const key = CORE_SUBSTITUTES.indexOf(s);
        return s.path ? { path: s.path } : { path: `${key}:${args.path}`, namespace: "core-substitute" };
      });
    build.onLoad({ filter: /.*/, namespace: "core-substitute" }, (args) => ({
      contents: CORE_SUBSTITUTES[Number(args.path.split(":")[0])]?.contents,
      loader: "js",
    }));
  },
};

// Node builds an ESM facade for a builtin the first time a module imports it, and the facade reads every
// export: for node:fs that loads fs/promises, readline, its streams, watchers and Dir (~2.5 ms of each
// start, measured on `import { readFileSync } from "node:fs"` against process.getBuiltinModule). The
// bundles take node:fs from getBuiltinModule instead, as an ESM module of the names the bundled code uses
// (a CommonJS one would cost esbuild's interop a getter per fs export per importing module, ~2 ms): a
// name missing here fails the build (a named import) or is an error (a namespace's property, see
// logOverride), and each must be a plain function or value of fs, never one of its lazy getters.
const FS_NAMES =
  `accessSync chmod chmodSync chown chownSync close closeSync constants existsSync fchown fchownSync
  fstat fstatSync ftruncateSync futimes futimesSync lchown lchownSync lstat lstatSync mkdir mkdirSync mkdtempSync
  open openSync read readFileSync readSync readdir readdirSync readlink readlinkSync realpathSync rename
  renameSync rm rmSync rmdir rmdirSync stat statSync unlink unlinkSync utimes utimesSync write writeFileSync
  writeSync writev appendFileSync`
    .split(/\s+/)
    .sort();

function fsWithoutFacade() {
  const fs = process.getBuiltinModule("node:fs");
  for (const name of FS_NAMES)
    if (!("value" in (Object.getOwnPropertyDescriptor(fs, name) ?? {})))
      throw new Error(`node:fs has no plain export ${name}: fix FS_NAMES in build.mjs`);
  return [
    'const fs = process.getBuiltinModule("node:fs");',
    "export default fs;",
    `export const { ${FS_NAMES.join(", ")} } = fs;`,
  ].join("\n");
}

const builtinsWithoutFacadePlugin = {
  name: "builtins-without-esm-facade",
  setup(build) {
    build.onResolve({ filter: /^(node:)?fs$/ }, (args) =>
      // @actions/io takes fs.promises at load: it keeps Node's own module (and facade), in the chunk that
      // only a sudo run loads.
      /[\\/]@actions[\\/]io[\\/]/.test(args.importer)
        ? { path: "node:fs", external: true }
        : { path: "node:fs", namespace: "builtin-no-facade" },
    );
    build.onLoad({ filter: /.*/, namespace: "builtin-no-facade" }, () => ({
      contents: fsWithoutFacade(),
      loader: "js",
    }));
  },
};

// The packages the Action's bundles leave out and require from their own bundles (dist/<bundle>.cjs).
const LAZY_PACKAGES = [
  { name: "yaml", bundle: "lazy-yaml" },
  { name: "tar", bundle: "lazy-tar" },
  { name: "@actions/exec", bundle: "lazy-actions-exec" },
];

const lazyPackagesPlugin = {
  name: "lazy-packages",
  setup(build) {
    for (const p of LAZY_PACKAGES)
      build.onResolve({ filter: new RegExp(`^${p.name.replace("/", "\\/")}$`) }, (args) =>
        args.kind === "dynamic-import" ? { path: `./${p.bundle}.cjs`, external: true } : undefined,
      );
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
 * The stub the runner starts (index.js, post.js, report.js): it runs `bundle` (CommonJS) as a vm.Script
 * with a V8 code cache that was made at the end of an earlier run, so it holds the bytecode of every
 * function that run called. Node's own compile cache is made when a module is compiled, before anything
 * runs, and V8 compiles functions lazily: with it, each function a run calls was still compiled on its
 * first call (~10 ms of a one-command step, measured against a cache made after the run).
 *
 * The cache lives in <tmpdir>/nsbox-compile-cache-<euid>, made 0700, and is used only if it is a real
 * directory owned by us that nobody else may write (a sticky /tmp keeps others from replacing it): on a
 * self-hosted runner another local user could otherwise plant compiled code that the step (root, or the
 * runner's user with its secrets and sudo) would run. Node's shared default (<tmpdir>/node-compile-cache)
 * is never used. V8 checks a cache against the source's length, not its bytes, so the file is named by
 * the bundle's sha256; V8 rejects one made by another V8 or with other flags, and it is then made again.
 * Built-ins through getBuiltinModule: their ESM facades would load more than the stub needs.
 */
function cachedBundleStub(bundle, sha256) {
  const name = `${bundle.replace(/\.cjs$/, "")}-${sha256.slice(0, 16)}.v8`;
  return `// Generated by scripts/build.mjs (cachedBundleStub): runs ./${bundle} with a V8 code cache made after a run.
const fs = process.getBuiltinModule("node:fs");
const { Script } = process.getBuiltinModule("node:vm");
const { createRequire, enableCompileCache, wrap } = process.getBuiltinModule("node:module");
const dirname = import.meta.dirname;
const bundle = \`\${dirname}/${bundle}\`;
const uid = process.geteuid();
const dir = \`\${process.getBuiltinModule("node:os").tmpdir()}/nsbox-compile-cache-\${uid}\`;
const cacheFile = \`\${dir}/${name}\`;
function ownDir() {
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch {}
  try {
    const st = fs.lstatSync(dir);
    return st.isDirectory() && st.uid === uid && (st.mode & 0o077) === 0;
  } catch {
    return false;
  }
}
const usable = ownDir();
let cachedData;
if (usable) {
  // Node's own compile cache, for what the bundle requires (the lazy-*.cjs packages): a run that reads
  // a YAML \`commands\` input compiles yaml's top level once, not on every step.
  enableCompileCache?.(dir);
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {}
}
const script = new Script(wrap(fs.readFileSync(bundle, "utf8")), { filename: bundle, cachedData });
if (usable && (!cachedData || script.cachedDataRejected)) {
  // At exit: the cache then holds what this run compiled. Not after a run that unpacked a rootfs or built
  // a layer (zlib loaded; a warm run never loads it): every warm start would deserialize that cold path
  // (a third more). Written aside and renamed: never half a file.
  process.once("exit", () => {
    if (process.moduleLoadList.includes("NativeModule zlib")) return;
    const temp = \`\${cacheFile}.\${process.pid}\`;
    try {
      fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600, flag: "wx" });
      fs.renameSync(temp, cacheFile);
    } catch {
      fs.rmSync(temp, { force: true });
    }
  });
}
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname);
`;
}

async function main() {
  execFileSync(process.execPath, [join(root, "scripts/build-native.mjs")], { stdio: "inherit" });
  for (const f of readdirSync(dist))
    if (/^(chunk-.*|lazy-.*|index|post|action|action-post|report|report-action|cli)\.c?js$/.test(f))
      rmSync(join(dist, f));
  const common = {
    absWorkingDir: root,
    outdir: dist,
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    plugins: [koffi, coreSubstitutesPlugin, builtinsWithoutFacadePlugin],
    legalComments: "none",
    logLevel: "warning",
    logOverride: {
      "unsupported-dynamic-import": "silent",
      "unsupported-require-call": "silent",
      "import-is-undefined": "error",
    },
  };
  // The Action's three entries are CommonJS bundles, each run by its stub as a vm.Script with a code cache
  // (cachedBundleStub). The packages only some runs need (yaml for a `commands` input, tar for a cold
  // rootfs, @actions/exec for the post step's sudo) are bundles of their own beside them, required when
  // first imported: outside the entry, they cost a warm start neither their source nor their part of the
  // code cache (366 → 323 KB; ~1 ms). koffi, which every run loads, stays in; its shim finds dist/koffi/
  // from the bundle's directory.
  const actionEntries = [
    { in: "src/action/index.ts", out: "action" },
    { in: "src/action/post-index.ts", out: "action-post" },
    { in: "src/action/merge-index.ts", out: "report-action" },
  ];
  const cjs = {
    ...common,
    format: "cjs",
    outExtension: { ".js": ".cjs" },
    // import() becomes a require: a vm.Script has no loader for it.
    supported: { "dynamic-import": false },
  };
  await esbuild.build({
    ...cjs,
    entryPoints: LAZY_PACKAGES.map((p) => ({ in: p.name, out: p.bundle })),
  });
  await esbuild.build({
    ...cjs,
    entryPoints: actionEntries,
    plugins: [...common.plugins, lazyPackagesPlugin],
    define: { "import.meta.url": "__nsboxImportMetaUrl" },
    banner: { js: 'var __nsboxImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
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
  // The runner starts index.js / post.js (and report/action.yml's ../dist/report.js).
  for (const [stub, bundle] of [
    ["index.js", "action.cjs"],
    ["post.js", "action-post.cjs"],
    ["report.js", "report-action.cjs"],
  ]) {
    const sha256 = createHash("sha256")
      .update(readFileSync(join(dist, bundle)))
      .digest("hex");
    writeFileSync(join(dist, stub), cachedBundleStub(bundle, sha256));
  }
  chmodSync(join(dist, "cli.js"), 0o755);
  writeFileSync(join(dist, "package.json"), `${JSON.stringify({ type: "module" }, null, 2)}\n`);
  console.log(
    `built ${entries.map((e) => `dist/${e.out}.${e.in ? "cjs" : "js"}`).join(", ")} and koffi ${koffiVersion} for x64, arm64`,
  );
}

await main();
