import { describe, expect, it } from "vitest";
import {
  InvalidValueError,
  parseEnvPairs,
  parseHostname,
  parseNetworkMode,
  parsePackages,
  parseScratchKind,
  withHints,
} from "../../src/engine/options";
import { UsageError } from "../../src/engine/types";

function invalid(fn: () => unknown): InvalidValueError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidValueError);
    return err as InvalidValueError;
  }
  throw new Error("expected an InvalidValueError");
}

describe("engine option values", () => {
  it("parses NAME=value pairs strictly, later pairs winning", () => {
    expect(parseEnvPairs(["A=", "B_2=v=w", "A=x"])).toEqual({ A: "x", B_2: "v=w" });
    for (const pair of ["=v", "1A=v", "A-B=v", "A", ""]) {
      const e = invalid(() => parseEnvPairs(["OK=1", pair]));
      expect([e.rule, e.value]).toEqual(["env-pair", pair]);
    }
  });

  it("takes one DNS label as hostname", () => {
    expect(parseHostname("box-1")).toBe("box-1");
    for (const name of ["box_1", "-box", "box-", "", "a.b", "x".repeat(64)]) {
      const e = invalid(() => parseHostname(name));
      expect([e.rule, e.value]).toEqual(["hostname", name]);
    }
  });

  it("names no front end's way to fix it: each front end words that", () => {
    expect(invalid(() => parseEnvPairs(["1A=v"])).message).toBe("env: '1A=v' is not NAME=value");
    expect(invalid(() => parseHostname("a_b")).message).toBe("hostname: 'a_b' is not valid");
    const hints = {
      "env-pair": (v: string) => `front end env ${v}`,
      hostname: (v: string) => `front end host ${v}`,
    };
    let error: unknown;
    try {
      withHints(hints, () => parseHostname("a_b"));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect(error).not.toBeInstanceOf(InvalidValueError);
    expect((error as Error).message).toBe("front end host a_b");
    expect(withHints(hints, () => parseEnvPairs(["A=1"]))).toEqual({ A: "1" });
    expect(() => withHints(hints, () => JSON.parse("{"))).toThrow(SyntaxError);
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
