// IPv4 address/CIDR arithmetic on plain numbers (uint32), strict parsing for user input.

export interface Cidr4 {
  base: number; // network address, uint32
  prefix: number; // 0..32
}

const OCTET = /^(0|[1-9][0-9]{0,2})$/;

/** Strict dotted quad (no leading zeros, no shorthand); null when invalid. */
export function parseIp4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!OCTET.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n >>> 0;
}

export function formatIp4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** `a.b.c.d/len` (or a bare address = /32). Host bits must be zero unless `allowHostBits`. */
export function parseCidr4(text: string, allowHostBits = false): Cidr4 | null {
  const slash = text.indexOf("/");
  const ip = parseIp4(slash < 0 ? text : text.slice(0, slash));
  if (ip === null) return null;
  let prefix = 32;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^(0|[1-9][0-9]?)$/.test(p) || Number(p) > 32) return null;
    prefix = Number(p);
  }
  const base = (ip & maskOf(prefix)) >>> 0;
  if (base !== ip && !allowHostBits) return null;
  return { base, prefix };
}

export function formatCidr4(c: Cidr4): string {
  return `${formatIp4(c.base)}/${c.prefix}`;
}

export function cidrSize(c: Cidr4): number {
  return 2 ** (32 - c.prefix);
}

export function cidrOverlaps(a: Cidr4, b: Cidr4): boolean {
  const p = Math.min(a.prefix, b.prefix);
  const m = maskOf(p);
  return (a.base & m) >>> 0 === (b.base & m) >>> 0;
}

/** Destinations a sandbox may never reach unless `--allow`ed (the host's own addresses are added at run time). */
export const BLOCKED_RANGES: readonly string[] = [
  "0.0.0.0/8", // "this network"
  "10.0.0.0/8",
  "100.64.0.0/10", // CGNAT (also holds the default pool)
  "127.0.0.0/8",
  "168.63.129.16/32", // Azure's platform endpoint (WireServer), where GitHub's runners live; DNS there is allowed by --dns
  "169.254.0.0/16", // link-local, cloud metadata 169.254.169.254
  "172.16.0.0/12",
  "192.168.0.0/16",
  "224.0.0.0/4", // multicast
  "240.0.0.0/4", // reserved + limited broadcast 255.255.255.255
];

// Never a sandbox's network or a server's address: not routable as unicast (0/8, 127/8 stay on the host
// or mean "this network"; 224/4 is multicast; 240/4 is reserved and holds the limited broadcast).
const UNUSABLE_RANGES: ReadonlyArray<readonly [string, string]> = [
  ["0.0.0.0/8", '"this network"'],
  ["127.0.0.0/8", "loopback"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved"],
];

/** The unusable range `c` overlaps, worded as `224.0.0.0/4 (multicast)`; null when there is none. */
export function unusableRange(c: Cidr4): string | null {
  for (const [range, what] of UNUSABLE_RANGES) {
    const r = parseCidr4(range);
    if (r && cidrOverlaps(r, c)) return `${range} (${what})`;
  }
  return null;
}
