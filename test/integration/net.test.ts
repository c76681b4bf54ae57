// The real `nsbox` CLI runs inside a throwaway "runner host" namespace (Docker-like
// FORWARD DROP, a systemd-resolved style DNS layout) wired to a throwaway "internet" namespace. Traffic
// only ever goes to addresses inside these namespaces.
// Long on purpose: every case needs the same throwaway runner host and internet (namespaces, servers),
// set up once for the file.
import { execFile, execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findTool } from "../../src/engine/net/nat";
import { alpineMirrorRoot } from "../support/mirror";
import { canUseNetns, inNs, type RunnerHost, withRunnerHost } from "../support/netns";
import { createRunner, runAction } from "../support/runner-harness";
import { inPrivateMounts, rootlessSkipReason, sandboxSkipReason } from "../support/sandbox";
import { until } from "../support/until";

const repo = join(import.meta.dirname, "..", "..");
const cli = join(repo, "dist", "cli.js");
const tarball = join(
  alpineMirrorRoot(),
  "v3.20",
  "releases",
  "x86_64",
  "alpine-minirootfs-3.20.3-x86_64.tar.gz",
);
const skip =
  sandboxSkipReason ??
  (!canUseNetns() ? "needs ip netns" : !existsSync(cli) ? "dist/cli.js is not built" : null) ??
  (process.arch !== "x64" || !existsSync(tarball) ? "needs the local x86_64 Alpine tarball" : null);

interface Result {
  status: string;
  exitCode: number;
  network: string;
  address: string | null;
  notEnforced: string[];
  stderr: string;
  stdout: string;
}

/**
 * `nsbox run ARGS` on the runner host, in a private mount namespace where /etc/resolv.conf is the resolved
 * stub, /run/systemd/resolve/resolv.conf the real upstream list, and /run/nsbox the engine's own state.
 */
function onRunnerHost(h: RunnerHost, command: string[], env: Record<string, string> = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const argv = [...runnerHostLauncher(h), ...command];
    const child = execFile(
      argv[0] as string,
      argv.slice(1),
      { encoding: "utf8", timeout: 120_000, env: { ...process.env, ...env } },
      (_err, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
    );
  });
}

/** The argv prefix that runs a command on the runner host (see onRunnerHost). */
function runnerHostLauncher(h: RunnerHost): string[] {
  // One /run per runner host, shared by every nsbox process on it (leases, run records), as on a machine.
  const run = join(h.dir, "run");
  const setup = [
    `mkdir -p ${run}/systemd/resolve ${run}/nsbox`,
    `cp ${h.resolvedUpstream} ${run}/systemd/resolve/resolv.conf`,
    `mount --bind ${run} /run`,
    `mount --bind ${h.resolvConf} /etc/resolv.conf`,
    'exec "$@"',
  ].join(" && ");
  // nsenter, not `ip netns exec`: the latter mounts a fresh /sys and hides the host's cgroups.
  return ["nsenter", `--net=/run/netns/${h.runner}`, ...inPrivateMounts(setup)];
}

function parseResult(stdout: string, stderr: string): unknown {
  try {
    return JSON.parse(stdout);
  } catch {
    throw new Error(`nsbox printed no result; stderr: ${stderr.slice(-1500)}`);
  }
}

/** `nsbox run --json` of the test tarball with its cache in `cacheDir`; `args` and the script follow. */
function nsboxArgv(cacheDir: string, args: string[], script: string): string[] {
  const run = [process.execPath, cli, "run", "--json", "--rootfs", tarball, "--cache-dir", cacheDir];
  return [...run, ...args, "--", "sh", "-c", script];
}

/** nsbox's result and its output, from a run on the runner host (`argv` as nsboxArgv makes it). */
async function onHostResult(h: RunnerHost, argv: string[]): Promise<Result> {
  const r = await onRunnerHost(h, argv);
  return {
    ...(parseResult(r.stdout, r.stderr) as Omit<Result, "stderr" | "stdout">),
    stderr: r.stderr,
    stdout: r.stdout,
  };
}

function nsbox(h: RunnerHost, args: string[], script: string): Promise<Result> {
  return onHostResult(h, nsboxArgv(inject("cacheDir"), args, script));
}

// Probes run in parallel inside the sandbox; each prints name=<response or BLOCKED>, and when blocked
// name.why=<wget's own error>, the probe's verdict; gw.addr= is the default gateway (empty: no route).
const probes = `probe() {
  if r=$(wget -qO- -T 2 "$2" 2>/tmp/why-$1); then echo "$1=$r" >&2
  else echo "$1=BLOCKED" >&2; echo "$1.why=$(tr '\\n' ' ' </tmp/why-$1)" >&2; fi
}
gw=$(ip route | awk '/^default/ {print $3}')
echo "gw.addr=$gw" >&2
probe internet http://203.0.113.1:8080/ &
probe metadata http://169.254.169.254/ &
probe private http://10.99.0.1:8080/ &
probe hostaddr http://203.0.113.2:8081/ &
probe gateway http://$gw:8081/ &
probe gwloop http://$gw:8082/ &
wait`;

const PROBES = ["internet", "metadata", "private", "hostaddr", "gateway", "gwloop"];

/** `name=value` lines of the probes: their answers (`key` ""), or their `.why` / the `gw.addr`. */
function answers(r: Result, key = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of r.stderr.split("\n")) {
    const m = /^(\w+)(\.\w+)?=(.*)$/.exec(line);
    if (m && (m[2] ?? "") === key) out[m[1] as string] = m[3] as string;
  }
  return out;
}

/** Each probe's own verdict without a network: no route to any destination, and no gateway at all. */
function expectUnreachable(r: Result): void {
  expect(Object.keys(answers(r)).sort()).toEqual([...PROBES].sort()); // every probe ran and reported
  for (const p of PROBES) expect(answers(r)[p], p).toBe("BLOCKED");
  const why = answers(r, ".why");
  for (const p of ["internet", "metadata", "private", "hostaddr"])
    expect(why[p], p).toMatch(/Network unreachable/); // not a timeout, a refusal or a missing wget
  expect(answers(r, ".addr").gw).toBe(""); // no default route: the gateway probes have nothing to reach
  for (const p of ["gateway", "gwloop"]) expect(why[p], p).toMatch(/bad address|Network unreachable/);
}

describe.skipIf(skip !== null)("network (engine inside a throwaway runner host)", () => {
  let host: RunnerHost;
  beforeAll(async () => {
    host = await withRunnerHost({ docker: true });
  });
  afterAll(() => host?.dispose());

  it("nat reaches the internet masqueraded, and nothing on the runner, metadata or private ranges", async () => {
    const r = await nsbox(host, ["--network", "nat"], probes);
    expect(r.status).toBe("ok");
    expect(r.network).toBe("nat");
    expect(r.address).toMatch(/^100\.96\./);
    expect(answers(r)).toEqual({
      internet: "internet 203.0.113.2",
      metadata: "BLOCKED",
      private: "BLOCKED",
      hostaddr: "BLOCKED",
      gateway: "BLOCKED",
      gwloop: "BLOCKED",
    });
  });

  it("gives the sandbox's interface the uplink's MTU, and a pool clashing with a host route is refused", async () => {
    const r = await nsbox(host, ["--network", "nat"], "cat /sys/class/net/eth0/mtu >&2");
    expect(r.stderr.trim()).toBe("1420");
    const clash = await onRunnerHost(host, [
      process.execPath,
      cli,
      "run",
      "--network",
      "nat",
      "--pool",
      "203.0.113.0/24",
      "--rootfs",
      tarball,
      "--cache-dir",
      inject("cacheDir"),
      "--",
      "true",
    ]);
    expect(clash.status).toBe(2);
    expect(clash.stderr).toContain(
      "network pool 203.0.113.0/24 overlaps the host route 203.0.113.0/24 on eth0; choose another with --pool",
    );
  });

  it("refuses a pool under a multipath (ECMP) host route, which names its links per nexthop", async () => {
    inNs(host.runner, "ip route add 192.0.2.0/24 nexthop via 203.0.113.1 nexthop via 203.0.113.3");
    try {
      const r = await onRunnerHost(
        host,
        nsboxArgv(inject("cacheDir"), ["--network", "nat", "--pool", "192.0.2.0/24"], "true"),
      );
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(
        "network pool 192.0.2.0/24 overlaps the host route 192.0.2.0/24 on eth0; choose another with --pool",
      );
    } finally {
      inNs(host.runner, "ip route del 192.0.2.0/24");
    }
  });

  it("opens a private destination only when allowed", async () => {
    const r = await nsbox(host, ["--network", "nat", "--allow", "10.99.0.1:8080"], probes);
    expect(answers(r)).toMatchObject({
      internet: "internet 203.0.113.2",
      private: "private 203.0.113.2",
      metadata: "BLOCKED",
    });
  });

  it("network none reaches nothing and has only lo", async () => {
    // The same probes answer through nat (the private server once allowed): the servers are up and wget
    // works inside, so what none gets below is its own verdict.
    const nat = await nsbox(host, ["--network", "nat", "--allow", "10.99.0.1:8080"], probes);
    expect(answers(nat)).toMatchObject({ internet: "internet 203.0.113.2", private: "private 203.0.113.2" });
    const r = await nsbox(host, [], `${probes}\nip -o link | awk '{print $2}' >&2`);
    expect(r.network).toBe("none");
    expectUnreachable(r);
    expect(r.stderr.match(/^\S+:$/gm)).toEqual(["lo:"]); // the only interface
  });

  it("a setup with nat fetches a dependency that the command, without network, has but cannot fetch", async () => {
    // --allow applies to the setup's NAT: the private server answers the setup only because of it.
    const setup = [
      "wget -qO /opt/dep http://203.0.113.1:8080/dep",
      "wget -qO /opt/private http://10.99.0.1:8080/p",
    ].join(" && ");
    const r = await nsbox(
      host,
      ["--setup", setup, "--setup-network", "nat", "--network", "none", "--allow", "10.99.0.1:8080"],
      `cat /opt/dep /opt/private >&2; echo >&2\n${probes}\nip -o link | awk '{print $2}' >&2`,
    );
    expect(r.status).toBe("ok");
    expect(r.network).toBe("none");
    expect(r.address).toBeNull();
    // The setup reached both servers (masqueraded) and its files are under the command.
    expect(r.stderr).toContain("internet 203.0.113.2");
    expect(r.stderr).toContain("private 203.0.113.2");
    // The same servers do not answer the command, which has only lo.
    expectUnreachable(r);
    expect(r.stderr.match(/^\S+:$/gm)).toEqual(["lo:"]); // the only interface
  });

  it("writes the host's real upstream DNS servers and the hostname into the sandbox", async () => {
    const r = await nsbox(
      host,
      ["--network", "nat", "--hostname", "box-3"],
      "cat /etc/resolv.conf /etc/hosts >&2",
    );
    expect(r.stderr).toContain("nameserver 10.99.0.53");
    expect(r.stderr).not.toContain("127.0.0.53");
    expect(r.stderr).toMatch(/box-3/);
    const custom = await nsbox(
      host,
      ["--network", "nat", "--dns", "203.0.113.1"],
      "cat /etc/resolv.conf >&2",
    );
    expect(custom.stderr).toContain("nameserver 203.0.113.1");
    expect(custom.stderr).not.toContain("10.99.0.53");
  });

  it("refuses raw and packet sockets in nat mode (no ARP or IP spoofing on the veth)", async () => {
    const probes = join(repo, "test", "fixtures", "escape", "bin");
    const r = await nsbox(host, ["--network", "nat", "--mount", `${probes}:/probes`], "/probes/rawsock >&2");
    expect(r.stderr).toContain("DONE");
    expect(r.stderr).not.toContain("ESCAPED");
    for (const name of ["packet-raw", "packet-arp"]) {
      expect(r.stderr).toMatch(new RegExp(`^BLOCKED ${name} errno=97 EAFNOSUPPORT`, "m"));
    }
    for (const name of ["inet-raw-icmp", "inet-raw-tcp"]) {
      expect(r.stderr).toMatch(new RegExp(`^BLOCKED ${name} errno=1 EPERM`, "m"));
    }
  });

  it("caps one sandbox's concurrent connections (--max-connections) while another sandbox still connects", async () => {
    const probes = join(repo, "test", "fixtures", "escape", "bin");
    const shared = mkdtempSync(join(host.dir, "conns-"));
    chmodSync(shared, 0o777);
    const mounts = ["--mount", `${probes}:/probes`, "--mount", `${shared}:/shared:rw`];
    // A holds 40 connection attempts open until B is done; B starts once A holds them.
    const [a, b] = await Promise.all([
      nsbox(
        host,
        ["--network", "nat", "--max-connections", "20", ...mounts],
        "/probes/conns 203.0.113.1 8080 40 /shared/a-ready /shared/b-done >&2",
      ),
      nsbox(
        host,
        ["--network", "nat", ...mounts],
        "i=0; while [ ! -e /shared/a-ready ] && [ $i -lt 1200 ]; do usleep 50000; i=$((i+1)); done; " +
          "echo a-ready=$(test -e /shared/a-ready && echo yes) >&2; " +
          "wget -qO- -T 5 http://203.0.113.1:8080/ >&2; touch /shared/b-done",
      ),
    ]);
    expect(a.stderr).toContain("DONE");
    expect(a.stderr).toMatch(/^INFO conns opened=20 refused=20 other=0$/m);
    expect(b.stderr).toContain("a-ready=yes");
    expect(b.stderr).toContain("internet 203.0.113.2");
  });

  it("caps the rate of new connections too: a connect/close loop cannot fill the runner's conntrack table", async () => {
    // Closed connections are not counted by the --max-connections cap but keep their conntrack entries
    // for 120 s: before the rate limit one sandbox filled the table in 30 s. Here the loop tries ~40,000
    // a second and gets the burst and 100 a second.
    const probes = join(repo, "test", "fixtures", "escape", "bin");
    const r = await nsbox(
      host,
      ["--network", "nat", "--mount", `${probes}:/probes`],
      "/probes/churn 203.0.113.1 8080 3 >&2",
    );
    const m = /^INFO churn opened=(\d+) refused=(\d+) other=(\d+)$/m.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const [opened, refused] = [Number(m?.[1]), Number(m?.[2])];
    expect(opened).toBeGreaterThan(100); // the network worked
    expect(opened).toBeLessThanOrEqual(500 + 100 * 4); // the burst and at most 4 s at 100/s
    expect(refused).toBeGreaterThan(0); // reset at once, as past the connection cap
  });

  it("gives 8 parallel sandboxes distinct addresses, all online, and leaves nothing behind", async () => {
    // Each holds its lease until all eight are online (a barrier in a shared directory, not a sleep:
    // eight CLIs starting on two vCPUs can be seconds apart, and a released lease may be reused).
    const shared = mkdtempSync(join(host.dir, "eight-"));
    chmodSync(shared, 0o777);
    const barrier =
      "mktemp -p /shared >/dev/null; i=0; " +
      'while [ "$(ls /shared | wc -l)" -lt 8 ] && [ $i -lt 1200 ]; do usleep 50000; i=$((i+1)); done; ' +
      "echo online=$(ls /shared | wc -l) >&2";
    const runs = await Promise.all(
      Array.from({ length: 8 }, () =>
        nsbox(
          host,
          ["--network", "nat", "--mount", `${shared}:/shared:rw`],
          `wget -qO- -T 5 http://203.0.113.1:8080/ >&2; ${barrier}`,
        ),
      ),
    );
    for (const r of runs) {
      expect(r.stderr).not.toContain("nsbox:"); // no engine complaint
      expect(r.status, r.stderr).toBe("ok");
      expect(r.stderr).toContain("internet 203.0.113.2");
      expect(r.stderr).toContain("online=8"); // all eight held their addresses at once
    }
    expect(new Set(runs.map((r) => r.address)).size, runs.map((r) => r.address).join(" ")).toBe(8);
    expect(inNs(host.runner, "ip -o link show | grep -c ': nsb' || true").trim()).toBe("0");
    expect(inNs(host.runner, "nft list tables 2>/dev/null | grep -c nsbox || true").trim()).toBe("0");
    expect(inNs(host.runner, "iptables-save | grep -c -i nsbox || true").trim()).toBe("0");
    expect(inNs(host.runner, "iptables -S FORWARD | head -1").trim()).toBe("-P FORWARD DROP");
    expect(inNs(host.runner, "cat /proc/sys/net/ipv4/ip_forward").trim()).toBe("0");
  });

  it("a run on a disjoint pool starts while the default pool's first address is held; a full pool exits 125", async () => {
    // Each run marks /shared/<name> once online and holds its address until /shared/release appears.
    const shared = mkdtempSync(join(host.dir, "pools-"));
    chmodSync(shared, 0o777);
    const hold = (name: string) =>
      `ip -4 -o addr show eth0 >&2; touch /shared/${name}; i=0; ` +
      "while [ ! -e /shared/release ] && [ $i -lt 1200 ]; do usleep 50000; i=$((i+1)); done";
    const mount = ["--mount", `${shared}:/shared:rw`];
    // A run that printed no result (refused) settles as one, so the waits below end with it.
    const start = (args: string[], name: string) =>
      nsbox(host, args, hold(name)).catch(
        (e: Error) => ({ status: "no result", stderr: e.message }) as Result,
      );
    const online = (name: string, run: Promise<unknown>) => {
      let ended = false;
      void run.then(() => (ended = true));
      return until(() => ended || existsSync(join(shared, name)), 60_000);
    };
    const own = ["--network", "nat", "--pool", "10.201.0.0/30", ...mount];
    const a = start(["--network", "nat", ...mount], "a");
    let b: Promise<Result> | null = null;
    try {
      await online("a", a);
      // The default pool's slot 0 is taken; a pool of one /30 of its own is all free.
      b = start(own, "b");
      await online("b", b);
      const cache = ["--rootfs", tarball, "--cache-dir", inject("cacheDir")];
      const full = await onRunnerHost(host, [process.execPath, cli, "run", ...cache, ...own, "--", "true"]);
      expect(full.status, full.stderr).toBe(125);
      expect(full.stderr).toContain(
        "network pool 10.201.0.0/30 is exhausted: its 1 address is in use by running sandboxes; give a larger --pool, or run fewer nsbox processes with --network nat at once",
      );
    } finally {
      writeFileSync(join(shared, "release"), "");
    }
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.status, ra.stderr).toBe("ok");
    expect(ra.address).toMatch(/^100\.96\./);
    expect(rb?.status, rb?.stderr).toBe("ok");
    expect(rb?.address).toBe("10.201.0.2");
    expect(readdirSync(join(host.dir, "run", "nsbox", "leases"))).toEqual([]);
  });

  // 200 on the host; the emulated VM lane forks ~40x slower, so it checks the same with fewer.
  const many = process.env.NSBOX_VM_LANE === "1" ? 24 : 200;
  it(`runs ${many} nat sandboxes through the Action and leaves no link, address, lease or rule`, async () => {
    // Through the runner harness, placed on the runner host: action.yml's defaults, the runner's files.
    const runner = createRunner({ toolCache: "private" });
    try {
      const r = await runAction({
        runner,
        launcher: runnerHostLauncher(host),
        with: {
          commands: Array.from(
            { length: many },
            (_, i) => `test $(ip -4 -o addr show eth0 | wc -l) = 1 # ${i}`,
          ).join("\n"),
          network: "nat",
          parallel: "4",
          workspace: "none",
          rootfs: tarball,
        },
        post: false,
      });
      expect(r.exitCode, r.log.slice(-2000)).toBe(0);
      expect(r.conclusion).toBe("success");
      expect(r.outputs.passed).toBe(String(many));
    } finally {
      runner.remove();
    }
    expect(inNs(host.runner, "ip -o link show | grep -c ': nsb' || true").trim()).toBe("0");
    expect(inNs(host.runner, "ip -4 -o addr show | grep -c '100\\.96\\.' || true").trim()).toBe("0");
    expect(inNs(host.runner, "nft list tables 2>/dev/null | grep -c nsbox || true").trim()).toBe("0");
    expect(inNs(host.runner, "iptables-save | grep -c -i nsbox || true").trim()).toBe("0");
    expect(readdirSync(join(host.dir, "run", "nsbox", "leases"))).toEqual([]);
    expect(readdirSync(join(host.dir, "run", "nsbox", "runs"))).toEqual([]);
  }, 180_000);
});

// Rootless nat: the CLI runs as uid 65534 (no root, no sudo) on the runner host; slirp4netns carries the
// traffic from the runner's netns and the egress policy lives in the sandbox's own netns.
const rootlessSkip =
  skip ??
  rootlessSkipReason() ??
  (!findTool("slirp4netns") || !findTool("nft")
    ? "needs slirp4netns and nft (apt install slirp4netns nftables)"
    : null) ??
  (!existsSync("/dev/net/tun") ? "this kernel has no /dev/net/tun (slirp4netns needs a tap device)" : null);

describe.skipIf(rootlessSkip !== null)("rootless network (uid 65534, slirp4netns)", () => {
  let host: RunnerHost;
  let home: string;
  beforeAll(async () => {
    host = await withRunnerHost({ docker: true });
    home = mkdtempSync(join(tmpdir(), "nsbox-rootless-net-"));
    chownSync(home, 65534, 65534);
  });
  afterAll(() => {
    host?.dispose();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  /** `nsbox run ARGS -- sh -c SCRIPT` as uid 65534 (onRunnerHost's launcher goes first); every step execs the next. */
  function nobodyArgv(args: string[], script: string): string[] {
    // This host's /dev/net/tun may be 0600 (udev makes it 0666): a 0666 node, in the test's mount ns only.
    const tun = `d=$(mktemp -d -p ${host.dir}) && mknod -m 666 $d/tun c 10 200 && mount --bind $d/tun /dev/net/tun && exec "$@"`;
    return [
      "sh",
      "-c",
      tun,
      "sh",
      "setpriv",
      "--reuid=65534",
      "--regid=65534",
      "--clear-groups",
      "env",
      `HOME=${home}`,
      ...nsboxArgv(join(home, "cache"), args, script),
    ];
  }

  function asNobody(args: string[], script: string): Promise<Result> {
    return onHostResult(host, nobodyArgv(args, script));
  }

  /** The processes of uid 65534 in the runner's netns (the CLI, its helper, slirp4netns): `comm`s. */
  const nobodyLeft = () =>
    execFileSync("ip", ["netns", "pids", host.runner], { encoding: "utf8" })
      .split(/\s+/)
      .filter(Boolean)
      .flatMap((p) => {
        try {
          const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1];
          return uid === "65534" ? [readFileSync(`/proc/${p}/comm`, "utf8").trim()] : [];
        } catch {
          return []; // exited meanwhile
        }
      });
  const slirpLeft = () => nobodyLeft().filter((c) => c === "slirp4netns");

  it("reaches the internet through slirp4netns, and nothing on the runner, metadata or private ranges", async () => {
    const r = await asNobody(["--network", "nat"], probes);
    expect(r.status, r.stdout + r.stderr).toBe("ok");
    expect(r.network).toBe("nat");
    expect(r.address).toBe("10.0.2.100");
    expect(answers(r)).toEqual({
      internet: "internet 203.0.113.2",
      metadata: "BLOCKED",
      private: "BLOCKED",
      hostaddr: "BLOCKED",
      gateway: "BLOCKED",
      gwloop: "BLOCKED",
    });
    expect(slirpLeft()).toEqual([]);
  });

  it("a SIGKILLed CLI leaves no slirp4netns behind: it exits when the engine's end of its --exit-fd closes", async () => {
    const argv = [
      ...runnerHostLauncher(host),
      ...nobodyArgv(["--network", "nat"], "echo up >&2; exec sleep 60"),
    ];
    // The spawned pid becomes the CLI's own: each launcher step execs the next.
    const cli = spawn(argv[0] as string, argv.slice(1), { stdio: ["ignore", "ignore", "pipe"] });
    const exited = new Promise((resolve) => cli.once("exit", resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        let err = "";
        cli.stderr?.on("data", (d: Buffer) => {
          err += d.toString();
          if (err.includes("up\n")) resolve();
        });
        cli.once("exit", () => reject(new Error(`the run ended before its command started: ${err}`)));
      });
      expect(slirpLeft()).toHaveLength(1);
      cli.kill("SIGKILL");
      await exited;
      // No engine is left to kill it: slirp4netns (which would otherwise serve the dead sandbox's tap
      // for good) and the helper end by themselves.
      await until(() => nobodyLeft().length === 0);
    } finally {
      cli.kill("SIGKILL");
    }
  });

  it("reports an explicit --max-connections as not enforced (slirp4netns leaves no host conntrack to cap)", async () => {
    const capped = await asNobody(["--network", "nat", "--max-connections", "20"], "true");
    expect(capped.status, capped.stdout + capped.stderr).toBe("ok");
    expect(capped.notEnforced.filter((n) => n.startsWith("max-connections"))).toEqual([
      "max-connections (rootless nat: slirp4netns connects as the caller, no conntrack to cap)",
    ]);
    const plain = await asNobody(["--network", "nat"], "true");
    expect(plain.notEnforced.filter((n) => n.startsWith("max-connections"))).toEqual([]);
  });

  it("an --allow covering the runner's address opens the network there, not the runner's own services", async () => {
    const r = await asNobody(
      ["--network", "nat", "--allow", "203.0.113.0/24", "--allow", "10.0.0.0/8"],
      probes,
    );
    expect(r.status, r.stdout + r.stderr).toBe("ok");
    expect(answers(r)).toMatchObject({
      internet: "internet 203.0.113.2",
      private: "private 203.0.113.2",
      hostaddr: "BLOCKED",
    });
    // Named exactly, a host address is reached, as in root mode.
    const named = await asNobody(["--network", "nat", "--allow", "203.0.113.2:8081"], probes);
    expect(answers(named)).toMatchObject({ hostaddr: "hostsvc 203.0.113.2", private: "BLOCKED" });
  });

  it("keeps the runner's services closed on an address without carrier and on a local (AnyIP) range", async () => {
    // Neither is in os.networkInterfaces() (no RUNNING link, no address), both reach 0.0.0.0:8081.
    inNs(
      host.runner,
      "ip link add nc0 type veth peer name nc0p && ip link set nc0 up && ip addr add 198.51.100.200/32 dev nc0 && ip route add local 198.18.0.0/24 dev lo",
    );
    try {
      expect(inNs(host.runner, "curl -s -m 2 http://198.51.100.200:8081/ http://198.18.0.9:8081/")).toMatch(
        /^hostsvc .*hostsvc /s,
      );
      const script = `probe() { if r=$(wget -qO- -T 2 "$2" 2>/dev/null); then echo "$1=$r" >&2; else echo "$1=BLOCKED" >&2; fi; }
probe internet http://203.0.113.1:8080/ &
probe nocarrier http://198.51.100.200:8081/ &
probe anyip http://198.18.0.9:8081/ &
wait`;
      const r = await asNobody(["--network", "nat"], script);
      expect(answers(r)).toEqual({
        internet: "internet 203.0.113.2",
        nocarrier: "BLOCKED",
        anyip: "BLOCKED",
      });
    } finally {
      inNs(host.runner, "ip route del local 198.18.0.0/24 dev lo; ip link del nc0");
    }
  });

  it("opens a private destination only when allowed, and lists slirp's DNS forwarder", async () => {
    const r = await asNobody(
      ["--network", "nat", "--allow", "10.99.0.1:8080"],
      `${probes}\ncat /etc/resolv.conf >&2`,
    );
    expect(answers(r)).toMatchObject({
      internet: "internet 203.0.113.2",
      private: "private 203.0.113.2",
      metadata: "BLOCKED",
      hostaddr: "BLOCKED",
    });
    expect(r.stderr).toContain("nameserver 10.0.2.3");
  });

  it("the command cannot flush the policy (no CAP_NET_ADMIN over its netns)", async () => {
    // The host's nft (glibc) with its libraries, run through the host's dynamic loader.
    const mounts = [
      "/usr/sbin/nft:/probes/nft",
      "/lib/x86_64-linux-gnu:/lib/x86_64-linux-gnu",
      "/lib64:/lib64",
    ];
    const script = `/lib64/ld-linux-x86-64.so.2 /probes/nft flush ruleset >&2 || echo flush-failed >&2
ip link set lo down 2>&1 >&2 || echo linkdown-failed >&2
${probes}`;
    const r = await asNobody(["--network", "nat", ...mounts.flatMap((m) => ["--mount", `${m}:ro`])], script);
    // The seccomp allow-list refuses netfilter netlink sockets outright (EPROTONOSUPPORT); without it the
    // kernel would refuse the flush (EPERM: no CAP_NET_ADMIN over the netns).
    expect(r.stderr).toMatch(/(Protocol not supported|Operation not permitted)\n(.*\n)*flush-failed$/m);
    expect(r.stderr).toContain("linkdown-failed");
    expect(answers(r)).toMatchObject({
      internet: "internet 203.0.113.2",
      private: "BLOCKED",
      metadata: "BLOCKED",
      gateway: "BLOCKED",
      gwloop: "BLOCKED",
    });
  });
});

// Forward filters other than Docker's, on a runner host without Docker: nft lets a drop in any table end a
// packet, so what nsbox cannot open it must say.
describe.skipIf(skip !== null || !findTool("nft"))("network through other hosts' forward filters", () => {
  let host: RunnerHost;
  beforeAll(async () => {
    host = await withRunnerHost({ docker: false });
  });
  afterAll(() => host?.dispose());

  const internet = "r=$(wget -qO- -T 2 http://203.0.113.1:8080/) || r=BLOCKED; echo internet=$r >&2";

  it("passes iptables' FORWARD with policy ACCEPT and a final REJECT (RHEL's default)", async () => {
    inNs(host.runner, "iptables -A FORWARD -j REJECT --reject-with icmp-host-prohibited");
    try {
      const r = await nsbox(host, ["--network", "nat"], internet);
      expect(answers(r)).toEqual({ internet: "internet 203.0.113.2" });
      expect(r.notEnforced).toEqual([]);
    } finally {
      inNs(host.runner, "iptables -D FORWARD -j REJECT --reject-with icmp-host-prohibited");
    }
    expect(inNs(host.runner, "iptables -S FORWARD").trim()).toBe("-P FORWARD ACCEPT"); // its holes are gone
  });

  it("says so when another nft table's forward chain drops (policy drop), which it does not edit", async () => {
    inNs(
      host.runner,
      "nft add table inet filter && nft 'add chain inet filter forward { type filter hook forward priority 0; policy drop; }'",
    );
    try {
      const r = await nsbox(host, ["--network", "nat"], internet);
      expect(r.status).toBe("ok");
      expect(answers(r)).toEqual({ internet: "BLOCKED" });
      expect(r.notEnforced).toEqual([
        `nat (the host's nft chain "inet filter forward" drops forwarded traffic: the sandbox may have no network unless that chain accepts its link nsb*)`,
      ]);
    } finally {
      inNs(host.runner, "nft delete table inet filter");
    }
  });
});
