// The rootfs cache heals itself. A file deleted, truncated or chmod-ed in a cached tree (or a
// tree an older nsbox left without a manifest) is found on the next use, named, and the tree extracted again
// (offline: refused in one sentence naming the damage); `nsbox cache verify|list|prune` over real trees.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeHostTree } from "../../src/engine/fs";
import { manifestPath } from "../../src/engine/rootfs/cache";
import { prepareRootfs } from "../../src/engine/rootfs/index";
import { SetupError } from "../../src/engine/types";
import { alpineMirrorRoot, startMirror } from "../support/mirror";
import { runCaptured, sandboxSkipReason } from "../support/sandbox";

const SHIFT = 2_000_000_000;
const TARBALL = join(alpineMirrorRoot(), "v3.20/releases/x86_64/alpine-minirootfs-3.20.3-x86_64.tar.gz");
const cli = join(import.meta.dirname, "..", "..", "dist", "cli.js");

let cache: string;
beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), "nsbox-heal-"));
  chmodSync(cache, 0o755);
});
afterEach(() => removeHostTree(cache));

/** One sandbox on the local mirror with this test's cache; the engine's progress lines are kept. */
async function sh(script: string, more: { mirror?: string } = {}) {
  const progress: string[] = [];
  const r = await runCaptured({
    argv: ["sh", "-c", script],
    cacheDir: cache,
    alpine: "3.20.3",
    onProgress: (m) => progress.push(m),
    ...more,
  });
  return { ...r, progress };
}

const tree = () => {
  const names = readdirSync(join(cache, "rootfs")).filter(
    (n) => !n.endsWith(".manifest.json") && !n.endsWith(".check"),
  );
  expect(names).toHaveLength(1);
  return join(cache, "rootfs", names[0] as string);
};

describe.skipIf(sandboxSkipReason !== null)("a damaged rootfs cache heals itself", () => {
  it.each([
    ["a deleted file", (t: string) => rmSync(join(t, "bin/busybox")), "bin/busybox is missing"],
    [
      "a truncated file",
      (t: string) => truncateSync(join(t, "lib/ld-musl-x86_64.so.1"), 0),
      /lib\/ld-musl-x86_64\.so\.1 has 0 bytes, expected \d+/,
    ],
    [
      "a changed mode",
      (t: string) => chmodSync(join(t, "bin/busybox"), 0o600),
      "bin/busybox has mode 0600, expected 0755",
    ],
    ["no manifest (an older nsbox's tree)", (t: string) => rmSync(manifestPath(t)), "it has no manifest"],
  ])("%s: named, extracted again, and the command runs", async (_what, damage, expected) => {
    const first = await sh("echo ok");
    expect(first.stdout).toBe("ok\n");
    damage(tree());
    const second = await sh("echo ok");
    expect({ status: second.status, stdout: second.stdout, error: second.error }).toEqual({
      status: "ok",
      stdout: "ok\n",
      error: null,
    });
    const said = second.progress.find((m) => m.includes("is damaged"));
    expect(said).toMatch(expected);
    expect(second.progress.some((m) => m.startsWith("extracting"))).toBe(true);
    const third = await sh("echo ok"); // whole again: no second repair
    expect(third.progress.filter((m) => m.includes("damaged") || m.startsWith("extracting"))).toEqual([]);
  });

  it("offline, a damaged tree is refused in one sentence naming the damage", async () => {
    const mirror = await startMirror(); // this test's own: it goes away below, the cache entry stays
    const req = { mirror: mirror.url, alpine: "3.20.3", cacheDir: cache, idShift: SHIFT, timeoutMs: 2000 };
    await prepareRootfs(req);
    await mirror.close();
    rmSync(join(tree(), "bin/busybox"));
    const err = await prepareRootfs(req).catch((e) => e);
    expect(err).toBeInstanceOf(SetupError);
    expect(err.message).toMatch(
      /^the cached Alpine rootfs is damaged \(bin\/busybox is missing\) and cannot be downloaded again: cannot download .* \(tried \d times?\)$/,
    );
    expect(err.hint).toBe("mirror"); // the CLI adds "check --mirror or use --rootfs", the Action its inputs
    expect(err.message).not.toContain("\n");
  });

  it("a local tarball's damaged tree is extracted again from the tarball (no network)", async () => {
    const opts = { tarball: TARBALL, cacheDir: cache, idShift: SHIFT };
    const r = await prepareRootfs(opts);
    writeFileSync(join(r.dir, "etc/alpine-release"), "x"); // size changes
    const said: string[] = [];
    const again = await prepareRootfs({ ...opts, onProgress: (m) => said.push(m) });
    expect(said.find((m) => m.includes("damaged"))).toMatch(/etc\/alpine-release has 1 bytes, expected 7/);
    expect(readFileSync(join(again.dir, "etc/alpine-release"), "utf8")).toBe("3.20.3\n");
  });
});

function nsbox(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(sandboxSkipReason !== null || !existsSync(cli))("nsbox cache list|verify|prune", () => {
  it("verify finds what the cheap check cannot (same size, other content), removes the tree, exits 1", async () => {
    const r = await prepareRootfs({ tarball: TARBALL, cacheDir: cache, idShift: SHIFT });
    expect(nsbox("cache", "verify", "--cache-dir", cache)).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(
        /^3\.20\.3 x86_64 [\d.]+ MiB [0-9a-f]{64}-2000000000: ok\n1 tree\(s\) checked, 0 damaged\n$/,
      ),
    });
    writeFileSync(join(r.dir, "etc/alpine-release"), "9.99.9\n"); // same size: only a hash sees it
    const v = nsbox("cache", "verify", "--cache-dir", cache);
    expect(v.status).toBe(1);
    expect(v.stdout).toContain("damaged, removed (etc/alpine-release's content changed)");
    expect(v.stdout).toContain("1 tree(s) checked, 1 damaged");
    expect(existsSync(r.dir)).toBe(false);
    const again = await prepareRootfs({ tarball: TARBALL, cacheDir: cache, idShift: SHIFT });
    expect(readFileSync(join(again.dir, "etc/alpine-release"), "utf8")).toBe("3.20.3\n");
  });

  it("list shows version, arch, size and last use; prune keeps the newest tree per branch and any in use", async () => {
    // Two trees of branch 3.20 (the same tar, gzipped anew: another sha256) and one an older nsbox left.
    const other = join(
      mkdtempSync(join(tmpdir(), "nsbox-heal-tb-")),
      "alpine-minirootfs-3.20.3-x86_64.tar.gz",
    );
    writeFileSync(other, gzipSync(gunzipSync(readFileSync(TARBALL)), { level: 1 }));
    const older = await prepareRootfs({ tarball: other, cacheDir: cache, idShift: SHIFT });
    await new Promise((r) => setTimeout(r, 20));
    const newer = await prepareRootfs({ tarball: TARBALL, cacheDir: cache, idShift: SHIFT });
    const legacy = join(cache, "rootfs", `${"0".repeat(64)}-${SHIFT}`);
    mkdirSync(join(legacy, "bin"), { recursive: true });

    const list = JSON.parse(nsbox("cache", "list", "--json", "--cache-dir", cache).stdout);
    expect(list).toHaveLength(3);
    const byDir = new Map(list.map((e: { dir: string }) => [e.dir, e]));
    expect(byDir.get(newer.dir)).toMatchObject({ version: "3.20.3", arch: "x86_64", source: TARBALL });
    expect((byDir.get(newer.dir) as { bytes: number }).bytes).toBeGreaterThan(5 * 1024 ** 2);
    expect(byDir.get(legacy)).toMatchObject({ version: null, lastUse: null });

    // A manifest without a tree: an install about to commit, or (once old) a crashed one's.
    const orphan = manifestPath(join(cache, "rootfs", `${"1".repeat(64)}-${SHIFT}`));
    writeFileSync(orphan, "{}");

    // The older tree was used a moment ago: a running sandbox may stand on it.
    const first = nsbox("cache", "prune", "--cache-dir", cache);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("removed 1 tree(s)");
    expect(existsSync(legacy)).toBe(false);
    expect(existsSync(older.dir)).toBe(true);
    expect(existsSync(orphan)).toBe(true);

    const hoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(manifestPath(older.dir), hoursAgo, hoursAgo);
    utimesSync(orphan, hoursAgo, hoursAgo);
    const pruned = nsbox("cache", "prune", "--cache-dir", cache);
    expect(pruned.status).toBe(0);
    expect(pruned.stdout).toContain("removed 1 tree(s)");
    expect(existsSync(newer.dir)).toBe(true);
    expect(existsSync(older.dir)).toBe(false);
    expect(existsSync(manifestPath(older.dir))).toBe(false);
    expect(existsSync(orphan)).toBe(false);

    expect(nsbox("cache", "prune", "--all", "--cache-dir", cache).stdout).toContain("removed 1 tree(s)");
    expect(readdirSync(join(cache, "rootfs"))).toEqual([]);
    expect(statSync(cache).isDirectory()).toBe(true);
    rmSync(join(other, ".."), { recursive: true, force: true });
  });

  it("refuses an unknown cache command in one sentence (exit 2)", () => {
    expect(nsbox("cache", "shrink")).toMatchObject({
      status: 2,
      stderr: "nsbox: cache: 'shrink' is not a cache command; use nsbox cache list, verify or prune\n",
    });
  });
});
