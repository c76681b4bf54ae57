// A download's redirect guard (src/engine/rootfs/local-address.ts) against the addresses a host delivers to
// itself with no interface holding them: an AnyIP local route (`ip route add local 10.77.0.0/16 dev lo`),
// where a service may listen. Everything happens in a throwaway network namespace with only lo, a veth
// pair and those routes: a child Node process there runs the engine's download code against servers it
// starts there, with its own /etc/hosts and resolv.conf bound over the host's in its own mount namespace
// (ip netns exec makes one), so no name is asked of the real host's resolver.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleEngine, canUseNetns, createNetns, deleteNetns, inNs } from "../support/netns";

const SILENT_NS = "127.0.0.53";
const REPO = join(import.meta.dirname, "..", "..");
const ENTRY = [
  'export { loadLibc } from "./src/engine/libc.ts";',
  'export { netlink } from "./src/engine/net/netlink.ts";',
  'export { fetchBytes } from "./src/engine/rootfs/download.ts";',
  'export { localAddressKind } from "./src/engine/rootfs/local-address.ts";',
].join("\n");

describe.skipIf(!canUseNetns())("the redirect guard in a namespace with AnyIP local routes", () => {
  let ns = "";
  let dir = "";
  let bundle = "";

  beforeAll(() => {
    mkdirSync(join(REPO, ".cache"), { recursive: true });
    dir = mkdtempSync(join(REPO, ".cache", "localroute-")); // below the repo: the bundle finds koffi
    bundle = bundleEngine(dir, "engine", ENTRY);
    ns = createNetns("anyip");
    inNs(
      ns,
      [
        "ip route add local 10.77.0.0/16 dev lo",
        "ip -6 route add local fd77::/64 dev lo",
        // Routed but not local: a link's subnet (its own address is local, the rest is not).
        "ip link add d0 type veth peer name d1 && ip link set d1 up && ip link set d0 up",
        "ip addr add 10.78.0.1/24 dev d0 && ip -6 addr add fd78::1/64 dev d0 nodad",
      ].join(" && "),
    );
    writeFileSync(join(dir, "hosts"), "127.0.0.1 localhost\n10.77.1.1 secret.example\n");
    writeFileSync(join(dir, "resolv.conf"), "nameserver 127.0.0.1\n"); // nothing listens: names fail at once
    // A nameserver the driver itself runs (a UDP socket that never replies): each lookup waits 5 s.
    writeFileSync(join(dir, "resolv-silent.conf"), `nameserver ${SILENT_NS}\noptions timeout:5 attempts:1\n`);
  }, 60_000);
  afterAll(() => {
    if (ns) deleteNetns(ns);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Run `body` (an async module body with the bundle's exports in scope) in the namespace; its JSON line. */
  const inside = (body: string, resolv = "resolv.conf"): Promise<unknown> => {
    const file = join(dir, `drv-${Math.random().toString(36).slice(2)}.mjs`);
    writeFileSync(
      file,
      `import { loadLibc, netlink, fetchBytes, localAddressKind } from ${JSON.stringify(bundle)};
await loadLibc(); // as a session opens
const out = await (async () => {${body}})();
console.log(JSON.stringify(out));
process.exit(0);
`,
    );
    const bind = `mount --bind "$1/hosts" /etc/hosts && mount --bind "$1/${resolv}" /etc/resolv.conf && exec "$2" "$3"`;
    return new Promise((resolve, reject) =>
      execFile(
        "ip",
        ["netns", "exec", ns, "sh", "-c", bind, "sh", dir, process.execPath, file],
        { encoding: "utf8", timeout: 30_000 },
        (err, stdout, stderr) =>
          err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
      ),
    );
  };

  it("asks the kernel for a destination's route: local for an AnyIP range, not for a routed subnet", async () => {
    const report = await inside(`
const type = (a) => { try { return netlink().routeType(a); } catch (e) { return e.code; } };
const addrs = ["127.0.0.1", "::1", "10.77.1.1", "10.77.255.254", "fd77::5", "10.78.0.1", "10.78.0.5", "fd78::5", "192.0.2.1"];
const kinds = (list) => Object.fromEntries(list.map((a) => [a, localAddressKind(a)]));
const report = { types: Object.fromEntries(addrs.map((a) => [a, type(a)])), kinds: kinds([...addrs, "::ffff:10.77.1.1", "fd78::1"]) };
netlink().close(); // no rtnetlink to ask: the check falls back to the interfaces' addresses, no throw
return { ...report, fallback: kinds(["10.78.0.1", "fd78::1", "10.77.1.1"]) };
`);
    expect(report).toEqual({
      // RTN_LOCAL = 2, RTN_UNICAST = 1; no route at all: the kernel's ENETUNREACH.
      types: {
        "127.0.0.1": 2,
        "::1": 2,
        "10.77.1.1": 2,
        "10.77.255.254": 2,
        "fd77::5": 2,
        "10.78.0.1": 2,
        "10.78.0.5": 1,
        "fd78::5": 1,
        "192.0.2.1": "ENETUNREACH",
      },
      kinds: {
        "127.0.0.1": "a loopback address",
        "::1": "a loopback address",
        "10.77.1.1": "an address of this host",
        "10.77.255.254": "an address of this host",
        "fd77::5": "an address of this host",
        "::ffff:10.77.1.1": "an address of this host",
        "10.78.0.1": "an address of this host",
        "fd78::1": "an address of this host",
        "10.78.0.5": null,
        "fd78::5": null,
        "192.0.2.1": null,
      },
      // An interface's address still refused; an AnyIP range is what only the kernel's answer knows.
      fallback: {
        "10.78.0.1": "an address of this host",
        "fd78::1": "an address of this host",
        "10.77.1.1": null,
      },
    });
  });

  /** A secret on 10.77.1.1 (AnyIP: on no interface) and a mirror on loopback redirecting each path to `to`. */
  const servers = (to: string) => `
const http = await import("node:http");
const { once } = await import("node:events");
const asked = [];
const secret = http.createServer((q, s) => { asked.push(q.url); s.end("internal only\\n"); }).listen(0, "10.77.1.1");
await once(secret, "listening");
const port = secret.address().port;
const target = ${JSON.stringify(to)}.replace("PORT", port);
const mirror = http.createServer((q, s) => s.writeHead(302, { location: target }).end()).listen(0, "127.0.0.1");
await once(mirror, "listening");
const mirrorUrl = "http://127.0.0.1:" + mirror.address().port + "/v3.20/releases/x86_64/alpine.tar.gz";
const outcome = (p) => p.then((b) => "fetched: " + b.toString().trim(), (e) => e.message);
`;

  it("refuses a mirror's redirect to an AnyIP address of this host, which is there to fetch", async () => {
    const report = await inside(`${servers("http://10.77.1.1:PORT/secret")}
const direct = await outcome(fetchBytes(target, { attempts: 1 }));
const redirected = await outcome(fetchBytes(mirrorUrl, { attempts: 1 }));
return { direct, redirected, asked, target, mirrorUrl };
`);
    const { target, mirrorUrl } = report as { target: string; mirrorUrl: string };
    expect(report).toEqual({
      direct: "fetched: internal only", // asked for by name, it is there: the refusal below is the guard's
      redirected: `cannot download ${mirrorUrl}: redirected to ${target}, another origin at an address of this host (10.77.1.1): refused (tried 1 time)`,
      asked: ["/secret"], // the direct fetch's only
      target,
      mirrorUrl,
    });
  });

  it("through an env proxy, refuses a name this host resolves to such an address, and lets an unresolvable one through", async () => {
    const report = await inside(`${servers("http://secret.example:PORT/secret")}
const proxied = [];
const proxy = http.createServer((q, s) => { proxied.push(q.url); s.end("via the proxy\\n"); }).listen(0, "127.0.0.1");
await once(proxy, "listening");
http.setGlobalProxyFromEnv({ HTTP_PROXY: "http://127.0.0.1:" + proxy.address().port, NO_PROXY: "127.0.0.1" });
const redirected = await outcome(fetchBytes(mirrorUrl, { attempts: 1 }));
mirror.removeAllListeners("request");
mirror.on("request", (q, s) => s.writeHead(302, { location: "http://nowhere.invalid/file" }).end());
const unresolved = await outcome(fetchBytes(mirrorUrl, { attempts: 1 }));
return { redirected, unresolved, asked, proxied, target, mirrorUrl };
`);
    const { target, mirrorUrl } = report as { target: string; mirrorUrl: string };
    expect(report).toEqual({
      redirected: `cannot download ${mirrorUrl}: redirected to ${target}, another origin at an address of this host (10.77.1.1): refused (tried 1 time)`,
      unresolved: "fetched: via the proxy", // the name is the proxy's to resolve, as before
      asked: [],
      proxied: ["http://nowhere.invalid/file"],
      target,
      mirrorUrl,
    });
  });

  it("gives a proxied redirect's name 2 s of this host's resolver, not the download's timer, and a direct one no extra lookup", async () => {
    const report = await inside(
      `${servers("http://slow.test/file")}
const dgram = await import("node:dgram");
const dns = await import("node:dns");
let queries = 0; // the silent nameserver's: it counts and never answers
const silent = dgram.createSocket("udp4").on("message", () => queries++);
await new Promise((r) => silent.bind(53, ${JSON.stringify(SILENT_NS)}, r));
const timed = async (p) => { const t = Date.now(); const out = await outcome(p); return { out, within3s: Date.now() - t < 3000 }; };
// One lookup of the name, as node:net makes it: the queries it sends (A and AAAA).
await new Promise((r) => dns.lookup("slow.test", { all: true }, r));
const perLookup = queries;
queries = 0;
const direct = await timed(fetchBytes(mirrorUrl, { attempts: 1, timeoutMs: 30000 }));
const directQueries = queries;
const proxied = [];
const proxy = http.createServer((q, s) => { proxied.push(q.url); s.end("via the proxy\\n"); }).listen(0, "127.0.0.1");
await once(proxy, "listening");
http.setGlobalProxyFromEnv({ HTTP_PROXY: "http://127.0.0.1:" + proxy.address().port, NO_PROXY: "127.0.0.1" });
const viaProxy = await timed(fetchBytes(mirrorUrl, { attempts: 1, timeoutMs: 4000 }));
return { perLookup: perLookup > 0, direct: direct.out.includes("slow.test"), directQueries: directQueries / perLookup, viaProxy, proxied };
`,
      "resolv-silent.conf",
    );
    expect(report).toEqual({
      perLookup: true,
      direct: true, // the name's lookup failed: the redirect's target named in the error
      directQueries: 1, // node:net's lookup only
      viaProxy: { out: "fetched: via the proxy", within3s: true }, // the lookup given up on at 2 s, not "no data for 4 s" after the 5 s lookup
      proxied: ["http://slow.test/file"],
    });
  }, 60_000);
});
