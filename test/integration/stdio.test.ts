// Output into a pipe never fails: the command writes on blocking descriptors of its own, whatever the
// caller's are (Node makes its pipes and sockets non-blocking, and they used to be shared with the
// command, which then got EAGAIN). 200 MiB through a reader that starts a second late, through a real
// shell pipe, for stdout and stderr, plain and with --json.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync } from "node:fs";
import { Socket } from "node:net";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  blockingSocketPair,
  dupFd,
  isNonBlocking,
  nonBlockingSocketPair,
  openPath,
  pendingBytes,
  pidfdOf,
} from "../support/fds";
import { cliRunArgs, openSession, sandboxSkipReason } from "../support/sandbox";

const cli = join(import.meta.dirname, "..", "..", "dist", "cli.js");
const BYTES = 200 * 1024 * 1024;
const GEN = `yes 0123456789abcdef | head -c ${BYTES}`;

function nsboxArgs(extra: string[]): string[] {
  return [...cliRunArgs(cli), ...extra];
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

describe.skipIf(sandboxSkipReason !== null || !existsSync(cli))("the command's output into pipes", () => {
  let expected = "";
  beforeAll(() => {
    expected = execFileSync("sh", ["-c", `${GEN} | sha256sum`], { encoding: "utf8" }).split(" ")[0] as string;
    spawnSync(process.execPath, nsboxArgs(["--", "true"])); // warm cache: no progress lines on stderr
  }, 120_000);

  it.each([
    ["stdout", [], ">&1", ""],
    ["stderr", [], ">&2", "2>&1 >/dev/null"],
    ["stdout", ["--json"], ">&1", "2>&1 >/dev/null"], // --json: the command's stdout goes to stderr
    ["stderr", ["--json"], ">&2", "2>&1 >/dev/null"],
  ])(
    "200 MiB of %s (%j) through a slow reader arrive intact",
    (_stream, flags, redirect, route) => {
      const cmd = [process.execPath, ...nsboxArgs([...flags, "--", "sh", "-c", `${GEN} ${redirect}`])]
        .map(quote)
        .join(" ");
      const r = spawnSync(
        "bash",
        ["-c", `set -o pipefail; ${cmd} ${route} | (sleep 1; tee >(wc -c >&2) | sha256sum)`],
        { encoding: "utf8", timeout: 120_000 },
      );
      expect(r.stderr.trim()).toBe(String(BYTES)); // wc -c of what arrived
      expect(r.stdout.split(" ")[0]).toBe(expected);
      expect(r.status).toBe(0); // the command's own status, through the pipeline
    },
    120_000,
  );

  it("a non-blocking socket as stdout and stderr: 200 MiB arrive intact, the caller's flags untouched", async () => {
    const [ours, theirs] = nonBlockingSocketPair();
    // Handed over as fd 3 and put on 1 and 2 by a shell: Node's spawn would make fds 0-2 of its child
    // blocking (libuv does, on the shared description), and the CLI must start with a non-blocking socket.
    const cmd = nsboxArgs(["--", "sh", "-c", `${GEN}; ${GEN} >&2`]);
    const child = spawn("sh", ["-c", 'exec "$@" >&3 2>&3', "sh", process.execPath, ...cmd], {
      stdio: ["ignore", "ignore", "inherit", theirs],
    });
    // The caller's description of the socket, kept to look at its flags during the run (a dup shares them).
    const callers = dupFd(theirs);
    closeSync(theirs);
    expect(isNonBlocking(callers)).toBe(true);
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    await new Promise((r) => setTimeout(r, 1000)); // nobody reads for a second
    for (let i = 0; i < 400 && pendingBytes(ours) === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(pendingBytes(ours)).toBeGreaterThan(0); // the command writes: its stdio was set up
    // Still non-blocking: the helper gave the command a pipe of its own, not the caller's socket made
    // blocking. (Only now: at exit Node restores the flags its stdio had at start, whoever changed them.)
    expect(isNonBlocking(callers)).toBe(true);
    closeSync(callers); // the last writer besides the CLI: the reader sees the end when it exits
    const hash = createHash("sha256");
    let n = 0;
    await new Promise<void>((resolve, reject) => {
      const s = new Socket({ fd: ours, readable: true, writable: false });
      s.on("data", (chunk: Buffer) => {
        n += chunk.length;
        hash.update(chunk);
      });
      s.on("end", () => resolve());
      s.on("error", reject);
    });
    expect(await exited).toBe(0);
    expect(n).toBe(2 * BYTES);
    const twice = execFileSync("sh", ["-c", `(${GEN}; ${GEN}) | sha256sum`], { encoding: "utf8" });
    expect(hash.digest("hex")).toBe(twice.split(" ")[0]);
  }, 120_000);
});

describe.skipIf(sandboxSkipReason !== null)("a caller's socket as the command's stdio", () => {
  it("a blocking socket given as stdout reaches the command as a pipe the helper pumps, never itself", async () => {
    const [ours, theirs] = blockingSocketPair();
    const session = await openSession();
    try {
      const run = session.run({
        argv: ["/bin/sh", "-c", "readlink /proc/self/fd/1; echo through"],
        stdio: { stdin: "ignore", stdout: theirs, stderr: "pipe" },
        onOutput: () => {},
      });
      // Blocking all along (nothing in this process wraps it): the case this test is about.
      expect(isNonBlocking(theirs)).toBe(false);
      const result = await run;
      expect(result.status).toBe("ok");
      closeSync(theirs);
      const out = await new Promise<string>((resolve, reject) => {
        let text = "";
        const s = new Socket({ fd: ours, readable: true, writable: false });
        s.on("data", (chunk: Buffer) => {
          text += chunk.toString();
        });
        s.on("end", () => resolve(text));
        s.on("error", reject);
      });
      expect(out).toMatch(/^pipe:\[\d+\]\nthrough\n$/);
    } finally {
      await session.close();
    }
  });
});

describe.skipIf(sandboxSkipReason !== null)(
  "a caller's descriptor that is not a file, a pipe or a terminal",
  () => {
    // What the command would do with a way into the host's tree: list it, and read through it.
    const walk = "ls /proc/self/fd/0/ && cat /proc/self/fd/0/passwd";

    it.each([
      [
        "a directory",
        () => openSync("/etc", "r"),
        /^stdin is a directory \(\/etc\): give the command a file, a pipe/,
      ],
      ["an O_PATH descriptor", () => openPath("/etc"), /^stdin is a directory \(\/etc\): /],
      [
        "an O_PATH descriptor of a file",
        () => openPath("/etc/passwd"),
        /^stdin is an O_PATH descriptor \(\/etc\/passwd\): /,
      ],
    ])(
      "%s as stdin is refused before anything runs: the sandbox never walks the host's tree",
      async (_what, open, said) => {
        const fd = open();
        const session = await openSession();
        let out = "";
        try {
          const result = await session.run({
            argv: ["/bin/sh", "-c", `${walk}; echo ran`],
            stdio: { stdin: fd, stdout: "pipe", stderr: "pipe" },
            onOutput: (_stream, chunk) => {
              out += chunk.toString();
            },
          });
          expect(out).toBe("");
          expect(result.status).toBe("setup-error");
          expect(result.error?.message).toMatch(said);
        } finally {
          closeSync(fd);
          await session.close();
        }
      },
    );

    it("the CLI says so in one line with status 125 (`< /etc`)", () => {
      const cmd = [process.execPath, ...nsboxArgs(["-T", "--", "sh", "-c", `${walk}; echo ran`])]
        .map(quote)
        .join(" ");
      const r = spawnSync("bash", ["-c", `${cmd} < /etc`], { encoding: "utf8", timeout: 60_000 });
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(
        /^(nsbox: (?!stdin).*\n)*nsbox: stdin is a directory \(\/etc\): give the command a file, a pipe, a terminal or \/dev\/null\n$/,
      );
      expect(r.status).toBe(125);
    });

    it("a pidfd of a host process as stdin reaches the command as a pumped pipe, never itself", async () => {
      const fd = pidfdOf(process.pid);
      const session = await openSession();
      let out = "";
      try {
        const result = await session.run({
          argv: ["/bin/sh", "-c", "readlink /proc/self/fd/0"],
          stdio: { stdin: fd, stdout: "pipe", stderr: "pipe" },
          onOutput: (_stream, chunk) => {
            out += chunk.toString();
          },
        });
        expect(result.status).toBe("ok");
        expect(out).toMatch(/^pipe:\[\d+\]\n$/); // was anon_inode:[pidfd]
      } finally {
        closeSync(fd);
        await session.close();
      }
    });
  },
);

describe.skipIf(sandboxSkipReason !== null || !existsSync(cli))("nsbox's own stdout and stderr", () => {
  const bash = (script: string) => spawnSync("bash", ["-c", script], { encoding: "utf8", timeout: 60_000 });
  const nsbox = (extra: string[]) => [process.execPath, ...nsboxArgs(["-T", ...extra])].map(quote).join(" ");
  beforeAll(() => {
    spawnSync(process.execPath, nsboxArgs(["--", "true"])); // warm cache: no progress lines on stderr
  }, 120_000);

  it("a reader that leaves (`| head -1`) ends nsbox with the command's status, SIGPIPE's, no stack trace", () => {
    const r = bash(`${nsbox(["--", "yes"])} 2>&1 | head -1; echo "rc=\${PIPESTATUS[0]}"`);
    // nsbox's own 'killed by SIGPIPE' line met the closed pipe too: it used to die of that, status 1.
    expect(r.stdout).toBe("y\nrc=141\n");
    expect(r.stderr).toBe("");
  });

  it("a full disk as stdout (--json > /dev/full) is said in one line; the command's status stands", () => {
    const r = bash(`${nsbox(["--json", "--", "sh", "-c", "exit 3"])} > /dev/full`);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe("nsbox: cannot write to stdout (ENOSPC); output was lost\n");
  });

  it("a junit file that cannot be written is named in one line; the result and status stand, no half file", () => {
    // A full file system of our own: a 64 KiB tmpfs in a throwaway mount namespace.
    const script = [
      "d=$(mktemp -d)",
      'mount -t tmpfs -o size=64k nsbox-test "$d"',
      'head -c 65536 /dev/zero > "$d/fill" 2>/dev/null',
      `${nsbox(["--json", "--junit", "$d/j.xml", "--", "sh", "-c", "echo ran; exit 4"]).replace("'$d/j.xml'", '"$d/j.xml"')}`,
      'echo "rc=$?"',
      'ls -A "$d"',
    ].join("\n");
    const r = spawnSync("unshare", ["--mount", "--propagation", "private", "bash", "-c", script], {
      encoding: "utf8",
      timeout: 60_000,
    });
    const at = r.stdout.indexOf("rc=");
    expect(JSON.parse(r.stdout.slice(0, at))).toMatchObject({ status: "failed", exitCode: 4 });
    expect(r.stdout.slice(at)).toBe("rc=4\nfill\n"); // no j.xml and no temp file beside the filler
    expect(r.stderr).toMatch(
      /^ran\nnsbox: junit: '.*\/j\.xml' cannot be written \(ENOSPC\); free space there or give another path\n$/,
    );
  });

  it("--timeout ends the run even when nobody reads its output (a Node parent's socketpair)", async () => {
    // The helper pumps a socket; once the sandbox was killed it no longer waits for a reader to take the
    // rest (it did, for ever).
    const child = spawn(process.execPath, nsboxArgs(["-T", "--timeout", "1s", "--", "yes"]));
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const [code, signal] = await new Promise<[number | null, string | null]>((res) =>
      child.on("exit", (c, s) => res([c, s])),
    );
    clearTimeout(killer);
    expect(signal).toBeNull();
    expect(code).toBe(137);
    expect(stderr).toContain("nsbox: wall-clock timeout 1s reached");
  }, 60_000);
});
