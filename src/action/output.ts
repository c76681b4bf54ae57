// Where the commands' output goes in the step log. Everything a sandbox prints is written inside an
// inert block (workflow-commands.ts), so the runner parses none of it. With one sandbox at a time it is
// streamed live into the command's group; with more, each command's output is spooled to a file and
// copied into its group, in chunks, when the command ends. Memory stays bounded whatever the output: a
// chunk at a time, and a capped tail per command for the summary. A cancelled run stops the copying: the
// runner kills the step 10 s after its cancel, and a spool of a gigabyte takes longer than that to copy,
// so the results, summary and annotations, written after the log, would be lost.
import { closeSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import * as core from "@actions/core";
import { formatBytes, type OutputsResult, type RunResult } from "../engine/index";
import { actionRunErrorText } from "./hints";
import type { PlanEvent } from "./runner";
import { Tail } from "./tail";
import { InertBlock, toStdout, writeInert } from "./workflow-commands";

/** Past this, a waiting command's output is counted, not kept: a flood must not fill the runner's disk. */
const SPOOL_MAX_BYTES = 2 * 1024 * 1024 * 1024;
const COPY_CHUNK = 64 * 1024;

/** One turn of the event loop (node:timers/promises would be one more module for a run to load). */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Spool {
  fd: number;
  path: string;
  bytes: number;
  dropped: number;
}

export class CommandLog {
  readonly tails: Tail[];
  readonly setupTail = new Tail();
  private readonly spools = new Map<number, Spool>();
  private live: InertBlock | null = null;
  private queue: Promise<void> = Promise.resolve();

  /**
   * `spoolDir` null: commands run one at a time and stream live. The setup runs alone: always live.
   * `signal`: the run's cancel; spooled output not yet copied when it fires stays out of the log.
   */
  constructor(
    private readonly commands: ReadonlyArray<{ name: string; position: number }>,
    private readonly spoolDir: string | null,
    private readonly signal: AbortSignal,
  ) {
    this.tails = commands.map(() => new Tail());
  }

  /** Takes a plan event; a returned promise asks the producer to wait (the log is not keeping up). */
  handle(e: PlanEvent): void | Promise<void> {
    const streamed = this.spoolDir === null;
    switch (e.t) {
      case "progress":
        return this.print(() => core.info(`nsbox: ${e.message}`));
      case "setup-start":
        return this.openLive("setup");
      case "setup-out":
        this.setupTail.push(e.d);
        return this.writeLive(e.d);
      case "setup-result":
        return this.closeLive(e.result);
      case "start":
        if (streamed) this.openLive(this.nameOf(e.i));
        return;
      case "out":
        this.tails[e.i]?.push(e.d);
        if (streamed) return this.writeLive(e.d);
        this.spool(e.i, e.d);
        return;
      case "result":
        if (streamed) return this.closeLive(e.result);
        this.print(() => this.copySpool(e.i, e.result));
        return;
      case "skipped":
        return this.print(() => {
          // Its place in the step's list, as the results file and a sharded step's other jobs number it.
          core.info(`nsbox: skipped command ${this.commands[e.i]?.position} (${e.why}):`);
          writeInert(toStdout, `${this.nameOf(e.i)}\n`);
        });
      default:
        return;
    }
  }

  /** Prints text of outside origin (the sudo worker's stderr) in a group, inert. */
  printForeign(title: string, text: string): Promise<void> {
    return this.print(() => {
      core.startGroup(title);
      writeInert(toStdout, text);
      core.endGroup();
    });
  }

  /** Waits until everything queued is in the log. */
  async drain(): Promise<void> {
    await this.queue;
  }

  /**
   * After the run, whatever happened: closes a live block a command left open (its sandbox threw before a
   * result), so the step's own annotations that follow are read as commands again; removes spool files.
   */
  dispose(): void {
    if (this.live) {
      this.live.close();
      this.live = null;
      core.endGroup();
    }
    for (const [i, s] of this.spools) {
      this.spools.delete(i);
      closeSync(s.fd);
      unlinkSync(s.path);
    }
  }

  private nameOf(i: number): string {
    return this.commands[i]?.name ?? "";
  }

  private openLive(name: string): void {
    core.startGroup(`▶ ${name}`);
    this.live = new InertBlock(toStdout);
  }

  private closeLive(result: RunResult): void {
    this.live?.close();
    this.live = null;
    verdict(result);
  }

  private writeLive(d: Buffer): void | Promise<void> {
    if (!this.live) return;
    this.live.data(d);
    // process.stdout blocks on pipes and files; a TTY may buffer: then wait for it.
    if (process.stdout.writableNeedDrain) return new Promise((r) => process.stdout.once("drain", r));
  }

  private print(task: () => void | Promise<void>): Promise<void> {
    this.queue = this.queue.then(task);
    return this.queue;
  }

  private spool(i: number, d: Buffer): void {
    let s = this.spools.get(i);
    if (!s) {
      const path = join(this.spoolDir as string, `output-${i}`);
      s = { fd: openSync(path, "wx+", 0o600), path, bytes: 0, dropped: 0 };
      this.spools.set(i, s);
    }
    if (s.bytes + d.length > SPOOL_MAX_BYTES) {
      s.dropped += d.length;
      return;
    }
    writeSync(s.fd, d);
    s.bytes += d.length;
  }

  private async copySpool(i: number, result: RunResult): Promise<void> {
    core.startGroup(`▶ ${this.nameOf(i)}`);
    const s = this.spools.get(i);
    const block = new InertBlock(toStdout);
    let notCopied = 0;
    if (s) {
      this.spools.delete(i);
      const chunk = Buffer.alloc(COPY_CHUNK);
      try {
        for (let at = 0; at < s.bytes; ) {
          if (this.signal.aborted) {
            notCopied = s.bytes - at;
            break;
          }
          const n = readSync(s.fd, chunk, 0, COPY_CHUNK, at);
          if (n === 0) break;
          block.data(chunk.subarray(0, n));
          at += n;
          // Let the engine (other sandboxes' pipes, timers) run between chunks.
          if (process.stdout.writableNeedDrain) await new Promise((r) => process.stdout.once("drain", r));
          else await yieldToLoop();
        }
      } finally {
        closeSync(s.fd);
        unlinkSync(s.path);
      }
    }
    block.close();
    if (notCopied) this.notCopied(i, notCopied);
    if (s?.dropped)
      core.info(`nsbox: ${formatBytes(s.dropped)} of output past ${formatBytes(SPOOL_MAX_BYTES)} not kept`);
    verdict(result);
  }

  /** What a cancel left out of a command's group; the name inert, as everything of the sandbox's side. */
  private notCopied(i: number, bytes: number): void {
    const by = typeof this.signal.reason === "string" ? ` by ${this.signal.reason}` : "";
    const position = this.commands[i]?.position;
    core.info(
      `nsbox: the run was stopped${by}: ${formatBytes(bytes)} of command ${position}'s output not copied into the log:`,
    );
    writeInert(toStdout, `${this.nameOf(i)}\n`);
  }
}

/** Left-out outputs shown in a command's group; the results file lists more (the first 50). */
const LEFT_OUT_SHOWN = 5;

function verdict(r: RunResult): void {
  // A sandbox that could not start has no reason but its error (and the fix, in the Action's words).
  const why = r.reason ?? (r.status === "setup-error" && r.error ? actionRunErrorText(r.error) : null);
  core.info(`⮑ ${r.status}, exit ${r.exitCode}${why ? ` (${why})` : ""}`);
  if (r.outputs?.skippedCount) leftOut(r.outputs);
  core.endGroup();
}

/**
 * What a command's `outputs` left out, in its group: the first few `path: why`, inert (the paths are the
 * sandbox's own names, the reasons hold them too: a name may hold a line break and a workflow command).
 */
function leftOut(o: OutputsResult): void {
  core.info(`nsbox: outputs: ${o.skippedCount} left out:`);
  const shown = o.skipped.slice(0, LEFT_OUT_SHOWN);
  writeInert(toStdout, shown.map((s) => `${s.path}: ${s.reason}\n`).join(""));
  const more = o.skippedCount - shown.length;
  if (more > 0) core.info(`… and ${more} more (the results file's outputs.skipped)`);
}
