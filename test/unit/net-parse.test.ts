import { describe, expect, it } from "vitest";
import { parseAllow, parseDnsServer, parseDnsServers } from "../../src/engine/net/allow.js";
import { cidrOverlaps, formatIp4, parseCidr4, parseIp4 } from "../../src/engine/net/cidr.js";
import { checkPoolClash, DEFAULT_POOL, leaseOf, parsePool } from "../../src/engine/net/pool.js";
import { UsageError } from "../../src/engine/types.js";

describe("parseAllow", () => {
  it("accepts CIDRs, bare addresses and ports", () => {
    expect(parseAllow("10.1.2.0/24")).toEqual({ cidr: "10.1.2.0/24" });
    expect(parseAllow("10.1.2.3:443")).toEqual({ cidr: "10.1.2.3/32", port: 443 });
    expect(parseAllow("0.0.0.0/0:53")).toEqual({ cidr: "0.0.0.0/0", port: 53 });
  });
  it.each([
    ["10.0.0.0/33", "allow: '10.0.0.0/33' is not a CIDR; use 10.1.2.0/24 or 10.1.2.3:443"],
    ["10.1.2.3/24", "has host bits set"],
    ["10.1.2.3:0", "no valid port"],
    ["10.1.2.3:65536", "no valid port"],
    ["10.01.2.3", "is not a CIDR"],
    ["example.com", "is not a CIDR"],
    ["fd00::1", "IPv6"],
    ["", "is not a CIDR"],
  ])("rejects %j", (spec, msg) => {
    expect(() => parseAllow(spec)).toThrow(UsageError);
    expect(() => parseAllow(spec)).toThrow(msg);
  });
  it("checks --dns servers", () => {
    expect(parseDnsServer("192.0.2.53")).toBe("192.0.2.53");
    expect(() => parseDnsServer("127.0.0.53")).toThrow(/loopback/);
    expect(() => parseDnsServer("fd00::53")).toThrow(UsageError);
  });
  it.each([
    ["0.0.0.0", `0.0.0.0/8 ("this network")`],
    ["224.0.0.251", "224.0.0.0/4 (multicast)"],
    ["255.255.255.255", "240.0.0.0/4 (reserved)"],
  ])("refuses the unusable DNS server %j", (spec, range) => {
    expect(() => parseDnsServer(spec)).toThrow(
      `dns: '${spec}' is in ${range}, not a server's address; use e.g. 192.0.2.53`,
    );
  });
  it("refuses more DNS servers than resolv.conf holds (port 53 would open to the 4th, never written)", () => {
    expect(parseDnsServers(["192.0.2.1", " 192.0.2.2"])).toEqual(["192.0.2.1", "192.0.2.2"]);
    expect(() => parseDnsServers(["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"])).toThrow(
      /^dns: 4 servers \(192\.0\.2\.1, .*\) are more than the 3 a resolver uses; give at most 3$/,
    );
  });
});

const cidr = (s: string) => {
  const c = parseCidr4(s);
  if (!c) throw new Error(s);
  return c;
};

describe("cidr", () => {
  it("parses strictly and computes overlaps", () => {
    expect(parseIp4("255.255.255.255")).toBe(0xffffffff);
    expect(parseIp4("256.0.0.1")).toBeNull();
    expect(formatIp4(parseIp4("100.96.0.2") ?? 0)).toBe("100.96.0.2");
    const a = cidr("10.0.0.0/8");
    expect(cidrOverlaps(a, cidr("10.1.0.0/16"))).toBe(true);
    expect(cidrOverlaps(a, cidr("11.0.0.0/8"))).toBe(false);
    expect(cidrOverlaps(cidr("0.0.0.0/0"), a)).toBe(true);
  });
});

describe("pool", () => {
  it("hands out /30s: host .1, sandbox .2, names within IFNAMSIZ", () => {
    const p = parsePool(DEFAULT_POOL);
    expect(p.slots).toBe(16384);
    const l = leaseOf(p, "abc123", 3);
    expect(formatIp4(l.gateway)).toBe("100.96.0.13");
    expect(formatIp4(l.address)).toBe("100.96.0.14");
    expect(leaseOf(parsePool("10.0.0.0/8"), "abc123", 99_998).link.length).toBeLessThanOrEqual(15);
  });
  it("refuses bad pools and pools clashing with host routes", () => {
    expect(() => parsePool("10.1.0.0/31")).toThrow(UsageError);
    expect(() => parsePool("10.1.0.1/16")).toThrow(UsageError);
    const p = parsePool("10.1.0.0/16");
    expect(() => checkPoolClash(p, [{ dst: "10.1.0.0", prefix: 16, dev: "eth0" }])).toThrow(
      "network pool 10.1.0.0/16 overlaps the host route 10.1.0.0/16 on eth0",
    );
    expect(() => checkPoolClash(p, [{ dst: "10.1.0.4", prefix: 32, dev: "eth0" }])).toThrow(
      /10\.1\.0\.4\/32/,
    );
    // default routes, our own veths, and a route whose link vanished while listing are no clash
    checkPoolClash(p, [
      { dst: "0.0.0.0", prefix: 0, dev: "eth0" },
      { dst: "10.1.0.0", prefix: 30, dev: "nsbabc1230" },
      { dst: "10.1.0.4", prefix: 30, dev: null },
      { dst: "172.17.0.0", prefix: 16, dev: "docker0" },
    ]);
  });
  it("refuses a pool under a route that names no single link (multipath, a nexthop object)", () => {
    const p = parsePool("192.0.2.0/24");
    expect(() => checkPoolClash(p, [{ dst: "192.0.2.0", prefix: 24, dev: "eth0,eth1" }])).toThrow(
      "network pool 192.0.2.0/24 overlaps the host route 192.0.2.0/24 on eth0,eth1",
    );
    expect(() => checkPoolClash(p, [{ dst: "192.0.2.0", prefix: 24, dev: "" }])).toThrow(
      /^network pool 192\.0\.2\.0\/24 overlaps the host route 192\.0\.2\.0\/24$/,
    );
  });
  it.each([
    ["0.0.0.0/8", `0.0.0.0/8 ("this network")`],
    ["127.0.0.0/16", "127.0.0.0/8 (loopback)"],
    ["224.0.0.0/8", "224.0.0.0/4 (multicast)"],
    ["240.0.0.0/8", "240.0.0.0/4 (reserved)"],
    ["255.255.255.0/30", "240.0.0.0/4 (reserved)"],
  ])("refuses the unroutable pool %j", (text, range) => {
    expect(() => parsePool(text)).toThrow(UsageError);
    expect(() => parsePool(text)).toThrow(
      `pool: '${text}' overlaps ${range}, where no sandbox can be routed; use e.g. 100.96.0.0/16`,
    );
  });
});
