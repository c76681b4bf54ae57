// Root mode's SandboxNet: a leased /30 and a veth pair whose peer is created directly inside the
// sandbox's netns (never in ours), the host side hardened.
import { statSync, writeFileSync } from "node:fs";
import { SetupError } from "../types.js";
import { formatIp4 } from "./cidr.js";
import { ErrnoError } from "./libc.js";
import type { Netlink } from "./netlink.js";
import type { Lease } from "./pool.js";
import type { SandboxNet } from "./types.js";

export interface VethContext {
  nl: Netlink;
  mtu: number;
  /** Whether the run was disposed (its leases are gone with it). */
  disposed(): boolean;
  release(lease: Lease): void;
}

export function vethSandboxNet(lease: Lease, ctx: VethContext): SandboxNet {
  const address = formatIp4(lease.address);
  const gateway = formatIp4(lease.gateway);
  let released = false;
  return {
    address,
    gateway,
    link: lease.link,
    helperSpec: () => [
      ["net", "veth"],
      ["net_wait", "1"],
      ["net_ifname", "eth0"],
      ["net_addr", address],
      ["net_prefix", String(lease.prefix)],
      ["net_gw", gateway],
      ["net_mtu", String(ctx.mtu)],
      ["ipv6", "0"],
    ],
    attach(initPid: number) {
      if (released || ctx.disposed()) throw new Error(`network lease ${address} already released`);
      if (!Number.isInteger(initPid) || initPid <= 0) throw new Error(`attach: bad pid ${initPid}`);
      if (sameNetns(initPid)) {
        // The peer would land in our own netns (the helper did not unshare it): never plumb the host.
        throw new SetupError(
          "network",
          `cannot attach the sandbox network: pid ${initPid} has no netns of its own`,
        );
      }
      try {
        plumb(ctx.nl, lease, initPid, ctx.mtu);
      } catch (e) {
        const why =
          e instanceof ErrnoError && e.code === "ESRCH" ? "the sandbox exited" : (e as Error).message;
        throw new SetupError("network", `cannot attach the sandbox network (${lease.link}): ${why}`);
      }
    },
    release() {
      if (released) return;
      released = true;
      ctx.release(lease);
    },
  };
}

/** The pair, the host side's address, and its hardening. */
function plumb(nl: Netlink, lease: Lease, initPid: number, mtu: number): void {
  const veth = { hostName: lease.link, peerName: "eth0", peerPid: initPid, mtu, up: true };
  try {
    nl.createVeth(veth);
  } catch (e) {
    if (!(e instanceof ErrnoError && e.code === "EEXIST")) throw e;
    nl.deleteLink(lease.link); // left over from a sandbox of this run whose netns is still dying
    nl.createVeth(veth);
  }
  nl.addAddress4(lease.link, lease.gateway, lease.prefix);
  hardenHostSide(lease.link);
}

function sameNetns(pid: number): boolean {
  try {
    return statSync(`/proc/${pid}/ns/net`).ino === statSync("/proc/self/ns/net").ino;
  } catch {
    return false; // gone: createVeth reports ESRCH
  }
}

/**
 * Strict reverse-path filter: a sandbox (root inside) cannot use another sandbox's or any foreign source
 * address. No IPv6 on the host side: no link-local address, nothing to talk to. ~20 µs, best effort.
 */
function hardenHostSide(link: string): void {
  for (const [file, value] of [
    [`/proc/sys/net/ipv4/conf/${link}/rp_filter`, "1"],
    [`/proc/sys/net/ipv6/conf/${link}/disable_ipv6`, "1"],
  ]) {
    try {
      writeFileSync(file, value);
    } catch {}
  }
}
