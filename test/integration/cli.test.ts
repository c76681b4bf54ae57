// The CLI as a user runs it (dist/cli.js): output straight through on inherited fds, --json on stdout
// with the command's output on stderr, exit statuses 0/N/125/2, one-sentence errors and no stack traces.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { rootlessTools } from "../../src/engine/net/rootless";
import { type Mirror, startMirror } from "../support/mirror";
import {
  cliRunArgs,
  inPrivateMounts,
  rootlessSkipReason,
  sandboxSkipReason,
  spawnWatched,
} from "../support/sandbox";
import { until } from "../support/until";

const cli = join(import.meta.dirname, "..", "..", "dist", "cli.js");
// The CLI's wording of the fixes (src/cli/hints.ts), spelled out: a change to them shows here.
const COMMAND_FIX =
  "check its name, or install the Alpine package that has it with --packages <pkg> (the rootfs is a minirootfs)";
const WORKDIR_FIX = "give --workdir a directory that exists inside the sandbox (in the rootfs or a --mount)";

function nsbox(args: string[], wrap: string[] = []) {
  const base = ["--mirror", inject("mirrorUrl"), "--cache-dir", inject("cacheDir")];
  if (!args.includes("--alpine")) base.push("--alpine", "3.20");
  const [verb, ...rest] = args;
  const argv = verb === "run" ? ["run", ...base, ...rest] : args;
  // stdout and stderr are files here, not pipes the engine made: the fds the helper inherits.
  const cmd = [...wrap, process.execPath, cli, ...argv];
  const r = spawnSync(cmd[0] as string, cmd.slice(1), { encoding: "utf8", timeout: 60_000 });
  // Rootfs progress ("nsbox: resolving Alpine ...") is the engine's; the tests look at the rest.
  const stderr = r.stderr.replace(/^nsbox: (resolving|downloading|extracting|Alpine) .*\n/gm, "");
  return { ...r, stderr };
}

describe.skipIf(sandboxSkipReason !== null || !existsSync(cli))("nsbox CLI", () => {
  it("passes the command's stdout and stderr straight through and returns its exit code", () => {
    const r = nsbox(["run", "--", "sh", "-c", "echo out; echo err >&2; exit 42"]);
    expect(r.stdout).toBe("out\n");
    expect(r.stderr).toBe("err\n");
    expect(r.status).toBe(42);
  });

  it("prints a sandbox's id, hostname and ps (the README's command)", () => {
    const r = nsbox(["run", "--", "sh", "-c", "id; hostname; ps"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^uid=0\(root\) gid=0\(root\)/);
    expect(r.stdout).toContain("\nnsbox\n");
    expect(r.stdout).toMatch(/PID\s+USER\s+TIME\s+COMMAND/);
  });

  it("--json prints one result on stdout and the command's output on stderr", () => {
    const r = nsbox(["run", "--json", "--", "sh", "-c", "echo out; kill -9 $$"]);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ status: "signaled", exitCode: 137, signal: "SIGKILL", error: null });
    expect(result.alpine).toMatch(/^3\.20\.\d+$/);
    expect(typeof result.wallMs).toBe("number");
    expect(r.stderr).toBe("out\n");
    expect(r.status).toBe(137);
  });

  it("marks where the setup's output begins and ends, and says when the command was not run", () => {
    const ok = nsbox([
      "run",
      "--setup",
      "echo from-setup >&2; mkdir /opt/x; echo layered > /opt/x/f",
      "--",
      "sh",
      "-c",
      "echo from-command >&2; cat /opt/x/f",
    ]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe("layered\n");
    expect(ok.stderr).toMatch(
      /^nsbox: setup: running \(network none\)\nfrom-setup\nnsbox: setup: ok after \d+\.\ds; running the command on its layers\nfrom-command\n$/,
    );
    const failed = nsbox(["run", "--setup", "echo broken >&2; exit 4", "--", "echo", "never"]);
    expect(failed.status).toBe(4);
    expect(failed.stdout).toBe("");
    expect(failed.stderr).toMatch(
      /^nsbox: setup: running \(network none\)\nbroken\nnsbox: setup: failed \(exit 4\) after \d+\.\ds; the command was not run\n$/,
    );
  });

  it("exits 125 with the reason when the sandbox cannot start", () => {
    const r = nsbox(["run", "--json", "--", "/usr/bin/foo"]);
    // The message is the engine's sentence alone; the fix is a key a reader words (README: the result).
    expect(JSON.parse(r.stdout)).toMatchObject({
      status: "setup-error",
      error: { step: "exec", message: "command not found: /usr/bin/foo", hint: "command" },
    });
    expect(r.status).toBe(125);
    const plain = nsbox(["run", "--", "/usr/bin/foo"]);
    expect(plain.stderr).toBe(`nsbox: command not found: /usr/bin/foo; ${COMMAND_FIX}\n`);
    expect(plain.status).toBe(125);
    // What is wrong with a working directory, on one line.
    const file = nsbox(["run", "--workdir", "/etc/passwd", "--", "true"]);
    expect(file.stderr).toBe(`nsbox: working directory is not a directory: /etc/passwd; ${WORKDIR_FIX}\n`);
    expect(file.status).toBe(125);
    const broken = nsbox(["run", "--workdir", "/no\nsuch", "--", "true"]);
    expect(broken.stderr).toBe(`nsbox: working directory not found: /no\\nsuch; ${WORKDIR_FIX}\n`);
  });

  it("names the fix for a command or working directory the sandbox does not have", () => {
    // A program of a package the minirootfs lacks (bash is not in it), looked up in PATH.
    const missing = nsbox(["run", "--", "nosuchcmd"]);
    expect(missing.stderr).toBe(`nsbox: command not found: nosuchcmd; ${COMMAND_FIX}\n`);
    expect(missing.status).toBe(125);
    expect(COMMAND_FIX).toContain("--packages <pkg>");
    const nowhere = nsbox(["run", "--workdir", "/nope", "--", "true"]);
    expect(nowhere.stderr).toBe(`nsbox: working directory not found: /nope; ${WORKDIR_FIX}\n`);
    expect(nowhere.status).toBe(125);
    expect(WORKDIR_FIX).toContain("--workdir");
    // The setup runs with the command's --workdir: the engine's line after it says what, the CLI the fix.
    const setup = nsbox(["run", "--workdir", "/nope", "--setup", "true", "--", "true"]);
    expect(setup.stderr).toMatch(
      /\nnsbox: setup: setup-error \(working directory not found: \/nope\) after \d+\.\ds; the command was not run\n/,
    );
    expect(setup.stderr.endsWith(`\nnsbox: working directory not found: /nope; ${WORKDIR_FIX}\n`)).toBe(true);
    expect(setup.status).toBe(125);
  });

  it("never shows a mirror's credentials: progress and errors say *** for them", () => {
    const mirror = inject("mirrorUrl").replace("http://", "http://user:s3cret@");
    const args = [
      "run",
      "--mirror",
      mirror,
      "--cache-dir",
      inject("cacheDir"),
      "--alpine",
      "3.99",
      "--",
      "true",
    ];
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(125);
    expect(r.stderr).toMatch(/^nsbox: resolving Alpine 3\.99 \(\w+\) at http:\/\/\*\*\*@127\.0\.0\.1:/m);
    expect(r.stderr).toMatch(
      /^nsbox: Alpine 3\.99 is not available for \w+ at http:\/\/\*\*\*@127\.0\.0\.1:/m,
    );
    expect(r.stderr).not.toContain("s3cret");
  });

  it.each([
    [["run", "--memory", "12XB", "--", "true"], "nsbox: memory: '12XB' is not a size; use 512M or 2G\n"],
    [
      ["run", "--alpine", "abc", "--", "true"],
      "nsbox: alpine: 'abc' is not a version; use 3.20, 3.20.3 or latest-stable\n",
    ],
    [
      ["run", "--mount", "/nonexistent-dir:/x", "--", "true"],
      "nsbox: mount: '/nonexistent-dir' does not exist on the host; give an existing path\n",
    ],
    [["frob"], "nsbox: 'frob' is not an nsbox command; use nsbox run -- CMD or nsbox help\n"],
  ])("exits 2 with one sentence for %j", (args, message) => {
    const r = nsbox(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(message);
    expect(r.stdout).toBe("");
  });

  it("refuses a limit this host cannot enforce, and with --best-effort runs and says what was not", () => {
    // A private mount namespace whose /sys/fs/cgroup is an empty tmpfs: a host without cgroup controllers.
    const noCgroups = inPrivateMounts('mount -t tmpfs none /sys/fs/cgroup && exec "$@"');
    const strict = nsbox(["run", "--memory", "64M", "--", "true"], noCgroups);
    expect(strict.status).toBe(125);
    expect(strict.stderr).toMatch(
      /^nsbox: cannot enforce memory limit: .+; run as root or pass --best-effort\n$/,
    );
    const lenient = nsbox(
      ["run", "--json", "--best-effort", "--memory", "64M", "--pids", "10", "--", "true"],
      noCgroups,
    );
    const result = JSON.parse(lenient.stdout);
    expect(lenient.status).toBe(0);
    expect(result.cgroup).toBe("none");
    expect(result.notEnforced.map((s: string) => s.split(" ")[0])).toEqual(["memory", "pids"]);
    expect(result.memoryPeakBytes).toBeNull();
    expect(result.memoryPeakNote).toBeTruthy();
    // No limit asked for: the defaults cannot be enforced here either, which is a note, not an error.
    const defaults = nsbox(["run", "--json", "--", "true"], noCgroups);
    expect(defaults.status).toBe(0);
    expect(JSON.parse(defaults.stdout).notEnforced).toEqual([
      expect.stringMatching(/^memory default \(no/),
      expect.stringMatching(/^pids default \(no/),
    ]);
    // Without --json: one line after the command's output says what ran without its limits.
    const plain = nsbox(["run", "--", "echo", "inside"], noCgroups);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toBe("inside\n");
    expect(plain.stderr).toMatch(
      /^nsbox: not enforced: memory default \(no [^()]+\), pids default \(no [^()]+\)\n$/,
    );
  });

  it("cleans up on SIGTERM, and after SIGKILL the sandbox dies with the engine and the next run sweeps", async () => {
    const run = (marker: string) => {
      const argv = cliRunArgs(cli);
      return spawn(process.execPath, [...argv, "--", "sleep", marker], { stdio: "ignore" });
    };
    const exited = (c: ChildProcess) =>
      new Promise<number | null>((r) =>
        c.once("exit", (code, sig) => r(code ?? (sig === "SIGKILL" ? 137 : null))),
      );
    const cgroupsOf = (pid: number) =>
      execFileSync("find", ["/sys/fs/cgroup", "-maxdepth", "6", "-type", "d", "-name", `nsbox-${pid}-*`], {
        encoding: "utf8",
      }).trim();
    const sandboxed = (marker: string) =>
      execFileSync("sh", ["-c", `pgrep -fx 'sleep ${marker}' || true`], { encoding: "utf8" }).trim();
    const waitFor = async (ok: () => boolean) => {
      for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
    };

    const termed = run("41.5");
    await waitFor(() => sandboxed("41.5") !== "");
    termed.kill("SIGTERM");
    expect(await exited(termed)).toBe(143);
    expect(sandboxed("41.5")).toBe("");
    expect(cgroupsOf(termed.pid as number)).toBe("");

    const killed = run("42.5");
    await waitFor(() => sandboxed("42.5") !== "");
    killed.kill("SIGKILL");
    await exited(killed);
    await waitFor(() => sandboxed("42.5") === "");
    expect(sandboxed("42.5")).toBe(""); // the helper and the sandbox went with the engine
    expect(cgroupsOf(killed.pid as number)).not.toBe(""); // nobody was left to remove these...
    expect(nsbox(["run", "--", "true"]).status).toBe(0);
    expect(cgroupsOf(killed.pid as number)).toBe(""); // ...until the next run's sweep
  });

  it("a copy SIGKILLed mid-file leaves nothing in the output dir, and a temp a killed copy left is removed by the next", async () => {
    const out = mkdtempSync(join(tmpdir(), "nsbox-killed-copy-"));
    try {
      const dest = join(out, "run");
      // A 4 GiB sparse file: nothing on the sandbox's tmpfs, seconds of copying on the host.
      const big = spawn(
        process.execPath,
        [
          ...cliRunArgs(cli, "--output", "/big", "--output-dir", out, "--output-limit", "5G"),
          "--",
          "truncate",
          "-s",
          "4G",
          "/big",
        ],
        { stdio: "ignore" },
      );
      const exited = new Promise((r) => big.once("exit", r));
      // The copy under way: the engine holds a file in `dest` with data in it, which has no name there
      // (O_TMPFILE: /proc shows it as "<dest>/#<inode> (deleted)").
      const filling = () => {
        try {
          return readdirSync(`/proc/${big.pid}/fd`).some((fd) => {
            const to = readlinkSync(`/proc/${big.pid}/fd/${fd}`);
            return to.startsWith(`${dest}/`) && statSync(`/proc/${big.pid}/fd/${fd}`).size > 0;
          });
        } catch {
          return false;
        }
      };
      await until(filling, 30_000);
      big.kill("SIGKILL");
      await exited;
      expect(readdirSync(dest)).toEqual([]); // neither the half-written copy nor a name for it
      // Where a file system has no O_TMPFILE the copy fills under a name with its writer's pid: one whose
      // writer is gone (the killed run's) goes at the next copy into that dir.
      const stale = `.nsbox.${big.pid}.76543210.tmp`;
      writeFileSync(join(dest, stale), "half a file");
      // Named like it but not to be removed: a live writer's (this process's), a symlink, a user's file.
      const live = `.nsbox.${process.pid}.0123abcd.tmp`;
      const link = `.nsbox.${big.pid}.89abcdef.tmp`;
      const usersOwn = `notes.${big.pid}.deadbeef.tmp`;
      writeFileSync(join(dest, live), "being written");
      symlinkSync(join(out, "target"), join(dest, link));
      writeFileSync(join(out, "target"), "kept");
      writeFileSync(join(dest, usersOwn), "mine");

      const next = nsbox([
        "run",
        "--output",
        "/small",
        "--output-dir",
        out,
        "--",
        "sh",
        "-c",
        "echo hi >/small",
      ]);
      expect(next.status, next.stderr).toBe(0);
      expect(readFileSync(join(dest, "small"), "utf8")).toBe("hi\n");
      expect(readdirSync(dest).sort()).toEqual([live, link, usersOwn, "small"].sort()); // stale went
      expect(readFileSync(join(out, "target"), "utf8")).toBe("kept");
    } finally {
      // The killed run's kept layer, if an assertion ended the test before the next run swept it: left, it
      // would be every later test's leftover.
      nsbox(["cleanup", "--cache-dir", inject("cacheDir")]);
      rmSync(out, { recursive: true, force: true });
    }
  }, 90_000);

  it("downloads through the proxy that NODE_USE_ENV_PROXY and HTTP_PROXY name, as fetch did", async () => {
    // The mirror's name resolves nowhere: only a proxy that forwards to the test mirror can serve it.
    const upstream = new URL(inject("mirrorUrl"));
    const asked: string[] = [];
    const proxy = http.createServer((req, res) => {
      asked.push(req.url ?? "");
      const forward = new URL(new URL(req.url ?? "/", "http://x").pathname, upstream);
      http
        .get(forward, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        })
        .on("error", () => res.writeHead(502).end());
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    const cache = mkdtempSync(join(tmpdir(), "nsbox-proxy-"));
    try {
      const { port } = proxy.address() as AddressInfo;
      const argv = [cli, "run", "--mirror", "http://mirror.invalid/alpine", "--alpine", "3.20"];
      const child = spawn(process.execPath, [...argv, "--cache-dir", cache, "--", "echo", "ran"], {
        env: {
          ...process.env,
          NODE_USE_ENV_PROXY: "1",
          HTTP_PROXY: `http://127.0.0.1:${port}`,
          NO_PROXY: "",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      const code = await new Promise((r) => child.once("close", r));
      expect({ code, out: out.replace(/^nsbox: .*\n/gm, "") }).toEqual({ code: 0, out: "ran\n" });
      expect(asked[0]).toMatch(
        /^http:\/\/mirror\.invalid\/alpine\/v3\.20\/releases\/\w+\/latest-releases\.yaml$/,
      );
      expect(asked.some((u) => u.endsWith(".tar.gz"))).toBe(true);
    } finally {
      proxy.close();
      rmSync(cache, { recursive: true, force: true });
    }
  });

  /** `nsbox run` on `cache` through `m` (a mirror this process serves: so a child, not spawnSync). */
  function coldRun(m: Mirror, cache: string, onStderr: (stderr: string) => void = () => {}, alpine = "3.20") {
    const argv = [
      cli,
      "run",
      "--mirror",
      m.url,
      "--cache-dir",
      cache,
      "--alpine",
      alpine,
      "--",
      "cat",
      "/etc/alpine-release",
    ];
    return spawnWatched([process.execPath, ...argv], onStderr);
  }
  const TARBALL_PATH = "/alpine/v3.20/releases/x86_64/alpine-minirootfs-3.20.3-x86_64.tar.gz";

  it.skipIf(process.arch !== "x64")(
    "4 runs started together on a new cache download and extract the rootfs once",
    async () => {
      const m = await startMirror();
      const cache = mkdtempSync(join(tmpdir(), "nsbox-cold-"));
      try {
        const runs = await Promise.all([1, 2, 3, 4].map(() => coldRun(m, cache).done));
        for (const r of runs) {
          expect(r.code, r.stderr).toBe(0);
          expect(r.stdout).toBe("3.20.3\n");
        }
        expect(m.requests.filter((p) => p.endsWith(".tar.gz"))).toEqual([TARBALL_PATH]);
        expect(runs.filter((r) => r.stderr.includes("nsbox: extracting")).length).toBe(1);
        expect(readdirSync(join(cache, "locks"))).toEqual([]);
      } finally {
        await m.close();
        rmSync(cache, { recursive: true, force: true });
      }
    },
  );

  it.skipIf(process.arch !== "x64")(
    "a run waiting for another's rootfs download stops at once on SIGTERM (exit 143)",
    async () => {
      const m = await startMirror(undefined, { hang: [TARBALL_PATH] }); // the first run's download never ends
      const cache = mkdtempSync(join(tmpdir(), "nsbox-cold-"));
      const holder = coldRun(m, cache);
      try {
        await until(() => m.requests.includes(TARBALL_PATH), 30_000);
        let waiting = false;
        const waiter = coldRun(m, cache, (stderr) => {
          if (waiting || !stderr.includes("waiting for another nsbox process preparing Alpine 3.20.3"))
            return;
          waiting = true;
          waiter.child.kill("SIGTERM");
        });
        const r = await waiter.done;
        expect(r.code, r.stderr).toBe(143);
        expect(waiting).toBe(true);
        expect(holder.child.exitCode).toBeNull(); // it did not wait for the holder, whose download never ends
        expect(r.stderr).toContain("stopped by SIGTERM before the command started");
        expect(m.requests.filter((p) => p === TARBALL_PATH)).toHaveLength(1); // the waiter never asked for it
      } finally {
        holder.child.kill("SIGTERM");
        await holder.done;
        await m.close();
      }
      try {
        const within = (d: string) => (existsSync(join(cache, d)) ? readdirSync(join(cache, d)) : []);
        expect(within("rootfs")).toEqual([]);
        expect(within("locks")).toEqual([]); // the holder let go as it stopped
      } finally {
        rmSync(cache, { recursive: true, force: true });
      }
    },
  );

  /** A run SIGKILLed while it downloads the rootfs into `cache` (so holding its preparation lock): the
   *  name of the lock file it left. */
  async function killedHolder(cache: string): Promise<string> {
    const m = await startMirror(undefined, { hang: [TARBALL_PATH] }); // the download never ends
    try {
      const holder = coldRun(m, cache);
      await until(() => m.requests.includes(TARBALL_PATH), 30_000);
      expect(readdirSync(join(cache, "locks"))).toHaveLength(1);
      holder.child.kill("SIGKILL");
      await holder.done;
    } finally {
      await m.close();
    }
    const left = readdirSync(join(cache, "locks")); // the kernel dropped the lock; its file stays...
    expect(left).toHaveLength(1);
    return left[0] as string;
  }

  /** A cold run's result, or a failure (the run killed) when it has not ended within `ms`. */
  async function coldRunWithin(cache: string, ms: number, alpine = "3.20") {
    const m = await startMirror();
    try {
      const run = coldRun(m, cache, undefined, alpine);
      const timer = setTimeout(() => run.child.kill("SIGKILL"), ms);
      try {
        const r = await run.done;
        expect(r.code, `the run did not end within ${ms} ms: ${r.stderr}`).toBe(0);
        return r;
      } finally {
        clearTimeout(timer);
      }
    } finally {
      await m.close();
    }
  }

  it.skipIf(process.arch !== "x64")(
    "the lock file of a run SIGKILLed while it downloads the rootfs is removed by nsbox cleanup",
    async () => {
      const cache = mkdtempSync(join(tmpdir(), "nsbox-cold-"));
      try {
        await killedHolder(cache);
        const r = nsbox(["cleanup", "--cache-dir", cache]);
        expect(r.status, r.stderr).toBe(0);
        expect(readdirSync(join(cache, "locks"))).toEqual([]); // ...until the stale sweep
      } finally {
        rmSync(cache, { recursive: true, force: true });
      }
    },
  );

  it.skipIf(process.arch !== "x64")(
    "the lock file of a run SIGKILLed while it downloads the rootfs is removed by the next run",
    async () => {
      const cache = mkdtempSync(join(tmpdir(), "nsbox-cold-"));
      try {
        const killed = await killedHolder(cache);
        // Another release, so another lock: the killed run's file is not this run's own to remove as it
        // lets go, only its stale sweep's.
        const r = await coldRunWithin(cache, 20_000, "3.19");
        expect(r.stdout).toBe("3.19.4\n");
        expect(readdirSync(join(cache, "locks"))).not.toContain(killed);
      } finally {
        rmSync(cache, { recursive: true, force: true });
      }
    },
  );

  it.skipIf(process.arch !== "x64")(
    "a fifo planted at a rootfs preparation lock's name never hangs a run: it prepares without the lock, then removes it",
    async () => {
      const cache = mkdtempSync(join(tmpdir(), "nsbox-cold-"));
      try {
        const name = await killedHolder(cache); // the name the next run's lock has
        const lock = join(cache, "locks", name);
        rmSync(lock);
        execFileSync("mkfifo", [lock]); // a blocking open of it for reading waits for a writer forever
        const r = await coldRunWithin(cache, 20_000);
        expect(r.stdout).toBe("3.20.3\n");
        // Not a lock file: not used; the run's own stale sweep (started once its sandbox is handed to the
        // helper, after the preparation) removes it, so the next preparation has its lock again.
        expect(existsSync(lock)).toBe(false);
      } finally {
        rmSync(cache, { recursive: true, force: true });
      }
    },
  );

  it("nsbox cleanup removes a fifo or symlink planted among the lock files without hanging or following, and no symlinked locks dir", () => {
    const cache = mkdtempSync(join(tmpdir(), "nsbox-locks-"));
    const elsewhere = mkdtempSync(join(tmpdir(), "nsbox-locks-elsewhere-"));
    const cleanup = () =>
      spawnSync(process.execPath, [cli, "cleanup", "--cache-dir", cache], {
        encoding: "utf8",
        timeout: 15_000,
      });
    try {
      mkdirSync(join(cache, "locks"));
      execFileSync("mkfifo", [join(cache, "locks", "planted.lock")]);
      writeFileSync(join(elsewhere, "target.lock"), "");
      symlinkSync(join(elsewhere, "target.lock"), join(cache, "locks", "link.lock"));
      mkdirSync(join(cache, "locks", "dir.lock"));
      expect(statSync(join(cache, "locks", "planted.lock")).isFIFO()).toBe(true);
      const r = cleanup();
      expect(r.signal, "nsbox cleanup hung on the fifo").toBeNull();
      expect(r.status, r.stderr).toBe(0);
      // What a lock never is (a fifo, a symlink) is removed, the symlink's target kept; a dir is left.
      expect(readdirSync(join(cache, "locks"))).toEqual(["dir.lock"]);
      expect(readdirSync(elsewhere)).toEqual(["target.lock"]);
      rmSync(join(elsewhere, "target.lock"));

      rmSync(join(cache, "locks"), { recursive: true });
      writeFileSync(join(elsewhere, "idle.lock"), ""); // no process holds it: a sweep of a real locks dir takes it
      symlinkSync(elsewhere, join(cache, "locks"));
      const s = cleanup();
      expect(s.status, s.stderr).toBe(0);
      expect(readdirSync(elsewhere)).toEqual(["idle.lock"]);
    } finally {
      rmSync(cache, { recursive: true, force: true });
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it("a rebuild of dist/ while a run goes on leaves the run unharmed (files replaced, never rewritten)", async () => {
    // koffi.node rewritten in place dropped the running process's relocated pages: it crashed (SIGSEGV)
    // at its next native call, after its command had ended.
    const sync = mkdtempSync(join(tmpdir(), "nsbox-rebuild-"));
    chmodSync(sync, 0o777);
    try {
      const running = spawn(
        process.execPath,
        cliRunArgs(
          cli,
          "--json",
          "--mount",
          `${sync}:/s:rw`,
          "--",
          "sh",
          "-c",
          "touch /s/ready; while [ ! -e /s/go ]; do sleep 0.05; done",
        ),
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      let stdout = "";
      running.stdout.on("data", (d) => (stdout += d));
      const ended = new Promise<number | null>((resolve) => running.on("close", (code) => resolve(code)));
      await until(() => existsSync(join(sync, "ready")), 60_000);
      execFileSync(process.execPath, [join(import.meta.dirname, "..", "..", "scripts", "build.mjs")], {
        stdio: "ignore",
      });
      writeFileSync(join(sync, "go"), "");
      expect(await ended).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ status: "ok", exitCode: 0 });
    } finally {
      writeFileSync(join(sync, "go"), "");
      rmSync(sync, { recursive: true, force: true });
    }
  });

  it("says in one sentence why, when the kernel refuses user namespaces to the user", async (ctx) => {
    const why = rootlessSkipReason();
    if (why) ctx.skip(why);
    const home = mkdtempSync(join(tmpdir(), "nsbox-no-userns-"));
    chownSync(home, 65534, 65534);
    try {
      const r = await cliWithoutUserNamespaces(home, [
        "run",
        "--mirror",
        inject("mirrorUrl"),
        "--cache-dir",
        join(home, "cache"),
        "--alpine",
        "3.20",
        "--",
        "true",
      ]);
      expect(r.code, r.stderr).toBe(125);
      // After the rootfs's progress lines, one sentence (not "clone3(...): No space left on device").
      expect(r.stderr.trimEnd().split("\n").at(-1)).toBe(
        "nsbox: the kernel refused a new user namespace: the limit on user namespaces is reached (user.max_user_namespaces is 0 or used up)",
      );
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("runs rootless as an unprivileged user, and refuses what rootless cannot enforce", (ctx) => {
    const why = rootlessSkipReason();
    if (why) ctx.skip(why);
    const home = mkdtempSync(join(tmpdir(), "nsbox-rootless-"));
    chownSync(home, 65534, 65534);
    const asNobody = (args: string[]) =>
      spawnSync(
        process.execPath,
        [
          cli,
          "run",
          "--cache-dir",
          join(home, "cache"),
          // a tarball is the rootfs (and nsbox refuses a mirror beside one without packages)
          ...(args.includes("--rootfs") ? [] : ["--mirror", inject("mirrorUrl"), "--alpine", "3.20"]),
          ...args,
        ],
        {
          encoding: "utf8",
          uid: 65534,
          gid: 65534,
          env: { PATH: process.env.PATH, HOME: home },
          timeout: 60_000,
        },
      );
    try {
      const r = asNobody(["--json", "--", "sh", "-c", "id -u; touch /etc/x && echo writable"]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain("0\nwritable\n"); // root inside, over its own copy of the rootfs
      expect(JSON.parse(r.stdout)).toMatchObject({ status: "ok", cgroup: "none" });
      // What the user cannot read or reach is named as such (not "does not exist", not a bare errno).
      const locked = join(home, "locked");
      mkdirSync(join(locked, "sub"), { recursive: true, mode: 0o700 });
      writeFileSync(join(locked, "root.tar.gz"), "");
      chmodSync(locked, 0o755);
      chmodSync(join(locked, "sub"), 0o700);
      chmodSync(join(locked, "root.tar.gz"), 0o600);
      const unreachable = asNobody(["--mount", `${locked}/sub/x:/x`, "--", "true"]);
      expect(unreachable.status).toBe(2);
      expect(unreachable.stderr).toBe(
        `nsbox: mount: '${locked}/sub/x' cannot be reached (EACCES: a directory above it is not searchable by you); give a path you can reach\n`,
      );
      const unreadable = asNobody(["--rootfs", join(locked, "root.tar.gz"), "--", "true"]);
      expect(unreadable.status).toBe(2);
      expect(unreadable.stderr).toBe(
        `nsbox: rootfs: cannot read '${join(locked, "root.tar.gz")}' (EACCES); give a minirootfs tarball you can read\n`,
      );
      const limited = asNobody(["--memory", "64M", "--", "true"]);
      expect(limited.status).toBe(125);
      expect(limited.stderr).toContain("cannot enforce memory limit");
      // No cgroup, no CPU accounting: a cpu-time budget nothing would watch is refused, or listed.
      const cpuTime = asNobody(["--cpu-time", "1s", "--", "true"]);
      expect(cpuTime.status).toBe(125);
      expect(cpuTime.stderr).toMatch(
        /^nsbox: cannot enforce cpu-time limit: .*; run as root or pass --best-effort\n$/,
      );
      const cpuBest = asNobody(["--json", "--best-effort", "--cpu-time", "1s", "--", "true"]);
      expect(JSON.parse(cpuBest.stdout).notEnforced).toContainEqual(expect.stringMatching(/^cpu-time \(/));
      // A layer kept for outputs is a plain directory rootless: tmpfs-size cannot cap it.
      const out = ["--output", "/x", "--output-dir", join(home, "out")];
      const sized = asNobody([...out, "--tmpfs-size", "64M", "--", "true"]);
      expect(sized.status).toBe(125);
      expect(sized.stderr).toMatch(/^nsbox: cannot enforce tmpfs-size limit: rootless, /);
      expect(existsSync(join(home, "out"))).toBe(false);
      const kept = asNobody(["--json", ...out, "--", "true"]);
      expect(kept.status, kept.stderr).toBe(0);
      expect(JSON.parse(kept.stdout).notEnforced).toContainEqual(
        expect.stringMatching(/^tmpfs-size default \(rootless, /),
      );
      // Rootless nat: slirp4netns + nft (policy inside the sandbox's netns), else a clear refusal. No
      // traffic: `true` sends nothing.
      const nat = asNobody(["--json", "--network", "nat", "--", "true"]);
      if (rootlessTools() && tunUsable()) {
        expect(nat.status, nat.stdout + nat.stderr).toBe(0);
        expect(JSON.parse(nat.stdout)).toMatchObject({ status: "ok", network: "nat", address: "10.0.2.100" });
      } else {
        expect(nat.status).toBe(125);
        expect(nat.stderr).toMatch(/^nsbox: network nat without root needs /m);
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("refuses what rootless cannot enforce before the rootfs: a cold cache stays empty, the mirror unasked", async (ctx) => {
    const why = rootlessSkipReason();
    if (why) ctx.skip(why);
    const home = mkdtempSync(join(tmpdir(), "nsbox-rootless-early-"));
    chownSync(home, 65534, 65534);
    // A mirror of this test's own: its requests are this test's alone (served here, so the CLI runs async).
    const mirror = await startMirror();
    const asNobody = (cache: string, args: string[]) =>
      spawnWatched([
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "env",
        `HOME=${home}`,
        `PATH=${process.env.PATH}`,
        process.execPath,
        cli,
        "run",
        "--mirror",
        mirror.url,
        "--cache-dir",
        cache,
        "--alpine",
        "3.20",
        ...args,
      ]).done;
    const out = ["--output", "/x", "--output-dir", join(home, "out")];
    const refusals: Array<[string[], RegExp]> = [
      [["--memory", "64M"], /^nsbox: cannot enforce memory limit: .+; run as root or pass --best-effort\n$/],
      [
        ["--cpu-time", "1s"],
        /^nsbox: cannot enforce cpu-time limit: .+; run as root or pass --best-effort\n$/,
      ],
      [[...out, "--tmpfs-size", "64M"], /^nsbox: cannot enforce tmpfs-size limit: rootless, [^\n]+\n$/],
      // The setup's layer is kept, too: refused before the setup (and the download) as well.
      [
        ["--setup", "true", "--tmpfs-size", "64M"],
        /^nsbox: cannot enforce tmpfs-size limit: rootless, [^\n]+\n$/,
      ],
    ];
    // Rootless nat needs slirp4netns, nft and a /dev/net/tun the user may open; where it has them it runs.
    if (!(rootlessTools() && tunUsable()))
      refusals.push([["--network", "nat"], /^nsbox: network nat without root needs [^\n]+\n$/]);
    try {
      for (const [i, [args, message]] of refusals.entries()) {
        // Each with a cold cache of its own: every refusal is seen to come first, not after a tree.
        const cache = join(home, `cache-${i}`);
        const asked = mirror.requests.length;
        const r = await asNobody(cache, [...args, "--", "true"]);
        const what = args.join(" ");
        expect.soft(r.code, `${what}: ${r.stderr}`).toBe(125);
        // One line, and no progress before it: nothing was resolved, downloaded or extracted.
        expect.soft(r.stderr, what).toMatch(message);
        expect.soft(mirror.requests.slice(asked), what).toEqual([]);
        expect.soft(existsSync(join(cache, "rootfs")), what).toBe(false);
      }
      expect(existsSync(join(home, "out"))).toBe(false);
    } finally {
      await mirror.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});

/**
 * Runs the CLI as uid 65534 inside a throwaway user namespace (ids 0-65535 mapped to themselves) whose own
 * user.max_user_namespaces is 0: what a host without unprivileged user namespaces gives, without touching
 * this host's sysctls. The shell execs again once the maps exist, so the script runs with the namespace's
 * capabilities (needed to write the namespace's own sysctl).
 */
function cliWithoutUserNamespaces(
  home: string,
  args: string[],
): Promise<{ code: number | null; stderr: string }> {
  const inner = [
    "echo 0 > /proc/sys/user/max_user_namespaces",
    `h=$1 p=$2; shift 2; exec setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$h" PATH="$p" "$@"`,
  ].join(" && ");
  const child = spawn(
    "unshare",
    [
      "--user",
      "sh",
      "-c",
      'echo ready; read x; exec sh -c "$0" sh "$@"',
      inner,
      home,
      process.env.PATH ?? "",
      process.execPath,
      cli,
      ...args,
    ],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  child.stdout.once("data", () => {
    for (const [file, map] of [
      ["uid_map", "0 0 65536\n"],
      ["setgroups", "allow\n"],
      ["gid_map", "0 0 65536\n"],
    ])
      writeFileSync(`/proc/${child.pid}/${file}`, map as string);
    child.stdin.end("\n");
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr })));
}

/** Whether uid 65534 may open /dev/net/tun (mode 0666, as udev makes it; some hosts have 0600). */
function tunUsable(): boolean {
  try {
    return (statSync("/dev/net/tun").mode & 0o006) === 0o006;
  } catch {
    return false;
  }
}
