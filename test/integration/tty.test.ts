// An interactive terminal: with a terminal on stdin, `nsbox run -- sh` gets a pty of the sandbox's own
// (never the caller's), with job control, ^C for the foreground job and the window size following.
// Driven through a real pty whose master the test holds (test/support/fds.ts).
import { type ChildProcess, type StdioOptions, spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { openPty, type Pty } from "../support/fds";
import { cliRunArgs, runBounded, sandboxSkipReason } from "../support/sandbox";

const cli = join(import.meta.dirname, "..", "..", "dist", "cli.js");

let live: { child: ChildProcess; pty: Pty } | null = null;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
/** `nsbox run ARGS` as a shell word list. */
const nsbox = (args: string[]) => [process.execPath, ...cliRunArgs(cli), ...args].map(quote).join(" ");

/**
 * The CLI as a session leader whose controlling terminal is the test's pty (as in a terminal); `argv`
 * replaces the CLI (a shell that starts it), `stdio` the pty as its stdout and stderr.
 */
function start(
  args: string[],
  rows = 30,
  cols = 100,
  beforeSpawn: (pty: Pty) => void = () => {},
  { argv, stdio }: { argv?: string[]; stdio?: ["pipe", "pipe"] } = {},
) {
  const pty = openPty();
  pty.resize(rows, cols);
  beforeSpawn(pty);
  const base = ["--mirror", inject("mirrorUrl"), "--cache-dir", inject("cacheDir"), "--alpine", "3.20"];
  const child = spawn("setsid", ["-c", ...(argv ?? [process.execPath, cli, "run", ...base, ...args])], {
    stdio: [pty.slave, ...(stdio ?? [pty.slave, pty.slave])] as StdioOptions,
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

  it("a terminal on stdin with stdout or stderr elsewhere: no pty by default, the bytes stay the command's", async () => {
    const script = "printf 'a\\nb\\n'; tty; echo err >&2";
    const redirected = start(["--", "sh", "-c", script], 30, 100, () => {}, { stdio: ["pipe", "pipe"] });
    let out = "";
    let err = "";
    live?.child.stdout?.on("data", (d) => (out += d));
    live?.child.stderr?.on("data", (d) => (err += d));
    expect(await redirected.exited).toBe(0);
    expect(out).toBe("a\nb\nnot a tty\n"); // was a\r\nb\r\n/dev/pts/0\r\nerr\r\n: a pty's, stderr merged
    expect(err).toMatch(/(^|\n)err\n$/);
    redirected.pty.close();
    // stderr alone elsewhere (`2>/dev/null`): the command's stderr goes there, not into a pty on the terminal.
    const stderrAway = start([], 30, 100, () => {}, {
      argv: ["sh", "-c", `${nsbox(["--", "sh", "-c", "tty; echo err >&2"])} 2>/dev/null; echo "rc=$?"`],
    });
    const text = await stderrAway.pty.waitFor(/rc=\d+/);
    expect(text).toMatch(/^not a tty\r\nrc=0/);
  });

  it("a background job (`nsbox run … &`) defaults to no pty and runs: it is not stopped for the terminal", async () => {
    // Job control puts the background job in a process group of its own, not the terminal's foreground
    // one: setting the terminal's modes from there stopped nsbox (SIGTTOU) before the command ran.
    const job = `set -m; ${nsbox(["--", "sh", "-c", "tty; echo hi"])} & wait $!; echo "rc=$?"`;
    const { pty } = start([], 30, 100, () => {}, { argv: ["bash", "-c", job] });
    const text = await pty.waitFor(/rc=\d+/, 20_000);
    expect(text).toMatch(/not a tty\r\nhi\r\n(.*\r\n)?rc=0/); // bash may say "[1]+ Done" first
  });

  it("--setup reads nothing of the terminal: a line typed while it runs reaches the command", async () => {
    const { pty, exited } = start(["--setup", "sleep 1.5", "--", "sh", "-c", 'read -r x; echo "read [$x]"']);
    pty.write("typed-ahead\n");
    await pty.waitFor(/read \[typed-ahead\]/);
    expect(await exited).toBe(0);
  });
});

describe.skipIf(sandboxSkipReason !== null || !existsSync(cli))("-t without a terminal", () => {
  it("a reader of the output that goes away (`| head -c 1`) hangs the pty up: SIGHUP ends the command, 129", async () => {
    // The pty kept the command blocked for ever: nothing drained it, and no EPIPE could reach it.
    const r = await runBounded(
      ["bash", "-c", `${nsbox(["-t", "--", "yes"])} | head -c 1; echo " rc=\${PIPESTATUS[0]}"`],
      30_000,
    );
    expect(r.timedOut).toBe(false);
    expect(r.stdout).toBe("y rc=129\n");
    expect(r.stderr).toMatch(/nsbox: killed by SIGHUP\n$/);
  }, 60_000);

  it("so does a Node parent's socket as stdout that it destroys", async () => {
    const child = spawn(process.execPath, [...cliRunArgs(cli), "-t", "--", "yes"], {
      stdio: ["ignore", "pipe", "ignore"],
      detached: true,
    });
    child.stdout.once("data", () => child.stdout.destroy());
    const killer = setTimeout(() => process.kill(-(child.pid as number), "SIGKILL"), 30_000);
    const code = await new Promise<number | null>((res) => child.on("exit", (c) => res(c)));
    clearTimeout(killer);
    expect(code).toBe(129);
  }, 60_000);

  it("a piped stdin that ends without a newline is end of file for the command (typed input: echoed)", async () => {
    // One VEOF after a partial line only hands the line over: cat waited for a second one, for ever.
    const r = await runBounded(
      ["bash", "-c", `printf x | ${nsbox(["-t", "--", "cat"])}; echo " rc=$?"`],
      30_000,
    );
    expect(r.timedOut).toBe(false);
    expect(r.stdout).toBe("xx rc=0\n"); // the pty's echo of the input, then cat's copy
  }, 60_000);
});

describe.skipIf(sandboxSkipReason !== null || !existsSync(cli))("--setup and the caller's stdin", () => {
  it("the setup reads none of it: a Node parent's socket stdin reaches the command whole", async () => {
    const child = spawn(process.execPath, [...cliRunArgs(cli), "--setup", "wc -c", "--", "cat"], {
      stdio: ["pipe", "pipe", "ignore"],
    });
    child.stdin.end("hello from the caller\n");
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const code = await new Promise<number | null>((res) => child.on("close", (c) => res(c)));
    clearTimeout(killer);
    expect(code).toBe(0);
    expect(out).toBe("0\nhello from the caller\n"); // the setup's wc read its own empty stdin
  }, 60_000);
});
