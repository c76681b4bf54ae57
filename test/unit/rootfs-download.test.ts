import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { fetchBytes, NotFoundError } from "../../src/engine/rootfs/download";
import type { HttpGet } from "../../src/engine/rootfs/http-get";
import { LocalAddressError } from "../../src/engine/rootfs/local-address";
import { SetupError } from "../../src/engine/types";

/** A GET that answers from a script, one entry per call (fetch's Response has every part downloads read). */
function scripted(answers: (Response | Error)[]) {
  const calls: string[] = [];
  const impl: HttpGet = async (url) => {
    calls.push(url);
    const a = answers.shift();
    if (!a) throw new Error("no more answers");
    if (a instanceof Error) throw a;
    return a;
  };
  return { impl, calls };
}

// What node:http's request emits when nothing listens.
const refused = () =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED", syscall: "connect" });
const fast = { backoffMs: [1, 1] };

describe("fetchBytes", () => {
  it("retries network errors and 5xx, then succeeds", async () => {
    const { impl, calls } = scripted([refused(), new Response("busy", { status: 503 }), new Response("ok")]);
    const seen: [number, number | null][] = [];
    const body = await fetchBytes("http://m/x", {
      ...fast,
      httpGet: impl,
      onBytes: (a, b) => seen.push([a, b]),
    });
    expect(body.toString()).toBe("ok");
    expect(calls).toHaveLength(3);
    expect(seen.at(-1)?.[0]).toBe(2);
  });

  it("gives the underlying reason and the mirror hint after 3 attempts", async () => {
    const { impl, calls } = scripted([refused(), refused(), refused()]);
    await expect(fetchBytes("http://m/x", { ...fast, httpGet: impl, hint: "mirror" })).rejects.toThrow(
      new SetupError(
        "download",
        "cannot download http://m/x: connect ECONNREFUSED 127.0.0.1:9 (tried 3 times)",
        "mirror",
      ),
    );
    expect(calls).toHaveLength(3);
    // The hint is the caller's: the rootfs names the mirror, a package repository's download names none.
    const hintOf = (hint?: "mirror") =>
      fetchBytes("http://m/x", {
        ...fast,
        httpGet: scripted([refused(), refused(), refused()]).impl,
        hint,
      }).catch((e: SetupError) => e.hint);
    expect(await hintOf("mirror")).toBe("mirror");
    expect(await hintOf()).toBeUndefined();
  });

  it("does not retry a 404 (the caller names what is missing) or a 403", async () => {
    const a = scripted([new Response("", { status: 404 })]);
    await expect(fetchBytes("http://m/x", { ...fast, httpGet: a.impl })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(a.calls).toHaveLength(1);
    const b = scripted([new Response("", { status: 403, statusText: "Forbidden" })]);
    await expect(fetchBytes("http://m/x", { ...fast, httpGet: b.impl })).rejects.toThrow(
      "cannot download http://m/x: HTTP 403 Forbidden (tried 1 time)",
    );
  });

  it("refuses bodies over the size cap", async () => {
    const { impl } = scripted([new Response("x".repeat(100))]);
    await expect(fetchBytes("http://m/x", { ...fast, httpGet: impl, maxBytes: 10 })).rejects.toThrow(
      "larger than 10 bytes (tried 1 time)",
    );
  });

  it("waits 200 ms then 800 ms between attempts by default", async () => {
    const { impl } = scripted([refused(), refused(), refused()]);
    const t = performance.now();
    await fetchBytes("http://m/x", { httpGet: impl }).catch(() => {});
    const ms = performance.now() - t;
    expect(ms).toBeGreaterThanOrEqual(990);
    expect(ms).toBeLessThan(2500); // 1000 ms of waits; a third wait (or longer ones) would pass 2500
  });

  it("follows relative redirects, never from https to http nor to another scheme", async () => {
    const to = (location: string) => new Response(null, { status: 302, headers: { location } });
    const ok = scripted([to("/y"), new Response("there")]);
    expect((await fetchBytes("https://m/x", { ...fast, httpGet: ok.impl })).toString()).toBe("there");
    expect(ok.calls).toEqual(["https://m/x", "https://m/y"]);
    const down = scripted([to("http://m/y")]);
    await expect(fetchBytes("https://m/x", { ...fast, httpGet: down.impl })).rejects.toThrow(
      "cannot download https://m/x: redirected from https to http (http://m/y): refused (tried 1 time)",
    );
    const ftp = scripted([to("ftp://m/y")]);
    await expect(fetchBytes("http://m/x", { ...fast, httpGet: ftp.impl })).rejects.toThrow(
      "cannot download http://m/x: redirected to ftp: (only http and https are followed) (tried 1 time)",
    );
    // http to https is an upgrade: followed.
    const up = scripted([to("https://m/y"), new Response("safe")]);
    expect((await fetchBytes("http://m/x", { ...fast, httpGet: up.impl })).toString()).toBe("safe");
  });

  it("refuses a redirect to another origin's local address; a same-origin one goes anywhere asked", async () => {
    const to = (location: string) => new Response(null, { status: 302, headers: { location } });
    // What download.ts asks of each request: offHost for another origin only (the real GET then checks).
    const asked: [string, boolean][] = [];
    const answers = [to("/y"), to("https://cdn/z"), new Response("there")];
    const get: HttpGet = async (url, init) => {
      asked.push([url, init.offHost === true]);
      return answers.shift() as Response;
    };
    expect((await fetchBytes("http://127.0.0.1:8/x", { ...fast, httpGet: get })).toString()).toBe("there");
    expect(asked).toEqual([
      ["http://127.0.0.1:8/x", false],
      ["http://127.0.0.1:8/y", false],
      ["https://cdn/z", true],
    ]);
    const local: HttpGet = async (url, init) => {
      if (init.offHost) throw new LocalAddressError("169.254.169.254", "a link-local address");
      return url.endsWith("/x") ? to("http://metadata.internal/latest") : new Response("no");
    };
    await expect(fetchBytes("https://m/x", { ...fast, httpGet: local })).rejects.toThrow(
      "cannot download https://m/x: redirected from https to http (http://metadata.internal/latest): refused (tried 1 time)",
    );
    await expect(fetchBytes("http://m/x", { ...fast, httpGet: local })).rejects.toThrow(
      "cannot download http://m/x: redirected to http://metadata.internal/latest, another origin at a link-local address (169.254.169.254): refused (tried 1 time)",
    );
  });

  it("refuses a real redirect to another port of 127.0.0.1, which it never connects to", async () => {
    let reached = 0;
    const internal = http.createServer((_req, res) => {
      reached++;
      res.end("secret");
    });
    await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
    const secret = `http://127.0.0.1:${(internal.address() as AddressInfo).port}/secret`;
    const repo = http.createServer((req, res) => {
      if (req.url === "/moved") res.end("same origin");
      else res.writeHead(302, { location: req.url === "/x" ? "/moved" : secret }).end();
    });
    await new Promise<void>((resolve) => repo.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(repo.address() as AddressInfo).port}`;
    try {
      expect((await fetchBytes(`${base}/x`, fast)).toString()).toBe("same origin");
      await expect(fetchBytes(`${base}/leak-0-r0.apk`, fast)).rejects.toThrow(
        `cannot download ${base}/leak-0-r0.apk: redirected to ${secret}, another origin at a loopback address (127.0.0.1): refused (tried 1 time)`,
      );
      expect(reached).toBe(0);
    } finally {
      repo.closeAllConnections();
      internal.closeAllConnections();
      await Promise.all([repo, internal].map((s) => new Promise((r) => s.close(r))));
    }
  });

  it("gives up on a server that trickles (each byte would reset the stall timer), naming the URL", async () => {
    // A real server on 127.0.0.1: a byte every 20 ms, for ever; the rate floor is scaled down with time.
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      const timer = setInterval(() => res.write("x"), 20);
      res.on("close", () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/latest-releases.yaml`;
    try {
      const err = await fetchBytes(url, {
        ...fast,
        timeoutMs: 150, // never reached: a byte comes every 20 ms
        minRate: { bytes: 100, windowMs: 300 },
      }).catch((e) => e);
      expect(err).toBeInstanceOf(SetupError);
      expect(err.message).toMatch(
        new RegExp(
          `^cannot download ${url}: too slow: \\d+ bytes in 0\\.3 s, under the minimum of 100 \\(tried 3 times\\)$`,
        ),
      );
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("keeps a slow but steady download going past many windows", async () => {
    const { impl } = scripted([new Response(slowBody(8, 40))]);
    const body = await fetchBytes("http://m/x", {
      ...fast,
      httpGet: impl,
      minRate: { bytes: 1, windowMs: 100 },
    });
    expect(body.length).toBe(8);
  });
});

/** A body of `n` bytes, one every `ms`. */
function slowBody(n: number, ms: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    async pull(c) {
      await new Promise((r) => setTimeout(r, ms));
      if (sent++ < n) c.enqueue(new Uint8Array([120]));
      else c.close();
    },
  });
}
