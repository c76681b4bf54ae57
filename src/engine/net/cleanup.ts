// Undo what crashed runs left behind: their firewall rules, veths, leases and the ip_forward switch.

import { removeStaleAtomicTemps } from "../fs.js";
import { pidOwnerAlive } from "../proc.js";
import { listNsboxChains, listNsboxTables, restoreForwarding, stopRunTools, undoFirewall } from "./nat.js";
import type { Netlink } from "./netlink.js";
import { reclaimAllLeases } from "./pool.js";
import { type RunRecord, recordOwnerAlive, type StateDir } from "./state.js";

const RUN_LINK = /^nsb([a-z0-9]{6})\d+$/;

/** Chains of a run we have no record of: its jump may sit in DOCKER-USER or FORWARD, try both. */
function orphanChainUndo(id: string): RunRecord {
  const c = `NSBOX-${id.toUpperCase()}`;
  const ifs = `nsb${id}+`;
  return {
    pid: 0,
    start: "",
    runId: id,
    pool: "",
    backend: "iptables",
    iptablesUndo: [
      "*filter",
      `-D INPUT -i ${ifs} -j ${c}-IN`,
      `-D DOCKER-USER -j ${c}-FWD`,
      `-D FORWARD -j ${c}-FWD`,
      `-F ${c}-FWD`,
      `-X ${c}-FWD`,
      `-F ${c}-IN`,
      `-X ${c}-IN`,
      "COMMIT",
      "*nat",
      `-D POSTROUTING -j ${c}-NAT`,
      `-F ${c}-NAT`,
      `-X ${c}-NAT`,
      "COMMIT",
    ],
  };
}

/** Caller holds the state lock. Returns the number of things removed. */
export function sweepStaleNetState(state: StateDir, nl: Netlink, opts: { deep: boolean }): number {
  let removed = 0;
  const live = new Set<string>();
  const dead: RunRecord[] = [];
  for (const rec of state.listRuns()) {
    if (recordOwnerAlive(rec)) live.add(rec.runId);
    else dead.push(rec);
  }
  // A dead run's tool still installing its rules would commit them after the undo below.
  stopRunTools(new Set(dead.map((r) => r.runId)));
  for (const rec of dead) {
    undoFirewall(rec);
    state.removeRun(rec.runId);
    removed++;
  }
  if (opts.deep) {
    // A crash between creating a table and recording it cannot happen (the record is written first),
    // but records can be lost (state dir wiped): match by name.
    for (const table of listNsboxTables()) {
      const id = table.slice("nsbox_".length);
      if (live.has(id)) continue;
      undoFirewall({ pid: 0, start: "", runId: id, pool: "", backend: "nft", table });
      removed++;
    }
    for (const id of listNsboxChains()) {
      if (live.has(id)) continue;
      undoFirewall(orphanChainUndo(id));
      removed++;
    }
  }
  // A run record written aside whose writer was killed before the rename.
  removed += removeStaleAtomicTemps(state.runs, (pid, ctimeMs) => pidOwnerAlive(pid, ctimeMs));
  removed += reclaimAllLeases(state, nl);
  for (const link of nl.listLinks()) {
    const m = RUN_LINK.exec(link.name);
    if (m && !live.has(m[1]) && nl.deleteLink(link.name)) removed++;
  }
  if (restoreForwarding(state)) removed++;
  return removed;
}
