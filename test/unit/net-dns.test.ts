import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hostsText, resolvConfText, resolveDns } from "../../src/engine/net/dns.js";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "nsbox-dns-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function layout(main: string, upstream?: string) {
  const d = tmp();
  writeFileSync(join(d, "resolv.conf"), main);
  if (upstream !== undefined) writeFileSync(join(d, "upstream.conf"), upstream);
  return { resolvConf: join(d, "resolv.conf"), resolvedUpstream: join(d, "upstream.conf") };
}

describe("sandbox DNS", () => {
  it("follows the systemd-resolved stub to the real upstream servers", () => {
    const paths = layout(
      "nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch corp.example\n",
      "# resolved\nnameserver 168.63.129.16\nnameserver fd00::1\nsearch corp.example\n",
    );
    const r = resolveDns(undefined, paths);
    expect(r.nameservers).toEqual(["168.63.129.16"]);
    expect(resolvConfText(r)).toBe("# written by nsbox\nnameserver 168.63.129.16\nsearch corp.example\n");
  });
  it("uses /etc/resolv.conf when it names real servers, dropping loopback ones", () => {
    const r = resolveDns(undefined, layout("nameserver 127.0.0.1\nnameserver 10.0.0.2\noptions ndots:2\n"));
    expect(r.nameservers).toEqual(["10.0.0.2"]);
    expect(resolvConfText(r)).toContain("options ndots:2");
  });
  it("says so when nothing usable is left, and honours an explicit server list", () => {
    const r = resolveDns(undefined, layout("nameserver 127.0.0.53\n"));
    expect(r.nameservers).toEqual([]);
    expect(resolvConfText(r)).toContain("# no non-loopback DNS server found on the host");
    expect(resolveDns(["192.0.2.53"], layout("nameserver 10.0.0.2\n")).nameservers).toEqual(["192.0.2.53"]);
    expect(() => resolveDns(["nope"])).toThrow(/dns: 'nope'/);
  });
  it("opens port 53 to the servers it writes and no other: at most 3, given or found", () => {
    const four = ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"];
    expect(() => resolveDns(four)).toThrow(
      "dns: 4 servers (192.0.2.1, 192.0.2.2, 192.0.2.3, 192.0.2.4) are more than the 3 a resolver uses; give at most 3",
    );
    const r = resolveDns(undefined, layout(four.map((s) => `nameserver ${s}\n`).join("")));
    expect(r.nameservers).toEqual(four.slice(0, 3)); // the policy's DNS accepts are made from this list
    expect(resolvConfText(r).match(/^nameserver /gm)?.length).toBe(3);
  });
  it("writes /etc/hosts with the hostname", () => {
    expect(hostsText("box")).toBe("127.0.0.1\tlocalhost\n127.0.1.1\tbox\n");
  });
});
