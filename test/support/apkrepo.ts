// A small apk repository made by the tests: .apk v2 files built here (gzip(control tar) + gzip(data tar),
// .PKGINFO with the data stream's sha256 as datahash, data entries with abuild-tar's PAX SHA1 header),
// indexed by the REAL apk inside an Alpine sandbox (`apk index`), and signed like abuild-sign: a gzip
// stream holding the tar entry .SIGN.RSA.<key>.rsa.pub (RSA-SHA1 of the index's gzip stream) in front.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { alpineArch } from "../../src/engine/rootfs/version";
import type { MountSpec } from "../../src/engine/types";

export const ARCH = alpineArch(process.arch);
const KEY_NAME = "nsbox-test.rsa.pub";

interface Entry {
  name: string;
  mode: number;
  data?: Buffer; // absent: a directory
}

function header(name: string, size: number, mode: number, type: string): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100);
  h.write(`${mode.toString(8).padStart(7, "0")}\0`, 100);
  h.write("0000000\0", 108);
  h.write("0000000\0", 116);
  h.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
  h.write(`${(1_700_000_000).toString(8).padStart(11, "0")}\0`, 136);
  h.write("        ", 148);
  h.write(type, 156);
  h.write("ustar\0", 257);
  h.write("00", 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return h;
}

const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = body.length + 1;
  while (`${len}${body}`.length !== len) len = `${len}${body}`.length;
  return `${len}${body}`;
}

/** ustar entries; `end` adds the two zero blocks (apk's control and signature streams have none). */
function tar(entries: Entry[], opts: { pax: boolean; end: boolean }): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    if (e.data && opts.pax) {
      const pax = Buffer.from(
        paxRecord("APK-TOOLS.checksum.SHA1", createHash("sha1").update(e.data).digest("hex")),
      );
      parts.push(header(`PaxHeaders/${e.name}`.slice(0, 99), pax.length, 0o644, "x"), pad(pax));
    }
    parts.push(header(e.name, e.data?.length ?? 0, e.mode, e.data ? "0" : "5"));
    if (e.data) parts.push(pad(e.data));
  }
  if (opts.end) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** One package of a test repository: its files, and control members such as .post-install. */
export type TestPackage = Parameters<typeof makeApk>[0];

function makeApk(pkg: {
  name: string;
  version: string;
  depends?: string[];
  provides?: string[];
  priority?: number;
  files: Entry[];
  scripts?: Record<string, string>; // control members such as .post-install
}): Buffer {
  const data = gzipSync(tar(pkg.files, { pax: true, end: true }));
  const size = pkg.files.reduce((n, f) => n + (f.data?.length ?? 0), 0);
  const info = [
    `pkgname = ${pkg.name}`,
    `pkgver = ${pkg.version}`,
    "pkgdesc = nsbox test package",
    "url = https://example.invalid",
    `arch = ${ARCH}`,
    "license = MIT",
    `size = ${size}`,
    `origin = ${pkg.name}`,
    ...(pkg.depends ?? []).map((d) => `depend = ${d}`),
    ...(pkg.provides ?? []).map((d) => `provides = ${d}`),
    ...(pkg.priority !== undefined ? [`provider_priority = ${pkg.priority}`] : []),
    `datahash = ${createHash("sha256").update(data).digest("hex")}`,
    "",
  ].join("\n");
  const scripts = Object.entries(pkg.scripts ?? {}).map(([name, body]) => ({
    name,
    mode: 0o755,
    data: Buffer.from(body),
  }));
  const control = gzipSync(
    tar([{ name: ".PKGINFO", mode: 0o644, data: Buffer.from(info) }, ...scripts], { pax: false, end: false }),
  );
  return Buffer.concat([control, data]);
}

export interface TestRepo {
  root: string; // served root; repositories at <root>/signed and <root>/unsigned
  keyFile: string; // the public key (named like the signature expects)
}

/** Runs one command in an Alpine sandbox, capturing its output (the tests' runCaptured, or the bench's). */
export type RunInAlpine = (opts: { argv: string[]; mounts: MountSpec[] }) => Promise<{
  status: string;
  stdout: string;
  stderr: string;
  error: { message: string } | null;
}>;

/**
 * Builds <dir>/{signed,unsigned}/<arch>/ with junit-runner (a static binary) depending on junit-lib, a
 * provider puzzle: zapp needs so:libzt.so.1, which zprov-a (priority 10) and zprov-b provide; zpin
 * conflicts with zprov-a, so `apk add zapp zpin` takes zprov-b where a priority-only guess takes zprov-a;
 * and setid-tools, which ships the runner setuid (suid-runner, 04755) and setgid (sgid-runner, 02755) in
 * a setgid directory (usr/lib/setid-tools/, 02755), as shadow, sudo or fuse3 ship theirs; zslow,
 * whose post-install script sleeps 60 s (an install to stop half-way); and zpause, whose sleeps 2 s (an
 * install that runs started together overlap in). `extra`: more packages, a test's own.
 */
export async function buildTestRepo(
  dir: string,
  runCaptured: RunInAlpine,
  // A bundle (the bench's) lives elsewhere: it passes the source's path.
  runnerSource = join(import.meta.dirname, "..", "fixtures", "apk", "junit-runner.c"),
  extra: TestPackage[] = [],
): Promise<TestRepo> {
  const bin = join(dir, "junit-runner");
  mkdirSync(dir, { recursive: true });
  execFileSync(process.env.CC ?? "cc", ["-O1", "-static", "-o", bin, runnerSource]);
  const apks: Record<string, Buffer> = {
    "junit-lib-1.2-r0.apk": makeApk({
      name: "junit-lib",
      version: "1.2-r0",
      files: [
        { name: "usr/", mode: 0o755 },
        { name: "usr/share/", mode: 0o755 },
        { name: "usr/share/junit-lib/", mode: 0o755 },
        { name: "usr/share/junit-lib/VERSION", mode: 0o644, data: Buffer.from("1.2\n") },
      ],
    }),
    "junit-runner-1.0-r0.apk": makeApk({
      name: "junit-runner",
      version: "1.0-r0",
      depends: ["junit-lib"],
      files: [
        { name: "usr/", mode: 0o755 },
        { name: "usr/bin/", mode: 0o755 },
        { name: "usr/bin/junit-runner", mode: 0o755, data: readFileSync(bin) },
      ],
    }),
  };
  const note = (name: string) => [
    { name: "usr/", mode: 0o755 },
    { name: "usr/share/", mode: 0o755 },
    { name: `usr/share/${name}`, mode: 0o644, data: Buffer.from(`${name}\n`) },
  ];
  const small: Parameters<typeof makeApk>[0][] = [
    { name: "zapp", version: "1-r0", depends: ["so:libzt.so.1"], files: note("zapp") },
    { name: "zpin", version: "1-r0", depends: ["!zprov-a"], files: note("zpin") },
    { name: "zprov-a", version: "1-r0", provides: ["so:libzt.so.1=1"], priority: 10, files: note("zprov-a") },
    { name: "zprov-b", version: "1-r0", provides: ["so:libzt.so.1=1"], priority: 1, files: note("zprov-b") },
    {
      name: "zslow",
      version: "1-r0",
      files: note("zslow"),
      scripts: { ".post-install": "#!/bin/sh\nsleep 60\n" },
    },
    {
      name: "zpause",
      version: "1-r0",
      files: note("zpause"),
      scripts: { ".post-install": "#!/bin/sh\nsleep 2\n" },
    },
  ];
  for (const p of [...small, ...extra]) apks[`${p.name}-${p.version}.apk`] = makeApk(p);
  apks["setid-tools-1-r0.apk"] = makeApk({
    name: "setid-tools",
    version: "1-r0",
    files: [
      { name: "usr/", mode: 0o755 },
      { name: "usr/lib/", mode: 0o755 },
      { name: "usr/lib/setid-tools/", mode: 0o2755 },
      { name: "usr/lib/setid-tools/suid-runner", mode: 0o4755, data: readFileSync(bin) },
      { name: "usr/lib/setid-tools/sgid-runner", mode: 0o2755, data: readFileSync(bin) },
    ],
  });
  const unsigned = join(dir, "unsigned", ARCH);
  mkdirSync(unsigned, { recursive: true, mode: 0o755 });
  for (const [f, b] of Object.entries(apks)) writeFileSync(join(unsigned, f), b);
  // The real apk makes the index, inside Alpine; base64 carries it over the text stdout.
  const r = await runCaptured({
    argv: [
      "/bin/sh",
      "-ec",
      `cd /repo && apk index --allow-untrusted -o /tmp/APKINDEX.tar.gz *.apk >&2 && base64 /tmp/APKINDEX.tar.gz`,
    ],
    mounts: [{ source: unsigned, target: "/repo", mode: "ro" }],
  });
  if (r.status !== "ok") throw new Error(`apk index failed: ${r.stderr}${r.error?.message ?? ""}`);
  const index = Buffer.from(r.stdout.replace(/\s+/g, ""), "base64");
  writeFileSync(join(unsigned, "APKINDEX.tar.gz"), index);

  const priv = join(dir, "key.pem");
  const keyFile = join(dir, KEY_NAME);
  execFileSync("openssl", ["genrsa", "-out", priv, "2048"], { stdio: "ignore" });
  execFileSync("openssl", ["rsa", "-in", priv, "-pubout", "-out", keyFile], { stdio: "ignore" });
  const sig = execFileSync("openssl", ["dgst", "-sha1", "-sign", priv], { input: index });
  const sigStream = gzipSync(
    tar([{ name: `.SIGN.RSA.${KEY_NAME}`, mode: 0o644, data: sig }], { pax: false, end: false }),
  );
  const signed = join(dir, "signed", ARCH);
  mkdirSync(signed, { recursive: true, mode: 0o755 });
  for (const [f, b] of Object.entries(apks)) writeFileSync(join(signed, f), b);
  writeFileSync(join(signed, "APKINDEX.tar.gz"), Buffer.concat([sigStream, index]));
  return { root: dir, keyFile };
}

/**
 * <root>/<name>/<arch>/: the unsigned repository's .apk files under an unsigned index of its entries and
 * `extra` (APKINDEX text appended to apk's own: more entries than the host reads, say). Returns the dir.
 */
export function paddedRepo(repo: TestRepo, name: string, extra: string): string {
  const from = join(repo.root, "unsigned", ARCH);
  const to = join(repo.root, name, ARCH);
  mkdirSync(to, { recursive: true, mode: 0o755 });
  for (const f of readdirSync(from)) if (f.endsWith(".apk")) copyFileSync(join(from, f), join(to, f));
  const members = new Map<string, Buffer>();
  const stream = gunzipSync(readFileSync(join(from, "APKINDEX.tar.gz")));
  for (let off = 0; off + 512 <= stream.length && stream[off] !== 0; ) {
    const name = stream.toString("latin1", off, off + 100).replace(/\0.*$/s, "");
    const size = Number.parseInt(stream.toString("latin1", off + 124, off + 136), 8);
    members.set(name, stream.subarray(off + 512, off + 512 + size));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  const text = Buffer.concat([members.get("APKINDEX") ?? Buffer.alloc(0), Buffer.from(extra)]);
  const entries = [
    { name: "DESCRIPTION", mode: 0o644, data: members.get("DESCRIPTION") ?? Buffer.from("padded") },
    { name: "APKINDEX", mode: 0o644, data: text },
  ];
  writeFileSync(join(to, "APKINDEX.tar.gz"), gzipSync(tar(entries, { pax: false, end: true })));
  return join(repo.root, name);
}
