// Spawns the native helper (native/), hands it one sandbox spec on fd 3 and decodes its status lines
// on fd 4. See docs/design.md for the protocol.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { type ExitStatus, type StdioSpec, spawnWithPipes } from "./spawn";
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
function encodeSpec(records: readonly SpecRecord[]): Buffer {
  const parts: Buffer[] = [];
  for (const [key, value] of records) {
    if (value.includes("\0")) throw new SetupError("spec", `${key} contains a NUL byte`);
    parts.push(Buffer.from(`${key}=${value}\0`));
  }
  parts.push(Buffer.from("end=\0"));
  return Buffer.concat(parts);
}

export interface HelperProcess {
  pid: number;
  control: Writable; // fd 3: spec, then the go byte
  events: AsyncIterable<HelperEvent>;
  stdout: Readable | null;
  stderr: Readable | null;
  finished: Promise<void>; // status closed and the output pipes drained
  exit: Promise<ExitStatus>; // the helper's own end (reaped shortly after finished)
}

/** Start the helper with an empty environment: nothing of the engine's reaches it, let alone the sandbox. */
export function startHelper(
  records: readonly SpecRecord[],
  stdio: [StdioSpec, StdioSpec, StdioSpec],
): HelperProcess {
  const child = spawnWithPipes(helperPath(), stdio);
  child.control.on("error", () => {}); // EPIPE when the helper died early: reported through its status
  child.control.write(encodeSpec(records));
  const drained = [child.stdout, child.stderr].map((s) =>
    s ? new Promise<void>((resolve) => s.once("close", () => resolve())) : Promise.resolve(),
  );
  const finished = Promise.all([child.done, ...drained]).then(() => {});
  return {
    pid: child.pid,
    control: child.control,
    events: readEvents(child.status),
    stdout: child.stdout,
    stderr: child.stderr,
    finished,
    exit: child.exit,
  };
}

async function* readEvents(stream: Readable): AsyncIterable<HelperEvent> {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (!line) continue;
    try {
      yield JSON.parse(line) as HelperEvent;
    } catch {
      throw new SetupError(
        "helper",
        `the sandbox helper wrote an unreadable status line: ${line.slice(0, 200)}`,
      );
    }
  }
}
