// Node's proxy and extra-CA settings, for the engine's downloads (the rootfs, package indexes and .apk files)
// in the sudo worker. sudo's env_reset drops them, and Node reads them only as it starts: the main step takes
// them as its own Node applied them, the plan carries them to the worker on stdin (never on sudo's command
// line: a proxy URL can hold a password, and /proc/<pid>/cmdline is world-readable), and the worker applies
// them before its first request.

export interface DownloadEnv {
  /** The proxy variables, when the step turned Node's proxy support on; null: no proxy. */
  proxy: Record<string, string> | null;
  /** The certificates (PEM) Node loaded from NODE_EXTRA_CA_CERTS, trusted besides its bundled ones. */
  extraCa: string[];
}

const PROXY_VARS = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy"];

/** The main step's side: what its own Node uses. Loads node:tls only when there are extra CAs. */
export function captureDownloadEnv(env: NodeJS.ProcessEnv): DownloadEnv {
  const given = PROXY_VARS.filter((k) => env[k] !== undefined).map((k) => [k, env[k] as string]);
  return {
    proxy: proxySupportOn(env) ? Object.fromEntries(given) : null,
    // Node's parsed certificates, not the file: the root worker never opens a path the runner's user named.
    extraCa: env.NODE_EXTRA_CA_CERTS ? process.getBuiltinModule("node:tls").getCACertificates("extra") : [],
  };
}

/** Node's own switch for its proxy support: NODE_USE_ENV_PROXY=1 or --use-env-proxy in NODE_OPTIONS. */
function proxySupportOn(env: NodeJS.ProcessEnv): boolean {
  return env.NODE_USE_ENV_PROXY === "1" || /(?:^|\s)--use-env-proxy(?:\s|$)/.test(env.NODE_OPTIONS ?? "");
}

/** The worker's side. The global agents are made as Node makes them at start with NODE_USE_ENV_PROXY=1 (its
 *  options; proxyEnv from Node 24.5), not by http.setGlobalProxyFromEnv (Node 24.14, and it loads undici). */
export function applyDownloadEnv(d: DownloadEnv | undefined): void {
  if (d?.extraCa.length) {
    const tls = process.getBuiltinModule("node:tls");
    tls.setDefaultCACertificates([...tls.getCACertificates("default"), ...d.extraCa]);
  }
  if (d?.proxy) {
    const http = process.getBuiltinModule("node:http");
    const https = process.getBuiltinModule("node:https");
    const options = { keepAlive: true, scheduling: "lifo" as const, timeout: 5000, proxyEnv: d.proxy };
    http.globalAgent = new http.Agent(options);
    https.globalAgent = new https.Agent(options);
  }
}
