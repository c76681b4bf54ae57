// Forward filters that nsbox does not open. In nft a drop in any table's chain is final, whatever our own
// table accepted, so another table's forward chain with policy drop (a hardened nftables.conf) or a final
// drop/reject rule cuts nat sandboxes off. iptables' FORWARD (Docker's DROP, RHEL's final REJECT) is opened
// per run instead (iptables.ts forwardHoles); such foreign nft chains are only reported, never edited.

interface NftObject {
  chain?: { family: string; table: string; name: string; hook?: string; policy?: string };
  rule?: { family: string; table: string; chain: string; expr?: Array<Record<string, unknown>> };
}

// Statements that neither match nor decide: a rule of only these and a drop/reject drops everything.
const PASSIVE = new Set(["counter", "log"]);

const isOurs = (family: string, table: string, chain: string): boolean =>
  table.startsWith("nsbox_") || (family === "ip" && table === "filter" && chain === "FORWARD"); // iptables'

/**
 * From `nft -j list ruleset`: a note for each IPv4 forward-hook chain of another table that drops what it
 * does not accept (policy drop, or a rule that drops or rejects whatever comes).
 */
export function forwardDropNotes(json: string): string[] {
  let objects: NftObject[];
  try {
    objects = (JSON.parse(json) as { nftables?: NftObject[] }).nftables ?? [];
  } catch {
    return [];
  }
  const key = (f: string, t: string, c: string) => `${f} ${t} ${c}`;
  const hooked = new Map<string, string | undefined>(); // forward chains and their policy
  for (const { chain: c } of objects) {
    if (c?.hook !== "forward" || (c.family !== "inet" && c.family !== "ip")) continue;
    if (!isOurs(c.family, c.table, c.name)) hooked.set(key(c.family, c.table, c.name), c.policy);
  }
  const dropping = new Set([...hooked].filter(([, policy]) => policy === "drop").map(([k]) => k));
  for (const { rule: r } of objects) {
    if (!r || !hooked.has(key(r.family, r.table, r.chain))) continue;
    const kinds = (r.expr ?? []).flatMap((e) => Object.keys(e));
    const verdict = kinds.some((k) => k === "drop" || k === "reject");
    if (verdict && kinds.every((k) => k === "drop" || k === "reject" || PASSIVE.has(k)))
      dropping.add(key(r.family, r.table, r.chain));
  }
  return [...dropping]
    .sort()
    .map(
      (c) =>
        `nat (the host's nft chain "${c}" drops forwarded traffic: the sandbox may have no network unless that chain accepts its link nsb*)`,
    );
}
