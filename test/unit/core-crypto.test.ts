import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { randomUUID } from "../../src/action/core-crypto";

const dist = join(import.meta.dirname, "../../dist");

describe("the randomUUID that stands in for node:crypto's in @actions/core", () => {
  it("is a version 4, RFC 4122 UUID, different every time", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const u = randomUUID();
      expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      seen.add(u);
    }
    expect(seen.size).toBe(1000);
  });

  it("is what the Action's bundle gives @actions/core, which then imports no crypto module", () => {
    const withCore = readdirSync(dist)
      .filter((f) => /\.c?js$/.test(f))
      .map((f) => readFileSync(join(dist, f), "utf8"))
      .filter((text) => text.includes("// node_modules/@actions/core/lib/file-command.js"));
    expect(withCore.length).toBeGreaterThan(0);
    // A bundle whose core writes files with delimiters (setOutput, saveState) takes randomUUID from it; the
    // post step's needs none, and esbuild leaves that code and its import out.
    const usesUuid = withCore.filter((text) => text.includes("ghadelimiter_"));
    expect(usesUuid.length).toBeGreaterThan(0);
    for (const text of usesUuid) expect(text).toContain("// src/action/core-crypto.ts");
    for (const text of withCore) {
      // esbuild heads each module's code with its path: core's own modules, and nothing else's (tar, in
      // the same bundle, may take node:crypto when a cold run loads it).
      const coreModules = text
        .split(/^(?=\/\/ (?:node_modules|src)\/)/m)
        .filter((m) => m.startsWith("// node_modules/@actions/core/"));
      expect(coreModules.length).toBeGreaterThan(3);
      for (const m of coreModules) expect(m).not.toMatch(/from "(node:)?crypto"|require\("(node:)?crypto"\)/);
    }
  });
});
