// npm run build: the native helper (both arches), then the bundles (esbuild, CommonJS, node24) and koffi's
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
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { KOFFI_TRIPLETS, koffiPlugin } from "./esbuild-koffi.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const requireFromBuild = createRequire(import.meta.url);
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

/**
 * Node's built-ins as ES modules with named exports, for every `import` of one (ours and @actions/core's).
 * esbuild turns `import path from "node:path"` or `import * as os from "os"` of a CommonJS module into
 * `__toESM(require(...))`, which copies each of the module's exports into a new object through a getter
 * closure when the bundle loads: 23 copies in the Action's bundle (path 16 times, fs's hundred exports),
 * ~240 KB of a warm start's ~1 MB of young allocations, a second scavenge and ~1.5 ms of the step. From an
 * ES module esbuild refers to each export directly. Each export is read through a call marked pure, so that
 * esbuild drops the ones nothing imports: the bundle reads only what it uses (some of Node's data properties
 * load a module when first read: fs.Dir, util.parseArgs), and its bytes do not depend on which Node 24 ran
 * the build. An accessor (fs.promises loads fs/promises when read) is not exported: a use of one fails the
 * build ("import-is-undefined" is an error below).
 */
const builtinsAsModulesPlugin = {
  name: "builtins-as-modules",
  setup(build) {
    const builtins = new Set(builtinModules);
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const bare = args.path.replace(/^node:/, "");
      if (args.kind !== "import-statement" || !(builtins.has(bare) || args.path !== bare)) return undefined;
      return { path: `node:${bare}`, namespace: "builtin" };
    });
    build.onLoad({ filter: /.*/, namespace: "builtin" }, (args) => ({
      contents: builtinAsModule(args.path),
      loader: "js",
    }));
  },
};

function builtinAsModule(specifier) {
  const m = requireFromBuild(specifier);
  const isBinding = (name) => {
    try {
      new Function(`"use strict"; let ${name};`);
      return true;
    } catch {
      return false;
    }
  };
  const names = Object.getOwnPropertyNames(m).filter(
    (k) => k !== "default" && isBinding(k) && "value" in Object.getOwnPropertyDescriptor(m, k),
  );
  return [
    `const builtin = require(${JSON.stringify(specifier)});`,
    "const exportOf = (name) => builtin[name];",
    "export default builtin;",
    ...names.map((k) => `export const ${k} = /* @__PURE__ */ exportOf(${JSON.stringify(k)});`),
  ].join("\n");
}

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
        return s.path
          ? { path: s.path }
          : { path: args.path, namespace: "core-substitute", pluginData: s.contents };
      });
    build.onLoad({ filter: /.*/, namespace: "core-substitute" }, (args) => ({
      contents: args.pluginData,
      loader: "js",
    }));
  },
};

// The packages the bundles leave out and require from their own bundles (dist/<bundle>.cjs) when a run
// first imports them.
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
 */
function cachedBundleStub(bundle, sha256) {
  const name = `${bundle.replace(/\.cjs$/, "")}-${sha256.slice(0, 16)}.v8`;
  return `// Generated by scripts/build.mjs (cachedBundleStub): runs ./${bundle} with a V8 code cache made after a run.
const fs = require("node:fs");
const { Script } = require("node:vm");
const { createRequire, enableCompileCache, wrap } = require("node:module");
const bundle = \`\${__dirname}/${bundle}\`;
const uid = process.geteuid();
const dir = \`\${require("node:os").tmpdir()}/nsbox-compile-cache-\${uid}\`;
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
const loaded = { exports: {} };
script.runInThisContext()(loaded.exports, createRequire(bundle), loaded, bundle, __dirname);
`;
}

const BUNDLE = /^(chunk-.*|lazy-.*|index|post|action|action-post|report|report-action|cli)\.c?js$/;

/**
 * Fails the build when a bundle has a byte beyond ASCII. esbuild escapes them in code, but keeps the
 * comments before class members as written; one such character makes V8 hold the whole bundle as a
 * two-byte string, which it decodes, scans and hashes at every start (+1.1 ms for the Action's 360 KB).
 */
function requireAsciiBundles(staging) {
  for (const name of readdirSync(staging)) {
    if (!/\.c?js$/.test(name)) continue;
    const text = readFileSync(join(staging, name), "utf8");
    const at = text.search(/[\u0080-\uffff]/);
    if (at < 0) continue;
    const line = text.slice(0, at).split("\n").length;
    const module = [...text.slice(0, at).matchAll(/^\/\/ (src\/\S+)$/gm)].pop()?.[1] ?? "a package";
    const char = `U+${text.codePointAt(at).toString(16).toUpperCase().padStart(4, "0")}`;
    throw new Error(
      `dist/${name} line ${line} has ${char} (from ${module}, a comment esbuild keeps): write it in ASCII`,
    );
  }
}

/**
 * Moves every file of `staging` to the same place under `dist` by rename: a process running from dist
 * (a test, a long `nsbox run`) keeps the inodes it has open or mapped. Written in place, a truncated
 * koffi.node drops the running process's relocated pages (it crashed at its next native call), and a lazy
 * bundle removed or half-written fails the next require.
 */
function publish(staging) {
  const made = new Set();
  const walk = (rel) => {
    for (const e of readdirSync(join(staging, rel), { withFileTypes: true })) {
      const r = join(rel, e.name);
      if (e.isDirectory()) {
        mkdirSync(join(dist, r), { recursive: true });
        walk(r);
      } else {
        renameSync(join(staging, r), join(dist, r));
        made.add(r);
      }
    }
  };
  walk("");
  for (const f of readdirSync(dist)) if (BUNDLE.test(f) && !made.has(f)) rmSync(join(dist, f));
  rmSync(staging, { recursive: true, force: true });
}

// Where a build is made before it replaces dist's files (publish); removed when the build fails.
const staging = join(dist, `.build-${process.pid}`);

async function main() {
  execFileSync(process.execPath, [join(root, "scripts/build-native.mjs")], { stdio: "inherit" });
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  // Every bundle is CommonJS (dist/package.json says so): Node starts a CommonJS file without its ESM
  // loader (~1 ms of the Action's start, measured with the stub as .cjs against .js as ESM), and a
  // require() of a built-in builds no ESM facade (node:fs's loads fs/promises, readline and its streams).
  // import() becomes a require: a vm.Script has no loader for it. import.meta.url stands for the file
  // (the banner; "use strict" first, as the bundle's own comes after the banner, where it is no longer a
  // directive).
  const fileUrl =
    '"use strict";\nvar __nsboxImportMetaUrl = require("node:url").pathToFileURL(__filename).href;';
  const common = {
    absWorkingDir: root,
    outdir: staging,
    bundle: true,
    platform: "node",
    target: "node24",
    format: "cjs",
    supported: { "dynamic-import": false },
    define: { "import.meta.url": "__nsboxImportMetaUrl" },
    banner: { js: fileUrl },
    plugins: [koffi, coreSubstitutesPlugin],
    legalComments: "none",
    logLevel: "warning",
    logOverride: {
      "unsupported-dynamic-import": "silent",
      "unsupported-require-call": "silent",
      "import-is-undefined": "error",
    },
  };
  // The packages only some runs need (yaml for a `commands` input, tar for a cold rootfs, @actions/exec
  // for the post step's sudo) are bundles of their own, required when first imported: outside the entry,
  // they cost a warm start neither their source nor their part of the code cache (366 → 323 KB; ~1 ms).
  // koffi, which every run loads, stays in; its shim finds dist/koffi/ from the bundle's directory.
  await esbuild.build({
    ...common,
    entryPoints: LAZY_PACKAGES.map((p) => ({ in: p.name, out: p.bundle })),
    outExtension: { ".js": ".cjs" },
  });
  // The Action's three entries, each run by its stub as a vm.Script with a code cache (cachedBundleStub).
  const actionEntries = [
    { in: "src/action/index.ts", out: "action" },
    { in: "src/action/post-index.ts", out: "action-post" },
    { in: "src/action/merge-index.ts", out: "report-action" },
  ];
  await esbuild.build({
    ...common,
    entryPoints: actionEntries,
    outExtension: { ".js": ".cjs" },
    plugins: [...common.plugins, builtinsAsModulesPlugin, lazyPackagesPlugin],
  });
  await esbuild.build({
    ...common,
    entryPoints: [{ in: "src/cli/main.ts", out: "cli" }],
    plugins: [...common.plugins, builtinsAsModulesPlugin, lazyPackagesPlugin],
    banner: { js: `#!/usr/bin/env node\n${fileUrl}` },
  });
  const entries = [...actionEntries, { out: "cli" }];
  requireAsciiBundles(staging);
  for (const [arch, triplet] of Object.entries(KOFFI_TRIPLETS)) {
    const dest = join(staging, "koffi", triplet, "koffi.node");
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
      .update(readFileSync(join(staging, bundle)))
      .digest("hex");
    writeFileSync(join(staging, stub), cachedBundleStub(bundle, sha256));
  }
  chmodSync(join(staging, "cli.js"), 0o755);
  writeFileSync(join(staging, "package.json"), `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
  publish(staging);
  console.log(
    `built ${entries.map((e) => `dist/${e.out}.${e.in ? "cjs" : "js"}`).join(", ")} and koffi ${koffiVersion} for x64, arm64`,
  );
}

// An interrupted build leaves no staging dir either (dist/ itself is untouched until publish).
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"])
  process.once(signal, () => {
    rmSync(staging, { recursive: true, force: true });
    process.kill(process.pid, signal);
  });
try {
  await main();
} catch (e) {
  rmSync(staging, { recursive: true, force: true });
  console.error(`build failed: ${e.message}`);
  process.exit(1);
}
