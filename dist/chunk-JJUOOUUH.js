import { createRequire as __nsboxCreateRequire } from "node:module";
import { dirname as __nsboxDirname } from "node:path";
import { fileURLToPath as __nsboxFileURLToPath } from "node:url";
const require = __nsboxCreateRequire(import.meta.url);
const __filename = __nsboxFileURLToPath(import.meta.url);
const __dirname = __nsboxDirname(__filename);
import {
  childProcess,
  isRoot,
  randomBytes
} from "./chunk-OKCVBC3W.js";

// src/action/tail.ts
var TAIL_MAX_BYTES = 8 * 1024;
var TAIL_MAX_LINES = 30;
var Tail = class {
  constructor(maxBytes = TAIL_MAX_BYTES) {
    this.maxBytes = maxBytes;
  }
  maxBytes;
  kept = Buffer.alloc(0);
  dropped = false;
  push(chunk) {
    if (chunk.length >= this.maxBytes) {
      this.dropped ||= chunk.length > this.maxBytes || this.kept.length > 0;
      this.kept = Buffer.from(chunk.subarray(chunk.length - this.maxBytes));
      return;
    }
    const total = this.kept.length + chunk.length;
    const from = Math.max(0, total - this.maxBytes);
    if (from > 0) this.dropped = true;
    this.kept = Buffer.concat([this.kept.subarray(Math.min(from, this.kept.length)), chunk]);
  }
  /** At most `maxLines` whole last lines (a cut first line is dropped, not shown half), as UTF-8 text. */
  text(maxLines = TAIL_MAX_LINES) {
    let lines = this.kept.toString("utf8").split(/\r\n|\n|\r/);
    if (lines.at(-1) === "") lines.pop();
    if (this.dropped && lines.length > 1) lines = lines.slice(1);
    return lines.slice(-maxLines).join("\n");
  }
};

// src/action/workflow-commands.ts
function newStopToken() {
  return `nsbox-${randomBytes(16).toString("hex")}`;
}
var NEWLINE = 10;
var InertBlock = class {
  constructor(write) {
    this.write = write;
    write(`::stop-commands::${this.token}
`);
  }
  write;
  lastByte = NEWLINE;
  closed = false;
  token = newStopToken();
  data(chunk) {
    if (this.closed) throw new Error("inert block already closed");
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    if (bytes.length === 0) return;
    this.write(bytes);
    this.lastByte = bytes[bytes.length - 1];
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    if (this.lastByte !== NEWLINE) this.write("\n");
    this.write(`::${this.token}::
`);
  }
};
function writeInert(write, text) {
  const block = new InertBlock(write);
  block.data(text);
  block.close();
}

// src/action/frames.ts
var MAX_OUTPUT_BYTES = 64 * 1024;
var MAX_FRAME_BYTES = 1024 * 1024;
var KIND_EVENT = 0;
var KIND_OUTPUT = 1;
var KIND_SETUP_OUTPUT = 2;
function encodeEvent(json) {
  const body = Buffer.from(json);
  if (body.length + 1 > MAX_FRAME_BYTES) throw new Error(`event of ${body.length} bytes is too large`);
  const head = Buffer.alloc(5);
  head.writeUInt32BE(body.length + 1, 0);
  head.writeUInt8(KIND_EVENT, 4);
  return Buffer.concat([head, body]);
}
function encodeOutput(of, stream, data) {
  const indexBytes = of === "setup" ? 0 : 4;
  const frames = [];
  for (let at = 0; at < data.length; at += MAX_OUTPUT_BYTES) {
    const part = data.subarray(at, at + MAX_OUTPUT_BYTES);
    const head = Buffer.alloc(6 + indexBytes);
    head.writeUInt32BE(2 + indexBytes + part.length, 0);
    head.writeUInt8(of === "setup" ? KIND_SETUP_OUTPUT : KIND_OUTPUT, 4);
    if (of !== "setup") head.writeUInt32BE(of, 5);
    head.writeUInt8(stream === "stdout" ? 0 : 1, 5 + indexBytes);
    frames.push(Buffer.concat([head, part]));
  }
  return frames;
}
var FrameDecoder = class {
  pending = [];
  pendingBytes = 0;
  push(chunk) {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const frames = [];
    let buf = this.pending.length === 1 ? chunk : Buffer.concat(this.pending, this.pendingBytes);
    while (buf.length >= 4) {
      const length = buf.readUInt32BE(0);
      if (length < 1 || length > MAX_FRAME_BYTES) throw new Error(`bad frame length ${length}`);
      if (buf.length < 4 + length) break;
      frames.push(decode(buf.subarray(4, 4 + length)));
      buf = buf.subarray(4 + length);
    }
    this.pending = buf.length ? [Buffer.from(buf)] : [];
    this.pendingBytes = buf.length;
    return frames;
  }
  /** At the end of the stream: anything left is a cut frame. */
  end() {
    if (this.pendingBytes > 0)
      throw new Error(`the stream ended inside a frame (${this.pendingBytes} bytes)`);
  }
};
function decode(body) {
  const kind = body.readUInt8(0);
  if (kind === KIND_EVENT) return { kind: "event", json: body.subarray(1).toString("utf8") };
  if (kind === KIND_OUTPUT && body.length >= 6) {
    const stream = body.readUInt8(5) === 0 ? "stdout" : "stderr";
    return { kind: "output", i: body.readUInt32BE(1), stream, data: Buffer.from(body.subarray(6)) };
  }
  if (kind === KIND_SETUP_OUTPUT && body.length >= 2) {
    const stream = body.readUInt8(1) === 0 ? "stdout" : "stderr";
    return { kind: "setup-output", stream, data: Buffer.from(body.subarray(2)) };
  }
  throw new Error(`bad frame kind ${kind}`);
}

// src/action/privilege.ts
function detectPrivilege() {
  if (isRoot()) return "root";
  const probe = childProcess().spawnSync("sudo", ["-n", "true"], { stdio: "ignore", timeout: 1e4 });
  return probe.status === 0 ? "sudo" : "rootless";
}
var ROOTLESS_LIMITS = "running rootless (not root, no passwordless sudo): cgroup limits cannot be enforced (they are refused unless best-effort is on), nat needs slirp4netns and nft, and the sandbox maps only your own uid";
async function runPlanWithSudo(plan, entry, emit, onStderr, signal) {
  const child = childProcess().spawn("sudo", ["-n", "--", process.execPath, entry, "--nsbox-worker"], {
    stdio: ["pipe", "pipe", "pipe"]
  });
  const closed = new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
  child.on("error", () => {
  });
  child.stdin.on("error", () => {
  });
  child.stdin.end(JSON.stringify(plan));
  child.stderr.on("data", onStderr);
  const onAbort = () => child.kill("SIGTERM");
  signal?.addEventListener("abort", onAbort, { once: true });
  const decoder = new FrameDecoder();
  try {
    for await (const chunk of child.stdout) {
      for (const frame of decoder.push(chunk)) {
        if (frame.kind === "output") await emit({ t: "out", i: frame.i, s: frame.stream, d: frame.data });
        else if (frame.kind === "setup-output")
          await emit({ t: "setup-out", s: frame.stream, d: frame.data });
        else await emit(JSON.parse(frame.json));
      }
    }
    decoder.end();
  } catch (err) {
    child.kill("SIGTERM");
    await emit({
      t: "fatal",
      kind: "setup",
      message: `unreadable output from the sudo worker: ${err.message}`
    });
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  return closed;
}
async function cleanupWithSudo(entry, cacheDir) {
  const output = new Tail(16 * 1024);
  const { exec } = await import("./chunk-W6T7LJUO.js");
  const code = await exec(
    "sudo",
    ["-n", "--", process.execPath, entry, "--nsbox-cleanup", ...cacheDir ? [cacheDir] : []],
    {
      silent: true,
      ignoreReturnCode: true,
      listeners: { stdout: (c) => output.push(c), stderr: (c) => output.push(c) }
    }
  );
  return { code, output: output.text(200) };
}

export {
  Tail,
  InertBlock,
  writeInert,
  encodeEvent,
  encodeOutput,
  detectPrivilege,
  ROOTLESS_LIMITS,
  runPlanWithSudo,
  cleanupWithSudo
};
