// Caller mounts and what they must never allow: writing the cache every sandbox runs on, reading host
// root's private files through an idmap. Real sandboxes on the real Alpine rootfs, one session.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
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

  it("shows a source owned by host root as nobody's in every mode: its 0600 files stay unreadable", async () => {
    const src = join(work, "root-owned");
    mkdirSync(src);
    writeFileSync(join(src, "secret"), "host-root-secret\n", { mode: 0o600 });
    for (const mode of ["ro", "rw", "overlay"] as const) {
      const r = await runCaptured(
        {
          argv: ["sh", "-c", "stat -c '%u:%g' /x /x/secret; cat /x/secret"],
          mounts: [{ source: src, target: "/x", mode }],
        },
        session,
      );
      // An overlay's top dir is its upper layer's, inside root's: new entries can always be made there.
      const top = mode === "overlay" ? "0:0" : "65534:65534";
      expect([mode, r.stdout]).toEqual([mode, `${top}\n65534:65534\n`]);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toMatch(/Permission denied/);
    }
  });
});
