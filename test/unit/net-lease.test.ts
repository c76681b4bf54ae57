import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLibc } from "../../src/engine/libc.js";
import { formatIp4 } from "../../src/engine/net/cidr.js";
import type { Netlink } from "../../src/engine/net/netlink.js";
import { LeaseBook, parsePool, reclaimAllLeases } from "../../src/engine/net/pool.js";
import { StateDir } from "../../src/engine/net/state.js";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "nsbox-lease-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Just enough of Netlink: a set of link names. */
function fakeNl(links = new Set<string>()) {
  const nl = {
    linkIndex: (n: string) => (links.has(n) ? 1 : null),
    deleteLink: (n: string) => links.delete(n),
  } as unknown as Netlink;
  return { nl, links };
}

describe("leases", () => {
  beforeAll(loadLibc);
  const pool = parsePool("10.201.0.0/28"); // 4 slots
  const setup = () => new StateDir(tmp());

  it("gives distinct addresses across runs and refuses when exhausted", () => {
    const state = setup();
    const { nl } = fakeNl();
    const a = new LeaseBook(state, pool, "aaaaaa", () => nl);
    const b = new LeaseBook(state, pool, "bbbbbb", () => nl);
    const got = [a.acquire(), b.acquire(), a.acquire(), b.acquire()];
    expect(new Set(got.map((l) => formatIp4(l.address)))).toEqual(
      new Set(["10.201.0.2", "10.201.0.6", "10.201.0.10", "10.201.0.14"]),
    );
    expect(() => a.acquire()).toThrow(/exhausted/);
    a.release(got[0]);
    expect(a.acquire().index).toBe(got[0].index);
  });

  it("keeps a released lease while its link still exists (netns dying)", () => {
    const state = setup();
    const { nl, links } = fakeNl();
    const a = new LeaseBook(state, parsePool("10.201.0.0/30"), "aaaaaa", () => nl);
    const l = a.acquire();
    links.add(l.link);
    a.release(l);
    expect(() => a.acquire()).toThrow(/exhausted/);
    links.delete(l.link);
    expect(a.acquire().index).toBe(0);
  });

  it("reclaims leases of dead processes and deletes their links", () => {
    const state = setup();
    state.ensure();
    const { nl, links } = fakeNl(new Set(["nsbdead000"]));
    writeFileSync(
      join(state.leases, "0"),
      JSON.stringify({ pid: 2 ** 22 + 1, start: "1", run: "dead00", link: "nsbdead000", pool: pool.text }),
    );
    writeFileSync(join(state.leases, "1"), "{garbage");
    expect(state.locked(() => reclaimAllLeases(state, nl))).toBe(2);
    expect(links.size).toBe(0);
    expect(readdirSync(state.leases)).toEqual([]);
  });
});
