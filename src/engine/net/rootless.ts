// Without root there is no veth or firewall on the host: slirp4netns (user-mode TCP/IP in the engine's
// netns) is the way out of the sandbox's netns. The sandbox's user namespace maps the caller to root and is
// owned by the caller, so the engine can join it and hold CAP_NET_ADMIN over the sandbox's netns: the egress
// policy is an nft table installed there before the go byte. The command runs in a nested user namespace
// (made by init) and has no capability over that netns, so it cannot change or flush the table.
import type { ChildProcess } from "node:child_process";
import { accessSync, constants } from "node:fs";
import type { Readable } from "node:stream";
import { childProcess } from "../proc";
import { SetupError } from "../types.js";
import { type AllowRule, parseAllow } from "./allow.js";
import { BLOCKED_RANGES } from "./cidr.js";
import { hostsText, resolvConfText, resolveDns } from "./dns.js";
import { readHost } from "./host.js";
import { findTool } from "./nat.js";
import { netlink } from "./netlink.js";
import { hostAccess, normaliseSet } from "./policy.js";
import { newRunId } from "./state.js";
import type { NetRun, NetRunOptions, SandboxNet } from "./types.js";

// slirp4netns' fixed layout (default --cidr 10.0.2.0/24): the gateway is the host, .3 its DNS forwarder.
const SLIRP_ADDRESS = "10.0.2.100";
const SLIRP_GATEWAY = "10.0.2.2";
const SLIRP_DNS = "10.0.2.3";
const SLIRP_MTU = 65520;
const TAP = "tap0";
const READY_TIMEOUT_MS = 10_000;

/** The error for a caller who is not root and lacks the tools of rootless nat. */
export function rootlessError(): SetupError {
  return new SetupError(
    "network",
    "network nat without root needs slirp4netns and nft (apt install slirp4netns nftables), or root",
  );
}

/** slirp4netns opens /dev/net/tun as the caller: it must be mode 0666 (the udev default). */
export function checkTun(path = "/dev/net/tun"): void {
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
  } catch {
    throw new SetupError(
      "network",
      `network nat without root needs read-write access to ${path} for slirp4netns (it is mode 0666 on most systems), or root`,
    );
  }
}

export interface RootlessTools {
  slirp4netns: string;
  nft: string;
  nsenter: string;
}

export function rootlessTools(): RootlessTools | null {
  const slirp4netns = findTool("slirp4netns");
  const nft = findTool("nft");
  const nsenter = findTool("nsenter");
  return slirp4netns && nft && nsenter ? { slirp4netns, nft, nsenter } : null;
}

function accept(r: AllowRule): string {
  const port = r.port === undefined ? "" : ` meta l4proto { tcp, udp } th dport ${r.port}`;
  return `ip daddr ${r.cidr}${port} accept`;
}

/**
 * The sandbox-side egress policy: lo and replies pass, then the host's own destinations no rule names
 * exactly, then DNS and allowed destinations are accepted, then the drops. slirp4netns connects from the
 * engine's netns, so a host destination let through reaches the runner's own services (`--allow 10.0.0.0/8`
 * must not open 10.1.0.4:8081, as in root mode).
 */
function rootlessRuleset(
  allow: AllowRule[],
  dnsServers: readonly string[],
  hostDests: string[], // the host's addresses as /32s and its local ranges
): string {
  const dns = [...new Set([SLIRP_DNS, ...dnsServers])].map((s) => ({ cidr: `${s}/32`, port: 53 }));
  const rules = [...dns, ...allow];
  const host = hostAccess(rules, hostDests).closed;
  const lines = [
    "table inet nsbox {",
    "  chain output {",
    "    type filter hook output priority 0; policy accept;",
    '    oifname "lo" accept', // the sandbox's own loopback (127/8 and its own address)
    "    ct state established,related accept",
    "    meta nfproto != ipv4 drop", // IPv6 is off inside; never let it out unfiltered
    ...(host.length ? [`    ip daddr { ${host.join(", ")} } drop`] : []),
    ...rules.map((r) => `    ${accept(r)}`),
    // 10.0.0.0/8 covers slirp's gateway 10.0.2.2, i.e. the host and its loopback; a host address named
    // with a port is dropped here on its other ports.
    `    ip daddr { ${normaliseSet([...BLOCKED_RANGES, ...hostDests]).join(", ")} } drop`,
    "  }",
    "}",
  ];
  return `${lines.join("\n")}\n`;
}

/** The tools of rootless nat, or the refusal: a session asks before its rootfs is prepared. */
export function checkRootlessNet(): RootlessTools {
  const tools = rootlessTools();
  if (!tools) throw rootlessError();
  checkTun();
  return tools;
}

/** Not root: slirp4netns per sandbox, the egress policy inside each sandbox's own netns. */
export function openRootlessNetRun(opts: NetRunOptions): NetRun {
  const tools = checkRootlessNet();
  const allow: AllowRule[] = (opts.allow ?? []).map(parseAllow);
  const dns = opts.dns?.length ? resolveDns(opts.dns).nameservers : undefined;
  // slirp4netns opens a sandbox's connections as the caller's own sockets: there is no host conntrack
  // entry to count, so a cap asked for is reported, not refused (the Action always passes its default).
  const notEnforced =
    opts.maxConnections === undefined
      ? []
      : ["max-connections (rootless nat: slirp4netns connects as the caller, no conntrack to cap)"];
  return openRootlessNet(tools, { allow, dns, notEnforced });
}

export interface RootlessNetOptions {
  allow: AllowRule[];
  dns?: string[]; // the caller's servers (validated); default slirp's forwarder
  notEnforced?: string[];
}

function openRootlessNet(tools: RootlessTools, opts: RootlessNetOptions): NetRun {
  const nameservers = opts.dns?.length ? opts.dns : [SLIRP_DNS];
  // From netlink, not os.networkInterfaces(): that skips links without carrier, whose addresses are
  // still the host's; the local table adds ranges delivered locally without an address (AnyIP).
  const host = readHost(netlink());
  const hostDests = [...host.addrs4.map((a) => `${a}/32`), ...host.local4];
  const ruleset = rootlessRuleset(opts.allow, opts.dns ?? [], hostDests);
  const live = new Set<ChildProcess>();
  let disposed = false;
  const dispose = () => {
    disposed = true;
    for (const c of live) c.kill("SIGKILL");
    live.clear();
  };
  return {
    runId: newRunId(),
    mtu: SLIRP_MTU,
    nameservers,
    notEnforced: opts.notEnforced ?? [],
    allocate(): SandboxNet {
      if (disposed) throw new Error("network run already disposed");
      let child: ChildProcess | null = null;
      let released = false;
      const release = () => {
        released = true;
        if (child) {
          child.kill("SIGKILL");
          live.delete(child);
          child = null;
        }
      };
      return {
        address: SLIRP_ADDRESS,
        gateway: SLIRP_GATEWAY,
        link: TAP,
        helperSpec: () => [
          ["net", "user"],
          ["net_wait", "1"],
          ["ipv6", "0"],
        ],
        async attach(initPid: number) {
          if (released || disposed) throw new Error("rootless network already released");
          if (!Number.isInteger(initPid) || initPid <= 0) throw new Error(`attach: bad pid ${initPid}`);
          const fail = (why: string) =>
            new SetupError("network", `cannot attach the sandbox network (slirp4netns): ${why}`);
          // Policy first: nothing can leave before the tap exists, so there is no unfiltered window.
          await installPolicy(tools, initPid, ruleset).catch((e: Error) => {
            throw fail(`nft: ${e.message}`);
          });
          child = startSlirp(tools.slirp4netns, initPid);
          live.add(child);
          await waitReady(child).catch((e: Error) => {
            release();
            throw fail(e.message);
          });
        },
        release,
      };
    },
    files: (hostname: string): Array<[string, string]> => [
      ["/etc/resolv.conf", resolvConfText({ nameservers: [...nameservers], search: [], options: [] })],
      ["/etc/hosts", hostsText(hostname)],
    ],
    dispose,
  };
}

function installPolicy(tools: RootlessTools, pid: number, ruleset: string): Promise<void> {
  const args = ["--target", String(pid), "--user", "--net", "--preserve-credentials", tools.nft, "-f", "-"];
  return new Promise((resolve, reject) => {
    const c = childProcess().execFile(
      tools.nsenter,
      args,
      { encoding: "utf8", timeout: 10_000 },
      (err, _out, stderr) => (err ? reject(new Error((stderr || err.message).trim())) : resolve()),
    );
    c.stdin?.end(ruleset);
  });
}

function startSlirp(path: string, pid: number): ChildProcess {
  const args = [
    "--configure",
    `--mtu=${SLIRP_MTU}`,
    "--disable-host-loopback",
    "--enable-sandbox",
    "--enable-seccomp",
    "--ready-fd=3",
    "--exit-fd=4", // our end closes when the engine dies: slirp4netns never outlives it
    `--userns-path=/proc/${pid}/ns/user`,
    String(pid),
    TAP,
  ];
  return childProcess().spawn(path, args, { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
}

function waitReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const ready = child.stdio[3] as Readable;
    const timer = setTimeout(() => finish(new Error("not ready after 10s")), READY_TIMEOUT_MS);
    const finish = (err: Error | null) => {
      clearTimeout(timer);
      ready.removeAllListeners("data");
      child.removeListener("exit", onExit);
      err ? reject(err) : resolve();
    };
    const onExit = (code: number | null) => {
      const last = stderr.trim().split("\n").slice(-2).join("; ");
      finish(new Error(`exited with ${code}${last ? `: ${last}` : ""}`));
    };
    ready.once("data", () => finish(null));
    child.once("exit", onExit);
  });
}
