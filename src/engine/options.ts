// Pure: values a front end passes through as the user typed them. The environment pairs and the hostname
// name only the rule broken and the value: how to fix them is said differently by each front end (the CLI
// names its flag, the Action its input), so their UsageError carries a hint key (types.ts HINT_KEYS). The
// modes and package names have the same name as a flag and as an input, so their message is whole.
import { isPackageName, splitPackages } from "./apk/parse";
import { MAX_CONNECTIONS_LIMIT } from "./net/policy";
import { type NetworkMode, type ScratchKind, UsageError } from "./types";
import { parseCount } from "./units";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A name a process environment can carry and a shell can expand. */
export function isEnvName(name: string): boolean {
  return ENV_NAME.test(name);
}

/** `NAME=value` pairs (value may be empty or hold `=`); later pairs win. */
export function parseEnvPairs(pairs: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const key = eq > 0 ? pair.slice(0, eq) : "";
    if (!isEnvName(key)) throw new UsageError(`env: '${pair}' is not K=V`, "env-pair");
    env[key] = pair.slice(eq + 1);
  }
  return env;
}

// One DNS label (RFC 1123): a name other programs inside resolve and print without surprises.
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function parseHostname(name: string): string {
  // Letters, digits and '-' all right, only too many: the rule broken is the length, said with its number.
  if (name.length > 63 && HOSTNAME.test(name.slice(0, 63)) && /^[A-Za-z0-9-]*[A-Za-z0-9]$/.test(name))
    throw new UsageError(
      `hostname: '${name}' has ${name.length} characters, more than the 63 a hostname may have`,
      "hostname",
    );
  if (!HOSTNAME.test(name)) throw new UsageError(`hostname: '${name}' is not a valid hostname`, "hostname");
  return name;
}

/** The per-sandbox connection cap of nat, checked wherever it is given, before anything is downloaded. */
export function checkMaxConnections(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_CONNECTIONS_LIMIT) {
    throw new UsageError(
      `max-connections: ${n} is out of range; use a whole number from 1 to ${MAX_CONNECTIONS_LIMIT}`,
    );
  }
  return n;
}

/** `--max-connections` / the `max-connections` input as typed. */
export function parseMaxConnections(value: string): number {
  return checkMaxConnections(parseCount("max-connections", value));
}

/** `none` or `nat`; `option` names where it came from (`network`, `setup-network`). */
export function parseNetworkMode(option: string, value: string): NetworkMode {
  if (value !== "none" && value !== "nat")
    throw new UsageError(`${option}: '${value}' is not a network mode; use none or nat`);
  return value;
}

export function parseScratchKind(value: string): ScratchKind {
  if (value !== "memory" && value !== "disk")
    throw new UsageError(`scratch: '${value}' is not a scratch kind; use memory or disk`);
  return value;
}

/** Package lists as typed (space- or comma-separated, repeatable) → sorted, deduplicated apk names. */
export function parsePackages(values: readonly string[]): string[] {
  const packages = splitPackages(values);
  for (const p of packages)
    if (!isPackageName(p))
      throw new UsageError(`packages: '${p}' is not an apk package name; use names like nodejs`);
  return packages;
}
