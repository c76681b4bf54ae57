// Once per run: install the egress policy + masquerade (nft, else iptables), open Docker's FORWARD DROP for
// our interfaces only, switch ip_forward on. Everything done is written to the run record first, so
// dispose() — or cleanupStaleNetwork() after a crash — can undo exactly that and nothing else.
import { accessSync, constants, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unlinkQuiet } from "../fs";
import { childProcess, pidRunning, sigkill } from "../proc";
import { sleepSync } from "../sleep.js";
import { SetupError } from "../types.js";
import { forwardDropNotes } from "./forward.js";
import { forwardHoles, ip6Plan, iptablesPlan, parseFilterView, undoCommands } from "./iptables.js";
import { nftRuleset, tableName } from "./nft.js";
import type { Policy } from "./policy.js";
import { type RunRecord, recordOwnerAlive, type StateDir } from "./state.js";

const IP_FORWARD = "/proc/sys/net/ipv4/ip_forward";

export type Firewall = "auto" | "nft" | "iptables";

/** Absolute path of a tool; sbin dirs included because `sudo`/runner PATHs often lack them. */
export function findTool(name: string): string | null {
  const dirs = [...(process.env.PATH ?? "").split(":"), "/usr/sbin", "/sbin", "/usr/local/sbin"];
  for (const d of dirs) {
    if (!d) continue;
    const p = join(d, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {}
  }
  return null;
}

interface Result {
  ok: boolean;
  out: string;
  err: string;
}

// A firewall tool outlives an engine SIGKILLed while it runs: an `iptables-restore -w` waiting for the xtables
// lock, or slow to load its modules, commits after the crash, and so perhaps after the sweep undid the run
// (the rules then stay: a later shallow sweep has no record of them, ip6tables' have no name to be found
// by). Each tool a run starts to install its rules carries the run's id in its environment, by which the
// sweep finds and stops a survivor before it undoes the run (stopRunTools).
const RUN_ENV = "NSBOX_NET_RUN";

function run(tool: string, args: string[], input?: string, runId?: string): Result {
  const path = findTool(tool);
  if (!path) return { ok: false, out: "", err: `${tool}: not found` };
  const env = runId ? { ...process.env, [RUN_ENV]: runId } : undefined;
  const r = childProcess().spawnSync(path, args, { input, env, encoding: "utf8", timeout: 30_000 });
  const err = (r.stderr || r.error?.message || "").trim();
  return { ok: r.status === 0, out: r.stdout ?? "", err };
}

function restore(tool: "iptables" | "ip6tables", text: string, runId?: string): Result {
  return run(`${tool}-restore`, ["-w", "--noflush"], text, runId);
}

function filterView(tool: "iptables" | "ip6tables") {
  const r = run(`${tool}-save`, ["-t", "filter"]);
  return parseFilterView(r.ok ? r.out : "");
}

/** Install the policy; mutates and persists `rec` before each step. */
export function setupFirewall(p: Policy, rec: RunRecord, state: StateDir, prefer: Firewall = "auto"): void {
  let nftErr = "nft: not used (iptables asked for)";
  if (prefer !== "iptables") nftErr = findTool("nft") ? (tryNft(p, rec, state) ?? "") : "nft: not found";
  if (nftErr && prefer === "nft")
    throw new SetupError("network", `cannot install the sandbox firewall: ${nftErr}`);
  if (!nftErr) {
    // nft filters; iptables (Docker) must merely not drop what nft let through.
    if (findTool("iptables-restore") && findTool("iptables-save")) {
      const holes = forwardHoles(p, filterView("iptables"));
      if (holes) {
        rec.iptablesUndo = holes.undo;
        state.writeRun(rec);
        const r = restore("iptables", holes.apply, rec.runId);
        if (!r.ok)
          throw new SetupError("network", `iptables: cannot accept sandbox traffic in FORWARD: ${r.err}`);
      }
    }
    return;
  }
  if (!findTool("iptables-restore")) {
    throw new SetupError(
      "network",
      `cannot install the sandbox firewall: ${nftErr}, and iptables is not installed`,
    );
  }
  const plan = iptablesPlan(p, filterView("iptables"));
  rec.backend = "iptables";
  rec.iptablesUndo = plan.undo;
  state.writeRun(rec);
  const r = restore("iptables", plan.apply, rec.runId);
  if (!r.ok)
    throw new SetupError("network", `cannot install the sandbox firewall: ${nftErr}; iptables: ${r.err}`);
  if (findTool("ip6tables-restore")) {
    const v6 = ip6Plan(p);
    rec.ip6tablesUndo = v6.undo;
    state.writeRun(rec);
    const r6 = restore("ip6tables", v6.apply, rec.runId);
    if (!r6.ok) throw new SetupError("network", `ip6tables: cannot drop sandbox IPv6: ${r6.err}`);
  }
}

function tryNft(p: Policy, rec: RunRecord, state: StateDir): string | null {
  rec.backend = "nft";
  rec.table = tableName(p.runId);
  state.writeRun(rec);
  const r = run("nft", ["-f", "-"], nftRuleset(p), rec.runId);
  if (r.ok) return null;
  run("nft", ["delete", "table", "inet", rec.table]);
  rec.backend = "none";
  delete rec.table;
  state.writeRun(rec);
  return `nft: ${r.err.split("\n")[0]}`;
}

/** Another nft table's forward chain that would drop the run's traffic, as notes for its sandboxes. */
export function forwardFilterNotes(): string[] {
  if (!findTool("nft")) return [];
  const r = run("nft", ["-j", "list", "ruleset"]);
  return r.ok ? forwardDropNotes(r.out) : [];
}

function undoIptables(tool: "iptables" | "ip6tables", undo: string[] | undefined): void {
  if (!undo?.length) return;
  if (restore(tool, `${undo.join("\n")}\n`).ok) return;
  // Some rule was already gone (a batch is all-or-nothing): remove the rest one by one.
  for (const args of undoCommands(undo)) run(tool, ["-w", ...args]);
}

/**
 * SIGKILLs the firewall tools that runs `runIds` (dead ones) started and that still run, and waits (at most
 * 5 s) until they have ended: a killed tool commits a table whole or not at all, so the undo that follows
 * sees all there will ever be. Reads every process's environment (root): only a sweep that found a dead run
 * calls it. Returns how many it stopped.
 */
export function stopRunTools(runIds: ReadonlySet<string>): number {
  if (runIds.size === 0) return 0;
  const mark = `\0${RUN_ENV}=`;
  const found: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let env: string;
    try {
      env = `\0${readFileSync(`/proc/${name}/environ`, "latin1")}`; // each entry now follows a NUL
    } catch {
      continue; // gone meanwhile
    }
    const at = env.indexOf(mark);
    if (at < 0) continue;
    const end = env.indexOf("\0", at + mark.length);
    if (runIds.has(env.slice(at + mark.length, end < 0 ? undefined : end))) found.push(Number(name));
  }
  for (const pid of found) sigkill(pid);
  for (const until = Date.now() + 5000; found.some(pidRunning) && Date.now() < until; ) sleepSync(2);
  return found.length;
}

/** Remove everything a run record says was installed. Idempotent. */
export function undoFirewall(rec: RunRecord): void {
  if (rec.table) run("nft", ["delete", "table", "inet", rec.table]);
  undoIptables("iptables", rec.iptablesUndo);
  undoIptables("ip6tables", rec.ip6tablesUndo);
}

/** ip_forward on; the original value is noted once, for the last nsbox run to put back. Lock held. */
export function enableForwarding(state: StateDir, procFile = IP_FORWARD): void {
  const cur = readFileSync(procFile, "utf8").trim();
  if (cur === "1") return;
  if (!existsSync(state.forwardNote)) writeFileSync(state.forwardNote, cur);
  try {
    writeFileSync(procFile, "1");
  } catch (e) {
    unlinkQuiet(state.forwardNote);
    throw new SetupError("network", `cannot enable IPv4 forwarding: ${(e as Error).message}`);
  }
}

/** Put ip_forward back once no live run other than `exceptRunId` needs it. Lock held. */
export function restoreForwarding(state: StateDir, exceptRunId?: string, procFile = IP_FORWARD): boolean {
  if (!existsSync(state.forwardNote)) return false;
  if (state.listRuns().some((r) => r.runId !== exceptRunId && recordOwnerAlive(r))) return false;
  try {
    writeFileSync(procFile, readFileSync(state.forwardNote, "utf8").trim() || "0");
  } catch {
    return false;
  }
  unlinkQuiet(state.forwardNote);
  return true;
}

/** nft tables named like ours (nsbox_<id>), for stale cleanup. */
export function listNsboxTables(): string[] {
  const r = run("nft", ["list", "tables", "inet"]);
  if (!r.ok) return [];
  return [...r.out.matchAll(/^table inet (nsbox_[a-z0-9]+)$/gm)].map((m) => m[1]);
}

/** iptables chains named like ours (NSBOX-<ID>-...), for stale cleanup. */
export function listNsboxChains(): Set<string> {
  const ids = new Set<string>();
  for (const table of ["filter", "nat"]) {
    const r = run("iptables-save", ["-t", table]);
    for (const m of r.out.matchAll(/^:NSBOX-([A-Z0-9]+)-[A-Z]+ /gm)) ids.add(m[1].toLowerCase());
  }
  return ids;
}
