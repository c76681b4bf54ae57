// Speaks the helper protocol (docs/design.md): one sandbox spec on a control pipe, status lines back.
// HelperServer keeps one `nsbox-helper --serve` per session and sends it each sandbox as a request.
import { closeSync, existsSync, openSync } from "node:fs";
import { Socket } from "node:net";
import { dirname, join } from "node:path";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { type ExitStatus, makePipe, type ServerProcess, type StdioSpec, sendFds, spawnServer } from "./spawn";
import { SetupError } from "./types";

export type SpecRecord = readonly [key: string, value: string];

export interface Rusage {
  utime_us: number;
  stime_us: number;
  maxrss_kb: number;
  minflt: number;
  majflt: number;
  nvcsw: number;
  nivcsw: number;
}

export type HelperEvent =
  | { event: "pid"; pid: number }
  | { event: "setup-error"; step: string; errno: number; message: string }
  | { event: "exit"; code: number | null; signal: number | null }
  | { event: "init-exit"; code: number | null; signal: number | null; rusage: Rusage };

const helperName = `nsbox-helper-${process.arch}`;

/** The helper binary: $NSBOX_HELPER, next to the bundle (dist/native/), or dist/native/ from src/. */
export function helperPath(): string {
  const override = process.env.NSBOX_HELPER;
  if (override) return override;
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "native", helperName), join(here, "..", "..", "dist", "native", helperName)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new SetupError(
      "helper",
      `the sandbox helper ${helperName} is missing (looked in ${candidates.join(", ")}); run npm run build`,
    );
  }
  return found;
}

/** NUL-terminated key=value records, closed by `end=` (the helper reads up to it). */
export function encodeSpec(records: readonly SpecRecord[]): Buffer {
  const parts: Buffer[] = [];
  for (const [key, value] of records) {
    if (value.includes("\0")) throw new SetupError("spec", `${key} contains a NUL byte`);
    parts.push(Buffer.from(`${key}=${value}\0`));
  }
  parts.push(Buffer.from("end=\0"));
  return Buffer.concat(parts);
}

/** One sandbox's helper: a request to the session's server. */
export interface HelperProcess {
  control: Writable; // the request's control pipe: spec, then the go byte
  events: AsyncIterable<HelperEvent>;
  stdout: Readable | null;
  stderr: Readable | null;
  finished: Promise<void>; // its last status line came (init-exit, or done) and the output pipes drained
  exit: Promise<ExitStatus>; // how the sandbox's outer helper ended (a crashed server's own end)
}

/** Starts the helper of one sandbox (the session's server; tests may substitute their own). */
export type HelperLauncher = (
  records: readonly SpecRecord[],
  stdio: [StdioSpec, StdioSpec, StdioSpec],
) => HelperProcess;

const EAGAIN = 11;
// sendmsg errors that mean the server is gone (its end closed) rather than a bad descriptor of ours.
const SERVER_GONE = new Set([
  32 /* EPIPE */, 104 /* ECONNRESET */, 107 /* ENOTCONN */, 111 /* ECONNREFUSED */,
]);
const SEND_RETRY_MS = 1;

/** An async iterable fed by the events demultiplexer: one per request. */
class EventQueue implements AsyncIterable<HelperEvent> {
  private readonly items: HelperEvent[] = [];
  private waiting: ((r: IteratorResult<HelperEvent>) => void) | null = null;
  private ended = false;
  private markEnded: () => void = () => {};
  /** No event will follow. */
  readonly whenEnded = new Promise<void>((resolve) => {
    this.markEnded = resolve;
  });

  push(ev: HelperEvent): void {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w({ value: ev, done: false });
    } else this.items.push(ev);
  }

  end(): void {
    this.ended = true;
    this.markEnded();
    this.waiting?.({ value: undefined, done: true });
    this.waiting = null;
  }

  [Symbol.asyncIterator](): AsyncIterator<HelperEvent> {
    return {
      next: () => {
        const ev = this.items.shift();
        if (ev) return Promise.resolve({ value: ev, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          this.waiting = resolve;
        });
      },
    };
  }
}

/**
 * Calls `onLine` with each line of `stream` as it comes (UTF-8, without its newline), and with an unfinished
 * last one at its end. What node:readline would do here, without loading it (~0.7 ms of every start).
 */
function onLines(stream: Socket, onLine: (line: string) => void): void {
  let partial = "";
  stream.setEncoding("utf8"); // a character split across two reads is decoded whole
  stream.on("data", (chunk: string) => {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() as string;
    for (const line of lines) onLine(line);
  });
  stream.once("end", () => {
    if (partial) onLine(partial);
  });
}

/** A line of the server's events pipe: a request's status line, or its end. */
type TaggedLine = { id: number } & (
  | HelperEvent
  | { event: "done"; code: number | null; signal: number | null }
);

/**
 * The server's answer on the session's tree (native/tree.h): whole (damage null), the first damage found,
 * or why it could not check (unreadable list, a server that ended first): then the engine checks itself.
 */
export type TreeAnswer = { damage: string | null } | { unchecked: string };

/** The untagged line that carries it, before any request's. */
type TreeLine = { id?: undefined; event: "tree"; damage?: string | null; unchecked?: string };

interface Request {
  events: EventQueue;
  server: ServerProcess | null; // the server it was sent to (null: not yet)
  done(status: ExitStatus): void;
}

/**
 * One `nsbox-helper --serve` for a session (started on first use, again after a crash): each sandbox is a
 * request with its control pipe and stdio passed as descriptors; the status lines of every request come
 * back tagged on one events pipe. When the server dies, every request it held ends with the server's own
 * exit status (outcome.ts reports a killed helper), and the next request starts a new server.
 */
export class HelperServer {
  private proc: ServerProcess | null = null;
  private nextId = 0;
  private readonly requests = new Map<number, Request>();
  private devNull: number | null = null;
  private treeAnswer: ((answer: TreeAnswer) => void) | null = null;

  readonly launch: HelperLauncher = (records, stdio) => this.run(records, stdio);

  /**
   * Starts the server with the session's tree to check first (`--check-tree`): it answers on the events
   * pipe before it serves any request, in C and on another CPU while the engine goes on setting the
   * session up. Asked before any request.
   */
  checkTree(dir: string, list: string): Promise<TreeAnswer> {
    return new Promise<TreeAnswer>((resolve) => {
      this.treeAnswer = resolve;
      try {
        this.proc = this.start(["--check-tree", dir, list]);
        this.proc.events.ref(); // the answer is awaited: the loop must wait for it
      } catch (err) {
        this.answerTree({ unchecked: (err as Error).message }); // a request will say what is wrong
      }
    });
  }

  private answerTree(answer: TreeAnswer): void {
    this.treeAnswer?.(answer);
    this.treeAnswer = null;
    if (this.requests.size === 0) this.proc?.events.unref();
  }

  private start(args: readonly string[] = []): ServerProcess {
    const proc = spawnServer(helperPath(), args);
    onLines(proc.events, (line) => this.dispatch(line));
    proc.events.once("close", () => {
      this.answerTree({ unchecked: "the helper ended before it answered" });
      if (this.proc === proc) this.proc = null; // the next request starts a new server
      proc.exit.then((status) => {
        for (const [id, r] of this.requests) {
          if (r.server !== proc) continue; // sent to a newer server
          this.requests.delete(id);
          r.done(status);
        }
      });
    });
    proc.events.unref();
    return proc;
  }

  private dispatch(line: string): void {
    if (!line) return;
    let ev: TaggedLine | TreeLine;
    try {
      ev = JSON.parse(line);
    } catch {
      return; // the server and init write whole lines; anything else is not ours to act on
    }
    if (ev.event === "tree" && ev.id === undefined) {
      const { damage, unchecked } = ev;
      this.answerTree(
        damage === null || typeof damage === "string"
          ? { damage }
          : {
              unchecked: typeof unchecked === "string" ? unchecked : "the helper's answer was not understood",
            },
      );
      return;
    }
    const r = typeof ev.id === "number" ? this.requests.get(ev.id) : undefined;
    if (!r) return;
    if (ev.event === "done") {
      this.requests.delete(ev.id);
      r.done({ code: ev.code, signal: ev.signal });
      if (this.requests.size === 0) this.proc?.events.unref();
      return;
    }
    const { id: _id, ...rest } = ev;
    r.events.push(rest);
    // init-exit is the outer helper's last line: the sandbox is over (its `done` only confirms the exit).
    if (rest.event === "init-exit") r.events.end();
  }

  run(records: readonly SpecRecord[], stdio: [StdioSpec, StdioSpec, StdioSpec]): HelperProcess {
    const spec = encodeSpec(records);
    const [controlIn, controlOut] = makePipe();
    const theirs: number[] = [controlIn];
    const toClose: number[] = [controlIn];
    const mine: Array<number | null> = [null, null, null];
    stdio.forEach((s, target) => {
      if (s === "inherit") theirs.push(target);
      else if (s === "ignore") theirs.push(this.nullFd());
      else if (s === "pipe") {
        const [r, w] = makePipe();
        const [ours, child] = target === 0 ? [w, r] : [r, w];
        mine[target] = ours;
        theirs.push(child);
        toClose.push(child);
      } else theirs.push(s);
    });
    const id = ++this.nextId;
    const events = new EventQueue();
    let resolveExit: (s: ExitStatus) => void = () => {};
    const exit = new Promise<ExitStatus>((resolve) => {
      resolveExit = resolve;
    });
    const request: Request = {
      events,
      server: null,
      done: (status) => {
        events.end();
        resolveExit(status);
      },
    };
    this.requests.set(id, request);
    const message = Buffer.from(`id=${id}\0`);
    const send = (retried: boolean): void => {
      if (!this.proc) this.proc = this.start();
      const proc = this.proc;
      proc.events.ref();
      const err = sendFds(proc.requests, message, theirs);
      if (err === EAGAIN) {
        setTimeout(() => send(retried), SEND_RETRY_MS); // the server's queue is full: it is forking
        return;
      }
      if (SERVER_GONE.has(err) && !retried) {
        this.abandon(); // ended before we read its end: a new one takes the request
        send(true);
        return;
      }
      for (const fd of toClose) closeSync(fd);
      if (err === 0) {
        request.server = proc;
        return;
      }
      this.requests.delete(id);
      events.push({
        event: "setup-error",
        step: "helper",
        errno: err,
        message: `cannot hand the sandbox to the helper (sendmsg: errno ${err})`,
      });
      request.done({ code: null, signal: null });
    };
    send(false);
    const control = new Socket({ fd: controlOut, readable: false, writable: true });
    control.on("error", () => {}); // EPIPE when the sandbox's helper died early: reported through its status
    control.write(spec);
    if (mine[0] !== null) closeSync(mine[0]); // nothing writes to a piped stdin: the command reads EOF
    const readable = (fd: number | null) =>
      fd === null ? null : new Socket({ fd, readable: true, writable: false });
    const stdout = readable(mine[1] ?? null);
    const stderr = readable(mine[2] ?? null);
    const drained = [stdout, stderr].map((s) =>
      s ? new Promise<void>((resolve) => s.once("close", () => resolve())) : Promise.resolve(),
    );
    return {
      control,
      events,
      stdout,
      stderr,
      finished: Promise.all([events.whenEnded, ...drained]).then(() => {}),
      exit,
    };
  }

  private nullFd(): number {
    this.devNull ??= openSync("/dev/null", "r+");
    return this.devNull;
  }

  /** Forget a server that no longer takes requests (its events end settles what it held). */
  private abandon(): void {
    const proc = this.proc;
    this.proc = null;
    if (proc) closeSync(proc.requests);
  }

  /** No more requests: the server finishes what runs and leaves. */
  async close(): Promise<void> {
    const proc = this.proc;
    this.abandon();
    if (this.devNull !== null) closeSync(this.devNull);
    this.devNull = null;
    if (proc) {
      proc.events.ref();
      await new Promise<void>((resolve) =>
        proc.events.closed ? resolve() : proc.events.once("close", () => resolve()),
      );
    }
  }
}
