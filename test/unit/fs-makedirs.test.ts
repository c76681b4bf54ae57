// makeDirs when another process makes the same dirs at the same time (runs started together on a new
// cache or output dir): a dir found missing and made by someone else before our mkdir is taken as made.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeDirs, makeMissingDirs } from "../../src/engine/fs";

describe("makeDirs", () => {
  let root = "";
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("takes a dir another process made after it was found missing as there, and returns the ones it made", () => {
    root = mkdtempSync(join(tmpdir(), "nsbox-makedirs-"));
    const missing = [join(root, "a"), join(root, "a", "b"), join(root, "a", "b", "c")];
    mkdirSync(join(root, "a", "b"), { recursive: true }); // the other process, between the check and our mkdir
    expect(makeMissingDirs(missing, 0o755)).toEqual([join(root, "a", "b", "c")]);
    expect(statSync(join(root, "a", "b", "c")).isDirectory()).toBe(true);
    expect(makeMissingDirs(missing, 0o755)).toEqual([]); // all there: nothing made
  });

  it("still refuses a file where a dir should be", () => {
    root = mkdtempSync(join(tmpdir(), "nsbox-makedirs-"));
    writeFileSync(join(root, "a"), "");
    expect(() => makeMissingDirs([join(root, "a"), join(root, "a", "b")], 0o755)).toThrow(/EEXIST/);
    expect(() => makeDirs(join(root, "a", "b"))).toThrow(/ENOTDIR/);
  });
});
