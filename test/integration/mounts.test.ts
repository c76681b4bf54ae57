// Caller mounts and what they must never allow: writing the cache every sandbox runs on, reading host
// root's private files through an idmap. Real sandboxes on the real Alpine rootfs, one session.
import {
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Session } from "../../src/engine/session";
import { UsageError } from "../../src/engine/types";
import { openSession, runCaptured, sandboxSkipReason } from "../support/sandbox";

describe.skipIf(sandboxSkipReason !== null)("caller mounts", () => {
  let session: Session;
  let work: string;
  beforeAll(async () => {
    session = await openSession();
    work = mkdtempSync(join(tmpdir(), "nsbox-mounts-"));
  });
  afterAll(async () => {
    await session?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("refuses a rw mount of the cache dir, of a dir inside it or holding it (through a link too)", async () => {
    const cache = inject("cacheDir");
    const parentLink = join(work, "cache-parent");
    symlinkSync(dirname(cache), parentLink);
    const cases: Array<[string, string]> = [
      [parentLink, "holds"],
      [cache, "is"],
      [join(cache, "rootfs"), "is inside"],
    ];
    for (const [source, where] of cases) {
      const run = runCaptured({ argv: ["true"], mounts: [{ source, target: "/host", mode: "rw" }] }, session);
      await expect(run).rejects.toThrow(UsageError);
      await expect(run).rejects.toThrow(
        `mount: '${source}' (rw) ${where} the cache dir '${cache}', which no sandbox may write; mount it ro or overlay, or use a cache dir outside it`,
      );
    }
    // Read-only, or with the writes discarded, it may still be seen.
    for (const mode of ["ro", "overlay"] as const) {
      const r = await runCaptured(
        {
          argv: ["sh", "-c", "ls -d /host/*/rootfs"],
          mounts: [{ source: parentLink, target: "/host", mode }],
        },
        session,
      );
      expect([r.exitCode, r.stderr]).toEqual([0, ""]);
    }
  });

  it("shows a source owned by host root as nobody's in ro and rw (its 0600 files unreadable), as its owner sees it in overlay", async () => {
    const src = join(work, "root-owned");
    mkdirSync(src);
    writeFileSync(join(src, "secret"), "host-root-secret\n", { mode: 0o600 });
    for (const mode of ["ro", "rw"] as const) {
      const r = await runCaptured(
        {
          argv: ["sh", "-c", "stat -c '%u:%g' /x /x/secret; cat /x/secret"],
          mounts: [{ source: src, target: "/x", mode }],
        },
        session,
      );
      expect([mode, r.stdout]).toEqual([mode, "65534:65534\n65534:65534\n"]);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toMatch(/Permission denied/);
    }
    // overlay: the writable copy of a tree (a root-run runner's workspace is root's), changes discarded.
    const r = await runCaptured(
      {
        argv: ["sh", "-c", "stat -c '%u:%g' /x/secret; cat /x/secret; echo changed > /x/secret"],
        mounts: [{ source: src, target: "/x", mode: "overlay" }],
      },
      session,
    );
    expect([r.exitCode, r.stdout]).toEqual([0, "0:0\nhost-root-secret\n"]);
    expect(readFileSync(join(src, "secret"), "utf8")).toBe("host-root-secret\n");
  });

  it("copies what a glob above an overlay mount finds in that mount's writable layer", async () => {
    const src = join(work, "glob-src");
    mkdirSync(src);
    chownSync(src, 1000, 1000);
    for (const [pattern, files] of [
      ["/**/*.xml", ["/b.xml", "/workspace/a.xml"]],
      ["/*/a.xml", ["/workspace/a.xml"]],
      ["/**", ["/b.xml", "/workspace/a.xml"]],
    ] as const) {
      const out = join(work, `glob-out-${files.length}-${pattern.length}`);
      const r = await runCaptured(
        {
          argv: ["sh", "-c", "echo hi > /workspace/a.xml; echo root > /b.xml"],
          mounts: [{ source: src, target: "/workspace", mode: "overlay" }],
          outputs: { name: "run", dir: out, patterns: [pattern] },
        },
        session,
      );
      expect([pattern, r.outputs?.files]).toEqual([pattern, files]);
      expect(r.outputs?.skipped).toEqual([]);
      expect(readFileSync(join(out, "run/workspace/a.xml"), "utf8")).toBe("hi\n");
    }
  });

  it("copies nothing nsbox wrote itself (its /etc/hosts, mount points and the dirs made for them), nor deletions", async () => {
    const src = join(work, "own-src");
    mkdirSync(join(src, "d"), { recursive: true });
    writeFileSync(join(src, "f"), "a\n");
    writeFileSync(join(src, "d/g"), "b\n");
    chownSync(src, 1000, 1000);
    chownSync(join(src, "f"), 1000, 1000);
    chownSync(join(src, "d"), 1000, 1000);
    chownSync(join(src, "d/g"), 1000, 1000);
    const out = join(work, "own-out");
    const nothingWritten =
      "the command wrote nothing that matches (files of the rootfs, packages or setup are not copied)";
    const r = await runCaptured(
      {
        argv: ["sh", "-c", "rm /w/f && rm -r /w/d && mkdir /w/d && echo new > /w/d/h"],
        mounts: [
          { source: src, target: "/mnt/deep/ro", mode: "ro" },
          { source: src, target: "/w", mode: "overlay" },
        ],
        outputs: { name: "run", dir: out, patterns: ["/etc/hosts", "/mnt/**", "/w"] },
      },
      session,
    );
    expect(r.stderr).toBe("");
    expect(r.outputs?.files).toEqual(["/w/d/h"]);
    expect(r.outputs?.skipped).toEqual([
      { path: "/etc/hosts", reason: nothingWritten },
      { path: "/mnt/**", reason: nothingWritten },
    ]);
    expect(readdirSync(join(out, "run")).sort()).toEqual(["w"]);
  });

  it("copies or lists as left out every name, however many are not UTF-8", async () => {
    const out = join(work, "names-out");
    const r = await runCaptured(
      {
        argv: [
          "sh",
          "-c",
          String.raw`mkdir /o && cd /o && for b in 377 376 375; do printf 1 > "$(printf "a\\$b")"; done`,
        ],
        outputs: { name: "run", dir: out, patterns: ["/o"] },
      },
      session,
    );
    expect(r.stderr).toBe("");
    expect(r.outputs?.files).toHaveLength(1);
    expect(r.outputs?.skippedCount).toBe(2);
    expect(r.outputs?.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/a_ is already the copy of/),
      expect.stringMatching(/a_ is already the copy of/),
    ]);
  });

  it("mounts one mount inside another only on a point its source has, and only after it", async () => {
    const outer = join(work, "nest-outer");
    const inner = join(work, "nest-inner");
    mkdirSync(outer);
    mkdirSync(inner);
    writeFileSync(join(inner, "in"), "inner\n");
    chownSync(outer, 1000, 1000);
    const missing = runCaptured(
      {
        argv: ["true"],
        mounts: [
          { source: outer, target: "/data", mode: "rw" },
          { source: inner, target: "/data/sub/dir", mode: "ro" },
        ],
      },
      session,
    );
    await expect(missing).rejects.toThrow(
      `mount: '/data/sub/dir' lies in the rw mount of '${outer}', which has no 'sub/dir' to mount it on, and nsbox never writes a caller's source; create '${outer}/sub/dir' first`,
    );
    expect(readdirSync(outer)).toEqual([]); // nothing made on the host
    mkdirSync(join(outer, "sub"));
    const reversed = runCaptured(
      {
        argv: ["true"],
        mounts: [
          { source: inner, target: "/data/sub", mode: "ro" },
          { source: outer, target: "/data", mode: "rw" },
        ],
      },
      session,
    );
    await expect(reversed).rejects.toThrow(
      "mount: '/data/sub' comes before '/data', which would hide it; list the mount on '/data' first",
    );
    const r = await runCaptured(
      {
        argv: ["cat", "/data/sub/in"],
        mounts: [
          { source: outer, target: "/data", mode: "rw" },
          { source: inner, target: "/data/sub", mode: "ro" },
        ],
      },
      session,
    );
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([0, "inner\n", ""]);
    expect(readdirSync(outer)).toEqual(["sub"]);
    expect(readdirSync(join(outer, "sub"))).toEqual([]);
  });
});
