// The egress policy of one run, independent of the firewall that enforces it (nft or iptables).
import type { AllowRule } from "./allow.js";
import { BLOCKED_RANGES, formatCidr4, parseCidr4 } from "./cidr.js";

export interface Policy {
  runId: string;
  ifPrefix: string; // every host-side veth of this run starts with it: rules never touch other runs
  pool: string;
  forwardAllow: AllowRule[]; // accepted before the drops (--allow, then DNS port 53)
  hostAllow: AllowRule[]; // the only traffic a sandbox may send to the host itself
  blocked: string[]; // destinations dropped after the accepts
  maxConnections: number; // concurrent connections (conntrack entries) per sandbox; more are rejected
}

/** Generous for builds (a parallel download opens dozens), far below a conntrack table's size. */
export const DEFAULT_MAX_CONNECTIONS = 4096;
/**
 * New connections a sandbox may open per second (and at once, the burst). The cap above counts only live
 * connections, while a closed TCP connection keeps its conntrack entry for 120 s (TIME_WAIT): a
 * connect/close loop filled the runner's table (262144 entries) in 30 s and cut the runner off. At this
 * rate one sandbox holds at most ~12,000 such entries; a build's downloads stay far below it.
 */
export const NEW_CONNECTIONS_PER_SECOND = 100;
export const NEW_CONNECTIONS_BURST = 500;
/** nft's ct count takes a 32-bit value; past a million the cap protects nothing anyway. */
export const MAX_CONNECTIONS_LIMIT = 1_000_000;

export function buildPolicy(
  runId: string,
  pool: string,
  allow: AllowRule[],
  dnsServers: string[],
  hostAddrs4: string[],
  maxConnections = DEFAULT_MAX_CONNECTIONS,
): Policy {
  const dns: AllowRule[] = dnsServers.map((s) => ({ cidr: `${s}/32`, port: 53 }));
  const hostDests = hostAddrs4.map((a) => `${a}/32`);
  const blocked = [...BLOCKED_RANGES, pool, ...hostDests];
  return {
    runId,
    ifPrefix: `nsb${runId}`,
    pool,
    forwardAllow: [...allow, ...dns],
    hostAllow: hostAccess([...allow, ...dns], hostDests).open,
    blocked: normaliseSet(blocked),
    maxConnections,
  };
}

/**
 * Reaching the host itself must be asked for by naming one of its addresses exactly (a /32): `--allow
 * 10.0.0.0/8` means the network out there, not the runner's own services that happen to listen on 10.1.0.4.
 * `hostDests`: the host's own destinations (its addresses as /32s, local ranges). `open`: the rules that
 * reach the host; `closed`: the destinations no rule names, to drop before any rule is accepted.
 */
export function hostAccess(rules: AllowRule[], hostDests: string[]): { open: AllowRule[]; closed: string[] } {
  const dests = new Set(hostDests);
  const open = rules.filter((r) => r.cidr.endsWith("/32") && dests.has(r.cidr));
  const named = new Set(open.map((r) => r.cidr));
  return { open, closed: normaliseSet(hostDests.filter((d) => !named.has(d))) };
}

/** Sorted, de-duplicated, with ranges covered by a larger one dropped (nft intervals must not overlap). */
export function normaliseSet(cidrs: string[]): string[] {
  const parsed = cidrs
    .map((c) => parseCidr4(c, true))
    .filter((c) => c !== null)
    .map((c) => ({ base: c.base, prefix: c.prefix, end: c.base + 2 ** (32 - c.prefix) - 1 }))
    .sort((a, b) => a.base - b.base || a.prefix - b.prefix);
  const out: typeof parsed = [];
  for (const c of parsed) {
    const last = out[out.length - 1];
    if (last && c.base >= last.base && c.end <= last.end) continue;
    out.push(c);
  }
  return out.map((c) => formatCidr4(c));
}
