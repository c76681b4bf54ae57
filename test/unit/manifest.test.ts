// The tree manifest on a small real tree: what the cheap check and the full check each notice.

import { createHash } from "node:crypto";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256File } from "../../src/engine/fs";
import { checkTree, readManifest, recordTree, verifyTree, writeManifest } from "../../src/engine/manifest";

let dir: string;
let tree: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "nsbox-manifest-"));
  tree = join(dir, "tree");
  mkdirSync(join(tree, "bin"), { recursive: true });
  writeFileSync(join(tree, "bin/busybox"), "busybox-binary");
  chmodSync(join(tree, "bin/busybox"), 0o755);
  symlinkSync("/bin/busybox", join(tree, "bin/sh"));
  mkdirSync(join(tree, "etc"));
  writeFileSync(join(tree, "etc/alpine-release"), "3.20.3\n");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("tree manifest", () => {
  it("records every entry and round-trips through its file", () => {
    const m = recordTree(tree, { version: "3.20.3" });
    expect(m.entries.map((e) => [e[0], e[1]])).toEqual([
      ["", "d"],
      ["bin", "d"],
      ["bin/busybox", "f"],
      ["bin/sh", "l"],
      ["etc", "d"],
      ["etc/alpine-release", "f"],
    ]);
    expect(m.bytes).toBe(14 + 7);
    writeManifest(join(dir, "m.json"), m);
    expect(readManifest(join(dir, "m.json"))).toEqual(m);
    expect(readManifest(join(dir, "missing.json"))).toBeNull();
    writeFileSync(join(dir, "bad.json"), "{}");
    expect(readManifest(join(dir, "bad.json"))).toBeNull();
    // One damaged entry past the first reads as no manifest (a TypeError in every later check before).
    for (const bad of [null, ["bin", "d"], ["bin", "x", 0o755, 0, 0, 0, ""], ["bin", "d", -1, 0, 0, 0, ""]]) {
      writeFileSync(join(dir, "bad.json"), JSON.stringify({ ...m, entries: [m.entries[0], bad] }));
      expect(readManifest(join(dir, "bad.json"))).toBeNull();
    }
    expect(checkTree(tree, m)).toBeNull();
    expect(verifyTree(tree, m)).toEqual([]);
  });

  it.each([
    ["a deleted file", () => unlinkSync(join(tree, "bin/busybox")), "bin/busybox is missing"],
    [
      "a truncated file",
      () => truncateSync(join(tree, "bin/busybox"), 0),
      "bin/busybox has 0 bytes, expected 14",
    ],
    [
      "a symlink re-pointed to a target of another length",
      () => {
        unlinkSync(join(tree, "bin/sh"));
        symlinkSync("/bin/other", join(tree, "bin/sh"));
      },
      "bin/sh points elsewhere",
    ],
    ["a chmod", () => chmodSync(join(tree, "etc"), 0o700), "etc has mode 0700, expected 0755"],
    [
      "a directory replaced by a file",
      () => {
        rmSync(join(tree, "etc"), { recursive: true });
        writeFileSync(join(tree, "etc"), "");
      },
      "etc is a file, expected a directory",
    ],
  ])("the cheap check names %s", (_what, damage, words) => {
    chmodSync(join(tree, "etc"), 0o755);
    const m = recordTree(tree, {});
    damage();
    expect(checkTree(tree, m)).toBe(words);
    expect(verifyTree(tree, m)).toContain(words);
  });

  it("only the full check sees same-size content, a symlink retargeted to as long a path and added files", () => {
    const m = recordTree(tree, {});
    writeFileSync(join(tree, "etc/alpine-release"), "9.99.9\n");
    unlinkSync(join(tree, "bin/sh"));
    symlinkSync("/bin/busyboy", join(tree, "bin/sh")); // as long as /bin/busybox
    writeFileSync(join(tree, "etc/extra"), "");
    expect(checkTree(tree, m)).toBeNull();
    expect(verifyTree(tree, m)).toEqual([
      "bin/sh points elsewhere",
      "etc/alpine-release's content changed",
      "etc/extra was added",
    ]);
  });

  it("skips the links of a directory whose recorded mtime still holds, and checks them where none was recorded", () => {
    const m = recordTree(tree, {});
    // Every directory is stamped before it is recorded, so a change in the same clock tick still shows.
    const stamp = 946_684_800;
    for (const e of m.entries.filter((e) => e[1] === "d")) {
      expect(e[7]).toBe(stamp * 1000);
      expect(statSync(e[0] === "" ? tree : join(tree, e[0])).mtimeMs).toBe(stamp * 1000);
    }
    // Re-point bin/sh, then put bin's mtime back: only a deliberate touch hides a change from the skip.
    unlinkSync(join(tree, "bin/sh"));
    symlinkSync("/bin/other", join(tree, "bin/sh"));
    expect(statSync(join(tree, "bin")).mtimeMs).not.toBe(stamp * 1000);
    utimesSync(join(tree, "bin"), stamp, stamp);
    expect(checkTree(tree, m)).toBeNull(); // skipped: the link is not even lstat'ed
    const older = { ...m, entries: m.entries.map((e) => e.slice(0, 7) as typeof e) };
    expect(checkTree(tree, older)).toBe("bin/sh points elsewhere");
    expect(verifyTree(tree, m)).toEqual(["bin/sh points elsewhere"]);
    // Without the touch, the changed mtime alone brings the link back into the check, right after the record.
    const again = recordTree(tree, {});
    unlinkSync(join(tree, "bin/sh"));
    symlinkSync("/bin/ot", join(tree, "bin/sh"));
    expect(checkTree(tree, again)).toBe("bin/sh points elsewhere");
  });

  it("hashes a file read in chunks as the whole content hashes, at every size around the chunk", () => {
    const chunk = 256 * 1024;
    for (const size of [0, 1, chunk - 1, chunk, chunk + 1, 3 * chunk + 7]) {
      const data = Buffer.alloc(size);
      for (let i = 0; i < size; i++) data[i] = (i * 31 + size) & 0xff;
      const file = join(dir, `f-${size}`);
      writeFileSync(file, data);
      expect(sha256File(file)).toBe(createHash("sha256").update(data).digest("hex"));
    }
  });
});
