// rtnetlink over a raw AF_NETLINK socket via koffi: no `ip` process per sandbox (~1.6 ms for a whole attach).
import { ErrnoError, libc } from "./libc.js";
import {
  AF_INET,
  AF_INET6,
  AF_UNSPEC,
  type Attr,
  attrString,
  attrU32,
  cstr,
  encodeAddr,
  encodeAttrs,
  formatAddr,
  IFA_ADDRESS,
  IFA_LOCAL,
  IFF_UP,
  IFLA_IFNAME,
  IFLA_INFO_DATA,
  IFLA_INFO_KIND,
  IFLA_LINKINFO,
  IFLA_MTU,
  IFLA_NET_NS_PID,
  ifaddrmsg,
  ifinfomsg,
  ip4,
  multipathOifs,
  NLM_F_ACK,
  NLM_F_CREATE,
  NLM_F_DUMP,
  NLM_F_EXCL,
  NLM_F_REQUEST,
  NLMSG_DONE,
  NLMSG_ERROR,
  type NlMsg,
  nlmsg,
  parseAttrs,
  parseError,
  RTA_DST,
  RTA_GATEWAY,
  RTA_MULTIPATH,
  RTA_OIF,
  RTA_PRIORITY,
  RTA_TABLE,
  RTM_DELLINK,
  RTM_GETADDR,
  RTM_GETLINK,
  RTM_GETROUTE,
  RTM_NEWADDR,
  RTM_NEWLINK,
  RTN_UNICAST,
  rtmsg,
  splitMessages,
  u32,
  VETH_INFO_PEER,
} from "./nlmsg.js";

const AF_NETLINK = 16;
const SOCK_RAW = 3;
const SOCK_CLOEXEC = 0o2000000;
const NETLINK_ROUTE = 0;
const SOL_SOCKET = 1;
const SO_RCVTIMEO = 20;
const SOL_NETLINK = 270;
const NETLINK_EXT_ACK = 11;
const EINTR = 4;
const ENODEV = 19;

export interface LinkInfo {
  index: number;
  name: string;
  mtu: number;
  up: boolean;
}
export interface AddrInfo {
  family: 4 | 6;
  index: number;
  address: string;
  prefix: number;
}
export interface RouteInfo {
  family: 4 | 6;
  dst: string; // network address ("0.0.0.0" / "::" for default)
  prefix: number;
  table: number;
  type: number; // RTN_UNICAST, RTN_LOCAL, ... (nlmsg.ts)
  oif?: number;
  nexthopOifs: number[]; // a multipath route's links, in its nexthops (it has no oif)
  gateway?: string;
  priority: number;
}
export interface VethSpec {
  hostName: string;
  peerName: string;
  peerPid: number; // the peer is created directly in this process's netns (no move: saves ~20 ms)
  mtu: number;
  up?: boolean; // bring the host side up in the same message
}

/** One rtnetlink socket; requests are synchronous (blocking recv with a 5 s timeout). */
export class Netlink {
  private fd: number;
  private seq = Math.floor(Math.random() * 1e6);
  private readonly rx = Buffer.alloc(256 * 1024);
  private readonly kernel = Buffer.alloc(12); // sockaddr_nl {AF_NETLINK, pid 0 = the kernel}

  constructor() {
    const c = libc();
    this.fd = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (this.fd < 0) throw new ErrnoError(c.errno(), "netlink socket");
    this.kernel.writeUInt16LE(AF_NETLINK, 0);
    const tv = Buffer.alloc(16);
    tv.writeBigInt64LE(5n, 0);
    c.setsockopt(this.fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16);
    c.setsockopt(this.fd, SOL_NETLINK, NETLINK_EXT_ACK, u32(1), 4); // kernel explains EINVAL etc.
  }

  close(): void {
    if (this.fd >= 0) libc().close(this.fd);
    this.fd = -1;
  }

  /** Send one request; return the messages of the reply (dump rows, or [] for a plain ack). */
  request(type: number, flags: number, body: Buffer, what: string): NlMsg[] {
    if (this.fd < 0) throw new Error("netlink socket is closed");
    const c = libc();
    const seq = ++this.seq >>> 0;
    const msg = nlmsg(type, flags | NLM_F_REQUEST | NLM_F_ACK, seq, body);
    if (c.sendto(this.fd, msg, msg.length, 0, this.kernel, this.kernel.length) < 0) {
      throw new ErrnoError(c.errno(), `${what}: netlink send`);
    }
    const dump = (flags & NLM_F_DUMP) === NLM_F_DUMP;
    const rows: NlMsg[] = [];
    for (;;) {
      const n = c.recv(this.fd, this.rx, this.rx.length, 0);
      if (n < 0) {
        const e = c.errno();
        if (e === EINTR) continue;
        throw new ErrnoError(e, `${what}: netlink recv`);
      }
      // Copy: rx is reused by the next recv and rows outlive it.
      for (const m of splitMessages(Buffer.from(this.rx.subarray(0, n)))) {
        if (m.seq !== seq) continue; // a late reply to an earlier, timed-out request
        if (m.type === NLMSG_ERROR) {
          const { errno, message } = parseError(m);
          if (errno !== 0) throw new ErrnoError(errno, what, message);
          if (!dump) return rows;
        } else if (m.type === NLMSG_DONE) {
          return rows;
        } else {
          rows.push(m);
        }
      }
    }
  }

  createVeth(v: VethSpec): void {
    const peer = Buffer.concat([
      ifinfomsg(),
      encodeAttrs([
        [IFLA_IFNAME, cstr(v.peerName)],
        [IFLA_MTU, u32(v.mtu)],
        [IFLA_NET_NS_PID, u32(v.peerPid)],
      ]),
    ]);
    const linkinfo = encodeAttrs([
      [IFLA_INFO_KIND, cstr("veth")],
      [IFLA_INFO_DATA, encodeAttrs([[VETH_INFO_PEER, peer]])],
    ]);
    const up = v.up ? IFF_UP : 0;
    const body = Buffer.concat([
      ifinfomsg(0, up, up),
      encodeAttrs([
        [IFLA_IFNAME, cstr(v.hostName)],
        [IFLA_MTU, u32(v.mtu)],
        [IFLA_LINKINFO, linkinfo],
      ]),
    ]);
    this.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, body, `create veth ${v.hostName}`);
  }

  /** Interface index by name, or null when there is no such link. */
  linkIndex(name: string): number | null {
    try {
      const rows = this.request(
        RTM_GETLINK,
        0,
        Buffer.concat([ifinfomsg(), encodeAttrs([[IFLA_IFNAME, cstr(name)]])]),
        `get link ${name}`,
      );
      return rows.length ? rows[0].body.readInt32LE(4) : null;
    } catch (e) {
      if (e instanceof ErrnoError && e.errno === ENODEV) return null;
      throw e;
    }
  }

  private mustIndex(name: string): number {
    const i = this.linkIndex(name);
    if (i === null) throw new ErrnoError(ENODEV, `link ${name}`);
    return i;
  }

  /** Add `addr/prefix` (uint32 address); the kernel adds the connected route itself. */
  addAddress4(name: string, addr: number, prefix: number, index?: number): void {
    const attrs: Attr[] = [
      [IFA_LOCAL, ip4(addr)],
      [IFA_ADDRESS, ip4(addr)],
    ];
    const body = Buffer.concat([
      ifaddrmsg(AF_INET, prefix, index ?? this.mustIndex(name)),
      encodeAttrs(attrs),
    ]);
    this.request(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, body, `add address to ${name}`);
  }

  /** Delete a link (a veth takes its peer along). False when it was already gone. */
  deleteLink(name: string): boolean {
    try {
      const body = Buffer.concat([ifinfomsg(), encodeAttrs([[IFLA_IFNAME, cstr(name)]])]);
      this.request(RTM_DELLINK, 0, body, `delete link ${name}`);
      return true;
    } catch (e) {
      if (e instanceof ErrnoError && e.errno === ENODEV) return false;
      throw e;
    }
  }

  listLinks(): LinkInfo[] {
    return this.request(RTM_GETLINK, NLM_F_DUMP, ifinfomsg(), "list links").map((m) => {
      const a = parseAttrs(m.body.subarray(16));
      return {
        index: m.body.readInt32LE(4),
        name: attrString(a.get(IFLA_IFNAME)) ?? "",
        mtu: attrU32(a.get(IFLA_MTU)) ?? 0,
        up: (m.body.readUInt32LE(8) & IFF_UP) !== 0,
      };
    });
  }

  listAddresses(): AddrInfo[] {
    const rows = this.request(RTM_GETADDR, NLM_F_DUMP, ifaddrmsg(AF_UNSPEC, 0, 0), "list addresses");
    const out: AddrInfo[] = [];
    for (const m of rows) {
      const family = m.body.readUInt8(0);
      if (family !== AF_INET && family !== AF_INET6) continue;
      const a = parseAttrs(m.body.subarray(8));
      const raw = a.get(IFA_LOCAL) ?? a.get(IFA_ADDRESS);
      if (!raw) continue;
      out.push({
        family: family === AF_INET ? 4 : 6,
        index: m.body.readUInt32LE(4),
        address: formatAddr(raw),
        prefix: m.body.readUInt8(1),
      });
    }
    return out;
  }

  /** Routes of every table (main, local, policy-routing tables such as a VPN's). */
  listRoutes(family: 4 | 6): RouteInfo[] {
    const af = family === 4 ? AF_INET : AF_INET6;
    const rows = this.request(RTM_GETROUTE, NLM_F_DUMP, rtmsg(af), "list routes");
    const out: RouteInfo[] = [];
    for (const m of rows) {
      if (m.body.readUInt8(0) !== af) continue;
      const a = parseAttrs(m.body.subarray(12));
      const dst = a.get(RTA_DST);
      const gw = a.get(RTA_GATEWAY);
      const multipath = a.get(RTA_MULTIPATH);
      out.push({
        family,
        dst: dst ? formatAddr(dst) : family === 4 ? "0.0.0.0" : "::",
        prefix: m.body.readUInt8(1),
        table: attrU32(a.get(RTA_TABLE)) ?? m.body.readUInt8(4),
        type: m.body.readUInt8(7),
        oif: attrU32(a.get(RTA_OIF)),
        nexthopOifs: multipath ? multipathOifs(multipath) : [],
        gateway: gw ? formatAddr(gw) : undefined,
        priority: attrU32(a.get(RTA_PRIORITY)) ?? 0,
      });
    }
    return out;
  }

  /**
   * The type of the route the kernel picks for `address` (RTN_LOCAL: delivered to this host), as `ip route
   * get` asks: every table and policy rule is consulted.
   */
  routeType(address: string): number {
    const dst = encodeAddr(address);
    const body = Buffer.concat([
      rtmsg(dst.length === 4 ? AF_INET : AF_INET6, dst.length * 8),
      encodeAttrs([[RTA_DST, dst]]),
    ]);
    const [route] = this.request(RTM_GETROUTE, 0, body, `get route to ${address}`);
    if (!route) throw new Error(`get route to ${address}: no route in the answer`);
    return route.body.readUInt8(7);
  }

  /** MTU of the link carrying the main table's IPv4 default route (lowest metric); null without one. */
  uplinkMtu(): number | null {
    const defaults = this.listRoutes(4)
      .filter((r) => r.prefix === 0 && r.table === 254 && r.type === RTN_UNICAST && r.oif !== undefined)
      .sort((x, y) => x.priority - y.priority);
    if (!defaults.length) return null;
    const link = this.listLinks().find((l) => l.index === defaults[0].oif);
    return link?.mtu || null;
  }
}

let shared: Netlink | null = null;
/** A process-wide socket: opened on first use, reused by every sandbox. */
export function netlink(): Netlink {
  shared ??= new Netlink();
  return shared;
}
