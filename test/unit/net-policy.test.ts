import { describe, expect, it } from "vitest";
import { forwardDropNotes } from "../../src/engine/net/forward.js";
import { forwardHoles, iptablesPlan, parseFilterView, undoCommands } from "../../src/engine/net/iptables.js";
import { nftRuleset } from "../../src/engine/net/nft.js";
import { buildPolicy, hostAccess, normaliseSet } from "../../src/engine/net/policy.js";

const policy = () =>
  buildPolicy(
    "abc123",
    "100.96.0.0/16",
    [{ cidr: "10.5.0.0/16", port: 443 }, { cidr: "203.0.113.2/32" }],
    ["10.1.0.53"],
    ["203.0.113.2", "10.1.0.4", "127.0.0.1"],
  );

describe("egress policy", () => {
  it("blocks private ranges, the pool and host addresses; allows come first", () => {
    const p = policy();
    expect(p.blocked).toEqual([
      "0.0.0.0/8",
      "10.0.0.0/8",
      "100.64.0.0/10",
      "127.0.0.0/8",
      "168.63.129.16/32",
      "169.254.0.0/16",
      "172.16.0.0/12",
      "192.168.0.0/16",
      "203.0.113.2/32",
      "224.0.0.0/4",
      "240.0.0.0/4",
    ]);
    expect(p.forwardAllow.at(-1)).toEqual({ cidr: "10.1.0.53/32", port: 53 });
    // only an allow naming a host address exactly opens the host
    expect(p.hostAllow).toEqual([{ cidr: "203.0.113.2/32" }]);
  });
  it("opens the host only to a rule naming one of its addresses; the rest is closed before any accept", () => {
    const host = ["203.0.113.2/32", "10.1.0.4/32", "198.18.0.0/24"];
    const a = hostAccess([{ cidr: "203.0.113.0/24" }, { cidr: "10.0.0.0/8" }], host);
    expect(a.open).toEqual([]);
    expect(a.closed).toEqual(["10.1.0.4/32", "198.18.0.0/24", "203.0.113.2/32"]);
    const b = hostAccess([{ cidr: "10.1.0.4/32", port: 8081 }, { cidr: "10.0.0.0/8" }], host);
    expect(b.open).toEqual([{ cidr: "10.1.0.4/32", port: 8081 }]);
    expect(b.closed).toEqual(["198.18.0.0/24", "203.0.113.2/32"]);
  });
  it("normalises nested ranges", () => {
    expect(normaliseSet(["10.1.0.0/16", "10.0.0.0/8", "10.2.3.4/32", "9.0.0.0/8"])).toEqual([
      "9.0.0.0/8",
      "10.0.0.0/8",
    ]);
  });
  it("renders one nft table scoped to the run's interfaces", () => {
    const t = nftRuleset(policy());
    expect(t).toContain("table inet nsbox_abc123 {");
    expect(t).toContain('iifname "nsbabc123*" jump egress');
    expect(t).toContain("ip daddr 10.5.0.0/16 meta l4proto { tcp, udp } th dport 443 accept");
    expect(t.indexOf("dport 443 accept")).toBeLessThan(t.indexOf("@blocked4 drop"));
    expect(t).toContain("meta nfproto != ipv4 drop");
    expect(t).toContain("ip saddr != 100.96.0.0/16 drop");
    expect(t).toContain("ip saddr 100.96.0.0/16 ip daddr != 100.96.0.0/16 masquerade");
  });
  it("caps each sandbox's concurrent connections: nft counts per veth, iptables per source address", () => {
    const t = nftRuleset(buildPolicy("abc123", "100.96.0.0/16", [], [], [], 50));
    const cap = "ct state new add @conns { iifname ct count over 50 } jump over_cap";
    // in egress after the spoofing drop and before any accept; towards the host after the replies
    const egress = t.slice(t.indexOf("chain egress"));
    expect(egress.indexOf(cap)).toBeGreaterThan(egress.indexOf("ip saddr != 100.96.0.0/16 drop"));
    expect(egress.indexOf(cap)).toBeLessThan(egress.indexOf("accept"));
    expect(t.slice(t.indexOf("chain to_host"))).toContain(cap);
    expect(t).toContain("meta l4proto tcp reject with tcp reset");
    expect(nftRuleset(policy())).toContain("ct count over 4096");
    const plan = iptablesPlan(
      buildPolicy("abc123", "100.96.0.0/16", [], [], [], 50),
      parseFilterView("*filter\n:FORWARD ACCEPT [0:0]\nCOMMIT\n"),
    );
    const lines = plan.apply.split("\n");
    const capAt = lines.indexOf(
      "-A NSBOX-ABC123-FWD -i nsbabc123+ -p tcp -m conntrack --ctstate NEW -m connlimit --connlimit-above 50 --connlimit-mask 32 --connlimit-saddr -j REJECT --reject-with tcp-reset",
    );
    expect(capAt).toBeGreaterThan(
      lines.indexOf("-A NSBOX-ABC123-FWD -i nsbabc123+ ! -s 100.96.0.0/16 -j DROP"),
    );
  });
  it("drops another sandbox of the run before any accept: an --allow covering the pool opens no sandbox", () => {
    const p = buildPolicy("abc123", "100.96.0.0/16", [{ cidr: "100.64.0.0/10" }], [], [], 50);
    const egress = nftRuleset(p).slice(nftRuleset(p).indexOf("chain egress"));
    expect(egress.indexOf("ip daddr 100.96.0.0/16 drop")).toBeGreaterThan(-1);
    expect(egress.indexOf("ip daddr 100.96.0.0/16 drop")).toBeLessThan(
      egress.indexOf("ip daddr 100.64.0.0/10 accept"),
    );
    const lines = iptablesPlan(p, parseFilterView("*filter\n:FORWARD ACCEPT [0:0]\nCOMMIT\n")).apply.split(
      "\n",
    );
    const drop = lines.indexOf("-A NSBOX-ABC123-FWD -i nsbabc123+ -d 100.96.0.0/16 -j DROP");
    expect(drop).toBeGreaterThan(-1);
    expect(drop).toBeLessThan(lines.indexOf("-A NSBOX-ABC123-FWD -i nsbabc123+ -d 100.64.0.0/10 -j ACCEPT"));
  });

  it("limits the rate of new connections per sandbox in both backends (closed ones escape the count)", () => {
    const p = buildPolicy("abc123", "100.96.0.0/16", [], [], [], 50);
    const t = nftRuleset(p);
    const rate =
      "ct state new add @rates { iifname limit rate over 100/second burst 500 packets } jump over_cap";
    expect(t.slice(t.indexOf("chain egress"))).toContain(rate);
    expect(t.slice(t.indexOf("chain to_host"))).toContain(rate);
    const apply = iptablesPlan(p, parseFilterView("*filter\n:FORWARD ACCEPT [0:0]\nCOMMIT\n")).apply;
    expect(apply).toContain(
      "-A NSBOX-ABC123-FWD -i nsbabc123+ -p tcp -m conntrack --ctstate NEW -m hashlimit --hashlimit-above 100/sec --hashlimit-burst 500 --hashlimit-mode srcip --hashlimit-name nsbabc123f -j REJECT --reject-with tcp-reset",
    );
    expect(apply).toContain("--hashlimit-name nsbabc123i -j REJECT");
  });

  it("opens Docker's FORWARD DROP only where needed, in DOCKER-USER when it exists", () => {
    const docker = parseFilterView(
      "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:DOCKER-USER - [0:0]\nCOMMIT\n",
    );
    const holes = forwardHoles(policy(), docker);
    expect(holes?.apply).toContain("-I DOCKER-USER -i nsbabc123+ -j ACCEPT");
    expect(holes?.undo).toContain("-D DOCKER-USER -i nsbabc123+ -j ACCEPT");
    const plainDrop = parseFilterView("*filter\n:FORWARD DROP [0:0]\nCOMMIT\n");
    expect(forwardHoles(policy(), plainDrop)?.apply).toContain("-I FORWARD -i nsbabc123+ -j ACCEPT");
    expect(forwardHoles(policy(), parseFilterView("*filter\n:FORWARD ACCEPT [0:0]\nCOMMIT\n"))).toBeNull();
    expect(forwardHoles(policy(), parseFilterView(""))).toBeNull();
  });
  it("opens an iptables FORWARD that rejects by a rule (RHEL's policy ACCEPT + final REJECT)", () => {
    const rhel = parseFilterView(
      "*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -j REJECT --reject-with icmp-host-prohibited\nCOMMIT\n",
    );
    const holes = forwardHoles(policy(), rhel);
    expect(holes?.apply).toContain("-I FORWARD -i nsbabc123+ -j ACCEPT");
    expect(holes?.undo).toContain("-D FORWARD -i nsbabc123+ -j ACCEPT");
  });
  it("names another nft table's forward chain that drops (policy drop, or a rule dropping all)", () => {
    const ruleset = (objects: object[]) => JSON.stringify({ nftables: [{ metainfo: {} }, ...objects] });
    const chain = (family: string, table: string, name: string, policy: string) => ({
      chain: { family, table, name, hook: "forward", prio: 0, policy },
    });
    const rule = (family: string, table: string, chainName: string, expr: object[]) => ({
      rule: { family, table, chain: chainName, expr },
    });
    const conditional = [
      { match: { op: "in", left: { ct: { key: "state" } }, right: "invalid" } },
      { drop: null },
    ];
    expect(
      forwardDropNotes(
        ruleset([
          chain("inet", "filter", "forward", "drop"),
          chain("ip", "fw", "fwd", "accept"),
          rule("ip", "fw", "fwd", conditional),
          rule("ip", "fw", "fwd", [{ counter: { packets: 0, bytes: 0 } }, { reject: { type: "icmpx" } }]),
          chain("inet", "open", "forward", "accept"),
          rule("inet", "open", "forward", conditional),
          chain("inet", "nsbox_abc123", "forward", "drop"), // ours
          chain("ip", "filter", "FORWARD", "drop"), // iptables-nft's: opened by forwardHoles
          chain("ip6", "filter6", "forward", "drop"), // sandboxes have no IPv6
        ]),
      ),
    ).toEqual([
      `nat (the host's nft chain "inet filter forward" drops forwarded traffic: the sandbox may have no network unless that chain accepts its link nsb*)`,
      `nat (the host's nft chain "ip fw fwd" drops forwarded traffic: the sandbox may have no network unless that chain accepts its link nsb*)`,
    ]);
    expect(forwardDropNotes("not json")).toEqual([]);
  });
  it("builds an iptables plan with its exact undo", () => {
    const plan = iptablesPlan(policy(), parseFilterView("*filter\n:FORWARD DROP [0:0]\nCOMMIT\n"));
    expect(plan.apply).toContain("-I FORWARD 1 -j NSBOX-ABC123-FWD");
    expect(plan.apply).toContain("-A NSBOX-ABC123-FWD -i nsbabc123+ -d 10.0.0.0/8 -j DROP");
    expect(plan.apply).toContain("-A NSBOX-ABC123-NAT -s 100.96.0.0/16 ! -d 100.96.0.0/16 -j MASQUERADE");
    expect(undoCommands(plan.undo)).toContainEqual(["-t", "nat", "-X", "NSBOX-ABC123-NAT"]);
  });
});
