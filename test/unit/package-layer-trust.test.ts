import { describe, expect, it } from "vitest";
import { trustedEnough } from "../../src/engine/apk/cache";

// The offline fallback (no index to verify) takes a cached layer only when it was verified at least as
// strictly as the request asks.
describe("trustedEnough", () => {
  const key: [string, string] = ["a.rsa.pub", "1".repeat(64)];
  const other: [string, string] = ["a.rsa.pub", "2".repeat(64)];
  const t = (allowUntrusted: boolean, keys: [string, string][] = []) => ({ allowUntrusted, keys });

  it("an untrusted layer serves only a request that allows untrusted repositories", () => {
    expect(trustedEnough(t(true), t(false))).toBe(false);
    expect(trustedEnough(t(true), t(true))).toBe(true);
    expect(trustedEnough(t(false), t(true))).toBe(true);
  });

  it("the extra keys must be the same files (name and content)", () => {
    expect(trustedEnough(t(false, [key]), t(false, [key]))).toBe(true);
    expect(trustedEnough(t(false, [key]), t(false))).toBe(false);
    expect(trustedEnough(t(false, [key]), t(false, [other]))).toBe(false);
    expect(trustedEnough(t(false), t(false, [key]))).toBe(false);
  });

  it("a layer of an older nsbox, which recorded neither, counts as untrusted", () => {
    expect(trustedEnough({}, t(false))).toBe(false);
    expect(trustedEnough({}, t(true))).toBe(true);
  });
});
