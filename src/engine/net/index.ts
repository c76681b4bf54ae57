// The network layer's API for the engine: one NetRun per engine run (firewall + NAT once), one SandboxNet per
// sandbox (root: a leased /30 and a veth, veth.ts; rootless: slirp4netns, rootless.ts).
import { isRoot } from "../proc";
import { UsageError } from "../types.js";
import { type AllowRule, parseAllow } from "./allow.js";
import { cidrOverlaps, parseCidr4 } from "./cidr.js";
import { sweepStaleNetState } from "./cleanup.js";
import { DEFAULT_DNS_PATHS, hostsText, resolvConfText, resolveDns } from "./dns.js";
import { readHost } from "./host.js";
import {
  enableForwarding,
  type Firewall,
  forwardFilterNotes,
  restoreForwarding,
  setupFirewall,
  undoFirewall,
} from "./nat.js";
import { type Netlink, netlink } from "./netlink.js";
import { buildPolicy, DEFAULT_MAX_CONNECTIONS, type Policy } from "./policy.js";
import { checkPoolClash, DEFAULT_POOL, LeaseBook, type Pool, parsePool } from "./pool.js";
import { openRootlessNetRun } from "./rootless.js";
import { newRunId, type RunRecord, recordOwnerAlive, StateDir, selfOwner } from "./state.js";
import type { NetRun, NetRunOptions } from "./types.js";
import { vethSandboxNet } from "./veth.js";

export { checkRootlessNet } from "./rootless.js";
// libc.ts's loadLibc must be awaited once before openNetRun / cleanupStaleNetwork.
export type { NetRun, SandboxNet } from "./types.js";

/** Sets up NAT and the egress policy once for a run (rootless: slirp4netns per sandbox, no host state). */
export function openNetRun(opts: NetRunOptions = {}): NetRun {
  if (!isRoot()) return openRootlessNetRun(opts);
  const pool = parsePool(opts.pool ?? DEFAULT_POOL);
  const maxConnections = opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS; // checked by Session.open
  const allow: AllowRule[] = (opts.allow ?? []).map(parseAllow);
  const dns = resolveDns(opts.dns, opts.dnsPaths ?? DEFAULT_DNS_PATHS);
  const state = new StateDir(opts.stateDir);
  const nl = netlink();
  const host = readHost(nl);
  checkPoolClash(pool, host.routes);

  const runId = newRunId();
  const rec: RunRecord = { ...selfOwner(), runId, pool: pool.text, backend: "none" };
  const policy = buildPolicy(runId, pool.text, allow, dns.nameservers, host.addrs4, maxConnections);
  registerRun(state, nl, pool, rec, policy, opts.firewall);
  const notes = forwardFilterNotes();

  const book = new LeaseBook(state, pool, runId, netlink);
  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    process.off("exit", dispose);
    book.releaseAll();
    state.locked(() => unregisterRun(state, rec));
  };
  // Every step is synchronous, so even an engine that forgets dispose() (or throws) cleans up on exit.
  process.on("exit", dispose);

  const veth = { nl, mtu: host.mtu, disposed: () => disposed, release: book.release.bind(book) };
  return {
    runId,
    mtu: host.mtu,
    nameservers: dns.nameservers,
    notEnforced: notes,
    allocate(_hostname: string) {
      if (disposed) throw new Error("network run already disposed");
      return vethSandboxNet(book.acquire(), veth);
    },
    files: (hostname: string) => [
      ["/etc/resolv.conf", resolvConfText(dns)],
      ["/etc/hosts", hostsText(hostname)],
    ],
    dispose,
  };
}

/**
 * Under the state lock: sweep dead runs (files only, cheap), refuse a pool overlapping a live run's, then
 * record this run and install its firewall and forwarding (undone here when either fails).
 */
function registerRun(
  state: StateDir,
  nl: Netlink,
  pool: Pool,
  rec: RunRecord,
  policy: Policy,
  firewall: Firewall | undefined,
): void {
  state.locked(() => {
    sweepStaleNetState(state, nl, { deep: false });
    for (const other of state.listRuns()) {
      const o = parseCidr4(other.pool);
      if (other.pool !== pool.text && o && recordOwnerAlive(other) && cidrOverlaps(o, pool.cidr)) {
        throw new UsageError(
          `network pool ${pool.text} overlaps pool ${other.pool} of the running nsbox process ${other.pid}; use the same pool or a disjoint one`,
        );
      }
    }
    state.writeRun(rec);
    try {
      setupFirewall(policy, rec, state, firewall);
      enableForwarding(state);
    } catch (e) {
      undoFirewall(rec);
      state.removeRun(rec.runId);
      throw e;
    }
  });
}

/** Undo registerRun (lock held): the firewall, the record, and ip_forward when no other run needs it. */
function unregisterRun(state: StateDir, rec: RunRecord): void {
  undoFirewall(rec);
  state.removeRun(rec.runId);
  restoreForwarding(state, rec.runId);
}

/**
 * Remove what crashed runs left: links `nsb*`, nft tables / iptables chains, leases, ip_forward.
 * deep: also sweep firewall tables/chains by name (runs `nft`/`iptables`, ~10 ms) — for `nsbox cleanup`
 * and the Action's post step; a session start only undoes what the state records name.
 */
export function cleanupStaleNetwork(opts: { stateDir?: string; deep?: boolean } = {}): number {
  if (!isRoot()) return 0; // nothing of ours can exist without root
  const state = new StateDir(opts.stateDir);
  const deep = opts.deep ?? false;
  // No state dir: no run ever recorded anything here. Never create it for that (it may be unusable,
  // and a run without nat must not depend on it); the deep pass still sweeps links and rules by name.
  if (!state.exists()) return deep ? sweepStaleNetState(state, netlink(), { deep }) : 0;
  return state.locked(() => sweepStaleNetState(state, netlink(), { deep }));
}
