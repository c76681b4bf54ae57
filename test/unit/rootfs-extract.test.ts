// Extraction on crafted archives: escapes refused, damage reported, modes and links exact.
// Runs as any user (idShift null); the ownership shift is covered when root.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { Header } from "tar";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeHostTree } from "../../src/engine/fs";
import { extractTarball } from "../../src/engine/rootfs/extract";
import { CancelledError, SetupError } from "../../src/engine/types";

interface E {
  path: string;
  type?: "File" | "Directory" | "SymbolicLink" | "Link";
  mode?: number;
  uid?: number;
  gid?: number;
  body?: string;
  linkpath?: string;
}

/** A gzipped ustar archive written header by header, so paths are exactly what the test says. */
function tarball(entries: E[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const type = e.type ?? "File";
    const body = Buffer.from(e.body ?? "");
    const h = Buffer.alloc(512);
    new Header({
      path: e.path,
      type,
      mode: e.mode ?? (type === "Directory" ? 0o755 : 0o644),
      uid: e.uid ?? 0,
      gid: e.gid ?? 0,
      size: type === "File" ? body.length : 0,
      mtime: new Date(1_700_000_000_000),
      linkpath: e.linkpath,
    }).encode(h, 0);
    blocks.push(h);
    if (type === "File" && body.length) blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

let work: string;
let dest: string;
beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "nsbox-extract-"));
  dest = path.join(work, "dest");
  mkdirSync(dest);
});
afterEach(() => removeHostTree(work));

const extract = (gz: Buffer, idShift: number | null = null) =>
  extractTarball(gz, dest, { label: "t.tar.gz", idShift });
const isRoot = process.getuid?.() === 0;

describe("extractTarball", () => {
  it("keeps modes, absolute symlink targets and hard links exactly", async () => {
    const n = await extract(
      tarball([
        { path: "./", type: "Directory" },
        { path: "./tmp/", type: "Directory", mode: 0o1777 },
        { path: "./proc/", type: "Directory", mode: 0o555 },
        { path: "./ro/", type: "Directory", mode: 0o555 },
        { path: "./ro/inner", body: "x", mode: 0o600 },
        { path: "./root/", type: "Directory", mode: 0o700 },
        { path: "./bin/", type: "Directory" },
        { path: "./bin/busybox", body: "#!bb", mode: 0o755 },
        { path: "./bin/sh", type: "SymbolicLink", linkpath: "/bin/busybox" },
        { path: "./bin/up", type: "SymbolicLink", linkpath: "../../../../etc/passwd" },
        { path: "./bin/bb2", type: "Link", linkpath: "./bin/busybox" },
        { path: "./etc/shadow", body: "s", mode: 0o640, gid: 42 }, // parent dir implicit
        { path: "./etc/dad", body: "d", mode: 0o775 },
      ]),
    );
    expect(n).toBe(13);
    const mode = (p: string) => lstatSync(path.join(dest, p)).mode & 0o7777;
    expect(mode(".")).toBe(0o755);
    expect(mode("tmp")).toBe(0o1777);
    expect(mode("proc")).toBe(0o555);
    expect(mode("ro")).toBe(0o555);
    expect(mode("ro/inner")).toBe(0o600);
    expect(mode("root")).toBe(0o700);
    expect(mode("etc")).toBe(0o755);
    expect(mode("etc/shadow")).toBe(0o640);
    expect(mode("etc/dad")).toBe(0o775); // not trimmed by the umask
    expect(readlinkSync(path.join(dest, "bin/sh"))).toBe("/bin/busybox");
    expect(readlinkSync(path.join(dest, "bin/up"))).toBe("../../../../etc/passwd");
    expect(statSync(path.join(dest, "bin/bb2")).ino).toBe(statSync(path.join(dest, "bin/busybox")).ino);
    const me = process.getuid?.();
    expect(lstatSync(path.join(dest, "etc/shadow")).uid).toBe(me); // idShift null: the caller owns all
  });

  it.skipIf(!isRoot)("shifts every owner, symlinks included, and drops set-id bits (root)", async () => {
    const S = 2_000_000_000;
    await extract(
      tarball([
        { path: "./", type: "Directory" },
        { path: "./bin/", type: "Directory", mode: 0o555 },
        { path: "./bin/su", body: "x", mode: 0o4755 },
        { path: "./bin/sh", type: "SymbolicLink", linkpath: "/bin/su" },
        { path: "./etc/shadow", body: "s", mode: 0o640, gid: 42 },
        { path: "./home/u/", type: "Directory", uid: 1000, gid: 1000, mode: 0o2750 },
      ]),
      S,
    );
    const st = (p: string) => lstatSync(path.join(dest, p));
    expect([st(".").uid, st(".").gid]).toEqual([S, S]);
    expect([st("bin/sh").uid, st("bin/sh").gid]).toEqual([S, S]);
    expect([st("etc").uid, st("etc").gid]).toEqual([S, S]); // implicit dir
    expect([st("etc/shadow").uid, st("etc/shadow").gid]).toEqual([S, S + 42]);
    expect([st("home/u").uid, st("home/u").gid, st("home/u").mode & 0o7777]).toEqual([
      S + 1000,
      S + 1000,
      0o750,
    ]);
    // A setuid file of the sandboxes' host uid would let any local user become that uid.
    expect(st("bin/su").mode & 0o7777).toBe(0o755);
    expect(st("bin").mode & 0o7777).toBe(0o555);
  });

  it("never makes a setuid or setgid file or directory, whoever extracts", async () => {
    await extract(
      tarball([
        { path: "./", type: "Directory" },
        { path: "./bin/", type: "Directory", mode: 0o2755 },
        { path: "./bin/su", body: "x", mode: 0o4755 },
        { path: "./bin/wall", body: "x", mode: 0o2711 },
        { path: "./tmp/", type: "Directory", mode: 0o1777 },
      ]),
    );
    const mode = (p: string) => lstatSync(path.join(dest, p)).mode & 0o7777;
    expect([mode("bin"), mode("bin/su"), mode("bin/wall"), mode("tmp")]).toEqual([
      0o755, 0o755, 0o711, 0o1777,
    ]);
  });

  it.each([
    [65536, 0, "./etc/x is owned by 65536:0"],
    [0, 294967295, "./etc/x is owned by 0:294967295"],
    [2 ** 32 - 2, 0, `./etc/x is owned by ${2 ** 32 - 2}:0`],
  ])("refuses an owner beyond the sandbox's 65536 ids (uid %i, gid %i)", async (uid, gid, said) => {
    const gz = tarball([
      { path: "./", type: "Directory" },
      { path: "./etc/x", body: "x", uid, gid },
    ]);
    const err = await extract(gz).catch((e) => e);
    expect(err).toBeInstanceOf(SetupError);
    expect(err.message).toBe(`cannot extract t.tar.gz: ${said}, beyond the sandbox's ids 0-65535`);
  });

  it("refuses a tar that inflates beyond the cap, as it inflates", async () => {
    const gz = tarball([
      { path: "./", type: "Directory" },
      { path: "./big", body: "\0".repeat(3 * 1024 ** 2) },
    ]);
    const err = await extractTarball(gz, dest, {
      label: "t.tar.gz",
      idShift: null,
      maxTarBytes: 1024 ** 2,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(SetupError);
    expect(err.message).toBe(
      "cannot extract t.tar.gz: it inflates to more than 1 MiB (a minirootfs is about 8 MiB)",
    );
  });

  it("stops at once when aborted in the middle of a large archive", async () => {
    // 128 MiB of zeros in ~130 KB: seconds to write out whole, a chunk (1 MiB) between abort checks.
    const tar = Buffer.alloc(512 + 128 * 1024 ** 2 + 1024);
    new Header({
      path: "./zeros",
      type: "File",
      mode: 0o644,
      size: 128 * 1024 ** 2,
      mtime: new Date(0),
    }).encode(tar, 0);
    const gz = gzipSync(tar, { level: 1 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error("SIGTERM")), 20);
    const err = await extractTarball(gz, dest, { label: "t.tar.gz", idShift: null, signal: ac.signal }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(CancelledError);
  });

  const canary = () => path.join(os.tmpdir(), `nsbox-evil-${randomBytes(6).toString("hex")}`);

  it.each([
    ["a .. entry", (_c: string) => [{ path: "../evil" }], (_c: string) => path.join(work, "evil")],
    ["a nested .. entry", () => [{ path: "./etc/../../evil" }], () => path.join(work, "evil")],
    ["an absolute entry", (c: string) => [{ path: c }], (c: string) => c],
  ] as const)("refuses %s", async (_name, entries, where) => {
    const c = canary();
    const gz = tarball([
      { path: "./", type: "Directory" },
      ...entries(c).map((e) => ({ ...e, body: "pwned" })),
    ]);
    const err = await extract(gz).catch((e) => e);
    expect(err).toBeInstanceOf(SetupError);
    expect(err.message).toBe(`tarball entry escapes the destination: ${entries(c)[0]?.path}`);
    expect(existsSync(where(c))).toBe(false);
  });

  it("refuses writing through a symlink the archive planted", async () => {
    const outside = path.join(work, "outside");
    mkdirSync(outside);
    const gz = tarball([
      { path: "./", type: "Directory" },
      { path: "./link", type: "SymbolicLink", linkpath: outside },
      { path: "./link/pwned", body: "x" },
    ]);
    await expect(extract(gz)).rejects.toThrow("tarball entry escapes the destination: ./link/pwned");
    expect(readdirSync(outside)).toEqual([]);
  });

  it("refuses a hard link to a host file", async () => {
    const gz = tarball([
      { path: "./", type: "Directory" },
      { path: "./shadow", type: "Link", linkpath: "/etc/passwd" },
    ]);
    await expect(extract(gz)).rejects.toThrow("tarball entry escapes the destination: ./shadow");
    expect(existsSync(path.join(dest, "shadow"))).toBe(false);
  });

  it("reports damaged archives as 'cannot extract'", async () => {
    const good = tarball([
      { path: "./", type: "Directory" },
      { path: "./big", body: randomBytes(200_000).toString("base64") },
    ]);
    for (const gz of [
      good.subarray(0, good.length >> 1), // truncated gzip
      randomBytes(4096), // garbage
      Buffer.concat([Buffer.from([0x1f, 0x8b]), randomBytes(4096)]), // garbage behind a gzip magic
      gzipSync(Buffer.from("hello, not a tar archive\n".repeat(100))),
      gzipSync(Buffer.alloc(0)),
    ]) {
      const err = await extract(gz).catch((e) => e);
      expect(err).toBeInstanceOf(SetupError);
      expect(err.message).toMatch(/^cannot extract t\.tar\.gz: \S/);
    }
  });

  it("sha256 of the fixture changes with its content (sanity for the cache key)", () => {
    const a = createHash("sha256")
      .update(tarball([{ path: "a" }]))
      .digest("hex");
    const b = createHash("sha256")
      .update(tarball([{ path: "b" }]))
      .digest("hex");
    expect(a).not.toBe(b);
  });
});
