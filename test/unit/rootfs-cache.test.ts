import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { removeHostTree } from "../../src/engine/fs";
import {
  ALIAS_TTL_MS,
  cleanupStaleRootfsTemps,
  commitDir,
  defaultCacheDir,
  isFresh,
  makeTempDir,
  readIndex,
  rootfsPath,
  writeIndexEntry,
} from "../../src/engine/rootfs/cache";
import { pruneCache } from "../../src/engine/rootfs/maintain";

let cache: string;
beforeEach(() => {
  cache = mkdtempSync(path.join(os.tmpdir(), "nsbox-rootfs-cache-"));
});
afterEach(() => {
  vi.unstubAllEnvs();
  removeHostTree(cache);
});

describe("defaultCacheDir", () => {
  it("prefers NSBOX_CACHE_DIR", () => {
    vi.stubEnv("NSBOX_CACHE_DIR", "/srv/x/../nsbox");
    expect(defaultCacheDir()).toBe("/srv/nsbox");
  });
  it("uses /var/cache/nsbox as root, XDG or ~/.cache otherwise", () => {
    vi.stubEnv("NSBOX_CACHE_DIR", "");
    vi.stubEnv("XDG_CACHE_HOME", "/xdg");
    const uid = vi.spyOn(process, "getuid");
    uid.mockReturnValue(0);
    expect(defaultCacheDir()).toBe("/var/cache/nsbox");
    uid.mockReturnValue(1000);
    expect(defaultCacheDir()).toBe("/xdg/nsbox");
    vi.stubEnv("XDG_CACHE_HOME", "relative/ignored");
    expect(defaultCacheDir()).toBe(path.join(os.homedir(), ".cache", "nsbox"));
    uid.mockRestore();
  });
});

describe("index", () => {
  it("round-trips entries and tolerates a damaged file", () => {
    const e = { version: "3.20.3", sha256: "a".repeat(64), at: 1 };
    writeIndexEntry(cache, "k1", e);
    writeIndexEntry(cache, "k2", { ...e, version: "3.19.4" });
    expect(readIndex(cache)).toEqual({ k1: e, k2: { ...e, version: "3.19.4" } });
    writeFileSync(path.join(cache, "index.json"), "{not json");
    expect(readIndex(cache)).toEqual({});
    expect(readdirSync(cache)).toEqual(["index.json"]); // no temp files left behind
  });
  it("keeps exact versions forever and aliases for 24 h", () => {
    const now = 10 * ALIAS_TTL_MS;
    const e = { version: "3.20.3", sha256: "", at: now - ALIAS_TTL_MS + 1000 };
    expect(isFresh(e, false, now)).toBe(true);
    expect(isFresh({ ...e, at: now - ALIAS_TTL_MS - 1 }, false, now)).toBe(false);
    expect(isFresh({ ...e, at: 0 }, true, now)).toBe(true);
    expect(isFresh({ ...e, at: now + 5000 }, false, now)).toBe(false); // clock went backwards
  });
  it("names trees by checksum and id shift", () => {
    expect(rootfsPath("/c", "ab", 2000000000)).toBe("/c/rootfs/ab-2000000000");
    expect(rootfsPath("/c", "ab", null)).toBe("/c/rootfs/ab-self");
  });
});

describe("temp dirs", () => {
  it("commits by rename, and keeps the first tree when two race", () => {
    mkdirSync(path.join(cache, "rootfs"));
    const final = path.join(cache, "rootfs", "x-self");
    const a = makeTempDir(cache);
    const b = makeTempDir(cache);
    writeFileSync(path.join(a, "who"), "a");
    writeFileSync(path.join(b, "who"), "b");
    expect(path.basename(a)).toMatch(new RegExp(`^\\.tmp-${process.pid}-[0-9a-f]+$`));
    expect(commitDir(a, final)).toBe(true);
    expect(commitDir(b, final)).toBe(false);
    expect(readdirSync(final)).toEqual(["who"]);
    expect(existsSync(a) || existsSync(b)).toBe(false);
  });

  it("removes leftovers of dead processes, keeps a live one's whatever its mtime", () => {
    const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
    const deadPid = Number(child.stdout.toString());
    const dead = path.join(cache, `.tmp-${deadPid}-abc123`);
    const live = path.join(cache, `.tmp-${process.pid}-def456`);
    const recorded = path.join(cache, `.tmp-${process.pid}-01d01d`);
    const other = path.join(cache, ".tmp-notours");
    for (const d of [dead, live, recorded, other]) mkdirSync(d);
    mkdirSync(path.join(dead, "proc"), { mode: 0o555 }); // a 0555 dir must not stop removal
    // An extraction in progress: the tarball's mtime, then the manifest's 2000-01-01 (a run, `cleanup`
    // and `cache prune` removed such a live one when the age came from the mtime).
    const y2000 = Date.UTC(2000, 0, 1) / 1000;
    utimesSync(recorded, y2000, y2000);
    expect(cleanupStaleRootfsTemps(cache)).toBe(1);
    expect(readdirSync(cache).sort()).toEqual(
      [path.basename(other), path.basename(live), path.basename(recorded)].sort(),
    );
    rmSync(live, { recursive: true });
    rmSync(recorded, { recursive: true });
  });

  it("removes files written aside by a dead writer (killed before its rename), keeps a live one's", () => {
    const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
    const deadPid = Number(child.stdout.toString());
    const tree = `${"a".repeat(64)}-2000000000`;
    mkdirSync(path.join(cache, "rootfs"));
    mkdirSync(path.join(cache, "packages"));
    const dead = [
      `index.json.${deadPid}.0badc0de.tmp`,
      `rootfs/${tree}.manifest.json.${deadPid}.12345678.tmp`,
      `rootfs/${tree}.check.${deadPid}.9abcdef0.tmp`,
      `packages/indexes.json.${deadPid}.deadbeef.tmp`,
    ];
    const kept = [`index.json.${process.pid}.0badc0de.tmp`, "rootfs/notes.tmp", "packages/x.1.tmp"];
    for (const f of [...dead, ...kept]) writeFileSync(path.join(cache, f), "{");
    expect(cleanupStaleRootfsTemps(cache)).toBe(dead.length);
    for (const f of dead) expect(existsSync(path.join(cache, f)), f).toBe(false);
    for (const f of kept) expect(existsSync(path.join(cache, f)), f).toBe(true);
  });

  it("prune --all takes a tree's check list and manifest left without their tree", async () => {
    const tree = `${"b".repeat(64)}-2000000000`;
    mkdirSync(path.join(cache, "rootfs"));
    for (const f of [`${tree}.check`, `${tree}.manifest.json`])
      writeFileSync(path.join(cache, "rootfs", f), "");
    await pruneCache(cache, { all: true });
    expect(readdirSync(path.join(cache, "rootfs"))).toEqual([]);
  });

  it("returns 0 for a missing cache", () => {
    expect(cleanupStaleRootfsTemps(path.join(cache, "nope"))).toBe(0);
  });
});
