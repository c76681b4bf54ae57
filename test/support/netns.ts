// Throwaway network namespaces for network tests. Nothing here touches the real host's interfaces,
// routes or firewall: all state lives in namespaces named nsbox-test-*, deleted afterwards.
import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const REPO = new URL("../..", import.meta.url).pathname;
const NODE = process.execPath;

export function canUseNetns(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    const ns = `nsbox-test-probe-${randomBytes(3).toString("hex")}`;
    execFileSync("ip", ["netns", "add", ns], { stdio: "ignore" });
    execFileSync("ip", ["netns", "del", ns], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function sh(cmd: string): string {
  return execFileSync("sh", ["-c", cmd], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Run `cmd` (shell) in netns `ns`; returns stdout. */
export function inNs(ns: string, cmd: string): string {
  return execFileSync("ip", ["netns", "exec", ns, "sh", "-c", cmd], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** A fresh namespace nsbox-test-<tag>-<random> with only lo, up; deleteNetns removes it. */
export function createNetns(tag: string): string {
  const ns = `nsbox-test-${tag}-${randomBytes(3).toString("hex")}`;
  execFileSync("ip", ["netns", "add", ns]);
  inNs(ns, "ip link set lo up");
  return ns;
}

export function deleteNetns(ns: string): void {
  try {
    // Processes still inside would keep it alive: kill only those in this (test-made) namespace.
    const pids = execFileSync("ip", ["netns", "pids", ns], { encoding: "utf8" }).split(/\s+/).filter(Boolean);
    for (const p of pids) process.kill(Number(p), "SIGKILL");
  } catch {}
  try {
    execFileSync("ip", ["netns", "del", ns], { stdio: "ignore" });
  } catch {}
}

/** A tiny HTTP server answering `<label> <client address>`; resolves once it listens. */
export async function startHttp(
  prefix: string[],
  host: string,
  port: number,
  label: string,
): Promise<ChildProcess> {
  const code = `require("http").createServer((q,s)=>s.end(${JSON.stringify(label)}+" "+q.socket.remoteAddress.replace(/^::ffff:/,""))).listen(${port},${JSON.stringify(host)},()=>console.log("ready"))`;
  const child = spawn(prefix[0], [...prefix.slice(1), NODE, "-e", code], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (c) => reject(new Error(`http server ${label} exited with ${c}`)));
    child.stdout?.once("data", () => resolve());
  });
  return child;
}

/** `curl [opts] url` from inside the netns of `pid`: the body, or `BLOCKED` when nothing answers in time. */
export function fetchFrom(pid: number, url: string, seconds = 2): Promise<string> {
  const args = [
    "-t",
    String(pid),
    "-n",
    "curl",
    "-s",
    "--noproxy",
    "*",
    "-m",
    String(seconds),
    ...url.split(" "),
  ];
  return new Promise((resolve) => {
    execFile("nsenter", args, { encoding: "utf8" }, (err, stdout) =>
      resolve(err ? "BLOCKED" : stdout.trim()),
    );
  });
}

export interface RunnerHost {
  runner: string; // the "runner machine": public 203.0.113.2, default route via 203.0.113.1
  internet: string; // 203.0.113.1/24, 169.254.169.254, private 10.99.0.1 and 10.99.0.53
  dir: string; // scratch dir: state dir, fake resolv.conf files, bundled code
  resolvConf: string; // points at the 127.0.0.53 stub
  resolvedUpstream: string; // systemd-resolved style upstream list (nameserver 10.99.0.53)
  servers: ChildProcess[];
  dispose(): void;
}

/**
 * A GitHub-runner-like host in two namespaces. `docker`: iptables FORWARD policy DROP + a DOCKER-USER chain.
 * HTTP servers: internet 203.0.113.1:8080, 169.254.169.254:80, 10.99.0.1:8080, 10.99.0.53:53 (tcp, "DNS");
 * runner 0.0.0.0:8081 (a host service) and 127.0.0.1:8082 (a loopback-only host service).
 */
export async function withRunnerHost(opts: { docker: boolean }): Promise<RunnerHost> {
  const runner = createNetns("runner");
  const internet = createNetns("inet");
  const servers: ChildProcess[] = [];
  const dir = mkdtempSync(join(REPO, ".cache", "nettest-"));
  const dispose = () => {
    for (const s of servers) s.kill("SIGKILL");
    deleteNetns(runner);
    deleteNetns(internet);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const up = `up${randomBytes(3).toString("hex")}`;
    sh(`ip link add ${up} netns ${runner} type veth peer name uplink netns ${internet}`);
    // An uplink MTU below the usual 1500 (as on some clouds): sandboxes must inherit it.
    inNs(
      runner,
      `ip link set ${up} name eth0 mtu 1420 && ip link set eth0 up && ip addr add 203.0.113.2/24 dev eth0`,
    );
    inNs(runner, "ip route add default via 203.0.113.1");
    // A new netns copies ip_forward from the host's (devconf_inherit_init_net=0): start from a known 0.
    inNs(runner, "echo 0 > /proc/sys/net/ipv4/ip_forward");
    inNs(
      internet,
      "ip link set uplink up && ip addr add 203.0.113.1/24 dev uplink && ip addr add 169.254.169.254/32 dev lo && ip addr add 10.99.0.1/32 dev lo && ip addr add 10.99.0.53/32 dev lo",
    );
    if (opts.docker) {
      inNs(
        runner,
        "iptables -P FORWARD DROP && iptables -N DOCKER-USER && iptables -A DOCKER-USER -j RETURN && iptables -I FORWARD -j DOCKER-USER",
      );
    }
    const inet = ["ip", "netns", "exec", internet];
    const host = ["ip", "netns", "exec", runner];
    servers.push(await startHttp(inet, "203.0.113.1", 8080, "internet"));
    servers.push(await startHttp(inet, "169.254.169.254", 80, "metadata"));
    servers.push(await startHttp(inet, "10.99.0.1", 8080, "private"));
    servers.push(await startHttp(inet, "10.99.0.53", 53, "dns"));
    servers.push(await startHttp(host, "0.0.0.0", 8081, "hostsvc"));
    servers.push(await startHttp(host, "127.0.0.1", 8082, "loopsvc"));
    const resolvConf = join(dir, "resolv.conf");
    const resolvedUpstream = join(dir, "resolved.conf");
    writeFileSync(resolvConf, "nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch example.internal\n");
    writeFileSync(resolvedUpstream, "nameserver 10.99.0.53\nnameserver fd00::53\nsearch example.internal\n");
    mkdirSync(join(dir, "state"));
    return { runner, internet, dir, resolvConf, resolvedUpstream, servers, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}

/** A stand-in sandbox: a process in a fresh netns (inside netns `ns`); its host pid. */
export async function startStandIn(ns: string): Promise<{ pid: number; proc: ChildProcess }> {
  const proc = spawn("ip", ["netns", "exec", ns, "unshare", "--net", "sh", "-c", "echo $$; exec sleep 120"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const pid = await new Promise<number>((resolve, reject) => {
    proc.once("exit", (c) => reject(new Error(`stand-in exited with ${c}`)));
    proc.stdout?.once("data", (d: Buffer) => resolve(Number(d.toString().trim())));
  });
  return { pid, proc };
}

/** Configure the inside of a stand-in the way nsbox-helper does from its helperSpec. */
export function configureInside(pid: number, spec: Array<[string, string]>): void {
  const m = new Map(spec);
  const n = ["nsenter", "-t", String(pid), "-n", "ip"];
  const ip = (...args: string[]) => execFileSync(n[0], [...n.slice(1), ...args], { stdio: "ignore" });
  ip("link", "set", "lo", "up");
  ip("addr", "add", `${m.get("net_addr")}/${m.get("net_prefix")}`, "dev", "eth0");
  ip("link", "set", "eth0", "mtu", String(m.get("net_mtu")), "up");
  ip("route", "add", "default", "via", String(m.get("net_gw")));
}

// What a driver script takes from the network layer (statements resolved from the repository root).
const NET_ENTRY = [
  'export { loadLibc } from "./src/engine/libc.ts";',
  'export { cleanupStaleNetwork, openNetRun } from "./src/engine/net/index.ts";',
].join("\n");

/** Bundle src/engine/net into `dir` (koffi stays external and resolves from the repo's node_modules). */
export function bundleNet(dir: string): string {
  return bundleEngine(dir, "net", NET_ENTRY);
}

/** Bundle `entry` (export statements, resolved from the repository root) into `dir`/`name`.mjs, as bundleNet. */
export function bundleEngine(dir: string, name: string, entry: string): string {
  const out = join(dir, `${name}.mjs`);
  execFileSync(
    join(REPO, "node_modules", ".bin", "esbuild"),
    [
      "--bundle",
      "--loader=ts",
      `--sourcefile=${name}-entry.ts`,
      "--platform=node",
      "--format=esm",
      "--external:koffi",
      `--outfile=${out}`,
      "--log-level=warning",
    ],
    { input: entry, cwd: REPO, stdio: ["pipe", "inherit", "inherit"] },
  );
  return out;
}

/** Spawn `node script` inside netns `ns` (setns in Node is per thread, so a child process it is). */
export function spawnNodeIn(ns: string, script: string, dir: string): ChildProcess {
  const file = join(dir, `drv-${randomBytes(4).toString("hex")}.mjs`);
  writeFileSync(file, script);
  return spawn("ip", ["netns", "exec", ns, NODE, file], { stdio: ["pipe", "pipe", "pipe"] });
}
