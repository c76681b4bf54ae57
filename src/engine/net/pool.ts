// Address pool: one /30 per sandbox (host .1, sandbox .2), leased through files so that parallel sandboxes
// and concurrent engine processes never share an address or an interface name. A lease file is named by
// its /30's network address (leases/100.96.0.4): runs on disjoint pools never contend for a slot, and two
// runs on one pool do. An older nsbox named them by slot index alone (leases/1); those are only reclaimed.

import { closeSync, openSync, readdirSync, writeSync } from "node:fs";
import { join } from "node:path";
import { monotonicMs } from "../clock";
import { readJsonOrNull, unlinkQuiet, writeFileAtomic } from "../fs";
import { sleepSync } from "../sleep.js";
import { SetupError, UsageError } from "../types.js";
import {
  type Cidr4,
  cidrOverlaps,
  cidrSize,
  formatCidr4,
  formatIp4,
  parseCidr4,
  unusableRange,
} from "./cidr.js";
import type { Netlink } from "./netlink.js";
import { type Owner, recordOwnerAlive, type StateDir, selfOwner } from "./state.js";

/** CGNAT space: hosts rarely route it (unlike 10/8 on VPNs and clouds, 172.17/16 for Docker, 192.168 at home). */
export const DEFAULT_POOL = "100.96.0.0/16";
const MAX_SLOTS = 99_999; // keeps `nsb` + 6-char run id + index within IFNAMSIZ-1 = 15

export interface Pool {
  cidr: Cidr4;
  text: string;
  slots: number;
}

export function parsePool(text: string): Pool {
  const cidr = parseCidr4(text.trim());
  if (!cidr || cidr.prefix < 8 || cidr.prefix > 30) {
    throw new UsageError(
      `pool: '${text}' is not an IPv4 network between /8 and /30; use e.g. ${DEFAULT_POOL}`,
    );
  }
  const unusable = unusableRange(cidr);
  if (unusable) {
    throw new UsageError(
      `pool: '${text}' overlaps ${unusable}, where no sandbox can be routed; use e.g. ${DEFAULT_POOL}`,
    );
  }
  return { cidr, text: formatCidr4(cidr), slots: Math.min(cidrSize(cidr) / 4, MAX_SLOTS) };
}

export interface HostRoute {
  dst: string;
  prefix: number;
  // Its links' names ("eth0", a multipath route's "eth0,eth1"; "" when it names none, as a route using a
  // nexthop object may); null when its link vanished while the routes were listed.
  dev: string | null;
}

/** Refuse a pool that overlaps a host route (other than a default route or our own veths). */
export function checkPoolClash(pool: Pool, routes: HostRoute[]): void {
  for (const r of routes) {
    // Default routes, our own veths (any run's), and routes whose link vanished while we listed them
    // (another run's sandbox ending) are no clash. A route naming no link is one: traffic follows it.
    if (r.prefix === 0 || r.dev === null || r.dev.startsWith("nsb")) continue;
    const c = parseCidr4(`${r.dst}/${r.prefix}`, true);
    if (c && cidrOverlaps(c, pool.cidr)) {
      throw new UsageError(
        `network pool ${pool.text} overlaps the host route ${formatCidr4(c)}${r.dev ? ` on ${r.dev}` : ""}`,
        "pool",
      );
    }
  }
}

export interface Lease {
  index: number;
  link: string; // host-side veth name
  address: number; // sandbox side (.2)
  gateway: number; // host side (.1)
  prefix: 30;
}

interface LeaseFile extends Owner {
  run: string;
  link: string;
  pool: string;
  released?: boolean;
}

const linkName = (runId: string, index: number): string => `nsb${runId}${index}`;

/** The lease file of slot `index`: its /30's network address, whatever pool it was taken from. */
const leaseFile = (state: StateDir, pool: Pool, index: number): string =>
  join(state.leases, formatIp4(pool.cidr.base + index * 4));

// This nsbox's lease names (a /30's address), and an older nsbox's (a slot index).
const LEASE_NAME = /^(\d{1,3}\.){3}\d{1,3}$|^\d+$/;

export function leaseOf(pool: Pool, runId: string, index: number): Lease {
  const net = pool.cidr.base + index * 4;
  return { index, link: linkName(runId, index), address: net + 2, gateway: net + 1, prefix: 30 };
}

export class LeaseBook {
  private cursor = 0;
  private readonly held = new Map<number, Lease>();
  private readonly pending = new Map<number, Lease>(); // released while the link still existed

  constructor(
    private readonly state: StateDir,
    private readonly pool: Pool,
    private readonly runId: string,
    private readonly nl: () => Netlink,
  ) {}

  private leasePath(l: Lease): string {
    return leaseFile(this.state, this.pool, l.index);
  }

  acquire(): Lease {
    return this.state.locked(() => {
      for (let k = 0; k < this.pool.slots; k++) {
        const i = (this.cursor + k) % this.pool.slots;
        if (!this.tryTake(i)) continue;
        this.pending.delete(i);
        this.cursor = i + 1; // round robin: a just-released address (its netns may still be dying) waits its turn
        const lease = leaseOf(this.pool, this.runId, i);
        this.held.set(i, lease);
        return lease;
      }
      // Not a wrong request (it may succeed a moment later): the pool is full of running sandboxes.
      throw new SetupError(
        "network",
        `network pool ${this.pool.text} is exhausted: its ${this.pool.slots} ${this.pool.slots === 1 ? "address is" : "addresses are"} in use by running sandboxes`,
        "pool-full",
      );
    });
  }

  private tryTake(i: number): boolean {
    const path = leaseFile(this.state, this.pool, i);
    const body: LeaseFile = {
      ...selfOwner(),
      run: this.runId,
      link: linkName(this.runId, i),
      pool: this.pool.text,
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, "wx", 0o600);
        try {
          writeSync(fd, JSON.stringify(body));
        } finally {
          closeSync(fd);
        }
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
      if (attempt === 0 && !reclaimLease(path, this.nl())) return false;
    }
    return false;
  }

  /** The sandbox is over: its netns (and so the veth pair) dies with it, no costly delete here. */
  release(lease: Lease): void {
    if (!this.held.delete(lease.index)) return;
    this.state.locked(() => {
      const path = this.leasePath(lease);
      if (this.nl().linkIndex(lease.link) === null) unlinkQuiet(path);
      else {
        // The netns is still being torn down (asynchronous in the kernel): free the lease once the link is gone.
        const f = readJsonOrNull(path) as LeaseFile | null;
        if (f) writeFileAtomic(path, JSON.stringify({ ...f, released: true }));
        this.pending.set(lease.index, lease);
      }
    });
  }

  /** Dispose: links of sandboxes still alive are deleted, every lease of this book is freed. */
  releaseAll(): void {
    const left = [...this.held.values()];
    const pending = [...this.pending.values()];
    this.held.clear();
    this.pending.clear();
    if (!left.length && !pending.length) return;
    this.state.locked(() => {
      for (const l of left) {
        this.nl().deleteLink(l.link);
        unlinkQuiet(this.leasePath(l));
      }
      const mine = pending.filter(
        (l) => (readJsonOrNull(this.leasePath(l)) as LeaseFile | null)?.run === this.runId,
      );
      // A netns outlives its last process by ~20-35 ms (the kernel tears it down asynchronously). Waiting
      // for all at once is cheaper than deleting each link (~20 ms apiece, serialised).
      const deadline = monotonicMs() + 100;
      let alive = mine.filter((l) => this.nl().linkIndex(l.link) !== null);
      while (alive.length && monotonicMs() < deadline) {
        sleepSync(2);
        alive = alive.filter((l) => this.nl().linkIndex(l.link) !== null);
      }
      for (const l of alive) this.nl().deleteLink(l.link);
      for (const l of mine) unlinkQuiet(this.leasePath(l));
    });
  }
}

/**
 * Free the lease at `path` when nobody uses it any more: unparsable (crash mid-write), or owner dead /
 * released and its link gone (a dead owner's link is deleted first). Caller holds the state lock.
 */
function reclaimLease(path: string, nl: Netlink): boolean {
  const f = readJsonOrNull(path) as LeaseFile | null;
  if (f && typeof f.link === "string") {
    const alive = recordOwnerAlive(f);
    if (alive && !f.released) return false;
    if (nl.linkIndex(f.link) !== null) {
      if (alive) return false; // released, but its netns is still being torn down
      nl.deleteLink(f.link);
    }
  }
  unlinkQuiet(path);
  return true;
}

/** Reclaim every stale lease; returns how many were removed. Caller holds the state lock. */
export function reclaimAllLeases(state: StateDir, nl: Netlink): number {
  let n = 0;
  let names: string[] = [];
  try {
    names = readdirSync(state.leases);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (LEASE_NAME.test(name) && reclaimLease(join(state.leases, name), nl)) n++;
    else if (name.endsWith(".tmp")) unlinkQuiet(join(state.leases, name));
  }
  return n;
}
