// Pure: what the runner would parse as a workflow command, and how to make text it must not parse inert.
// The runner reads the step's stdout line by line (\n, \r and \r\n end a line) and acts on `::name k=v::data`
// at the start of a line and on the legacy `##[name k=v;]data` anywhere in it — until `::stop-commands::T`,
// after which it ignores everything but the line `::T::`. So whatever a sandbox prints goes between a fresh,
// unguessable token's stop and resume lines. nsbox's own command lines (groups, annotations) go through
// @actions/core, which escapes data (% \r \n) and properties (also : ,) by the runner's rules.
import { randomBytes } from "../engine/index";

/** 128 random bits: a sandbox that cannot read the step log cannot guess the resume line. */
function newStopToken(): string {
  return `nsbox-${randomBytes(16).toString("hex")}`;
}

const NEWLINE = 0x0a;

/**
 * One stretch of untrusted bytes in the log: `::stop-commands::<token>`, the bytes as they are, a newline
 * if they did not end with one (a partial last line must not swallow the resume line), `::<token>::`.
 */
export class InertBlock {
  private lastByte = NEWLINE;
  private closed = false;
  readonly token = newStopToken();

  constructor(private readonly write: (data: string | Buffer) => void) {
    write(`::stop-commands::${this.token}\n`);
  }

  data(chunk: Buffer | string): void {
    if (this.closed) throw new Error("inert block already closed");
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    if (bytes.length === 0) return;
    this.write(bytes);
    this.lastByte = bytes[bytes.length - 1] as number;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // After a trailing \r the \n makes one \r\n line end, so the resume line still starts a line.
    if (this.lastByte !== NEWLINE) this.write("\n");
    this.write(`::${this.token}::\n`);
  }
}

/** The step's log: the runner reads the Action's stdout for workflow commands. */
export function toStdout(data: string | Buffer): boolean {
  return process.stdout.write(data);
}

/** Writes text from outside nsbox (a command name, a worker's stderr) as one inert block. */
export function writeInert(write: (data: string | Buffer) => void, text: string | Buffer): void {
  const block = new InertBlock(write);
  block.data(text);
  block.close();
}
