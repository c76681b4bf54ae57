// What the network layer must know of the host it runs on: its routes (for the pool) and its own
// destinations (for the policy), read over netlink: an address on a link without carrier, or a local
// route (AnyIP), is the host's as much as one on its uplink.
import { formatCidr4, parseCidr4 } from "./cidr.js";
import type { Netlink } from "./netlink.js";
import { RTN_LOCAL, RTN_UNICAST } from "./nlmsg.js";
import type { HostRoute } from "./pool.js";

export interface HostView {
  routes: HostRoute[]; // unicast and local (= host addresses) IPv4 routes, with their links' names
  addrs4: string[]; // the host's IPv4 addresses (not those on our own veths)
  local4: string[]; // CIDRs the host delivers to itself (local table: every address, 127/8, AnyIP ranges)
  mtu: number; // of the uplink
}

/**
 * Routes first, then links: a route's link created by a concurrent run in between is then named; one that
 * vanished in between shows as null and is ignored by the clash check.
 */
export function readHost(nl: Netlink): HostView {
  const rawRoutes = nl.listRoutes(4).filter((r) => r.type === RTN_UNICAST || r.type === RTN_LOCAL);
  const devName = new Map(nl.listLinks().map((l) => [l.index, l.name]));
  const routes = rawRoutes.map((r) => {
    // A multipath route names its links per nexthop; one using a nexthop object may name none ("").
    const oifs = r.oif === undefined ? r.nexthopOifs : [r.oif];
    const names = oifs.map((i) => devName.get(i)).filter((n) => n !== undefined);
    const dev = oifs.length && !names.length ? null : [...new Set(names)].join(",");
    return { dst: r.dst, prefix: r.prefix, dev };
  });
  const local4 = rawRoutes
    .filter((r) => r.type === RTN_LOCAL)
    .map((r) => parseCidr4(`${r.dst}/${r.prefix}`, true))
    .filter((c) => c !== null)
    .map(formatCidr4);
  const ownLink = (i: number) => (devName.get(i) ?? "").startsWith("nsb");
  const addrs4 = nl
    .listAddresses()
    .filter((a) => a.family === 4 && !ownLink(a.index))
    .map((a) => a.address);
  return { routes, addrs4, local4, mtu: nl.uplinkMtu() ?? 1500 };
}
