// The nsbox CLI: `nsbox run [options] -- CMD`. Usage errors exit 2, setup failures 125, otherwise the
// command's own status. No stack trace for anything the user can fix.
import { existsSync } from "node:fs";
import { abortAllSessions, cleanupStale, closeAllSessions, runSandbox } from "../engine/index";
import type { RunOptions, RunResult } from "../engine/types";
import { SetupError, UsageError } from "../engine/types";
import { type Command, parseArgs, USAGE } from "./args";

const VERSION = "0.1.0";

async function main(argv: string[]): Promise<number> {
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (err) {
    return fail(err);
  }
  switch (command.kind) {
    case "help":
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case "version":
      process.stdout.write(`nsbox ${VERSION}\n`);
      return 0;
    case "cleanup": {
      const removed = await cleanupStale();
      process.stdout.write(
        command.json ? `${JSON.stringify({ removed })}\n` : `removed ${removed} leftover(s)\n`,
      );
      return 0;
    }
    case "run":
      return run(command.options, command.json);
  }
}

async function run(options: RunOptions, json: boolean): Promise<number> {
  for (const m of options.mounts ?? []) {
    if (!existsSync(m.source)) {
      return fail(new UsageError(`mount: '${m.source}' does not exist on the host; give an existing path`));
    }
  }
  const stopOnSignal = (signal: NodeJS.Signals) => {
    receivedSignal ??= signal;
    abortAllSessions();
  };
  let receivedSignal: NodeJS.Signals | undefined;
  for (const s of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(s, stopOnSignal);
  let result: RunResult;
  try {
    result = await runSandbox({
      ...options,
      // In --json mode stdout carries only the result: the command's output goes to stderr.
      stdio: { stdin: "inherit", stdout: json ? 2 : "inherit", stderr: "inherit" },
      onProgress: (msg) => process.stderr.write(`nsbox: ${msg}\n`),
    });
  } catch (err) {
    await closeAllSessions();
    return fail(err, json);
  }
  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (result.status === "setup-error") process.stderr.write(`nsbox: ${result.error?.message}\n`);
  else if (result.reason) process.stderr.write(`nsbox: ${result.reason}\n`);
  if (!json && result.phase === "setup")
    process.stderr.write(`nsbox: setup failed (exit ${result.exitCode}); the command was not run\n`);
  if (!json && result.outputs) {
    const o = result.outputs;
    process.stderr.write(`nsbox: copied ${o.files.length} file(s), ${o.bytes} bytes, to ${o.dir}\n`);
    for (const s of o.skipped) process.stderr.write(`nsbox: left out ${s.path}: ${s.reason}\n`);
    if (o.skippedCount > o.skipped.length)
      process.stderr.write(`nsbox: ... and ${o.skippedCount - o.skipped.length} more left out\n`);
  }
  if (receivedSignal) return 128 + (signalNumbers[receivedSignal] ?? 15);
  return result.exitCode;
}

const signalNumbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

function fail(err: unknown, json = false): number {
  const usage = err instanceof UsageError;
  const setup = err instanceof SetupError;
  const message = err instanceof Error ? err.message : String(err);
  if (json && !usage) {
    const step = setup ? err.step : "engine";
    process.stdout.write(
      `${JSON.stringify({ status: "setup-error", exitCode: 125, error: { step, message } })}\n`,
    );
  }
  process.stderr.write(`nsbox: ${message}\n`);
  if (!usage && !setup && process.env.NSBOX_DEBUG) console.error(err);
  return usage ? 2 : 125;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.exitCode = fail(err);
  },
);
