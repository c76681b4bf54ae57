// One HTTP(S) GET through node:http/https, answered with the part of fetch's Response the downloads read
// (download.ts follows redirects and retries). Not fetch: undici costs ~1 ms more per request on loopback
// and ~25 ms more on its first (its load), and it decompresses a `Content-Encoding: gzip` answer, which would
// change a .tar.gz served that way before its sha256 is checked.

import type { AgentOptions } from "node:http";
import {
  LocalAddressError,
  localAddressKind,
  localByName,
  lookupOffHost,
  unbracketed,
} from "./local-address";

// Loaded on the first download: a warm run never needs them (test/integration/action-start.test.ts).
const http = () => process.getBuiltinModule("node:http");
const https = () => process.getBuiltinModule("node:https");
const net = () => process.getBuiltinModule("node:net");

export interface HttpAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  readonly body: (AsyncIterable<Uint8Array> & { cancel(): Promise<void> }) | null;
}

/**
 * What download.ts calls for each request; tests pass a scripted one (fetch itself also fits). `offHost`:
 * refuse (LocalAddressError) to connect to a local address (local-address.ts), literal or resolved.
 */
export type HttpGet = (url: string, init: { signal: AbortSignal; offHost?: boolean }) => Promise<HttpAnswer>;

export const httpGet: HttpGet = async (url, { signal, offHost }) => {
  const target = new URL(url);
  const host = unbracketed(target.hostname);
  const literal = offHost ? localAddressKind(host) : null;
  if (literal) throw new LocalAddressError(host, literal);
  // Through Node's env proxy the name is the proxy's to resolve and node:net resolves only the proxy's:
  // so the name is resolved here first, best effort and briefly. A direct request's name is checked where
  // node:net resolves it (below), once.
  if (offHost && net().isIP(host) === 0 && envProxied(target)) {
    const byName = await localByName(host, signal);
    if (byName) throw byName;
  }
  return new Promise((resolve, reject) => {
    const client = target.protocol === "https:" ? https() : http();
    // Then the check is made where node:net resolves the name it connects to (what a direct connection
    // reaches, whatever the first answer was). A kept-alive socket is reused without a lookup: only one to
    // a host and port asked for before, the caller's own origin or a target checked then.
    const guard = offHost ? { lookup: lookupOffHost(target.hostname) } : {};
    // No Accept-Encoding: the body arrives as the file is.
    const req = client.get(target, { signal, headers: { "user-agent": "nsbox" }, ...guard }, (res) => {
      const body = Object.assign(res, { cancel: async () => void res.destroy() });
      resolve({
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? "",
        headers: { get: (name) => headerValue(res.headers[name.toLowerCase()]) },
        body,
      });
    });
    req.on("error", reject); // every one: a later error (after the answer) is the body's to report
  });
};

/**
 * Whether Node's env proxy (NODE_USE_ENV_PROXY, or http.setGlobalProxyFromEnv) has a proxy for this
 * request's scheme: read from the proxy environment the global agent that sends it was made with, and
 * its variables as Node reads them. Approximated: NO_PROXY is not applied (Node's own matching is not
 * public), so a host it exempts is looked up here too, then again at connect.
 */
function envProxied(target: URL): boolean {
  const agent = target.protocol === "https:" ? https().globalAgent : http().globalAgent;
  const env = (agent as { options?: AgentOptions }).options?.proxyEnv;
  if (!env) return false;
  const proxy =
    target.protocol === "https:" ? env.HTTPS_PROXY || env.https_proxy : env.HTTP_PROXY || env.http_proxy;
  return Boolean(proxy);
}

function headerValue(v: string | string[] | undefined): string | null {
  if (v === undefined) return null;
  return Array.isArray(v) ? v.join(", ") : v;
}
