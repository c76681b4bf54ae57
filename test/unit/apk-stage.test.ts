// Staging .apk files for an install sandbox from an http repository on 127.0.0.1: the index that names
// them is not verified yet (apk does that inside), so a hostile one must not make the host hold them in
// memory, download all at once, or without end.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_STAGED_BYTES, stagePackages } from "../../src/engine/apk/repos";
import { until } from "../support/until";

const MiB = 1024 * 1024;
let url = "";
let server: http.Server;
let active = 0;
let mostActive = 0;
let held: (() => void) | null = null; // ends the held body of /x86_64/held.apk
const work = mkdtempSync(join(tmpdir(), "nsbox-stage-"));

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const name = (req.url ?? "").split("/").pop() ?? "";
    active++;
    mostActive = Math.max(mostActive, active);
    res.on("close", () => active--);
    if (name === "held.apk") {
      // 8 MiB, then nothing until the test lets it end: what is on disk meanwhile is what was streamed.
      res.writeHead(200, { "content-length": 16 * MiB });
      res.write(Buffer.alloc(8 * MiB, 1));
      held = () => res.end(Buffer.alloc(8 * MiB, 2));
      return;
    }
    const size = name.startsWith("big") ? 16 * MiB : 64 * 1024;
    // Slow enough that downloads overlap when nothing bounds them.
    setTimeout(() => res.writeHead(200, { "content-length": size }).end(Buffer.alloc(size)), 50);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(work, { recursive: true, force: true });
});

const stagingDir = (name: string) => {
  const dir = join(work, name, "x86_64");
  mkdirSync(dir, { recursive: true });
  return dir;
};

describe("staging packages", () => {
  it("streams each file to disk as it arrives, not through memory", async () => {
    const dir = stagingDir("held");
    const done = stagePackages([{ url, dir }], ["held.apk"], { left: MAX_STAGED_BYTES });
    const file = join(dir, "held.apk");
    await until(() => existsSync(file) && statSync(file).size >= 8 * MiB, 10_000);
    expect(statSync(file).size).toBe(8 * MiB); // half of it, on disk before the rest was even sent
    held?.();
    await done;
    expect(statSync(file).size).toBe(16 * MiB);
  });

  it("downloads at most 4 at a time however many the index names", async () => {
    const dir = stagingDir("many");
    mostActive = 0;
    const files = Array.from({ length: 12 }, (_, i) => `p${i}-1.0-r0.apk`);
    await stagePackages([{ url, dir }], files, { left: MAX_STAGED_BYTES });
    expect(readdirSync(dir).sort()).toEqual([...files].sort());
    expect(mostActive).toBe(4);
  });

  it("stops at the install's byte budget with one sentence, and keeps no part of the file over it", async () => {
    const dir = stagingDir("budget");
    const budget = { left: 40 * MiB };
    const files = ["big1-1.0-r0.apk", "big2-1.0-r0.apk", "big3-1.0-r0.apk"]; // 16 MiB each, all at once
    await expect(stagePackages([{ url, dir }], files, budget)).rejects.toThrow(
      /^the packages to download exceed 8 GiB in all \(at big\d-1\.0-r0\.apk\); check the repository's index$/,
    );
    const kept = readdirSync(dir);
    expect(kept.length).toBeLessThanOrEqual(2);
    for (const f of kept) expect(statSync(join(dir, f)).size).toBe(16 * MiB); // whole files only
    expect(budget.left).toBe(40 * MiB - kept.length * 16 * MiB);
  });
});
