// The addresses a download may reach only by being asked there, never by another origin's redirect: this
// host's (loopback, unspecified, any the kernel delivers to this host: its interfaces', an AnyIP range's),
// link-local ones (169.254.169.254 is a cloud's metadata service) and the clouds' metadata services at
// other addresses. A hostile repository or mirror, or anyone rewriting a plain-http answer, would otherwise
// make the engine fetch a service that only this host can reach, whose answer then lands where a sandbox
// reads it (a staged package a post-install copies into the layer).
import type { LookupAddress, LookupOptions } from "node:dns";
import type { BlockList } from "node:net";
import { netlink } from "../net/netlink";
import { encodeAddr, formatAddr, RTN_LOCAL } from "../net/nlmsg";

// Loaded at the first check: only a redirect to another origin needs them (netlink's socket, koffi too).
const net = () => process.getBuiltinModule("node:net");

/** A URL's hostname as the address or name it holds: `[::1]` is `::1`. */
export function unbracketed(host: string): string {
  return host.replace(/^\[|\]$/g, "");
}

/** What makes `address` local ("a loopback address", …), or null when it is not. */
export function localAddressKind(address: string): string | null {
  const ip = unbracketed(address).replace(/%.*$/, ""); // a zone id
  const family = net().isIP(ip);
  if (family === 0) return null;
  const type = family === 4 ? "ipv4" : "ipv6";
  // BlockList also matches an IPv4-mapped IPv6 address (::ffff:127.0.0.1) against the IPv4 ranges.
  ranges ??= fixedRanges();
  if (ranges.loopback.check(ip, type)) return "a loopback address";
  if (ranges.linkLocal.check(ip, type)) return "a link-local address";
  if (ranges.metadata.check(ip, type)) return "a cloud metadata address";
  const v4 = type === "ipv6" && ranges.nat64.check(ip, type) ? nat64Embedded(ip) : null;
  const behind = v4 && localAddressKind(v4);
  if (behind) return `${behind} (${v4} through NAT64)`;
  return deliveredHere(ip, type) ? "an address of this host" : null;
}

let ranges: { loopback: BlockList; linkLocal: BlockList; metadata: BlockList; nat64: BlockList } | undefined;

function fixedRanges() {
  const loopback = new (net().BlockList)();
  loopback.addSubnet("127.0.0.0", 8, "ipv4");
  loopback.addAddress("::1", "ipv6");
  loopback.addSubnet("0.0.0.0", 8, "ipv4"); // "this network": connecting there reaches this host
  loopback.addAddress("::", "ipv6");
  const linkLocal = new (net().BlockList)();
  linkLocal.addSubnet("169.254.0.0", 16, "ipv4");
  linkLocal.addSubnet("fe80::", 10, "ipv6");
  // Instance metadata, credentials included, served at an address neither local nor link-local: AWS's
  // IPv6 IMDS, Azure's WireServer (GitHub-hosted runners are Azure VMs), Alibaba Cloud's metadata service.
  const metadata = new (net().BlockList)();
  for (const a of ["168.63.129.16", "100.100.100.200"]) metadata.addAddress(a, "ipv4");
  metadata.addAddress("fd00:ec2::254", "ipv6");
  // NAT64 prefixes: a translator on the path connects to the IPv4 address the IPv6 one embeds. The
  // well-known /96 (RFC 6052) and the local-use 64:ff9b:1::/48 (RFC 8215), read as a /96 there too.
  const nat64 = new (net().BlockList)();
  nat64.addSubnet("64:ff9b::", 96, "ipv6");
  nat64.addSubnet("64:ff9b:1::", 48, "ipv6");
  return { loopback, linkLocal, metadata, nat64 };
}

/**
 * The IPv4 address a NAT64 address stands for: its last 32 bits. That is the /96 layout; a 64:ff9b:1::/48
 * network may use a shorter prefix (RFC 6052's /32 to /64 layouts), which this does not unwrap.
 */
function nat64Embedded(ip: string): string {
  return formatAddr(encodeAddr(ip).subarray(12));
}

/**
 * Whether the kernel delivers `ip` to this host, asked as `ip route get` does (a route of type local): an
 * interface's address, a whole AnyIP range (`ip route add local 10.77.0.0/16 dev lo`, where a service may
 * listen) and a policy rule's choice alike. Asked at each check: they come and go (a VPN, a sandbox's veth).
 */
function deliveredHere(ip: string, type: "ipv4" | "ipv6"): boolean {
  try {
    return netlink().routeType(unmapped(ip)) === RTN_LOCAL;
  } catch {
    // No rtnetlink to ask (a seccomp filter or a security module refusing the socket, koffi not loadable):
    // the interfaces' addresses are the next best answer, and the check must never end a download itself.
    return interfaceAddresses().check(ip, type);
  }
}

/** An IPv4-mapped IPv6 address as the IPv4 one it connects to (the kernel routes that, not the v6 form). */
function unmapped(ip: string): string {
  const b = encodeAddr(ip);
  const mapped = b.length === 16 && b.readBigUInt64BE(0) === 0n && b.readUInt32BE(8) === 0xffff;
  return mapped ? formatAddr(b.subarray(12)) : ip;
}

/** Every address of this host's interfaces: the answer when the kernel cannot be asked. */
function interfaceAddresses(): BlockList {
  const own = new (net().BlockList)();
  const { networkInterfaces } = process.getBuiltinModule("node:os");
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? [])
      own.addAddress(a.address.replace(/%.*$/, ""), a.family === "IPv4" ? "ipv4" : "ipv6");
  return own;
}

/** A local address a connection was refused, by the name's answer or as the URL's literal host. */
export class LocalAddressError extends Error {
  constructor(
    readonly address: string,
    readonly kind: string,
  ) {
    super(`${address} is ${kind}`);
  }
}

type LookupCallback = (err: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * dns.lookup as node:net calls it, answering LocalAddressError when `target` resolves to any local address:
 * the check is on the addresses connected to, so a name pointed at 127.0.0.1 is refused like the literal.
 * Another name (a proxy's) is resolved unchecked.
 */
export function lookupOffHost(target: string) {
  const { lookup } = process.getBuiltinModule("node:dns");
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      const refused = hostname === target ? firstLocal(addresses) : null;
      if (refused) return callback(refused, "");
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first)
        return callback(Object.assign(new Error(`${hostname}: no address`), { code: "ENOTFOUND" }), "");
      callback(null, first.address, first.family);
    });
  };
}

/** The refusal of the first local one of `addresses`, or null when none is. */
function firstLocal(addresses: LookupAddress[]): LocalAddressError | null {
  for (const { address } of addresses) {
    const kind = localAddressKind(address);
    if (kind) return new LocalAddressError(address, kind);
  }
  return null;
}

// How long a name a proxy will resolve is looked up here first: a resolver that never answers must not
// spend the download's own timer (download.ts: no data for 30 s aborts the attempt).
const PROXIED_LOOKUP_MS = 2000;

/**
 * Best effort for a name a proxy will resolve (Node's env proxy): the refusal when this host's resolver
 * answers a local address for it, else null. A lookup that fails (behind many proxies this host resolves
 * nothing) or outlasts PROXIED_LOOKUP_MS lets the name through to the proxy; `signal` ends the wait too,
 * and then the request that follows fails as aborted. getaddrinfo cannot be cancelled: a lookup given up
 * on still holds a libuv thread until the resolver's own timeout.
 */
export function localByName(name: string, signal: AbortSignal): Promise<LocalAddressError | null> {
  const { lookup } = process.getBuiltinModule("node:dns");
  return new Promise((resolve) => {
    const stop = AbortSignal.any([signal, AbortSignal.timeout(PROXIED_LOOKUP_MS)]);
    const giveUp = () => resolve(null);
    if (stop.aborted) return giveUp();
    stop.addEventListener("abort", giveUp, { once: true });
    lookup(name, { all: true }, (err, addresses) => {
      stop.removeEventListener("abort", giveUp);
      resolve(err ? null : firstLocal(addresses));
    });
  });
}
