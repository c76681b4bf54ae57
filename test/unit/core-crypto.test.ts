import { describe, expect, it } from "vitest";
import { randomUUID } from "../../src/action/core-crypto";

describe("the randomUUID given to @actions/core in the bundle", () => {
  it("is a version 4, RFC 4122 UUID, different every time", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const u = randomUUID();
      expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      seen.add(u);
    }
    expect(seen.size).toBe(1000);
  });
});
