// Strict parsing of `--allow CIDR[:PORT]` and `--dns ADDR`: a typo must not silently open or close a hole.
import { UsageError } from "../types.js";
import { formatCidr4, parseCidr4, parseIp4, unusableRange } from "./cidr.js";

export interface AllowRule {
  cidr: string; // normalised a.b.c.d/len
  port?: number; // tcp+udp destination port
}

const EXAMPLE = "use 10.1.2.0/24 or 10.1.2.3:443";

export function parseAllow(spec: string): AllowRule {
  const bad = (why = "is not a CIDR") => new UsageError(`allow: '${spec}' ${why}; ${EXAMPLE}`);
  const text = spec.trim();
  if (text.includes("[") || text.split(":").length > 2) throw bad("is IPv6, which sandboxes do not have");
  const colon = text.indexOf(":");
  const addr = colon < 0 ? text : text.slice(0, colon);
  let port: number | undefined;
  if (colon >= 0) {
    const p = text.slice(colon + 1);
    if (!/^[1-9][0-9]{0,4}$/.test(p) || Number(p) > 65535) throw bad("has no valid port (1-65535)");
    port = Number(p);
  }
  const cidr = parseCidr4(addr);
  if (!cidr) {
    if (parseCidr4(addr, true)) throw bad("has host bits set after the prefix");
    throw bad();
  }
  return port === undefined ? { cidr: formatCidr4(cidr) } : { cidr: formatCidr4(cidr), port };
}

export function parseDnsServer(spec: string): string {
  const ip = parseIp4(spec.trim());
  if (ip === null) throw new UsageError(`dns: '${spec}' is not an IPv4 address; use e.g. 192.0.2.53`);
  if (ip >>> 24 === 127) {
    throw new UsageError(
      `dns: '${spec}' is a loopback address, which is the sandbox's own; use a reachable server`,
    );
  }
  const unusable = unusableRange({ base: ip, prefix: 32 });
  if (unusable)
    throw new UsageError(`dns: '${spec}' is in ${unusable}, not a server's address; use e.g. 192.0.2.53`);
  return spec.trim();
}

/** glibc and musl read at most 3 nameserver lines. */
export const MAX_NAMESERVERS = 3;

/** `--dns` servers, all of them: port 53 is opened to each, so each must be in resolv.conf, which holds 3. */
export function parseDnsServers(specs: string[]): string[] {
  if (specs.length > MAX_NAMESERVERS) {
    throw new UsageError(
      `dns: ${specs.length} servers (${specs.join(", ")}) are more than the ${MAX_NAMESERVERS} a resolver uses; give at most ${MAX_NAMESERVERS}`,
    );
  }
  return specs.map(parseDnsServer);
}
