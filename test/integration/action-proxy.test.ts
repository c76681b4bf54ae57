// The Action behind a proxy (the README's mirror input: the step's env sets NODE_USE_ENV_PROXY and
// HTTP(S)_PROXY), as root and as a sudo user, whose privileged worker sudo starts with a reset environment.
// Everything is in a throwaway network namespace with only lo: the mirror's name resolves nowhere, so only
// the logging proxy on 127.0.0.1 there can serve it; https goes through its CONNECT to a server whose
// certificate only NODE_EXTRA_CA_CERTS's CA vouches for.
import { type ChildProcess, execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alpineMirrorRoot } from "../support/mirror";
import { canUseNetns, createNetns, deleteNetns, spawnNodeIn } from "../support/netns";
import {
  createRunner,
  ensureUser,
  REPO_ROOT,
  type RunAs,
  removeUser,
  runAction,
} from "../support/runner-harness";
import { sandboxSkipReason } from "../support/sandbox";

const USER = "nsbox-e2e-proxy";
const MIRROR = "alpine.example"; // resolves nowhere in the namespace

/** A mirror on http and https (its certificate for MIRROR) and a forward proxy to it, logging each request. */
const servers = (root: string, key: string, cert: string) => `
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { once } from "node:events";
import { createReadStream, readFileSync, statSync } from "node:fs";
import { join, normalize } from "node:path";
const serve = (req, res) => {
  const file = join(${JSON.stringify(root)}, normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)));
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) return res.writeHead(404).end();
  res.writeHead(200);
  createReadStream(file).pipe(res);
};
const plain = http.createServer(serve).listen(0, "127.0.0.1");
const tls = { key: readFileSync(${JSON.stringify(key)}), cert: readFileSync(${JSON.stringify(cert)}) };
const secure = https.createServer(tls, serve).listen(0, "127.0.0.1");
const log = (line) => process.stdout.write(line + "\\n");
const proxy = http.createServer((req, res) => {
  log("GET " + req.url);
  const url = new URL(req.url);
  if (url.hostname !== ${JSON.stringify(MIRROR)}) return res.writeHead(502).end();
  http
    .get({ host: "127.0.0.1", port: plain.address().port, path: url.pathname }, (up) => {
      res.writeHead(up.statusCode, up.headers);
      up.pipe(res);
    })
    .on("error", () => res.writeHead(502).end());
});
proxy.on("connect", (req, client, head) => {
  log("CONNECT " + req.url);
  if (req.url !== ${JSON.stringify(`${MIRROR}:443`)}) return client.end("HTTP/1.1 403 Forbidden\\r\\n\\r\\n");
  const up = net.connect(secure.address().port, "127.0.0.1", () => {
    client.write("HTTP/1.1 200 Connection Established\\r\\n\\r\\n");
    up.write(head);
    up.pipe(client).on("error", () => {});
    client.pipe(up).on("error", () => {});
  });
  up.on("error", () => client.destroy());
  client.on("error", () => up.destroy());
});
proxy.listen(0, "127.0.0.1");
await Promise.all([plain, secure, proxy].map((s) => once(s, "listening")));
log("PROXY " + proxy.address().port);
`;

describe.skipIf(
  sandboxSkipReason !== null || !canUseNetns() || !existsSync(join(REPO_ROOT, "dist", "index.js")),
)("the Action behind a proxy", () => {
  let ns = "";
  let dir = "";
  let proxy: ChildProcess | null = null;
  let proxyUrl = "";
  const asked: string[] = [];
  let sudoUser: { uid: number; gid: number } | null = null;

  beforeAll(async () => {
    sudoUser = ensureUser(USER, { sudo: true });
    ns = createNetns("proxy");
    dir = mkdtempSync("/tmp/nsbox-proxy-");
    // A CA of this test only, and the mirror's certificate it signs; readable by the sudo user's step.
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, "san.ext"), `subjectAltName=DNS:${MIRROR}\n`);
    const openssl = (args: string) => execFileSync("openssl", args.split(" "), { cwd: dir, stdio: "ignore" });
    openssl("req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=nsbox-test-CA -keyout ca.key -out ca.pem");
    openssl(`req -newkey rsa:2048 -nodes -subj /CN=${MIRROR} -keyout m.key -out m.csr`);
    openssl("x509 -req -in m.csr -CA ca.pem -CAkey ca.key -days 2 -extfile san.ext -out m.pem");
    chmodSync(join(dir, "ca.pem"), 0o644);
    proxy = spawnNodeIn(ns, servers(alpineMirrorRoot(), join(dir, "m.key"), join(dir, "m.pem")), dir);
    proxy.stderr?.pipe(process.stderr);
    let pending = "";
    await new Promise<void>((resolve, reject) => {
      proxy?.once("exit", (c) => reject(new Error(`the proxy exited with ${c}`)));
      proxy?.stdout?.on("data", (d: Buffer) => {
        pending += d.toString();
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const l of lines) {
          if (l.startsWith("PROXY ")) {
            proxyUrl = `http://127.0.0.1:${l.slice(6)}`;
            resolve();
          } else asked.push(l);
        }
      });
    });
  });
  afterAll(() => {
    proxy?.kill("SIGKILL");
    if (ns) deleteNetns(ns);
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (sudoUser) removeUser(USER);
  });

  const cases = [
    { who: "root", as: (): RunAs | null => "root" },
    { who: "a sudo user", as: (): RunAs | null => sudoUser },
  ];
  for (const c of cases) {
    it.for(["http", "https"])(
      `downloads the rootfs from an %s mirror through the proxy as ${c.who}`,
      async (scheme, ctx) => {
        const as = c.as();
        if (!as) return ctx.skip("no useradd or sudo here");
        // Its own tool cache: the rootfs must be downloaded.
        const runner = createRunner({ as, toolCache: "private" });
        try {
          asked.length = 0;
          const r = await runAction({
            runner,
            netns: ns,
            with: {
              run: "cat /etc/alpine-release",
              mirror: `${scheme}://${MIRROR}`,
              "alpine-version": "3.20",
            },
            env: {
              NODE_USE_ENV_PROXY: "1",
              [`${scheme.toUpperCase()}_PROXY`]: proxyUrl,
              NODE_EXTRA_CA_CERTS: join(dir, "ca.pem"),
            },
            post: false,
          });
          expect(r.annotations, r.log).toEqual([]);
          expect(r.exitCode).toBe(0);
          expect(r.log).toContain("\n3.20.3\n");
          if (scheme === "http") {
            expect(asked).toEqual([
              expect.stringMatching(
                /^GET http:\/\/alpine\.example\/v3\.20\/releases\/\w+\/latest-releases\.yaml$/,
              ),
              expect.stringMatching(
                /^GET http:\/\/alpine\.example\/v3\.20\/releases\/\w+\/alpine-minirootfs-3\.20\.3-\w+\.tar\.gz$/,
              ),
            ]);
          } else {
            expect(asked.length).toBeGreaterThan(0);
            expect(new Set(asked)).toEqual(new Set(["CONNECT alpine.example:443"]));
          }
        } finally {
          runner.remove();
        }
      },
    );
  }
});
