// The network layer's API for the engine: one NetRun per engine run (firewall + NAT once), one SandboxNet per
// sandbox (a leased /30 and a veth whose peer is created directly inside the sandbox's netns).
import { randomBytes } from "node:crypto";
import { statSync, writeFileSync } from "node:fs";
import { isRoot } from "../proc";
import { SetupError, UsageError } from "../types.js";
import { type AllowRule, parseAllow as parseAllowRule } from "./allow.js";
import { cidrOverlaps, formatIp4, parseCidr4 } from "./cidr.js";
import { sweepStaleNetState } from "./cleanup.js";
import { DEFAULT_DNS_PATHS, type DnsPaths, hostsText, resolvConfText, resolveDns } from "./dns.js";
import { ErrnoError } from "./libc.js";
import { enableForwarding, type Firewall, restoreForwarding, setupFirewall, undoFirewall } from "./nat.js";
import { netlink } from "./netlink.js";
import { buildPolicy, DEFAULT_MAX_CONNECTIONS, MAX_CONNECTIONS_LIMIT } from "./policy.js";
import { checkPoolClash, DEFAULT_POOL, type HostRoute, LeaseBook, parsePool } from "./pool.js";
import { checkTun, openRootlessNet, rootlessError, rootlessTools } from "./rootless.js";
import { type RunRecord, recordOwnerAlive, StateDir, selfOwner } from "./state.js";

export { loadLibc } from "../libc.js"; // must be awaited once before openNetRun / cleanupStaleNetwork
export { hostsText } from "./dns.js";
export { DEFAULT_POOL } from "./pool.js";

export interface NetRunOptions {
  pool?: string;
  allow?: string[];
  dns?: string[];
  hostname?: string;
  stateDir?: string; // default /run/nsbox; tests use their own
  dnsPaths?: DnsPaths; // default /etc/resolv.conf + /run/systemd/resolve/resolv.conf
  firewall?: Firewall; // default "auto": nft, else iptables
  maxConnections?: number; // per sandbox, root mode (rootless NAT is slirp4netns: no host conntrack)
}

export interface SandboxNet {
  readonly address: string;
  readonly gateway: string;
  readonly link: string; // host-side interface name
  helperSpec(): Array<[string, string]>;
  /**
   * Root: create the pair (peer `eth0` inside initPid's netns), address and bring up the host side.
   * Rootless: install the egress policy inside initPid's netns and start slirp4netns on its tap.
   */
  attach(initPid: number): void | Promise<void>;
  /** Free the lease. Idempotent. The pair dies with the sandbox's netns. */
  release(): void;
}

export interface NetRun {
  readonly runId: string;
  readonly mtu: number;
  readonly nameservers: readonly string[];
  allocate(hostname: string): SandboxNet;
  files(hostname: string): Array<[string, string]>;
  dispose(): void;
}

export function parseAllow(spec: string): { cidr: string; port?: number } {
  return parseAllowRule(spec);
}

function newRunId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(6)].map((b) => alphabet[b % 36]).join("");
}

/** Sets up NAT and the egress policy once for a run. */
export function openNetRun(opts: NetRunOptions = {}): NetRun {
  if (!isRoot()) return openRootlessNetRun(opts);
  const pool = parsePool(opts.pool ?? DEFAULT_POOL);
  const maxConnections = opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  if (!Number.isSafeInteger(maxConnections) || maxConnections < 1 || maxConnections > MAX_CONNECTIONS_LIMIT) {
    throw new UsageError(
      `max-connections: ${maxConnections} is out of range; use a whole number from 1 to ${MAX_CONNECTIONS_LIMIT}`,
    );
  }
  const allow: AllowRule[] = (opts.allow ?? []).map(parseAllowRule);
  const dns = resolveDns(opts.dns, opts.dnsPaths ?? DEFAULT_DNS_PATHS);
  const state = new StateDir(opts.stateDir);
  const nl = netlink();

  // Routes first, then links: a route's link created by a concurrent run in between is then named; one
  // that vanished in between shows as "" and is ignored by the clash check.
  const rawRoutes = nl.listRoutes(4).filter((r) => r.type === 1 || r.type === 2); // unicast + local (= host addresses)
  const links = nl.listLinks();
  const devName = new Map(links.map((l) => [l.index, l.name]));
  const routes: HostRoute[] = rawRoutes.map((r) => ({
    dst: r.dst,
    prefix: r.prefix,
    dev: devName.get(r.oif ?? -1) ?? "",
  }));
  checkPoolClash(pool, routes);
  const ownLink = (i: number) => (devName.get(i) ?? "").startsWith("nsb");
  const hostAddrs4 = nl
    .listAddresses()
    .filter((a) => a.family === 4 && !ownLink(a.index))
    .map((a) => a.address);
  const mtu = nl.uplinkMtu() ?? 1500;

  const runId = newRunId();
  const rec: RunRecord = { ...selfOwner(), runId, pool: pool.text, backend: "none" };
  const policy = buildPolicy(runId, pool.text, allow, dns.nameservers, hostAddrs4, maxConnections);
  state.locked(() => {
    sweepStaleNetState(state, nl, { deep: false }); // dead runs' records, leases and links: files only, cheap
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
      setupFirewall(policy, rec, state, opts.firewall);
      enableForwarding(state);
    } catch (e) {
      undoFirewall(rec);
      state.removeRun(runId);
      throw e;
    }
  });

  const book = new LeaseBook(state, pool, runId, netlink);
  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    process.off("exit", dispose);
    book.releaseAll();
    state.locked(() => {
      undoFirewall(rec);
      state.removeRun(runId);
      restoreForwarding(state, runId);
    });
  };
  // Every step is synchronous, so even an engine that forgets dispose() (or throws) cleans up on exit.
  process.on("exit", dispose);

  return {
    runId,
    mtu,
    nameservers: dns.nameservers,
    allocate(_hostname: string): SandboxNet {
      if (disposed) throw new Error("network run already disposed");
      const lease = book.acquire();
      const address = formatIp4(lease.address);
      const gateway = formatIp4(lease.gateway);
      let released = false;
      return {
        address,
        gateway,
        link: lease.link,
        helperSpec: () => [
          ["net", "veth"],
          ["net_wait", "1"],
          ["net_ifname", "eth0"],
          ["net_addr", address],
          ["net_prefix", String(lease.prefix)],
          ["net_gw", gateway],
          ["net_mtu", String(mtu)],
          ["ipv6", "0"],
        ],
        attach(initPid: number) {
          if (released || disposed) throw new Error(`network lease ${address} already released`);
          if (!Number.isInteger(initPid) || initPid <= 0) throw new Error(`attach: bad pid ${initPid}`);
          const veth = { hostName: lease.link, peerName: "eth0", peerPid: initPid, mtu, up: true };
          if (sameNetns(initPid)) {
            // The peer would land in our own netns (the helper did not unshare it): never plumb the host.
            throw new SetupError(
              "network",
              `cannot attach the sandbox network: pid ${initPid} has no netns of its own`,
            );
          }
          try {
            try {
              nl.createVeth(veth);
            } catch (e) {
              if (!(e instanceof ErrnoError && e.code === "EEXIST")) throw e;
              nl.deleteLink(lease.link); // left over from a sandbox of this run whose netns is still dying
              nl.createVeth(veth);
            }
            nl.addAddress4(lease.link, lease.gateway, lease.prefix);
            hardenHostSide(lease.link);
          } catch (e) {
            const why =
              e instanceof ErrnoError && e.code === "ESRCH" ? "the sandbox exited" : (e as Error).message;
            throw new SetupError("network", `cannot attach the sandbox network (${lease.link}): ${why}`);
          }
        },
        release() {
          if (released) return;
          released = true;
          book.release(lease);
        },
      };
    },
    files: (hostname: string) => [
      ["/etc/resolv.conf", resolvConfText(dns)],
      ["/etc/hosts", hostsText(hostname)],
    ],
    dispose,
  };
}

/** Not root: slirp4netns per sandbox, the egress policy inside each sandbox's own netns. */
function openRootlessNetRun(opts: NetRunOptions): NetRun {
  const tools = rootlessTools();
  if (!tools) throw rootlessError();
  checkTun();
  const allow: AllowRule[] = (opts.allow ?? []).map(parseAllowRule);
  const dns = opts.dns?.length ? resolveDns(opts.dns).nameservers : undefined;
  const r = openRootlessNet(tools, { allow, dns });
  return {
    runId: newRunId(),
    mtu: r.mtu,
    nameservers: r.nameservers,
    allocate: () => r.allocate(),
    files: r.files,
    dispose: r.dispose,
  };
}

function sameNetns(pid: number): boolean {
  try {
    return statSync(`/proc/${pid}/ns/net`).ino === statSync("/proc/self/ns/net").ino;
  } catch {
    return false; // gone: createVeth reports ESRCH
  }
}

/**
 * Strict reverse-path filter: a sandbox (root inside) cannot use another sandbox's or any foreign source
 * address. No IPv6 on the host side: no link-local address, nothing to talk to. ~20 µs, best effort.
 */
function hardenHostSide(link: string): void {
  for (const [file, value] of [
    [`/proc/sys/net/ipv4/conf/${link}/rp_filter`, "1"],
    [`/proc/sys/net/ipv6/conf/${link}/disable_ipv6`, "1"],
  ]) {
    try {
      writeFileSync(file, value);
    } catch {}
  }
}

/** Remove what crashed runs left: links `nsb*`, nft tables / iptables chains, leases, ip_forward. */
/**
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
