import { once } from "node:events";
import { createServer, setGlobalProxyFromEnv } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { describe, expect, it } from "vitest";
import { httpGet } from "../../src/engine/rootfs/http-get";
import { LocalAddressError, localAddressKind } from "../../src/engine/rootfs/local-address";

describe("localAddressKind", () => {
  it("knows loopback, unspecified, link-local and this host's own addresses, in every spelling", () => {
    for (const a of [
      "127.0.0.1",
      "127.9.8.7",
      "::1",
      "[::1]",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "0.0.0.0",
      "::",
    ])
      expect(localAddressKind(a), a).toBe("a loopback address");
    for (const a of ["169.254.169.254", "fe80::1", "fe80::1%eth0", "[fe80::a]", "::ffff:169.254.169.254"])
      expect(localAddressKind(a), a).toBe("a link-local address");
    const own = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && !a.internal && !a.address.startsWith("fe80:"));
    if (own) expect(localAddressKind(own.address), own.address).toBe("an address of this host");
  });

  it("knows the clouds' metadata addresses that are not link-local, and a refused IPv4 address behind NAT64", () => {
    for (const a of [
      "fd00:ec2::254",
      "[fd00:ec2::254]",
      "168.63.129.16",
      "100.100.100.200",
      "::ffff:168.63.129.16",
    ])
      expect(localAddressKind(a), a).toBe("a cloud metadata address");
    expect(localAddressKind("64:ff9b::a9fe:a9fe")).toBe(
      "a link-local address (169.254.169.254 through NAT64)",
    );
    expect(localAddressKind("64:ff9b::169.254.169.254")).toBe(
      "a link-local address (169.254.169.254 through NAT64)",
    );
    expect(localAddressKind("64:ff9b:1::7f00:1")).toBe("a loopback address (127.0.0.1 through NAT64)");
    expect(localAddressKind("[64:ff9b::a83f:8110]")).toBe(
      "a cloud metadata address (168.63.129.16 through NAT64)",
    );
    // Next to them, and a public IPv4 address behind NAT64: the network's.
    for (const a of [
      "fd00:ec2::253",
      "168.63.129.17",
      "100.100.100.201",
      "64:ff9b::5db8:d822",
      "64:ff9b:2::7f00:1",
    ])
      expect(localAddressKind(a), a).toBeNull();
  });

  it("leaves other addresses and names to the network", () => {
    for (const a of [
      "93.184.216.34",
      "2606:4700::1111",
      "198.51.100.7",
      "dl-cdn.alpinelinux.org",
      "localhost",
    ])
      expect(localAddressKind(a), a).toBeNull(); // a name is judged by what it resolves to, at connect
  });
});

describe("httpGet off the host", () => {
  const refusal = (url: string) =>
    httpGet(url, { signal: new AbortController().signal, offHost: true }).then(
      () => null,
      (e: unknown) => e,
    );

  it("refuses a local address before connecting, by the URL's literal or by the name's answer", async () => {
    for (const url of [
      "http://127.0.0.1:9/x",
      "https://[::1]:9/x",
      "http://169.254.169.254/latest/meta-data/",
    ]) {
      const e = await refusal(url);
      expect(e, url).toBeInstanceOf(LocalAddressError);
    }
    const byName = await refusal("http://localhost:9/x");
    expect(byName).toBeInstanceOf(LocalAddressError);
    expect((byName as LocalAddressError).kind).toBe("a loopback address");
  });

  it("refuses a name this host resolves to a local address even through an env proxy, which resolves it itself", async () => {
    // The proxy (on loopback, as the caller named it) answers anything: asked for the target, it would fetch it.
    const asked: string[] = [];
    const proxy = createServer((req, res) => {
      asked.push(req.url ?? "");
      res.end("via the proxy");
    }).listen(0, "127.0.0.1");
    await once(proxy, "listening");
    const restore = setGlobalProxyFromEnv({
      HTTP_PROXY: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    });
    try {
      const byName = await refusal("http://localhost:9/x");
      expect(byName).toBeInstanceOf(LocalAddressError);
      expect((byName as LocalAddressError).kind).toBe("a loopback address");
      expect(asked).toEqual([]);
      // A name this host cannot resolve goes on to the proxy: local-route.test.ts, where no resolver is reached.
    } finally {
      restore();
      proxy.close();
    }
  });
});
