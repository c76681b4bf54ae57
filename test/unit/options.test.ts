import { describe, expect, it } from "vitest";
import {
  checkMaxConnections,
  parseEnvPairs,
  parseHostname,
  parseMaxConnections,
  parseNetworkMode,
  parsePackages,
  parseScratchKind,
} from "../../src/engine/options";
import { UsageError } from "../../src/engine/types";

function invalid(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error("expected a UsageError");
}

describe("engine option values", () => {
  it("parses NAME=value pairs strictly, later pairs winning", () => {
    expect(parseEnvPairs(["A=", "B_2=v=w", "A=x"])).toEqual({ A: "x", B_2: "v=w" });
    for (const pair of ["=v", "1A=v", "A-B=v", "A", ""]) {
      const e = invalid(() => parseEnvPairs(["OK=1", pair]));
      expect([e.hint, e.message]).toEqual(["env-pair", `env: '${pair}' is not K=V`]);
    }
  });

  it("takes one DNS label as hostname", () => {
    expect(parseHostname("box-1")).toBe("box-1");
    for (const name of ["box_1", "-box", "box-", "", "a.b", `${"x".repeat(64)}_`]) {
      const e = invalid(() => parseHostname(name));
      expect([e.hint, e.message]).toEqual(["hostname", `hostname: '${name}' is not a valid hostname`]);
    }
    // Only too long: the length is what to fix.
    const e = invalid(() => parseHostname("x".repeat(64)));
    expect([e.hint, e.message]).toEqual([
      "hostname",
      `hostname: '${"x".repeat(64)}' has 64 characters, more than the 63 a hostname may have`,
    ]);
    expect(parseHostname("x".repeat(63))).toBe("x".repeat(63));
  });
});

describe("max-connections", () => {
  it("is a count from 1 to 1000000, as typed and as given to the engine", () => {
    expect(parseMaxConnections("64")).toBe(64);
    expect(parseMaxConnections("1000000")).toBe(1_000_000);
    expect(() => parseMaxConnections("1000001")).toThrow(
      new UsageError("max-connections: 1000001 is out of range; use a whole number from 1 to 1000000"),
    );
    expect(() => parseMaxConnections("0")).toThrow("max-connections: '0' is not a count");
    expect(() => checkMaxConnections(0.5)).toThrow("max-connections: 0.5 is out of range");
  });
});

describe("modes and package names (the same sentence for the CLI's flag and the Action's input)", () => {
  it("parses network modes, scratch kinds and package lists, and names a bad value", () => {
    expect(parseNetworkMode("network", "nat")).toBe("nat");
    expect(() => parseNetworkMode("setup-network", "bridge")).toThrow(
      new UsageError("setup-network: 'bridge' is not a network mode; use none or nat"),
    );
    expect(parseScratchKind("disk")).toBe("disk");
    expect(() => parseScratchKind("ssd")).toThrow(
      /^scratch: 'ssd' is not a scratch kind; use memory or disk$/,
    );
    expect(parsePackages(["git make", "git,curl"])).toEqual(["curl", "git", "make"]);
    expect(() => parsePackages(["ok -bad"])).toThrow(
      new UsageError("packages: '-bad' is not an apk package name; use names like nodejs"),
    );
  });
});
