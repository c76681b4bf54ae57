// HTTP GET into memory (or a file) with retries, a stall timeout and progress reporting.
import { closeSync, openSync, rmSync } from "node:fs";
import { writeAll } from "../fs";
import { sleepUnlessAborted } from "../sleep";
import { type HintKey, SetupError, throwIfCancelled } from "../types";
import { type HttpAnswer, type HttpGet, httpGet } from "./http-get";
import { LocalAddressError } from "./local-address";

export interface FetchOptions {
  httpGet?: HttpGet; // tests: a scripted answer per request
  attempts?: number; // default 3
  backoffMs?: number[]; // wait before attempt 2, 3...: default 200, 800
  timeoutMs?: number; // no response / no data for this long aborts the attempt: default 30 s
  minRate?: MinRate; // a body slower than this aborts the attempt: default DEFAULT_MIN_RATE
  maxBytes?: number; // refuse bodies larger than this
  onBytes?: (received: number, total: number | null) => void;
  signal?: AbortSignal; // the caller's: aborts at once (no retry) with CancelledError
  hint?: HintKey; // what the front end may tell its user to fix when the download fails (the rootfs: "mirror")
  /** Where the body goes instead of memory: `start` at each attempt's first byte, `write` each chunk. */
  sink?: { start(): void; write(chunk: Buffer): void };
}

/** At least `bytes` of the body in every `windowMs` (from its first byte), or the attempt ends. */
export interface MinRate {
  bytes: number;
  windowMs: number;
}

/**
 * ~1 KiB/s, over 30 s windows: far below any real link (the 3.5 MB minirootfs would take an hour), but a
 * server trickling a byte at a time, which keeps the stall timer from firing, is given up within a window.
 */
const DEFAULT_MIN_RATE: MinRate = { bytes: 32 * 1024, windowMs: 30_000 };

/** The server answered 404/410: not worth retrying, and the caller knows what was missing. */
export class NotFoundError extends Error {
  constructor(readonly url: string) {
    super(`${url}: not found (HTTP 404)`);
  }
}

class Permanent extends Error {} // an answer that retrying will not change (e.g. HTTP 403)
class TooSlow extends Error {} // the body came slower than the minimum rate

const DEFAULT_BACKOFF = [200, 800];
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function fetchBytes(url: string, opts: FetchOptions = {}): Promise<Buffer> {
  const attempts = opts.attempts ?? 3;
  let reason = "";
  let tried = 0;
  for (let i = 0; i < attempts; i++) {
    if (i > 0)
      await sleepUnlessAborted(opts.backoffMs?.[i - 1] ?? DEFAULT_BACKOFF[i - 1] ?? 800, opts.signal);
    throwIfCancelled(opts.signal);
    tried++;
    try {
      return await attempt(url, opts);
    } catch (e) {
      throwIfCancelled(opts.signal);
      if (e instanceof NotFoundError) throw e;
      reason = describe(e, opts.timeoutMs ?? 30_000);
      if (e instanceof Permanent) break;
    }
  }
  throw new SetupError(
    "download",
    `cannot download ${url}: ${reason} (tried ${tried} time${tried === 1 ? "" : "s"})`,
    opts.hint,
  );
}

/** GET `url` into a new file (0644) without holding it in memory; on failure no file is left. */
export async function fetchToFile(url: string, file: string, opts: FetchOptions = {}): Promise<void> {
  let fd = -1;
  const close = () => {
    if (fd >= 0) closeSync(fd);
    fd = -1;
  };
  try {
    await fetchBytes(url, {
      ...opts,
      sink: {
        start: () => {
          close();
          fd = openSync(file, "w", 0o644);
        },
        write: (chunk) => writeAll(fd, chunk, chunk.length),
      },
    });
  } catch (e) {
    close();
    rmSync(file, { force: true });
    throw e;
  } finally {
    close();
  }
}

export async function fetchText(url: string, opts: FetchOptions = {}): Promise<string> {
  return (await fetchBytes(url, { maxBytes: 1024 * 1024, ...opts })).toString("utf8");
}

async function attempt(url: string, opts: FetchOptions): Promise<Buffer> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const ac = new AbortController();
  const onCallerAbort = () => ac.abort();
  opts.signal?.addEventListener("abort", onCallerAbort, { once: true });
  let timer = setTimeout(() => ac.abort(), timeoutMs);
  const kick = () => {
    clearTimeout(timer);
    timer = setTimeout(() => ac.abort(), timeoutMs);
  };
  let slow: TooSlow | null = null;
  let rateTimer: NodeJS.Timeout | undefined;
  try {
    const res = await follow(url, opts.httpGet ?? httpGet, ac.signal);
    if (res.status === 404 || res.status === 410) {
      await res.body?.cancel();
      throw new NotFoundError(url);
    }
    if (res.status < 200 || res.status > 299) {
      await res.body?.cancel();
      const msg = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
      throw res.status >= 500 || res.status === 429 ? new Error(msg) : new Permanent(msg);
    }
    const len = Number(res.headers.get("content-length"));
    const total = Number.isFinite(len) && len > 0 ? len : null;
    const max = opts.maxBytes ?? 1024 ** 3;
    if (total !== null && total > max) throw new Permanent(`the file is larger than ${max} bytes`);
    const chunks: Buffer[] = [];
    let received = 0;
    opts.onBytes?.(0, total);
    opts.sink?.start();
    const rate = opts.minRate ?? DEFAULT_MIN_RATE;
    let windowStart = 0;
    rateTimer = setInterval(() => {
      const got = received - windowStart;
      windowStart = received;
      if (got >= rate.bytes) return;
      slow = new TooSlow(
        `too slow: ${got} bytes in ${rate.windowMs / 1000} s, under the minimum of ${rate.bytes}`,
      );
      ac.abort();
    }, rate.windowMs);
    if (res.body) {
      for await (const chunk of res.body) {
        kick();
        received += chunk.byteLength;
        if (received > max) throw new Permanent(`the file is larger than ${max} bytes`);
        const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        try {
          if (opts.sink) opts.sink.write(buf);
          else chunks.push(buf);
          opts.onBytes?.(received, total);
        } catch (e) {
          throw new Permanent((e as Error).message); // the caller's own refusal (a budget, a full disk)
        }
      }
    }
    if (total !== null && received !== total) {
      throw new Error(`connection closed after ${received} of ${total} bytes`);
    }
    return opts.sink ? Buffer.alloc(0) : Buffer.concat(chunks, received);
  } catch (e) {
    // node:http reports an abort mid-body as the connection's end ("aborted"): say it was our timer.
    if (ac.signal.aborted && !opts.signal?.aborted)
      throw slow ?? Object.assign(new Error("stalled"), { name: "AbortError" });
    throw e;
  } finally {
    clearTimeout(timer);
    clearInterval(rateTimer);
    opts.signal?.removeEventListener("abort", onCallerAbort);
  }
}

/**
 * GET `url`, following up to five redirects to http(s) URLs; never from https to http (an answer over
 * https must not hand the download to a connection anyone on the path can rewrite), and never from the
 * URL's origin to another one on a local address (local-address.ts: the host's own services and its
 * link's, which a repository elsewhere must not make this host fetch for it). The URL's own origin is
 * whatever its caller named, 127.0.0.1 included.
 */
async function follow(url: string, get: HttpGet, signal: AbortSignal): Promise<HttpAnswer> {
  const origin = new URL(url).origin;
  let at = url;
  for (let hop = 0; ; hop++) {
    const res = await getOffHost(at, new URL(at).origin !== origin, get, signal);
    const location = res.headers.get("location");
    if (!REDIRECTS.has(res.status) || location === null) return res;
    await res.body?.cancel();
    if (hop === MAX_REDIRECTS) throw new Permanent(`more than ${MAX_REDIRECTS} redirects`);
    const next = new URL(location, at);
    if (next.protocol !== "http:" && next.protocol !== "https:")
      throw new Permanent(`redirected to ${next.protocol} (only http and https are followed)`);
    if (new URL(at).protocol === "https:" && next.protocol === "http:")
      throw new Permanent(`redirected from https to http (${next.href}): refused`);
    at = next.href;
  }
}

/** `get`, refusing a local address when `offHost` (a redirect's target on another origin). */
async function getOffHost(url: string, offHost: boolean, get: HttpGet, signal: AbortSignal) {
  try {
    return await get(url, offHost ? { signal, offHost } : { signal });
  } catch (e) {
    if (!(e instanceof LocalAddressError)) throw e;
    throw new Permanent(`redirected to ${url}, another origin at ${e.kind} (${e.address}): refused`);
  }
}

/** One short reason: node:http's own system error ("connect ECONNREFUSED 127.0.0.1:9"), or the timeout. */
function describe(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && e.name === "AbortError") return `no data for ${timeoutMs / 1000} s`;
  const message = e instanceof Error ? e.message : String(e);
  // OpenSSL's error queue, as Node passes it on ("write EPROTO 40…:error:0A00010B:SSL routines:<func>:wrong
  // version number:../deps/openssl/…/tlsany_meth.c:77:" and a line break): its reason, in one line.
  const ssl = /:SSL routines:[^:]*:([^:\n]+):/.exec(message);
  if (ssl) {
    const plain = /wrong version number|http request/.test(ssl[1] as string)
      ? ": the server may not speak https there"
      : "";
    return `the TLS handshake failed (${ssl[1]}${plain})`;
  }
  return message.replace(/\s*\n\s*/g, " ").trim();
}
