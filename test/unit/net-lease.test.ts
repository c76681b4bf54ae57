import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLibc } from "../../src/engine/libc.js";
import { formatIp4 } from "../../src/engine/net/cidr.js";
import type { Netlink } from "../../src/engine/net/netlink.js";
import { LeaseBook, parsePool, reclaimAllLeases } from "../../src/engine/net/pool.js";
import { StateDir } from "../../src/engine/net/state.js";
import { SetupError } from "../../src/engine/types.js";

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

  it("keys a lease by its address: a run on a disjoint pool is not refused for another pool's slot", () => {
    const state = setup();
    const { nl } = fakeNl();
    const a = new LeaseBook(state, pool, "aaaaaa", () => nl);
    const b = new LeaseBook(state, parsePool("10.202.0.0/30"), "bbbbbb", () => nl);
    expect(a.acquire().index).toBe(0);
    expect(formatIp4(b.acquire().address)).toBe("10.202.0.2");
    expect(readdirSync(state.leases).sort()).toEqual(["10.201.0.0", "10.202.0.0"]);
    // The same pool still shares its slots: the second run takes the next /30.
    const c = new LeaseBook(state, pool, "cccccc", () => nl);
    expect(formatIp4(c.acquire().address)).toBe("10.201.0.6");
  });

  it("an exhausted pool is a setup error whose fix the front end words", () => {
    const state = setup();
    const { nl } = fakeNl();
    const a = new LeaseBook(state, parsePool("10.201.0.0/30"), "aaaaaa", () => nl);
    a.acquire();
    const err = (() => {
      try {
        new LeaseBook(state, parsePool("10.201.0.0/30"), "bbbbbb", () => nl).acquire();
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(SetupError);
    expect((err as SetupError).hint).toBe("pool-full");
    expect((err as SetupError).message).toBe(
      "network pool 10.201.0.0/30 is exhausted: its 1 address is in use by running sandboxes",
    );
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

  it("reclaims leases of dead processes (an older nsbox's index-named ones too) and deletes their links", () => {
    const state = setup();
    state.ensure();
    const { nl, links } = fakeNl(new Set(["nsbdead000"]));
    writeFileSync(
      join(state.leases, "0"),
      JSON.stringify({ pid: 2 ** 22 + 1, start: "1", run: "dead00", link: "nsbdead000", pool: pool.text }),
    );
    writeFileSync(join(state.leases, "1"), "{garbage");
    writeFileSync(
      join(state.leases, "10.201.0.4"),
      JSON.stringify({ pid: 2 ** 22 + 1, start: "1", run: "dead01", link: "nsbdead011", pool: pool.text }),
    );
    // A live run's lease (this process) stays.
    const live = new LeaseBook(state, pool, "alive0", () => nl).acquire();
    expect(formatIp4(live.address)).toBe("10.201.0.2");
    expect(state.locked(() => reclaimAllLeases(state, nl))).toBe(3);
    expect(links.size).toBe(0);
    expect(readdirSync(state.leases)).toEqual(["10.201.0.0"]);
  });
});
