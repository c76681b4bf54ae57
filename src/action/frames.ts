// The sudo worker → Action pipe: length-prefixed frames, so neither side ever holds more than one bounded
// frame (no line to reassemble, no base64 to inflate). A frame is a u32 length (big-endian) of what
// follows, a kind byte, then either a JSON event, a command's output (u32 command index, stream byte, raw
// bytes) or the setup's output (stream byte, raw bytes: the setup is no command, it has no index).
export const MAX_OUTPUT_BYTES = 64 * 1024; // one output frame's payload; bigger chunks are split
const MAX_FRAME_BYTES = 1024 * 1024; // a JSON event (a result) is far smaller; more is corruption

const KIND_EVENT = 0;
const KIND_OUTPUT = 1;
const KIND_SETUP_OUTPUT = 2;

type Stream = "stdout" | "stderr";

export type Frame =
  | { kind: "event"; json: string }
  | { kind: "output"; i: number; stream: Stream; data: Buffer }
  | { kind: "setup-output"; stream: Stream; data: Buffer };

export function encodeEvent(json: string): Buffer {
  const body = Buffer.from(json);
  if (body.length + 1 > MAX_FRAME_BYTES) throw new Error(`event of ${body.length} bytes is too large`);
  const head = Buffer.alloc(5);
  head.writeUInt32BE(body.length + 1, 0);
  head.writeUInt8(KIND_EVENT, 4);
  return Buffer.concat([head, body]);
}

/** Output of command `of` (its index in the plan's commands) or of the setup. */
export function encodeOutput(of: number | "setup", stream: Stream, data: Buffer): Buffer[] {
  const indexBytes = of === "setup" ? 0 : 4;
  const frames: Buffer[] = [];
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

/** Cuts a byte stream into frames; holds at most one partial frame. Throws on a malformed stream. */
export class FrameDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  push(chunk: Buffer): Frame[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const frames: Frame[] = [];
    let buf = this.pending.length === 1 ? chunk : Buffer.concat(this.pending, this.pendingBytes);
    while (buf.length >= 4) {
      const length = buf.readUInt32BE(0);
      if (length < 1 || length > MAX_FRAME_BYTES) throw new Error(`bad frame length ${length}`);
      if (buf.length < 4 + length) break;
      frames.push(decode(buf.subarray(4, 4 + length)));
      buf = buf.subarray(4 + length);
    }
    // Copy the remainder: a subarray would pin the whole chunk it came from.
    this.pending = buf.length ? [Buffer.from(buf)] : [];
    this.pendingBytes = buf.length;
    return frames;
  }

  /** At the end of the stream: anything left is a cut frame. */
  end(): void {
    if (this.pendingBytes > 0)
      throw new Error(`the stream ended inside a frame (${this.pendingBytes} bytes)`);
  }
}

function decode(body: Buffer): Frame {
  const kind = body.readUInt8(0);
  if (kind === KIND_EVENT) return { kind: "event", json: body.subarray(1).toString("utf8") };
  // A copy of the data, so the frame does not keep the pipe's chunk alive after it is written out.
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
