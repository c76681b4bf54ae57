// Pure: the last lines of a command's output, for the summary, in bounded memory whatever the command
// prints (the step summary holds 1 MiB in all; a flood must not grow the Action).

const TAIL_MAX_BYTES = 8 * 1024;
const TAIL_MAX_LINES = 30;

export class Tail {
  private kept = Buffer.alloc(0);
  private dropped = false;

  constructor(private readonly maxBytes = TAIL_MAX_BYTES) {}

  push(chunk: Buffer): void {
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
  text(maxLines = TAIL_MAX_LINES): string {
    let lines = this.kept.toString("utf8").split(/\r\n|\n|\r/);
    if (lines.at(-1) === "") lines.pop(); // the final newline ends the last line, it starts none
    if (this.dropped && lines.length > 1) lines = lines.slice(1);
    return lines.slice(-maxLines).join("\n");
  }
}
