// The network layer's contract with the engine: one NetRun per engine run, one SandboxNet per sandbox.
// Two implementations: root (index.ts + veth.ts: NAT, a veth per sandbox) and rootless (rootless.ts:
// slirp4netns per sandbox).
import type { DnsPaths } from "./dns.js";
import type { Firewall } from "./nat.js";

export interface NetRunOptions {
  pool?: string;
  allow?: string[];
  dns?: string[];
  hostname?: string;
  stateDir?: string; // default /run/nsbox; tests use their own
  dnsPaths?: DnsPaths; // default /etc/resolv.conf + /run/systemd/resolve/resolv.conf
  firewall?: Firewall; // default "auto": nft, else iptables
  maxConnections?: number; // per sandbox, root mode (rootless: not enforced, see NetRun.notEnforced)
}

export interface SandboxNet {
  readonly address: string;
  readonly gateway: string;
  readonly link: string; // host-side interface name
  helperSpec(): Array<[string, string]>;
  /**
   * Root: create the pair (peer `eth0` inside initPid's netns), address and bring up the host side.
   * Rootless: install the egress policy inside initPid's netns and start slirp4netns on its tap.
   */
  attach(initPid: number): void | Promise<void>;
  /** Free the lease. Idempotent. The pair dies with the sandbox's netns. */
  release(): void;
}

export interface NetRun {
  readonly runId: string;
  readonly mtu: number;
  readonly nameservers: readonly string[];
  /** What was asked for that this implementation cannot enforce, for each sandbox's report. */
  readonly notEnforced: readonly string[];
  allocate(hostname: string): SandboxNet;
  files(hostname: string): Array<[string, string]>;
  dispose(): void;
}
