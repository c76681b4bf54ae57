import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  compareApkVersions,
  guessFetches,
  type IndexEntry,
  IndexTooLarge,
  parseIndexText,
  readIndexEntries,
} from "../../src/engine/apk/index";
import { addedPackages, apkErrorSummary } from "../../src/engine/apk/parse";

const e = (name: string, version: string, more: Partial<IndexEntry> = {}): IndexEntry => ({
  name,
  version,
  depends: [],
  provides: [],
  priority: 0,
  ...more,
});

/** A ustar member without the end blocks, as apk writes its index streams. */
function member(name: string, data: string): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0);
  h.write("0000644\0", 100);
  h.write(`${data.length.toString(8).padStart(11, "0")}\0`, 124);
  h.write("0", 156);
  const body = Buffer.alloc(Math.ceil(data.length / 512) * 512);
  body.write(data);
  return Buffer.concat([h, body]);
}

describe("APKINDEX on the host", () => {
  it("reads the index behind a signature stream, fields and all", () => {
    const text = [
      "C:Q1abc=\nP:app\nV:1.0-r0\nD:lib>=1.2 so:libc.musl-x86_64.so.1 !old\np:cmd:app=1.0-r0\nk:5\n",
      "P:lib\nV:1.2-r0\n",
      "P:bad name\nV:1\n",
    ].join("\n");
    const gz = Buffer.concat([
      gzipSync(member(".SIGN.RSA.k.rsa.pub", "sig")),
      gzipSync(Buffer.concat([member("DESCRIPTION", "x"), member("APKINDEX", text)])),
    ]);
    expect(readIndexEntries(gz)).toEqual([
      e("app", "1.0-r0", {
        depends: ["lib>=1.2", "so:libc.musl-x86_64.so.1", "!old"],
        provides: ["cmd:app=1.0-r0"],
        priority: 5,
      }),
      e("lib", "1.2-r0"),
    ]);
    expect(readIndexEntries(Buffer.from("not gzip"))).toEqual([]);
    // A member cut short (its size says more than the stream holds) is not read past its end.
    const long = `P:x\nV:1\nD:${"a ".repeat(400)}\n`;
    expect(readIndexEntries(gzipSync(member("APKINDEX", long)))).toHaveLength(1);
    expect(readIndexEntries(gzipSync(member("APKINDEX", long).subarray(0, 700)))).toEqual([]);
  });

  // The host reads an index before apk has verified it (plain http: anyone on the path): a 0.5 MB gzip of
  // 250 MiB of tiny entries took the engine to 5 GB and a V8 out-of-memory abort. Each bound is well over
  // Alpine's largest index (~8 MB of text, ~25k entries); past one, no entries and no guess.
  it("refuses an index past its bounds: inflated size, entries, dependency tokens", () => {
    const tooLarge = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        expect(err).toBeInstanceOf(IndexTooLarge);
        return (err as Error).message;
      }
      return null;
    };
    // 65 MiB of text: one entry, then a field nobody reads (a single line: cheap for any parser)
    const big = `P:app\nV:1\nT:${"x".repeat(65 * 1024 ** 2)}\n`;
    expect(tooLarge(() => readIndexEntries(gzipSync(member("APKINDEX", big))))).toBe(
      "it inflates to over 64 MiB",
    );
    const entries = (n: number) => "P:a\nV:1\n\n".repeat(n);
    expect(parseIndexText(entries(250_000))).toHaveLength(250_000);
    expect(tooLarge(() => parseIndexText(entries(250_001)))).toBe("it has over 250000 entries");
    // blocks without a package count too: they cost the parse as much
    expect(tooLarge(() => parseIndexText("x:1\n\n".repeat(250_001)))).toBe("it has over 250000 entries");
    const depends = (n: number) => `P:a\nV:1\nD:${"b ".repeat(n)}\np:c\n`;
    expect(parseIndexText(depends(2_499_999))[0]?.depends).toHaveLength(2_499_999);
    expect(tooLarge(() => parseIndexText(depends(2_500_000)))).toBe(
      "its entries name over 2500000 dependencies and provides",
    );
  });

  it("guesses the dependency closure minus what the rootfs has, providers by priority", () => {
    const index = [
      e("app", "1.0", { depends: ["lib>=1", "so:libz.so.1", "!conflict", "musl"] }),
      e("lib", "1.0"),
      e("lib", "2.0", { depends: ["app"] }), // a cycle, and two versions under a constraint: both staged
      e("zlib-low", "1", { provides: ["so:libz.so.1=1"], priority: 1 }),
      e("zlib-high", "1", { provides: ["so:libz.so.1=1"], priority: 9, depends: ["cmd:sh"] }),
      e("musl", "1.3"),
      e("extra", "1"),
    ];
    const installed = parseIndexText("P:musl\nV:1.2\n\nP:busybox-binsh\nV:1\np:cmd:sh=1\n");
    expect(guessFetches(["app"], index, installed).sort()).toEqual([
      "app-1.0",
      "lib-1.0",
      "lib-2.0",
      "zlib-high-1",
    ]);
    expect(guessFetches(["missing"], index, installed)).toEqual([]);
  });

  it("stages only the highest version of a name asked for without a constraint", () => {
    const versions = ["1.9", "1.10", "1.10-r1", "1.10_rc1", "1.2", "1.10_p1", "1.10a"];
    const index = [...versions.map((v) => e("tool", v)), e("lib", "1.0"), e("lib", "0.9")];
    expect(guessFetches(["tool"], index, [])).toEqual(["tool-1.10a"]);
    expect(guessFetches(["lib"], index, [])).toEqual(["lib-1.0"]);
  });

  it("orders versions as apk does: numbers, letter, suffixes (pre-releases first), revision", () => {
    const ordered = [
      "1.2",
      "1.9",
      "1.10_alpha",
      "1.10_rc1",
      "1.10_rc2",
      "1.10",
      "1.10-r1",
      "1.10_p1",
      "1.10a",
      "1.10.1",
      "2",
    ];
    for (let i = 0; i < ordered.length; i++)
      for (let j = 0; j < ordered.length; j++)
        expect(
          Math.sign(compareApkVersions(ordered[i] as string, ordered[j] as string)),
          `${ordered[i]} vs ${ordered[j]}`,
        ).toBe(Math.sign(i - j));
  });
});

describe("addedPackages", () => {
  it("lists what the layer added, by name in code-unit order (not a locale's)", () => {
    const before = [
      { name: "musl", version: "1.2.5-r0" },
      { name: "zlib", version: "1.3.1-r1" },
    ];
    const after = [
      ...before.slice(0, 1),
      { name: "zlib", version: "1.3.1-r2" }, // upgraded: added in its new version
      { name: "py3-six", version: "1.16.0-r9" },
      { name: "junit-runner", version: "1.0-r0" },
      { name: "Xvfb-run", version: "1-r0" }, // before the lower-case names in code units, after them in a locale
    ];
    expect(addedPackages(before, after).map((p) => p.name)).toEqual([
      "Xvfb-run",
      "junit-runner",
      "py3-six",
      "zlib",
    ]);
  });
});

describe("apkErrorSummary", () => {
  it("gives apk's first ERROR line, the cause, and its last when there are more", () => {
    // apk 2.14's output when a mode was refused (the seccomp filter's EPERM, before the install sandbox
    // could set setuid modes): the renames that fail last are only consequences.
    const output = [
      "(1/1) Installing hsuid (1-r0)",
      "ERROR: Failed to create usr/bin/hsuid: Operation not permitted",
      "ERROR: Failed to create usr/bin/hsgid: Operation not permitted",
      "ERROR: hsuid-1-r0: failed to rename usr/bin/.apk.748b to usr/bin/hsuid.",
      "ERROR: hsuid-1-r0: failed to rename usr/bin/.apk.9cd3 to usr/bin/hsgid.",
      "Executing busybox-1.36.1-r29.trigger",
      "1 error; 9 MiB in 15 packages",
      "",
    ].join("\n");
    expect(apkErrorSummary(output)).toBe(
      "ERROR: Failed to create usr/bin/hsuid: Operation not permitted (3 more errors, the last: ERROR: hsuid-1-r0: failed to rename usr/bin/.apk.9cd3 to usr/bin/hsgid.)",
    );
    expect(apkErrorSummary("ERROR: unable to select packages:\n  x (no such package)\n")).toBe(
      "ERROR: unable to select packages:",
    );
    expect(apkErrorSummary(`ERROR: ${"x".repeat(400)}\r\nERROR: two\n`, 20)).toBe(
      `ERROR: ${"x".repeat(13)} (1 more error, the last: ERROR: two)`,
    );
    expect(apkErrorSummary("OK: 9 MiB in 15 packages\n")).toBe("");
  });
});
