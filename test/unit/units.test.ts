import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/engine/types";
import {
  formatBytes,
  formatMs,
  parseCount,
  parseCpus,
  parseDuration,
  parseSize,
} from "../../src/engine/units";

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

describe("parseSize", () => {
  it.each([
    ["4096", 4096],
    ["4096B", 4096],
    ["4096b", 4096],
    ["100K", 100 * 1024],
    ["100k", 100 * 1024],
    ["100KB", 100 * 1024],
    ["100KiB", 100 * 1024],
    ["512M", 512 * MiB],
    ["512MB", 512 * MiB],
    ["512MiB", 512 * MiB],
    ["512Mi", 512 * MiB],
    ["64mib", 64 * MiB],
    ["1G", GiB],
    ["1.5G", 1.5 * GiB],
    [".5G", 0.5 * GiB],
    ["2T", 2 * 1024 ** 4],
    [" 512M ", 512 * MiB],
    ["512 M", 512 * MiB],
    ["1.0001K", 1024], // whole bytes: floored
  ])("%s → %d", (input, bytes) => {
    expect(parseSize("memory", input)).toBe(bytes);
  });

  it.each(["12XB", "", "M", "0", "0M", "-1M", "1.5", "1e3", "1,5G", "512MBB", "512iB", "1P", "0x10"])(
    "rejects %j",
    (input) => {
      expect(() => parseSize("memory", input)).toThrow(UsageError);
      expect(() => parseSize("memory", input)).toThrow(`memory: '${input}' is not a size; use 512M or 2G`);
    },
  );

  it("names the option in the message", () => {
    expect(() => parseSize("tmpfs", "big")).toThrow("tmpfs: 'big' is not a size; use 512M or 2G");
  });

  // A size all the same: "is not a size" told the user the wrong thing to fix.
  it.each(["99999999999T", "99999999999999999999", "9007199254740993"])("says %j is too large", (input) => {
    expect(() => parseSize("memory", input)).toThrow(
      `memory: '${input}' is too large a size; use 512M or 2G`,
    );
  });
});

describe("parseCount", () => {
  it.each([
    ["1", 1],
    ["64", 64],
    [" 128 ", 128],
    ["007", 7],
  ])("%s → %d", (input, n) => {
    expect(parseCount("pids", input)).toBe(n);
  });

  it.each(["ten", "0", "-1", "1.5", "", "1e3", "64 pids"])("rejects %j", (input) => {
    expect(() => parseCount("pids", input)).toThrow(UsageError);
    expect(() => parseCount("pids", input)).toThrow(
      `pids: '${input}' is not a count; use a whole number like 64`,
    );
  });

  it("says a count beyond what a number holds is too large, not that it is no count", () => {
    expect(() => parseCount("pids", "99999999999999999999")).toThrow(
      "pids: '99999999999999999999' is too large a number; use a whole number like 64",
    );
  });
});

describe("parseCpus", () => {
  it.each([
    ["0.5", 0.5],
    ["2", 2],
    ["1.25", 1.25],
    [".5", 0.5],
    ["0.01", 0.01],
    ["4096", 4096],
    [" 4 ", 4],
  ])("%s → %d", (input, n) => {
    expect(parseCpus("cpus", input)).toBe(n);
  });

  it.each(["0", "0.0", "-1", "two", "", "1/2", "50%", "1e2"])("rejects %j", (input) => {
    expect(() => parseCpus("cpus", input)).toThrow(UsageError);
    expect(() => parseCpus("cpus", input)).toThrow(`cpus: '${input}' is not a CPU count; use 0.5 or 2`);
  });

  it.each(["0.001", "0.009", "4096.5", "5000"])("refuses %j as out of range, and says the range", (input) => {
    expect(() => parseCpus("cpus", input)).toThrow(
      `cpus: '${input}' is out of range; use a CPU count from 0.01 to 4096`,
    );
  });
});

describe("parseDuration", () => {
  it.each([
    ["30s", 30_000],
    ["2m", 120_000],
    ["1500ms", 1500],
    ["1h", 3_600_000],
    ["1.5s", 1500],
    [".5s", 500],
    ["1m30s", 90_000],
    ["1h2m3s4ms", 3_723_004],
    ["30", 30_000], // bare number = seconds
    ["0.25", 250],
    [" 10s ", 10_000],
    ["1.0004s", 1000], // rounded to whole ms
  ])("%s → %d ms", (input, ms) => {
    expect(parseDuration("timeout", input)).toBe(ms);
  });

  it.each([
    "5 minutes",
    "",
    "0",
    "0s",
    "-5s",
    "5M",
    "5S",
    "s",
    "10d",
    "1m 30s",
    "1.2.3s",
    "30sec",
    "0.0001s",
    "1e3ms",
  ])("rejects %j", (input) => {
    expect(() => parseDuration("timeout", input)).toThrow(UsageError);
    expect(() => parseDuration("timeout", input)).toThrow(
      `timeout: '${input}' is not a duration; use 30s, 2m or 1500ms`,
    );
  });

  it("says a duration beyond what a number holds in ms is too long, not that it is no duration", () => {
    expect(() => parseDuration("timeout", "99999999999h")).toThrow(
      "timeout: '99999999999h' is too long a duration; use 30s, 2m or 1500ms",
    );
  });
});

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [512, "512 B"],
    [1023, "1023 B"],
    [1024, "1.00 KiB"],
    [1536, "1.50 KiB"],
    [100 * MiB, "100.0 MiB"],
    [2 * GiB, "2.00 GiB"],
    [1.25 * GiB, "1.25 GiB"],
    [5 * 1024 ** 5, "5120.0 TiB"],
  ])("%d → %s", (n, s) => {
    expect(formatBytes(n)).toBe(s);
  });

  it("round-trips through parseSize for whole units", () => {
    expect(parseSize("x", formatBytes(512 * MiB).replace(" ", ""))).toBe(512 * MiB);
  });
});

describe("formatMs", () => {
  it.each([
    [0, "0 ms"],
    [850, "850 ms"],
    [999.4, "999 ms"],
    [1000, "1.00 s"],
    [1500, "1.50 s"],
    [59_990, "59.99 s"],
    [60_000, "1m 00s"],
    [125_000, "2m 05s"],
    [3_600_000, "1h 00m"],
    [3_720_000, "1h 02m"],
    [-1500, "-1.50 s"],
  ])("%d → %s", (n, s) => {
    expect(formatMs(n)).toBe(s);
  });
});
