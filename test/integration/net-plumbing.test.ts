// The network layer against a runner-like host built from throwaway namespaces (see test/support/netns.ts):
// veth pairs into stand-in sandboxes, NAT to a fake internet, the egress policy, Docker's FORWARD DROP,
// and that dispose() / cleanupStaleNetwork() leave nothing behind.
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findTool } from "../../src/engine/net/nat";
import {
  bundleNet,
  canUseNetns,
  configureInside,
  fetchFrom,
  inNs,
  type RunnerHost,
  spawnNodeIn,
  startHttp,
  startStandIn,
  withRunnerHost,
} from "../support/netns.js";

const enabled = canUseNetns();

interface Sandbox {
  address: string;
  gateway: string;
  link: string;
  spec: Array<[string, string]>;
}
interface Report {
  runId: string;
  setupMs: number;
  attachMs: number[];
  sandboxes: Sandbox[];
}

/** A child engine process inside the runner netns, driving one NetRun over stdin/stdout lines. */
class Driver {
  private lines: AsyncIterator<string>;
  constructor(readonly proc: ChildProcess) {
    if (!proc.stdout || !proc.stdin) throw new Error("driver needs piped stdio");
    this.lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
    proc.stderr?.on("data", (d) => process.stderr.write(d));
  }
  static start(h: RunnerHost, bundle: string, opts: object): Driver {
    const script = `
import { loadLibc, openNetRun } from ${JSON.stringify(bundle)};
await loadLibc();
import { createInterface } from "node:readline";
const rl = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const next = async () => JSON.parse((await rl.next()).value);
let t = performance.now();
const run = openNetRun(${JSON.stringify(opts)});
const setupMs = performance.now() - t;
console.log(JSON.stringify({ ready: true }));
const { pids } = await next();
const attachMs = [], sandboxes = [], nets = [];
for (const pid of pids) {
  const sb = run.allocate("sb");
  t = performance.now();
  sb.attach(pid);
  attachMs.push(performance.now() - t);
  nets.push(sb);
  sandboxes.push({ address: sb.address, gateway: sb.gateway, link: sb.link, spec: sb.helperSpec() });
}
console.log(JSON.stringify({ runId: run.runId, setupMs, attachMs, sandboxes }));
const { cmd } = await next();
if (cmd === "crash") process.kill(process.pid, "SIGKILL");
t = performance.now();
if (cmd === "release") for (const sb of nets) sb.release(); // the engine's order: sandbox over, then close
run.dispose();
console.log(JSON.stringify({ disposeMs: performance.now() - t }));
process.exit(0);
`;
    return new Driver(spawnNodeIn(h.runner, script, h.dir));
  }
  async read<T>(): Promise<T> {
    const r = await this.lines.next();
    if (r.done) throw new Error("driver exited early");
    return JSON.parse(r.value) as T;
  }
  send(v: object): void {
    this.proc.stdin?.write(`${JSON.stringify(v)}\n`);
  }
  async exited(): Promise<number | null> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return this.proc.exitCode;
    return new Promise((r) => this.proc.once("exit", (c) => r(c)));
  }
}

function leftovers(h: RunnerHost) {
  const state = join(h.dir, "state");
  const ls = (d: string) => {
    try {
      return readdirSync(join(state, d)).filter((n) => n !== "lock");
    } catch {
      return [];
    }
  };
  return {
    links: [...inNs(h.runner, "ip -o link").matchAll(/^\d+: (nsb[a-z0-9]+)/gm)].map((m) => m[1]),
    tables: inNs(h.runner, "nft list tables").match(/nsbox_\w+/g) ?? [],
    chains: inNs(h.runner, "iptables-save; iptables-save -t nat").match(/NSBOX-\w+/g) ?? [],
    leases: ls("leases"),
    runs: ls("runs"),
    ipForward: inNs(h.runner, "cat /proc/sys/net/ipv4/ip_forward").trim(),
  };
}
const CLEAN = { links: [], tables: [], chains: [], leases: [], runs: [], ipForward: "0" };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe.skipIf(!enabled).each([
  { firewall: "auto", docker: true },
  { firewall: "iptables", docker: true },
  { firewall: "auto", docker: false },
])("net plumbing (firewall=$firewall, docker=$docker)", ({ firewall, docker }) => {
  let h: RunnerHost;
  let bundle: string;
  const standIns: ChildProcess[] = [];
  const opts = () => ({
    stateDir: join(h.dir, "state"),
    dnsPaths: { resolvConf: h.resolvConf, resolvedUpstream: h.resolvedUpstream },
    firewall,
  });
  /** cleanupStaleNetwork() in the runner host, as the next run's or `nsbox cleanup`'s sweep: its stdout. */
  const staleSweep = () => {
    const c = spawnNodeIn(
      h.runner,
      `import { cleanupStaleNetwork, loadLibc } from ${JSON.stringify(bundle)};
await loadLibc();
console.log(JSON.stringify(cleanupStaleNetwork({ stateDir: ${JSON.stringify(join(h.dir, "state"))} })));`,
      h.dir,
    );
    return new Promise<string>((resolve) => {
      let s = "";
      c.stdout?.on("data", (d) => (s += d));
      c.stderr?.on("data", (d) => process.stderr.write(d));
      c.on("exit", () => resolve(s));
    });
  };
  const spawnStandIns = async (n: number) => {
    const out = await Promise.all(Array.from({ length: n }, () => startStandIn(h.runner)));
    standIns.push(...out.map((s) => s.proc));
    return out.map((s) => s.pid);
  };

  beforeAll(async () => {
    h = await withRunnerHost({ docker });
    bundle = bundleNet(h.dir);
  }, 60_000);
  afterAll(() => {
    for (const p of standIns) p.kill("SIGKILL");
    h?.dispose();
  });

  it("attaches, NATs, enforces the policy per run, and disposes cleanly", async () => {
    const a = Driver.start(h, bundle, opts());
    const b = Driver.start(h, bundle, { ...opts(), allow: ["10.99.0.1:8080"] });
    await Promise.all([a.read(), b.read()]);
    const [pa, pb] = await Promise.all([spawnStandIns(8), spawnStandIns(4)]);
    a.send({ pids: pa });
    b.send({ pids: pb });
    const [ra, rb] = await Promise.all([a.read<Report>(), b.read<Report>()]);
    console.log(
      `[net] ${firewall}: setup ${ra.setupMs.toFixed(1)} / ${rb.setupMs.toFixed(1)} ms, attach median ${median(ra.attachMs).toFixed(2)} ms (max ${Math.max(...ra.attachMs).toFixed(2)})`,
    );

    const all = [...ra.sandboxes, ...rb.sandboxes];
    expect(new Set(all.map((s) => s.address)).size).toBe(12);
    expect(new Set(all.map((s) => s.link)).size).toBe(12);
    expect(ra.runId).not.toBe(rb.runId);
    for (const [i, s] of ra.sandboxes.entries()) {
      expect(inNs(h.runner, `ip -o link show ${s.link}`)).toMatch(/<[^>]*\bUP\b/); // carrier comes once the inside is up
      configureInside(pa[i], s.spec);
    }
    for (const [i, s] of rb.sandboxes.entries()) configureInside(pb[i], s.spec);
    expect(inNs(h.runner, `nsenter -t ${pa[0]} -n ip -o addr show eth0`)).toContain(
      `${ra.sandboxes[0].address}/30`,
    );

    const [sa, sb] = [pa[0], pb[0]];
    const gw = ra.sandboxes[0].gateway;
    const [s1, s3] = [ra.sandboxes[1], ra.sandboxes[3]];
    const peer = await startHttp(["nsenter", "-t", String(pa[1]), "-n"], "0.0.0.0", 9000, "peer");
    // Root inside may change its source address: another sandbox's, or a foreign one. (Its own traffic
    // then suffers too: the ARP for the gateway may carry the spoofed sender and go unanswered.)
    inNs(h.runner, `nsenter -t ${pa[2]} -n ip addr add 198.51.100.77/32 dev eth0`);
    inNs(h.runner, `nsenter -t ${pa[2]} -n ip addr add ${s3.address}/32 dev eth0`);
    // The services are up, seen from the runner itself.
    expect(inNs(h.runner, `curl -s -m 2 http://${gw}:8081/`)).toMatch(/^hostsvc /);
    expect(inNs(h.runner, `curl -s -m 2 http://${s1.address}:9000/`)).toMatch(/^peer /);
    const ok = "internet 203.0.113.2";
    const expected: Record<string, [number, string, string]> = {
      "NAT: the internet sees the runner's public address": [sa, "http://203.0.113.1:8080/", ok],
      "NAT from the 8th sandbox": [pa[7], "http://203.0.113.1:8080/", ok],
      "NAT from the other run": [sb, "http://203.0.113.1:8080/", ok],
      "host service via the gateway": [sa, `http://${gw}:8081/`, "BLOCKED"],
      "host service via the public address": [sa, "http://203.0.113.2:8081/", "BLOCKED"],
      "host loopback-only service": [sa, `http://${gw}:8082/`, "BLOCKED"],
      "another sandbox's gateway": [sa, `http://${s1.gateway}:8081/`, "BLOCKED"],
      "cloud metadata": [sa, "http://169.254.169.254/", "BLOCKED"],
      "private range": [sa, "http://10.99.0.1:8080/", "BLOCKED"],
      "DNS server (resolved upstream), port 53": [sa, "http://10.99.0.53:53/", "dns 203.0.113.2"],
      "DNS server, another port": [sa, "http://10.99.0.53:8080/", "BLOCKED"],
      "allowed private server, other run only": [sb, "http://10.99.0.1:8080/", "private 203.0.113.2"],
      "metadata from the run with an allow": [sb, "http://169.254.169.254/", "BLOCKED"],
      "spoofed foreign source": [pa[2], "--interface 198.51.100.77 http://203.0.113.1:8080/", "BLOCKED"],
      "spoofed sandbox source": [pa[2], `--interface ${s3.address} http://203.0.113.1:8080/`, "BLOCKED"],
      "sandbox to sandbox": [sa, `http://${s1.address}:9000/`, "BLOCKED"],
      "sandbox to another run's sandbox": [sb, `http://${s1.address}:9000/`, "BLOCKED"],
    };
    const names = Object.keys(expected);
    // Blocked probes wait for their timeout: run them all at once.
    const got = await Promise.all(names.map((n) => fetchFrom(expected[n][0], expected[n][1])));
    peer.kill("SIGKILL");
    expect(Object.fromEntries(names.map((n, i) => [n, got[i]]))).toEqual(
      Object.fromEntries(names.map((n) => [n, expected[n][2]])),
    );

    a.send({ cmd: "dispose" });
    const da = await a.read<{ disposeMs: number }>();
    expect(await fetchFrom(sb, "http://203.0.113.1:8080/")).toBe("internet 203.0.113.2"); // B unaffected
    b.send({ cmd: "dispose" });
    await b.read();
    await Promise.all([a.exited(), b.exited()]);
    console.log(`[net] ${firewall}: dispose ${da.disposeMs.toFixed(1)} ms`);

    expect(leftovers(h)).toEqual(CLEAN);
    if (docker) {
      expect(inNs(h.runner, "iptables -S FORWARD")).toMatch(/^-P FORWARD DROP/);
      expect(inNs(h.runner, "iptables -S DOCKER-USER").trim()).toBe(
        "-N DOCKER-USER\n-A DOCKER-USER -j RETURN",
      );
    }
  }, 120_000);

  it("release() after the sandboxes ended, then dispose(): nothing left", async () => {
    const a = Driver.start(h, bundle, opts());
    await a.read();
    const pids = await spawnStandIns(3);
    a.send({ pids });
    await a.read<Report>();
    for (const pid of pids) process.kill(pid, "SIGKILL"); // their netns, and so the veths, now die
    a.send({ cmd: "release" });
    const { disposeMs } = await a.read<{ disposeMs: number }>();
    await a.exited();
    console.log(`[net] ${firewall}: release x3 + dispose ${disposeMs.toFixed(1)} ms`);
    expect(leftovers(h)).toEqual(CLEAN);
  }, 60_000);

  it("cleanupStaleNetwork() removes what a crashed run left", async () => {
    const a = Driver.start(h, bundle, opts());
    await a.read();
    const pids = await spawnStandIns(2);
    a.send({ pids });
    const r = await a.read<Report>();
    configureInside(pids[0], r.sandboxes[0].spec);
    expect(await fetchFrom(pids[0], "http://203.0.113.1:8080/")).toBe("internet 203.0.113.2");
    a.send({ cmd: "crash" });
    await a.exited();
    const dirty = leftovers(h);
    expect(dirty.links.filter((l) => l.startsWith(`nsb${r.runId}`)).length).toBe(2);
    expect(dirty.runs.length).toBe(1);
    expect(dirty.ipForward).toBe("1");

    expect(Number(await staleSweep())).toBeGreaterThanOrEqual(3);
    expect(leftovers(h)).toEqual(CLEAN);
    expect(await fetchFrom(pids[0], "http://203.0.113.1:8080/")).toBe("BLOCKED");
    if (docker) expect(inNs(h.runner, "iptables -S FORWARD")).toMatch(/^-P FORWARD DROP/);
  }, 60_000);

  it("a crashed run's firewall tool that still installs is stopped before the sweep undoes the run", async () => {
    // A slow nft / iptables-restore (one waiting for the xtables lock, say) first in PATH: it notes its
    // start, waits, then runs the real tool, which would commit the rules after the sweep undid the run.
    const bin = join(h.dir, `slow-${firewall}-${docker}`);
    mkdirSync(bin, { recursive: true });
    for (const tool of ["nft", "iptables-restore", "ip6tables-restore"]) {
      const real = findTool(tool) as string;
      writeFileSync(join(bin, tool), `#!/bin/sh\ntouch ${bin}/started\nsleep 1.5\nexec ${real} "$@"\n`, {
        mode: 0o755,
      });
    }
    const engine = spawnNodeIn(
      h.runner,
      `import { loadLibc, openNetRun } from ${JSON.stringify(bundle)};
await loadLibc();
process.env.PATH = ${JSON.stringify(`${bin}:`)} + process.env.PATH;
openNetRun(${JSON.stringify(opts())});`,
      h.dir,
    );
    const started = join(bin, "started");
    for (let i = 0; i < 300 && !existsSync(started); i++) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(started)).toBe(true);
    engine.kill("SIGKILL"); // `ip netns exec` ran node in its place: this is the engine
    await staleSweep();
    await new Promise((r) => setTimeout(r, 2500)); // past the slow tool's wait
    expect(leftovers(h)).toEqual(CLEAN);
  }, 60_000);
});
