// Shared on-disk state under /run/nsbox (tmpfs: it dies with the links and tables it describes at reboot).
// Every reader/writer of leases, run records and the ip_forward note holds one flock: no races between
// parallel engine processes, and a crashed holder's lock is released by the kernel.

import { closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { randomBytes, readJsonOrNull, unlinkQuiet, writeFileAtomic } from "../fs";
import { processStartTicks } from "../proc";
import { SetupError } from "../types.js";
import { ErrnoError, libc } from "./libc.js";

const DEFAULT_STATE_DIR = "/run/nsbox";
const LOCK_EX = 2;
const LOCK_UN = 8;
const EINTR = 4;

export interface Owner {
  pid: number;
  start: string; // /proc/<pid>/stat starttime: a reused pid does not look alive
}

/** A run's id: names its record, its firewall table and its leases. */
export function newRunId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(6)].map((b) => alphabet[b % 36]).join("");
}

export function selfOwner(): Owner {
  return { pid: process.pid, start: processStartTicks(process.pid) ?? "" };
}

/** Whether the process that wrote a record (lease, run) still runs: same pid and same start time. */
export function recordOwnerAlive(o: Partial<Owner> | undefined): boolean {
  if (!o || typeof o.pid !== "number") return false;
  const start = processStartTicks(o.pid);
  return start !== null && (o.start === undefined || o.start === start);
}

export interface RunRecord extends Owner {
  runId: string;
  pool: string;
  backend: "nft" | "iptables" | "none";
  table?: string; // nft: inet table name
  iptablesUndo?: string[]; // iptables-restore lines (tables + -D/-F/-X) that remove our rules
  ip6tablesUndo?: string[];
}

export class StateDir {
  readonly leases: string;
  readonly runs: string;
  // ensure() once per instance: nsbox never removes these dirs, and every lock would otherwise pay three
  // failing mkdirs and three stats.
  private ensured = false;
  constructor(readonly base = DEFAULT_STATE_DIR) {
    this.leases = join(base, "leases");
    this.runs = join(base, "runs");
  }

  /** One level at a time, so the error names the real obstacle (a recursive mkdir says ENOENT for EROFS). */
  ensure(): void {
    for (const dir of [this.base, this.leases, this.runs]) {
      try {
        mkdirSync(dir, { mode: 0o700 });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
        if (!statSync(dir).isDirectory()) {
          throw Object.assign(new Error(`${dir} is not a directory`), { code: "ENOTDIR", path: dir });
        }
      }
    }
  }

  /** Whether any nsbox process ever kept state here (cleanups need not create it to find nothing). */
  exists(): boolean {
    return existsSync(this.base);
  }

  /** Run fn holding the state lock (blocking: critical sections are sub-millisecond). */
  locked<T>(fn: () => T): T {
    let fd: number;
    try {
      if (!this.ensured) {
        this.ensure();
        this.ensured = true;
      }
      fd = openSync(join(this.base, "lock"), "a", 0o600);
    } catch (e) {
      throw new SetupError("network", this.unusable(e as NodeJS.ErrnoException));
    }
    try {
      const c = libc();
      while (c.flock(fd, LOCK_EX) < 0) {
        const e = c.errno();
        if (e !== EINTR) throw new ErrnoError(e, "lock network state");
      }
      try {
        return fn();
      } finally {
        c.flock(fd, LOCK_UN);
      }
    } finally {
      closeSync(fd);
    }
  }

  writeRun(r: RunRecord): void {
    writeFileAtomic(join(this.runs, `${r.runId}.json`), JSON.stringify(r));
  }
  removeRun(runId: string): void {
    unlinkQuiet(join(this.runs, `${runId}.json`));
  }
  listRuns(): RunRecord[] {
    return listJson<RunRecord>(this.runs).filter((r) => typeof r.runId === "string");
  }

  /** One sentence: why the state dir cannot be used, and what to do. */
  private unusable(e: NodeJS.ErrnoException): string {
    const where = `network nat keeps its state in ${this.base}`;
    switch (e.code) {
      case "EEXIST":
      case "ENOTDIR":
        return `${where}, but a file is in the way of that directory (${e.path ?? this.base}); remove it`;
      case "EROFS":
        return `${where}, but it is on a read-only filesystem; nat needs a writable ${this.base}`;
      case "EACCES":
      case "EPERM":
        return `${where}, but it cannot be written (${e.code}); run as root or fix its permissions`;
      default:
        return `${where}, but it cannot be used (${e.code ?? e.message})`;
    }
  }

  /** ip_forward value found before nsbox first switched it on (absent: nsbox did not touch it). */
  get forwardNote(): string {
    return join(this.base, "ip_forward.orig");
  }
}

function listJson<T>(dir: string): T[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(".json"))
    .map((n) => readJsonOrNull(join(dir, n)) as T | null)
    .filter((x): x is T => x !== null);
}
