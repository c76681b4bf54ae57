// iptables backend (hosts without `nft`) and the ACCEPT holes an iptables FORWARD policy DROP (Docker) needs.
// Everything goes through one `iptables-restore --noflush` so a run costs one process to set up and one to undo.
import type { AllowRule } from "./allow.js";
import { NEW_CONNECTIONS_BURST, NEW_CONNECTIONS_PER_SECOND, type Policy } from "./policy.js";

export interface IptablesPlan {
  apply: string; // iptables-restore --noflush input
  undo: string[]; // iptables-restore lines: *table, -D/-F/-X, COMMIT
}

const chainPrefix = (runId: string): string => `NSBOX-${runId.toUpperCase()}`;

/** What iptables-save says about the filter table. */
export interface FilterView {
  forwardPolicy: string | null; // null when the table/chain is not there
  forwardRules: number; // rules in FORWARD (any may reject, as RHEL's final REJECT does)
  chains: Set<string>;
}

export function parseFilterView(save: string): FilterView {
  const chains = new Set<string>();
  let forwardPolicy: string | null = null;
  let forwardRules = 0;
  let inFilter = false;
  for (const line of save.split("\n")) {
    if (line.startsWith("*")) inFilter = line === "*filter";
    else if (inFilter && line.startsWith(":")) {
      const [name, policy] = line.slice(1).split(" ");
      chains.add(name);
      if (name === "FORWARD") forwardPolicy = policy;
    } else if (inFilter && line.startsWith("-A FORWARD ")) forwardRules++;
  }
  return { forwardPolicy, forwardRules, chains };
}

/** Docker puts its user hook first in FORWARD; without Docker, FORWARD itself. */
const forwardHook = (v: FilterView): string => (v.chains.has("DOCKER-USER") ? "DOCKER-USER" : "FORWARD");

/**
 * With nft doing the filtering, an iptables FORWARD chain that drops (policy DROP, as Docker sets it, or a
 * rule such as RHEL's final REJECT) would still drop our traffic: accept this run's interfaces first there.
 * Null when iptables would not drop anything (policy ACCEPT, no rule).
 */
export function forwardHoles(p: Policy, v: FilterView): IptablesPlan | null {
  if (v.forwardPolicy === null) return null;
  if (v.forwardPolicy === "ACCEPT" && v.forwardRules === 0 && !v.chains.has("DOCKER-USER")) return null;
  const hook = forwardHook(v);
  const rules = [
    `${hook} -i ${p.ifPrefix}+ -j ACCEPT`,
    `${hook} -o ${p.ifPrefix}+ -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
  ];
  return {
    apply: ["*filter", ...rules.map((r) => `-I ${r}`), "COMMIT", ""].join("\n"),
    undo: ["*filter", ...rules.map((r) => `-D ${r}`), "COMMIT"],
  };
}

function accepts(chain: string, r: AllowRule, match: string): string[] {
  if (r.port === undefined) return [`-A ${chain} ${match} -d ${r.cidr} -j ACCEPT`];
  return ["tcp", "udp"].map(
    (proto) => `-A ${chain} ${match} -d ${r.cidr} -p ${proto} --dport ${r.port} -j ACCEPT`,
  );
}

/** The whole policy as iptables chains (IPv4). */
export function iptablesPlan(p: Policy, v: FilterView): IptablesPlan {
  const c = chainPrefix(p.runId);
  const [fwd, inp, nat] = [`${c}-FWD`, `${c}-IN`, `${c}-NAT`];
  const ifs = `${p.ifPrefix}+`;
  const hook = forwardHook(v);
  // The conntrack table is shared with the runner: cap each sandbox's concurrent connections (per
  // source address: the spoofing drop before it keeps sources inside the pool).
  // A TCP reset fails connect() at once (ICMP errors are rate-limited: most attempts would hang).
  const over = `-m conntrack --ctstate NEW -m connlimit --connlimit-above ${p.maxConnections} --connlimit-mask 32 --connlimit-saddr`;
  // The rate of new connections too (per source, one hash per run and chain): the count above skips
  // closed ones, whose conntrack entries stay 120 s.
  const fast = (chain: string) =>
    `-m conntrack --ctstate NEW -m hashlimit --hashlimit-above ${NEW_CONNECTIONS_PER_SECOND}/sec --hashlimit-burst ${NEW_CONNECTIONS_BURST} --hashlimit-mode srcip --hashlimit-name ${`nsb${p.runId}${chain === fwd ? "f" : "i"}`}`;
  const caps = (chain: string) =>
    [over, fast(chain)].flatMap((m) => [
      `-A ${chain} -i ${ifs} -p tcp ${m} -j REJECT --reject-with tcp-reset`,
      `-A ${chain} -i ${ifs} ${m} -j REJECT`,
    ]);
  const filter = [
    "*filter",
    `:${fwd} - [0:0]`,
    `:${inp} - [0:0]`,
    `-A ${inp} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`, // replies to the host's own connections
    ...caps(inp),
    ...p.hostAllow.flatMap((r) => accepts(inp, r, `-i ${ifs}`)),
    `-A ${inp} -j DROP`,
    `-A ${fwd} -i ${ifs} ! -s ${p.pool} -j DROP`, // spoofed sources would leave unmasqueraded
    `-A ${fwd} -i ${ifs} -d ${p.pool} -j DROP`, // another sandbox: before the accepts, whatever --allow says
    ...caps(fwd),
    ...p.forwardAllow.flatMap((r) => accepts(fwd, r, `-i ${ifs}`)),
    ...p.blocked.map((b) => `-A ${fwd} -i ${ifs} -d ${b} -j DROP`),
    `-A ${fwd} -i ${ifs} -j ACCEPT`, // ACCEPT (not RETURN): Docker's policy DROP must not see it
    `-A ${fwd} -o ${ifs} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
    `-A ${fwd} -o ${ifs} -j DROP`,
    `-I INPUT 1 -i ${ifs} -j ${inp}`,
    `-I ${hook} 1 -j ${fwd}`,
    "COMMIT",
    "*nat",
    `:${nat} - [0:0]`,
    `-A ${nat} -s ${p.pool} ! -d ${p.pool} -j MASQUERADE`,
    `-I POSTROUTING 1 -j ${nat}`,
    "COMMIT",
    "",
  ];
  const undo = [
    "*filter",
    `-D INPUT -i ${ifs} -j ${inp}`,
    `-D ${hook} -j ${fwd}`,
    `-F ${fwd}`,
    `-X ${fwd}`,
    `-F ${inp}`,
    `-X ${inp}`,
    "COMMIT",
    "*nat",
    `-D POSTROUTING -j ${nat}`,
    `-F ${nat}`,
    `-X ${nat}`,
    "COMMIT",
  ];
  return { apply: filter.join("\n"), undo };
}

/** IPv6 for the iptables backend: the sandbox has it disabled; drop anything v6 from its veths anyway. */
export function ip6Plan(p: Policy): IptablesPlan {
  const rules = [
    `INPUT -i ${p.ifPrefix}+ -j DROP`,
    `FORWARD -i ${p.ifPrefix}+ -j DROP`,
    `FORWARD -o ${p.ifPrefix}+ -j DROP`,
  ];
  return {
    apply: ["*filter", ...rules.map((r) => `-I ${r}`), "COMMIT", ""].join("\n"),
    undo: ["*filter", ...rules.map((r) => `-D ${r}`), "COMMIT"],
  };
}

/** Undo lines one command at a time (for when a batch fails because some rule is already gone). */
export function undoCommands(undo: string[]): string[][] {
  const out: string[][] = [];
  let table = "filter";
  for (const line of undo) {
    if (line.startsWith("*")) table = line.slice(1);
    else if (line !== "COMMIT") out.push(["-t", table, ...line.split(" ")]);
  }
  return out;
}
