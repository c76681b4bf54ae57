import { describe, expect, it } from "vitest";
import {
  cstr,
  encodeAddr,
  encodeAttrs,
  formatAddr,
  multipathOifs,
  NLM_F_ACK_TLVS,
  NLMSG_ERROR,
  nlmsg,
  parseAttrs,
  parseError,
  splitMessages,
  u32,
} from "../../src/engine/net/nlmsg.js";

describe("rtnetlink encoding", () => {
  it("pads attributes to 4 bytes and reads them back", () => {
    const buf = encodeAttrs([
      [3, cstr("nsb0")],
      [4, u32(1400)],
    ]);
    expect(buf.length).toBe(12 + 8); // 4+5 -> 12, 4+4 -> 8
    const m = parseAttrs(buf);
    expect(m.get(3)?.toString()).toBe("nsb0\0");
    expect(m.get(4)?.readUInt32LE(0)).toBe(1400);
  });
  it("frames messages and splits a multi-message datagram", () => {
    const a = nlmsg(16, 0x405, 7, Buffer.alloc(17));
    expect(a.readUInt32LE(0)).toBe(33);
    expect(a.length).toBe(36);
    const msgs = splitMessages(Buffer.concat([a, nlmsg(3, 2, 7, Buffer.alloc(4))]));
    expect(msgs.map((m) => [m.type, m.seq, m.body.length])).toEqual([
      [16, 7, 17],
      [3, 7, 4],
    ]);
  });
  it("decodes errors with the extended-ack message", () => {
    const body = Buffer.concat([
      Buffer.from(Int32Array.of(-22).buffer),
      nlmsg(20, 5, 9, Buffer.alloc(8)),
      encodeAttrs([[1, cstr("ipv4: Invalid prefix length")]]),
    ]);
    const [m] = splitMessages(nlmsg(NLMSG_ERROR, NLM_F_ACK_TLVS, 9, body));
    expect(parseError(m)).toEqual({ errno: 22, message: "ipv4: Invalid prefix length" });
    const [ack] = splitMessages(nlmsg(NLMSG_ERROR, 0, 9, Buffer.alloc(20)));
    expect(parseError(ack)).toEqual({ errno: 0 });
  });
  it("reads the links of a multipath route's nexthops (rtnexthop + its attributes)", () => {
    const hop = (ifindex: number, gw: number[]) => {
      const attrs = encodeAttrs([[5, Buffer.from(gw)]]); // RTA_GATEWAY
      const head = Buffer.alloc(8);
      head.writeUInt16LE(8 + attrs.length, 0);
      head.writeInt32LE(ifindex, 4);
      return Buffer.concat([head, attrs]);
    };
    expect(multipathOifs(Buffer.concat([hop(2, [203, 0, 113, 1]), hop(7, [203, 0, 113, 3])]))).toEqual([
      2, 7,
    ]);
    expect(multipathOifs(Buffer.alloc(3))).toEqual([]); // truncated: nothing, no throw
  });
  it("formats addresses", () => {
    expect(formatAddr(Buffer.from([100, 96, 0, 1]))).toBe("100.96.0.1");
    expect(formatAddr(Buffer.from("fe800000000000000000000000000001", "hex"))).toBe("fe80::1");
    expect(formatAddr(Buffer.from("20010db8000000010000000000000000", "hex"))).toBe("2001:db8:0:1::");
  });
  it("encodes addresses in every spelling (a route request's RTA_DST)", () => {
    const hex = (a: string) => encodeAddr(a).toString("hex");
    expect(hex("10.77.1.1")).toBe("0a4d0101");
    expect(hex("::")).toBe("0".repeat(32));
    expect(hex("::1")).toBe(`${"0".repeat(31)}1`);
    expect(hex("fe80::1")).toBe("fe800000000000000000000000000001");
    expect(hex("2001:db8:0:1::")).toBe("20010db8000000010000000000000000");
    expect(hex("1:2:3:4:5:6:7:8")).toBe("00010002000300040005000600070008");
    expect(hex("::ffff:127.0.0.1")).toBe("00000000000000000000ffff7f000001");
    expect(hex("::FFFF:7f00:1")).toBe("00000000000000000000ffff7f000001");
    expect(hex("1:2:3:4:5:6:10.0.0.1")).toBe("000100020003000400050006" + "0a000001");
    for (const a of ["100.96.0.1", "fe80::1", "2001:db8:0:1::", "fd77::5"])
      expect(formatAddr(encodeAddr(a))).toBe(a);
  });
});
