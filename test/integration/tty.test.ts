// An interactive terminal: with a terminal on stdin, `nsbox run -- sh` gets a pty of the sandbox's own
// (never the caller's), with job control, ^C for the foreground job and the window size following.
// Driven through a real pty whose master the test holds (test/support/fds.ts).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { openPty, type Pty } from "../support/fds";
import { sandboxSkipReason } from "../support/sandbox";

const cli = join(import.meta.dirname, "..", "..", "dist", "cli.js");

let live: { child: ChildProcess; pty: Pty } | null = null;

/** The CLI as a session leader whose controlling terminal is the test's pty (as in a terminal). */
function start(args: string[], rows = 30, cols = 100, beforeSpawn: (pty: Pty) => void = () => {}) {
  const pty = openPty();
  pty.resize(rows, cols);
  beforeSpawn(pty);
  const base = ["--mirror", inject("mirrorUrl"), "--cache-dir", inject("cacheDir"), "--alpine", "3.20"];
  const child = spawn("setsid", ["-c", process.execPath, cli, "run", ...base, ...args], {
    stdio: [pty.slave, pty.slave, pty.slave],
  });
  closeSync(pty.slave); // the child's copies are the only ones: the master sees EIO when they close
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  live = { child, pty };
  return { pty, exited };
}

afterEach(() => {
  if (live && live.child.exitCode === null) live.child.kill("SIGKILL");
  live?.pty.close();
  live = null;
});

describe.skipIf(sandboxSkipReason !== null || !existsSync(cli))("nsbox run with a terminal", () => {
  it("gives sh a pty inside, ^C stops the foreground job only, the size follows, the status comes back", async () => {
    const { pty, exited } = start(["--", "sh"]);
    await pty.waitFor(/# /);
    pty.write("tty; stty size; echo do''ne\n");
    const first = await pty.waitFor(/done\r\n/);
    expect(first).toMatch(/\/dev\/pts\/0\r\n/); // the sandbox's own devpts instance, not the test's pty
    expect(first).toMatch(/\r\n30 100\r\n/);
    pty.write("sleep 100\n");
    await new Promise((r) => setTimeout(r, 500));
    pty.write("\x03"); // raw caller terminal: the byte reaches the sandbox's line discipline
    await pty.waitFor(/\^C\r\n\/ # /);
    pty.write("echo ali''ve $?\n"); // the shell (and so the sandbox) lives on; sleep died of SIGINT
    await pty.waitFor(/alive 130\r\n/);
    pty.resize(40, 120);
    // The size travels by SIGWINCH to the CLI and on to the sandbox's pty: polled, not raced.
    pty.write('until [ "$(stty size)" = "40 120" ]; do usleep 50000; done; echo re""sized $(stty size)\n');
    await pty.waitFor(/resized 40 120\r\n/);
    pty.write("sleep 50 & jobs; kill %1; exit 7\n");
    await pty.waitFor(/\[1\]\+? +Running/);
    expect(await exited).toBe(7);
  });

  it("-T gives the command no terminal; -t a pty even for a single command", async () => {
    const noTty = start(["-T", "--", "sh", "-c", "tty; exit 3"]);
    await noTty.pty.waitFor(/not a tty/);
    expect(await noTty.exited).toBe(3);
    noTty.pty.close();
    const forced = start(["-t", "--", "sh", "-c", "tty; exit 4"]);
    await forced.pty.waitFor(/\/dev\/pts\/0/);
    expect(await forced.exited).toBe(4);
  });

  it("puts the caller's terminal in raw mode during the run and restores it after", async () => {
    let probe = -1;
    const modes = () =>
      spawnSync("stty", ["-a"], { stdio: [probe, "pipe", "pipe"], encoding: "utf8" }).stdout;
    // Cooked before the CLI exists: looked at before the spawn, since a warm CLI can reach raw mode
    // before a probe racing it would run.
    const { exited } = start(["--", "sleep", "1"], 30, 100, (pty) => {
      probe = pty.openSlave();
      expect(modes()).toMatch(/(^|\s)icanon(\s|$)/m);
    });
    try {
      const deadline = Date.now() + 10_000;
      while (!/-icanon/.test(modes()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(modes()).toMatch(/-icanon/);
      expect(modes()).toMatch(/-isig/);
      expect(await exited).toBe(0);
      const after = modes();
      expect(after).toMatch(/(^|\s)icanon(\s|$)/m);
      expect(after).toMatch(/(^|\s)isig(\s|$)/m);
      expect(after).toMatch(/(^|\s)echo(\s|$)/m);
    } finally {
      closeSync(probe);
    }
  });
});
