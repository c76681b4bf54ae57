// What every bench section shares: the limits, the row shape, one timed engine run, error text, probes.
// The sections import this (and peers.mjs, stats.mjs), never each other.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const MiB = 1024 * 1024;
export const LIMITS = { memoryBytes: 256 * MiB, pids: 64 };
export const QUIET = { stdin: "ignore", stdout: "inherit", stderr: "inherit" };

export function row(fields) {
  const { nsbox, peer, ratio } = fields;
  return { nsbox: nsbox ?? null, peer: peer ?? null, ratio: ratio ?? null, met: null, na: null, ...fields };
}

/** A row comparing two summaries (stats.mjs summarize): medians, and p10-p90 spreads. */
export function versus(fields, a, b) {
  return row({
    ...fields,
    nsbox: a.median,
    peer: b.median,
    nsboxSpread: [a.p10, a.p90],
    peerSpread: [b.p10, b.p90],
  });
}

/** One engine run, timed around session.run(); throws unless the report says ok. */
export async function engineRun(session, argv, extra = {}) {
  const t0 = performance.now();
  const r = await session.run({ argv, limits: LIMITS, stdio: QUIET, ...extra });
  const ms = performance.now() - t0;
  if (r.status !== "ok")
    throw new Error(`engine run of ${argv.join(" ")}: ${r.status} ${JSON.stringify(r.error ?? r.reason)}`);
  return { ms, report: r };
}

export function oneLine(e) {
  return String(e instanceof Error ? e.message : e)
    .replace(/\s+/g, " ")
    .slice(0, 300);
}

/** The probes (memtouch, burn): the test setup's build, else compiled here into `dir`. */
export function probesDir(root, dir) {
  const built = join(root, "test/fixtures/probes/bin");
  if (existsSync(join(built, "memtouch")) && existsSync(join(built, "burn"))) return built;
  mkdirSync(dir, { recursive: true });
  for (const p of ["memtouch", "burn"]) {
    execFileSync("cc", ["-static", "-O1", "-o", join(dir, p), join(root, `test/fixtures/probes/${p}.c`)]);
  }
  return dir;
}
