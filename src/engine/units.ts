// Strict parsing of the human-sized values users type for limits, plus formatting for reports.
// Every parser takes the option name so its error can point at the option, and throws UsageError.
import { UsageError } from "./types";

const KIB = 1024;
// Sizes are always binary: "512M", "512MB" and "512MiB" all mean 512 * 2^20. Memory limits are
// page-granular anyway, and a "512MB" that silently meant 488 MiB would surprise more than help.
const SIZE_UNITS: Record<string, number> = { "": 1, k: KIB, m: KIB ** 2, g: KIB ** 3, t: KIB ** 4 };
const SIZE_RE = /^(\d+(?:\.\d+)?|\.\d+)\s*(?:([kmgt])(?:ib?|b)?|b)?$/i;

/** `512M`, `1G`, `1.5G`, `100K`, `64MiB`, `64Mi`, `512MB`, `4096`/`4096B` (bytes). Result is whole bytes, > 0. */
export function parseSize(name: string, value: string): number {
  const m = SIZE_RE.exec(value.trim());
  const bytes = m ? Number(m[1]) * (SIZE_UNITS[(m[2] ?? "").toLowerCase()] ?? Number.NaN) : Number.NaN;
  // Fractions are fine when a unit turns them into whole bytes ("1.5G"); "1.5" bytes is a typo.
  // A size, but more bytes than a number holds exactly: too large, not "not a size".
  if (bytes >= 1 && !Number.isSafeInteger(Math.floor(bytes)))
    throw new UsageError(`${name}: '${value}' is too large a size; use 512M or 2G`);
  if (!(bytes >= 1) || (!m?.[2] && !Number.isInteger(bytes))) {
    throw new UsageError(`${name}: '${value}' is not a size; use 512M or 2G`);
  }
  return Math.floor(bytes);
}

/** A positive whole number, e.g. a pids limit. */
export function parseCount(name: string, value: string): number {
  const v = value.trim();
  const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (n >= 1 && !Number.isSafeInteger(n))
    throw new UsageError(`${name}: '${value}' is too large a number; use a whole number like 64`);
  if (!(n >= 1)) throw new UsageError(`${name}: '${value}' is not a count; use a whole number like 64`);
  return n;
}

// The kernel's smallest CFS quota is 1 ms per 100 ms period, so 0.01 CPU is the finest we can enforce.
const MIN_CPUS = 0.01;
const MAX_CPUS = 4096;

/** A CPU count, fractions allowed: `0.5`, `2`, `1.25`. */
export function parseCpus(name: string, value: string): number {
  const v = value.trim();
  const n = /^(\d+(\.\d+)?|\.\d+)$/.test(v) ? Number(v) : Number.NaN;
  // Zero is no CPU count at all; a number the kernel cannot enforce is out of range, and the range is said.
  if (!(n > 0)) throw new UsageError(`${name}: '${value}' is not a CPU count; use 0.5 or 2`);
  if (!(n >= MIN_CPUS && n <= MAX_CPUS)) {
    throw new UsageError(
      `${name}: '${value}' is out of range; use a CPU count from ${MIN_CPUS} to ${MAX_CPUS}`,
    );
  }
  return n;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION_PART = /(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)/gy;

/**
 * `30s`, `2m`, `1500ms`, `1h`, `1.5s`, or a sequence like `1m30s`. A bare number means seconds,
 * as for coreutils `timeout` and `sleep`. Units are lower-case only (`5M` reads like megabytes).
 * Result is whole milliseconds (rounded), > 0.
 */
export function parseDuration(name: string, value: string): number {
  const v = value.trim();
  let ms = Number.NaN;
  if (/^(\d+(\.\d+)?|\.\d+)$/.test(v)) {
    ms = Number(v) * 1000;
  } else if (v !== "") {
    DURATION_PART.lastIndex = 0;
    let total = 0;
    let end = 0;
    for (let m = DURATION_PART.exec(v); m; m = DURATION_PART.exec(v)) {
      total += Number(m[1]) * (DURATION_UNITS[m[2] as string] as number);
      end = DURATION_PART.lastIndex;
    }
    if (end === v.length) ms = total;
  }
  const rounded = Math.round(ms);
  if (rounded >= 1 && !Number.isSafeInteger(rounded))
    throw new UsageError(`${name}: '${value}' is too long a duration; use 30s, 2m or 1500ms`);
  if (!(rounded >= 1)) {
    throw new UsageError(`${name}: '${value}' is not a duration; use 30s, 2m or 1500ms`);
  }
  return rounded;
}

/** `512 B`, `1.5 KiB`, `100.0 MiB`, `2.00 GiB`: binary units, matching parseSize. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = Math.abs(bytes);
  let i = 0;
  while (v >= KIB && i < units.length - 1) {
    v /= KIB;
    i++;
  }
  const sign = bytes < 0 ? "-" : "";
  if (i === 0) return `${sign}${v} B`;
  return `${sign}${v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`;
}

/** `850 ms`, `1.50 s`, `2m 05s`, `1h 02m`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatMs(-ms)}`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const totalS = Math.round(ms / 1000);
  if (totalS < 3600) return `${Math.floor(totalS / 60)}m ${String(totalS % 60).padStart(2, "0")}s`;
  const totalM = Math.round(ms / 60_000);
  return `${Math.floor(totalM / 60)}h ${String(totalM % 60).padStart(2, "0")}m`;
}
