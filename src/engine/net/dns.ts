// /etc/resolv.conf and /etc/hosts for a sandbox. A loopback resolver (systemd-resolved's 127.0.0.53, a local
// dnsmasq) lives in the host's netns and is unreachable from the sandbox: use the upstream servers instead.
import { readTextOrNull } from "../fs";
import { MAX_NAMESERVERS, parseDnsServers } from "./allow.js";
import { parseIp4 } from "./cidr.js";

export interface DnsPaths {
  resolvConf: string;
  resolvedUpstream: string; // systemd-resolved's list of real upstream servers
}

export const DEFAULT_DNS_PATHS: DnsPaths = {
  resolvConf: "/etc/resolv.conf",
  resolvedUpstream: "/run/systemd/resolve/resolv.conf",
};

export interface ResolvConf {
  nameservers: string[]; // IPv4 only: sandboxes have no IPv6
  search: string[];
  options: string[];
}

function parseResolvConf(text: string): ResolvConf & { loopback: boolean } {
  const out = {
    nameservers: [] as string[],
    search: [] as string[],
    options: [] as string[],
    loopback: false,
  };
  for (const raw of text.split("\n")) {
    const [key, ...rest] = raw
      .replace(/[#;].*$/, "")
      .trim()
      .split(/\s+/);
    if (key === "nameserver" && rest[0]) {
      const ip = parseIp4(rest[0]);
      if (ip === null) continue; // IPv6 server
      if (ip >>> 24 === 127) out.loopback = true;
      else if (!out.nameservers.includes(rest[0])) out.nameservers.push(rest[0]);
    } else if ((key === "search" || key === "domain") && rest.length) {
      out.search = rest; // the last one wins, as in glibc
    } else if (key === "options") {
      out.options.push(...rest.filter((o) => !o.startsWith("trust-ad")));
    }
  }
  return out;
}

/** The servers a sandbox should use: `override` (--dns), else the host's non-loopback upstreams. */
export function resolveDns(override: string[] | undefined, paths: DnsPaths = DEFAULT_DNS_PATHS): ResolvConf {
  if (override?.length) return { nameservers: parseDnsServers(override), search: [], options: [] };
  const main = parseResolvConf(readTextOrNull(paths.resolvConf) ?? "");
  if (main.loopback || !main.nameservers.length) {
    const up = readTextOrNull(paths.resolvedUpstream);
    if (up !== null) {
      const u = parseResolvConf(up);
      if (u.nameservers.length) {
        return {
          nameservers: u.nameservers.slice(0, MAX_NAMESERVERS), // written and opened alike
          search: u.search.length ? u.search : main.search,
          options: u.options,
        };
      }
    }
  }
  return {
    nameservers: main.nameservers.slice(0, MAX_NAMESERVERS),
    search: main.search,
    options: main.options,
  };
}

export function resolvConfText(r: ResolvConf): string {
  const lines = ["# written by nsbox"];
  if (!r.nameservers.length) lines.push("# no non-loopback DNS server found on the host");
  for (const s of r.nameservers.slice(0, MAX_NAMESERVERS)) lines.push(`nameserver ${s}`);
  if (r.search.length) lines.push(`search ${r.search.join(" ")}`);
  if (r.options.length) lines.push(`options ${r.options.join(" ")}`);
  return `${lines.join("\n")}\n`;
}

/** Also used for --network none: the hostname must resolve without any server. */
export function hostsText(hostname: string, opts: { ipv6?: boolean } = {}): string {
  const own = hostname && hostname !== "localhost" ? `127.0.1.1\t${hostname}\n` : "";
  // With IPv6 off inside (nat) no ::1 line: clients trying ::1 first would stall or fail.
  const v6 = opts.ipv6 ? "::1\tlocalhost ip6-localhost ip6-loopback\n" : "";
  return `127.0.0.1\tlocalhost\n${v6}${own}`;
}
