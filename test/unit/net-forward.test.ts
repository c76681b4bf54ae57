import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { enableForwarding, restoreForwarding } from "../../src/engine/net/nat.js";
import { StateDir, selfOwner } from "../../src/engine/net/state.js";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "nsbox-fwd-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function setup(initial: string) {
  const dir = tmp();
  const proc = join(dir, "ip_forward");
  writeFileSync(proc, `${initial}\n`);
  const state = new StateDir(join(dir, "state"));
  state.ensure();
  return { proc, state, value: () => readFileSync(proc, "utf8").trim() };
}

describe("ip_forward bookkeeping", () => {
  it("switches it on, and the last live run puts the original back", () => {
    const { proc, state, value } = setup("0");
    const me = { ...selfOwner(), pool: "100.96.0.0/16", backend: "nft" as const };
    state.writeRun({ ...me, runId: "aaaaaa" });
    enableForwarding(state, proc);
    state.writeRun({ ...me, runId: "bbbbbb" });
    enableForwarding(state, proc); // already 1: the note keeps the first original
    expect(value()).toBe("1");
    expect(readFileSync(state.forwardNote, "utf8")).toBe("0");
    expect(restoreForwarding(state, "aaaaaa", proc)).toBe(false); // bbbbbb still runs
    state.removeRun("aaaaaa");
    expect(value()).toBe("1");
    state.removeRun("bbbbbb");
    expect(restoreForwarding(state, "bbbbbb", proc)).toBe(true);
    expect(value()).toBe("0");
    expect(existsSync(state.forwardNote)).toBe(false);
  });

  it("never touches a value that was already 1", () => {
    const { proc, state, value } = setup("1");
    enableForwarding(state, proc);
    expect(existsSync(state.forwardNote)).toBe(false);
    expect(restoreForwarding(state, undefined, proc)).toBe(false);
    expect(value()).toBe("1");
  });

  it("a crashed run's switch is undone once no run is alive", () => {
    const { proc, state, value } = setup("0");
    state.writeRun({ pid: 2 ** 22 + 7, start: "1", runId: "dead00", pool: "100.96.0.0/16", backend: "nft" });
    enableForwarding(state, proc);
    expect(restoreForwarding(state, undefined, proc)).toBe(true);
    expect(value()).toBe("0");
  });
});
