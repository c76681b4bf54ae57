// rtnetlink wire format: build requests and parse replies in Buffers (pure, no syscalls).
// Layouts from <linux/netlink.h>, <linux/rtnetlink.h>, <linux/if_link.h>, <linux/veth.h>; host byte order (LE).

import { parseIp4 } from "./cidr";

export const NLMSG_ERROR = 2;
export const NLMSG_DONE = 3;
export const NLM_F_REQUEST = 0x1;
export const NLM_F_ACK = 0x4;
export const NLM_F_DUMP = 0x300;
export const NLM_F_EXCL = 0x200;
export const NLM_F_CREATE = 0x400;
export const NLM_F_ACK_TLVS = 0x200; // in an NLMSG_ERROR header: extended-ack attributes follow
const NLMSGERR_ATTR_MSG = 1;

export const RTM_NEWLINK = 16;
export const RTM_DELLINK = 17;
export const RTM_GETLINK = 18;
export const RTM_NEWADDR = 20;
export const RTM_GETADDR = 22;
export const RTM_GETROUTE = 26;

export const AF_UNSPEC = 0;
export const AF_INET = 2;
export const AF_INET6 = 10;
export const IFF_UP = 0x1;
export const RTN_UNICAST = 1;
export const RTN_LOCAL = 2; // a destination the host delivers to itself

export const IFLA_IFNAME = 3;
export const IFLA_MTU = 4;
export const IFLA_LINKINFO = 18;
export const IFLA_NET_NS_PID = 19;
export const IFLA_INFO_KIND = 1;
export const IFLA_INFO_DATA = 2;
export const VETH_INFO_PEER = 1;
export const IFA_ADDRESS = 1;
export const IFA_LOCAL = 2;
export const RTA_DST = 1;
export const RTA_OIF = 4;
export const RTA_GATEWAY = 5;
export const RTA_PRIORITY = 6;
export const RTA_MULTIPATH = 9;
export const RTA_TABLE = 15;

const NLMSG_HDRLEN = 16;
const align4 = (n: number) => (n + 3) & ~3;

/** One attribute: its type and payload (nested attributes are pre-encoded payloads). */
export type Attr = [type: number, payload: Buffer];

export function encodeAttrs(attrs: Attr[]): Buffer {
  const parts: Buffer[] = [];
  for (const [type, payload] of attrs) {
    const len = 4 + payload.length;
    const head = Buffer.alloc(4);
    head.writeUInt16LE(len, 0);
    head.writeUInt16LE(type, 2);
    parts.push(head, payload, Buffer.alloc(align4(len) - len));
  }
  return Buffer.concat(parts);
}

export const u32 = (v: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v >>> 0, 0);
  return b;
};
export const cstr = (s: string): Buffer => Buffer.concat([Buffer.from(s, "utf8"), Buffer.alloc(1)]);
export const ip4 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b;
};

export function ifinfomsg(index = 0, flags = 0, change = 0, family = AF_UNSPEC): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt8(family, 0);
  b.writeInt32LE(index, 4);
  b.writeUInt32LE(flags >>> 0, 8);
  b.writeUInt32LE(change >>> 0, 12);
  return b;
}

export function ifaddrmsg(family: number, prefixlen: number, index: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt8(family, 0);
  b.writeUInt8(prefixlen, 1);
  b.writeUInt32LE(index, 4);
  return b;
}

export function rtmsg(family: number, dstLen = 0): Buffer {
  const b = Buffer.alloc(12);
  b.writeUInt8(family, 0);
  b.writeUInt8(dstLen, 1);
  return b;
}

export function nlmsg(type: number, flags: number, seq: number, body: Buffer): Buffer {
  const len = NLMSG_HDRLEN + body.length;
  const h = Buffer.alloc(NLMSG_HDRLEN);
  h.writeUInt32LE(len, 0);
  h.writeUInt16LE(type, 4);
  h.writeUInt16LE(flags, 6);
  h.writeUInt32LE(seq >>> 0, 8);
  return Buffer.concat([h, body, Buffer.alloc(align4(len) - len)]);
}

export interface NlMsg {
  type: number;
  flags: number;
  seq: number;
  body: Buffer; // payload after the nlmsghdr
}

/** Split one datagram into messages (several per datagram in dumps). */
export function splitMessages(buf: Buffer): NlMsg[] {
  const out: NlMsg[] = [];
  let off = 0;
  while (off + NLMSG_HDRLEN <= buf.length) {
    const len = buf.readUInt32LE(off);
    if (len < NLMSG_HDRLEN || off + len > buf.length) break;
    out.push({
      type: buf.readUInt16LE(off + 4),
      flags: buf.readUInt16LE(off + 6),
      seq: buf.readUInt32LE(off + 8),
      body: buf.subarray(off + NLMSG_HDRLEN, off + len),
    });
    off += align4(len);
  }
  return out;
}

export function parseAttrs(buf: Buffer): Map<number, Buffer> {
  const m = new Map<number, Buffer>();
  let off = 0;
  while (off + 4 <= buf.length) {
    const len = buf.readUInt16LE(off);
    if (len < 4 || off + len > buf.length) break;
    m.set(buf.readUInt16LE(off + 2) & 0x3fff, buf.subarray(off + 4, off + len)); // strip NESTED/BYTEORDER bits
    off += align4(len);
  }
  return m;
}

/**
 * The links of an RTA_MULTIPATH payload (an ECMP route has no RTA_OIF): a run of struct rtnexthop
 * {u16 len, u8 flags, u8 hops, s32 ifindex}, each followed by its own attributes within len.
 */
export function multipathOifs(buf: Buffer): number[] {
  const out: number[] = [];
  let off = 0;
  while (off + 8 <= buf.length) {
    const len = buf.readUInt16LE(off);
    if (len < 8 || off + len > buf.length) break;
    out.push(buf.readInt32LE(off + 4));
    off += align4(len);
  }
  return out;
}

/** NLMSG_ERROR body: errno (0 = ack) and the kernel's extended-ack message when present. */
export function parseError(msg: NlMsg): { errno: number; message?: string } {
  const errno = -msg.body.readInt32LE(0) || 0; // no -0 for an ack
  if (!(msg.flags & NLM_F_ACK_TLVS)) return { errno };
  // The echoed request header follows; with NLM_F_CAPPED (0x100) only its 16-byte header is there.
  const echoedLen = msg.flags & 0x100 ? NLMSG_HDRLEN : msg.body.readUInt32LE(4);
  const tlv = parseAttrs(msg.body.subarray(4 + align4(echoedLen)));
  const text = tlv.get(NLMSGERR_ATTR_MSG);
  return text ? { errno, message: text.toString("utf8").replace(/\0.*$/s, "") } : { errno };
}

export const attrString = (b: Buffer | undefined): string | undefined =>
  b === undefined ? undefined : b.toString("utf8").replace(/\0.*$/s, "");
export const attrU32 = (b: Buffer | undefined): number | undefined =>
  b === undefined || b.length < 4 ? undefined : b.readUInt32LE(0);

/** The bytes of an IPv4 or IPv6 address (any spelling net.isIP accepts, no zone id): formatAddr's inverse. */
export function encodeAddr(text: string): Buffer {
  if (!text.includes(":")) {
    const n = parseIp4(text);
    if (n === null) throw new Error(`not an IPv4 address: ${text}`);
    return ip4(n);
  }
  const out = Buffer.alloc(16);
  // A dotted IPv4 tail (::ffff:1.2.3.4) stands for the last two groups: parsed as zeros, then written.
  const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  const hex = dotted ? `${text.slice(0, dotted.index)}:0:0` : text;
  const [left, right] = hex.split("::");
  const head = left ? left.split(":") : [];
  const tail = right ? right.split(":") : [];
  const groups =
    right === undefined ? head : [...head, ...Array(8 - head.length - tail.length).fill("0"), ...tail];
  groups.forEach((g, i) => {
    out.writeUInt16BE(Number.parseInt(g, 16), i * 2);
  });
  if (dotted) encodeAddr(dotted[1]).copy(out, 12);
  return out;
}

export function formatAddr(b: Buffer): string {
  if (b.length === 4) return [...b].join(".");
  const groups: string[] = [];
  for (let i = 0; i + 1 < b.length; i += 2) groups.push(b.readUInt16BE(i).toString(16));
  // Compress the longest zero run, as RFC 5952 writes it.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < groups.length; ) {
    let j = i;
    while (j < groups.length && groups[j] === "0") j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLen).join(":")}`;
}
