// A local Alpine mirror for tests: serves a directory tree on 127.0.0.1 with injectable faults.
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const sharedCopy = path.resolve(import.meta.dirname, "../../../shared/alpine");
const metadata = path.resolve(import.meta.dirname, "../fixtures/alpine-mirror");
const downloaded = path.join(tmpdir(), "nsbox-test-alpine-mirror");

/**
 * The Alpine mirror tree the tests serve: $NSBOX_TEST_ALPINE_ROOT, the shared copy beside the repo
 * (../shared/alpine), or — on a machine without it, e.g. a GitHub runner — a copy made once by
 * ensureAlpineMirror() from the committed metadata plus tarballs fetched from the real mirror.
 */
export function alpineMirrorRoot(): string {
  if (process.env.NSBOX_TEST_ALPINE_ROOT) return process.env.NSBOX_TEST_ALPINE_ROOT;
  return existsSync(sharedCopy) ? sharedCopy : downloaded;
}

/** Makes alpineMirrorRoot() exist: downloads each tarball named by a committed .sha256 and verifies it. */
export async function ensureAlpineMirror(
  upstream = "https://dl-cdn.alpinelinux.org/alpine",
): Promise<string> {
  const root = alpineMirrorRoot();
  if (root !== downloaded) return root;
  cpSync(metadata, downloaded, { recursive: true });
  const shaFiles = readdirSync(downloaded, { recursive: true, encoding: "utf8" }).filter((f) =>
    f.endsWith(".tar.gz.sha256"),
  );
  for (const shaFile of shaFiles) {
    const rel = shaFile.slice(0, -".sha256".length);
    const dest = path.join(downloaded, rel);
    const want = readFileSync(path.join(downloaded, shaFile), "utf8").split(/\s+/)[0];
    if (existsSync(dest) && sha256(readFileSync(dest)) === want) continue;
    const res = await fetch(`${upstream}/${rel}`);
    if (!res.ok) throw new Error(`test mirror: cannot download ${upstream}/${rel}: HTTP ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    if (sha256(body) !== want) throw new Error(`test mirror: checksum mismatch for ${rel}`);
    writeFileSync(`${dest}.part`, body);
    renameSync(`${dest}.part`, dest);
  }
  return downloaded;
}

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export interface MirrorOptions {
  notFound?: string[]; // answer 404 for these paths
  corrupt?: string[]; // flip bytes in the middle of the body (same length)
  truncate?: string[]; // send only the first half of the body, then end cleanly
  wrongChecksum?: string[]; // .sha256 paths: answer a valid but wrong hash
  closeConnection?: string[]; // destroy the socket without answering
  flaky?: Record<string, number>; // destroy the socket for the first N requests of a path
  hang?: string[]; // accept the request and never answer
  stall?: string[]; // send the headers and the first half of the body, then nothing more
  files?: Record<string, string | Buffer>; // serve these bodies (extra or replacing) at these paths
  status?: Record<string, number>; // answer this HTTP status with an empty body
  redirect?: Record<string, string>; // answer 302 with this Location (absolute, or relative to the path)
  headers?: Record<string, Record<string, string>>; // extra headers on this path's 200 answer
}

export interface Mirror {
  url: string;
  requests: string[]; // request paths in order
  close(): Promise<void>;
}

export async function startMirror(root = alpineMirrorRoot(), opts: MirrorOptions = {}): Promise<Mirror> {
  const requests: string[] = [];
  const has = (list: string[] | undefined, p: string) => list?.includes(p) ?? false;
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    requests.push(p);
    const flaky = opts.flaky?.[p] ?? 0;
    if (has(opts.closeConnection, p) || requests.filter((r) => r === p).length <= flaky) {
      req.socket.destroy();
      return;
    }
    if (has(opts.hang, p)) return;
    const location = opts.redirect?.[p];
    if (location !== undefined) {
      res.writeHead(302, { location }).end();
      return;
    }
    const status = opts.status?.[p];
    if (status !== undefined) {
      res.writeHead(status).end();
      return;
    }
    let body = has(opts.notFound, p) ? null : (toBuf(opts.files?.[p]) ?? readTree(root, p));
    if (body === null) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    if (has(opts.wrongChecksum, p)) {
      const wrong = createHash("sha256").update(body).update("wrong").digest("hex");
      body = Buffer.from(`${wrong}  ${path.basename(p, ".sha256")}\n`);
    }
    if (has(opts.corrupt, p)) {
      body = Buffer.from(body);
      const mid = body.length >> 1;
      for (let i = mid; i < Math.min(mid + 64, body.length); i++) body[i] = (body[i] as number) ^ 0xff;
    }
    if (has(opts.truncate, p)) body = body.subarray(0, body.length >> 1);
    res.writeHead(200, {
      "content-length": body.length,
      "content-type": "application/octet-stream",
      ...opts.headers?.[p],
    });
    if (has(opts.stall, p)) res.write(body.subarray(0, body.length >> 1));
    else res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alpine`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const toBuf = (v: string | Buffer | undefined) => (v === undefined ? undefined : Buffer.from(v));

/**
 * Map /alpine/<rel> into `root`. A small regular file standing where a directory is expected holds
 * the name of a sibling directory: that is how the shared copy stores the latest-stable symlink.
 */
function readTree(root: string, urlPath: string): Buffer | null {
  if (!urlPath.startsWith("/alpine/")) return null;
  const parts = urlPath.slice("/alpine/".length).split("/");
  if (parts.some((x) => x === "" || x === "." || x === "..")) return null;
  let dir = root;
  for (let i = 0; i < parts.length; i++) {
    const p = path.join(dir, parts[i] as string);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      return null;
    }
    const last = i === parts.length - 1;
    if (st.isDirectory() && !last) dir = p;
    else if (st.isFile() && last) return readFileSync(p);
    else if (st.isFile() && st.size < 64) {
      const alias = readFileSync(p, "utf8").trim();
      if (!/^[\w.-]+$/.test(alias)) return null;
      dir = path.join(dir, alias);
    } else return null;
  }
  return null;
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
