import { describe, expect, it } from "vitest";
import { ancestors, EntryGuard, normalizeEntryPath } from "../../src/engine/rootfs/paths";

describe("normalizeEntryPath", () => {
  it("makes archive paths relative", () => {
    expect(normalizeEntryPath("./")).toBe("");
    expect(normalizeEntryPath("./bin/sh")).toBe("bin/sh");
    expect(normalizeEntryPath("etc//apk/./keys/")).toBe("etc/apk/keys");
  });
  it.each(["/etc/evil", "../evil", "a/../../evil", "a/..", "./..", "a\0b"])("refuses %j", (p) => {
    expect(normalizeEntryPath(p)).toBeNull();
  });
  it("allows names that merely contain dots", () => {
    expect(normalizeEntryPath("a/..b/c...")).toBe("a/..b/c...");
  });
});

describe("EntryGuard", () => {
  it("accepts an ordinary rootfs sequence", () => {
    const g = new EntryGuard();
    expect(g.check("Directory", "./")).toBe("");
    expect(g.check("Directory", "./bin/")).toBe("bin");
    expect(g.check("File", "./bin/busybox")).toBe("bin/busybox");
    expect(g.check("SymbolicLink", "./bin/sh", "/bin/busybox")).toBe("bin/sh");
    expect(g.check("SymbolicLink", "./lib/x", "../../../../etc/passwd")).toBe("lib/x"); // targets are free
    expect(g.check("Link", "./bin/bb2", "./bin/busybox")).toBe("bin/bb2");
    expect(g.check("File", "./usr/implicit/parent")).toBe("usr/implicit/parent");
  });

  it("refuses absolute and .. entry paths", () => {
    const g = new EntryGuard();
    expect(g.check("File", "/etc/evil")).toBeNull();
    expect(g.check("File", "../evil")).toBeNull();
    expect(g.check("Directory", "a/../../b/")).toBeNull();
  });

  it("refuses entries written through a symlink the archive made", () => {
    const g = new EntryGuard();
    expect(g.check("SymbolicLink", "escape", "/")).toBe("escape");
    expect(g.check("File", "escape/etc/passwd")).toBeNull();
    expect(g.check("Directory", "escape/x/")).toBeNull();
  });

  it("refuses entries below a file, and below a hard link to a symlink", () => {
    const g = new EntryGuard();
    g.check("File", "f");
    expect(g.check("File", "f/x")).toBeNull();
    g.check("SymbolicLink", "s", "/etc");
    expect(g.check("Link", "h", "s")).toBe("h");
    expect(g.check("File", "h/passwd")).toBeNull();
  });

  it("refuses hard links whose target escapes", () => {
    const g = new EntryGuard();
    expect(g.check("Link", "a", "/etc/shadow")).toBeNull();
    expect(g.check("Link", "b", "../../etc/shadow")).toBeNull();
    expect(g.check("Link", "c", "")).toBeNull();
    expect(g.check("Link", "d")).toBeNull();
    g.check("SymbolicLink", "s", "/");
    expect(g.check("Link", "e", "s/etc/shadow")).toBeNull();
  });

  it("keeps distrusting a symlink path even after a directory entry replaces it", () => {
    const g = new EntryGuard();
    g.check("SymbolicLink", "x", "/");
    g.check("Directory", "x/");
    expect(g.check("File", "x/y")).toBeNull();
  });
});

describe("ancestors", () => {
  it("lists proper prefixes", () => {
    expect(ancestors("a/b/c")).toEqual(["a", "a/b"]);
    expect(ancestors("a")).toEqual([]);
  });
});
