#!/usr/bin/env node
// Builds the native helper: dist/native/nsbox-helper-<arch> (arch in Node's naming: x64, arm64).
//   node scripts/build-native.mjs [--arch x64|arm64] [--cc <compiler>]
// Without --arch: the host arch with $CC (default cc), plus the other arch when its Debian cross compiler
// (aarch64-linux-gnu-gcc / x86_64-linux-gnu-gcc, package gcc-<triple>) is installed.  The build is reproducible byte for byte: static, no build id, no ident, file prefix mapped.
// `nsbox-helper --version` embeds the sha256 of native/*.c and native/*.h sorted by file name and
// concatenated, so a test can tell whether a binary matches the sources.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync } from "node:fs";
import { arch as hostArch } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const nativeDir = join(root, "native");
const outDir = join(root, "dist", "native");
const CROSS = { x64: "x86_64-linux-gnu-gcc", arm64: "aarch64-linux-gnu-gcc" };
const GNU_ARCH = { x64: "x86_64", arm64: "aarch64" };

const { values: opts } = parseArgs({
  options: { arch: { type: "string" }, cc: { type: "string" } },
});

/** sha256 over native/*.c + native/*.h, sorted by file name, concatenated. */
export function sourcesSha256(dir = nativeDir) {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith(".c") || n.endsWith(".h"))
    .sort();
  const h = createHash("sha256");
  for (const n of names) h.update(readFileSync(join(dir, n)));
  return h.digest("hex");
}

function have(cc) {
  try {
    execFileSync(cc, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function build(arch, cc) {
  if (!GNU_ARCH[arch]) throw new Error(`unsupported arch ${arch} (x64 or arm64)`);
  // The compiler must target the arch we name the file after.
  const machine = execFileSync(cc, ["-dumpmachine"], { encoding: "utf8" }).trim();
  if (!machine.startsWith(`${GNU_ARCH[arch]}-`)) throw new Error(`${cc} targets ${machine}, not ${arch}`);
  const sources = readdirSync(nativeDir)
    .filter((n) => n.endsWith(".c"))
    .sort()
    .map((n) => `native/${n}`);
  const out = join(outDir, `nsbox-helper-${arch}`);
  const tmp = `${out}.tmp`;
  mkdirSync(outDir, { recursive: true });
  const args = [
    "-std=gnu11",
    "-D_GNU_SOURCE",
    "-O2",
    "-static",
    "-Wall",
    "-Wextra",
    "-Werror",
    "-fstack-protector-strong",
    "-D_FORTIFY_SOURCE=2",
    `-ffile-prefix-map=${root}=.`,
    "-fno-ident",
    "-frandom-seed=nsbox-helper",
    "-Wl,--build-id=none",
    "-s",
    `-DNSBOX_SOURCES_SHA256="${sourcesSha256()}"`,
    "-o",
    tmp,
    ...sources,
  ];
  // Fixed cwd, locale and temp names keep the output independent of the caller's environment.
  try {
    execFileSync(cc, args, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, LC_ALL: "C", SOURCE_DATE_EPOCH: "0" },
    });
  } catch {
    console.error(`build-native: ${cc} failed for ${arch}`);
    process.exit(1);
  }
  renameSync(tmp, out);
  const hash = createHash("sha256").update(readFileSync(out)).digest("hex");
  console.log(
    `built ${out.slice(root.length + 1)} (${arch}, ${cc}, ${statSync(out).size} bytes, sha256 ${hash})`,
  );
  return out;
}

const host = hostArch();
const arch = opts.arch ?? host;
const cc = opts.cc ?? (arch === host ? (process.env.CC ?? "cc") : CROSS[arch]);
if (!cc || !have(cc)) {
  console.error(`build-native: no compiler for ${arch} (${cc ?? "none known"}); pass --cc`);
  process.exit(1);
}
build(arch, cc);
if (!opts.arch) {
  for (const other of Object.keys(CROSS)) {
    if (other === arch) continue;
    if (have(CROSS[other])) build(other, CROSS[other]);
    else console.log(`skipped ${other}: ${CROSS[other]} not installed`);
  }
}
console.log(`sources-sha256:${sourcesSha256()}`);
