// nftables backend: one table per run, written with a single `nft -f -` and removed with one delete.
// A table of its own means concurrent runs never edit each other's rules; drops in any table are final,
// so each run's rules only match its own interfaces (`iifname "nsb<runid>*"`).
import type { AllowRule } from "./allow.js";
import { NEW_CONNECTIONS_BURST, NEW_CONNECTIONS_PER_SECOND, type Policy } from "./policy.js";

export const tableName = (runId: string): string => `nsbox_${runId}`;

function accept(r: AllowRule): string {
  const port = r.port === undefined ? "" : ` meta l4proto { tcp, udp } th dport ${r.port}`;
  return `ip daddr ${r.cidr}${port} accept`;
}

export function nftRuleset(p: Policy): string {
  const ifs = `"${p.ifPrefix}*"`;
  // The conntrack table is shared with the runner: one sandbox's new connections are counted by its
  // host-side veth (unforgeable, unlike a source address) and rejected past the cap.
  const cap = `ct state new add @conns { iifname ct count over ${p.maxConnections} } jump over_cap`;
  // ... and the rate of new ones, which the count alone lets through (closed ones are not counted).
  const rate = `ct state new add @rates { iifname limit rate over ${NEW_CONNECTIONS_PER_SECOND}/second burst ${NEW_CONNECTIONS_BURST} packets } jump over_cap`;
  const lines = [
    `table inet ${tableName(p.runId)} {`,
    `  set blocked4 { type ipv4_addr; flags interval; elements = { ${p.blocked.join(", ")} } }`,
    "  set conns { type ifname; size 65535; flags dynamic; }",
    "  set rates { type ifname; size 65535; flags dynamic,timeout; timeout 60s; }",
    "  chain input {",
    "    type filter hook input priority -5; policy accept;",
    `    iifname ${ifs} jump to_host`,
    "  }",
    // The gateway address, the runner's public/private addresses and anything listening on them.
    "  chain to_host {",
    "    ct state established,related accept", // replies to connections the host opened
    `    ${cap}`,
    `    ${rate}`,
    ...p.hostAllow.map((r) => `    ${accept(r)}`),
    "    drop",
    "  }",
    "  chain forward {",
    "    type filter hook forward priority -5; policy accept;",
    `    iifname ${ifs} jump egress`,
    `    oifname ${ifs} ct state established,related accept`,
    `    oifname ${ifs} drop`,
    "  }",
    "  chain egress {",
    "    meta nfproto != ipv4 drop", // IPv6 is off inside; never let it through unfiltered
    `    ip saddr != ${p.pool} drop`, // root inside may spoof; it would leave unmasqueraded
    // Another sandbox of the run, before the accepts: an --allow covering the pool must not open it.
    `    ip daddr ${p.pool} drop`,
    `    ${cap}`,
    `    ${rate}`,
    ...p.forwardAllow.map((r) => `    ${accept(r)}`),
    "    ip daddr @blocked4 drop",
    "  }",
    // A TCP reset fails connect() at once (ICMP errors are rate-limited: most attempts would hang).
    "  chain over_cap {",
    "    meta l4proto tcp reject with tcp reset",
    "    reject",
    "  }",
    "  chain postrouting {",
    "    type nat hook postrouting priority 100; policy accept;",
    `    ip saddr ${p.pool} ip daddr != ${p.pool} masquerade`,
    "  }",
    "}",
  ];
  return `${lines.join("\n")}\n`;
}
