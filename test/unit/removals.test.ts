// A finished sandbox's removal runs one event-loop turn after its result: after whatever the caller
// does at once on that result (the next sandbox's go byte), before the session's close() returns.
import { describe, expect, it } from "vitest";
import { DeferredRemovals } from "../../src/engine/removals";

describe("deferred removals", () => {
  it("runs a removal after the current turn's synchronous work and microtasks, not during it", async () => {
    const removals = new DeferredRemovals();
    const order: string[] = [];
    const done = removals.defer(() => {
      order.push("removed");
    });
    order.push("sync");
    await Promise.resolve();
    order.push("microtask");
    expect(order).toEqual(["sync", "microtask"]);
    await done;
    expect(order).toEqual(["sync", "microtask", "removed"]);
  });

  it("drain waits for every removal, those deferred while it waits included", async () => {
    const removals = new DeferredRemovals();
    const removed: number[] = [];
    removals.defer(() => {
      removed.push(1);
      removals.defer(() => {
        removed.push(2);
      });
    });
    await removals.drain();
    expect(removed).toEqual([1, 2]);
  });

  it("a removal that throws does not reject its own promise; drain throws the first error, once", async () => {
    const removals = new DeferredRemovals();
    const first = removals.defer(() => {
      throw new Error("cannot remove cgroup: EBUSY");
    });
    removals.defer(() => {
      throw new Error("second");
    });
    await expect(first).resolves.toBeUndefined();
    await expect(removals.drain()).rejects.toThrow("cannot remove cgroup: EBUSY");
    await expect(removals.drain()).resolves.toBeUndefined();
  });

  it("waits for an asynchronous removal (a package layer's leftovers) and reports its failure", async () => {
    const removals = new DeferredRemovals();
    const order: string[] = [];
    removals.defer(async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push("removed");
    });
    removals.defer(async () => {
      await new Promise((r) => setTimeout(r, 5));
      throw new Error("cannot remove staging: EACCES");
    });
    await expect(removals.drain()).rejects.toThrow("cannot remove staging: EACCES");
    expect(order).toEqual(["removed"]);
  });
});
