// On pure cgroup v2 (the VM lane): the run parent stays within the cgroup nsbox runs in, whichever place it
// gets (as root, the hierarchy root with the enclosing limits copied onto it; rootless, a subtree delegated
// to the caller), and a cgroup that cannot have children with controllers (it holds processes) says so.
import { spawn, spawnSync } from "node:child_process";
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { detectCgroups, v2IsComplete } from "../../src/engine/cgroup/detect";
import { cliRunArgs, rootlessSkipReason, sandboxSkipReason } from "../support/sandbox";
import { until } from "../support/until";

const cli = join(import.meta.dirname, "..", "..", "dist", "cli.js");
const layout = detectCgroups();
const own = layout.v2?.ownDir ?? null;
// A non-root leaf (a runner step's, as the lane starts the tests): its parent can hold test cgroups.
const usable = v2IsComplete(layout) && own !== null && own !== layout.v2?.mountPoint;
const MiB = 1024 * 1024;

/**
 * `argv` run from a cgroup of the test's own, as `uid` when given: moved there by root first (a move needs
 * write access to the common ancestor's cgroup.procs), then the privileges are dropped.
 */
function runIn(cgroup: string, argv: string[], uid?: number, home?: string) {
  const drop =
    uid === undefined
      ? []
      : [
          "setpriv",
          `--reuid=${uid}`,
          `--regid=${uid}`,
          "--clear-groups",
          "env",
          "-i",
          `PATH=${process.env.PATH}`,
          `HOME=${home}`,
        ];
  const r = spawnSync("sh", ["-c", `echo $$ > ${cgroup}/cgroup.procs && exec "$@"`, "sh", ...drop, ...argv], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return { ...r, stderr: r.stderr.replace(/^nsbox: (resolving|downloading|extracting|Alpine) .*\n/gm, "") };
}

describe.skipIf(sandboxSkipReason !== null || !existsSync(cli) || !usable)("the cgroup nsbox runs in", () => {
  // Beside the lane's leaf, so the test's limits bind nothing but the CLI it starts there.
  const made: string[] = [];
  const cgroup = (name: string) => {
    const dir = join(dirname(own as string), `${name}-${process.pid}`);
    mkdirSync(dir);
    made.push(dir);
    return dir;
  };
  beforeAll(() => {
    writeFileSync(join(dirname(own as string), "cgroup.subtree_control"), "+memory +pids +cpu");
  });
  afterAll(() => {
    for (const d of made.reverse()) rmdirSync(d);
  });

  it("caps sandboxes at its memory.max and pids.max, whatever they ask for, and says so", () => {
    const enc = cgroup("enclosing-test");
    writeFileSync(join(enc, "memory.max"), String(128 * MiB));
    writeFileSync(join(enc, "pids.max"), "32");
    const probes = `${inject("probesDir")}:/probes:ro`;
    const mem = runIn(enc, [
      process.execPath,
      ...cliRunArgs(cli, "--json", "--mount", probes, "--memory", "1G", "--", "/probes/memtouch", "200"),
    ]);
    const m = JSON.parse(mem.stdout);
    expect(m.status, mem.stderr).toBe("oom");
    // The sandbox's peak may pass its parent's max by a charge batch or two before the OOM kill.
    expect(m.memoryPeakBytes).toBeLessThan(130 * MiB);
    expect(m.notEnforced).toEqual([
      "memory 1G: the enclosing cgroup allows 128M for all sandboxes of the run",
    ]);
    const forks = runIn(enc, [
      process.execPath,
      ...cliRunArgs(
        cli,
        "--json",
        "--pids",
        "100",
        "--",
        "sh",
        "-c",
        "for i in $(seq 48); do sleep 2 & done; wait",
      ),
    ]);
    const f = JSON.parse(forks.stdout);
    expect(f.status, forks.stderr).toBe("pids-limit");
    expect(f.pidsPeak).toBeLessThanOrEqual(32); // at the cap (which counts init too), not the 100 asked
    expect(f.notEnforced).toEqual([
      "pids 100: the enclosing cgroup allows 32 processes for all sandboxes of the run",
    ]);
  });

  it("says a cgroup namespace's root that holds processes cannot parent sandboxes, and what to do", () => {
    // As in a privileged container: its own cgroup namespace, whose root (this leaf) holds the CLI.
    const leaf = cgroup("cgns-test");
    const inNs = [
      "unshare",
      "-C",
      "-m",
      "--propagation",
      "private",
      "sh",
      "-c",
      'umount -l /sys/fs/cgroup && mount -t cgroup2 none /sys/fs/cgroup && exec "$@"',
      "sh",
      process.execPath,
    ];
    const strict = runIn(leaf, [...inNs, ...cliRunArgs(cli, "--memory", "64M", "--", "true")]);
    expect(strict.status).toBe(125);
    expect(strict.stderr).toBe(
      "nsbox: cannot enforce memory limit: no usable cgroup v2 parent: EBUSY enabling controllers in /sys/fs/cgroup, which holds processes; start nsbox in a cgroup of its own: move that cgroup's processes into a child (a leaf) and run nsbox from there, or pass --best-effort\n",
    );
    const defaults = runIn(leaf, [...inNs, ...cliRunArgs(cli, "--", "echo", "inside")]);
    expect(defaults.status).toBe(0);
    expect(defaults.stdout).toBe("inside\n");
    expect(defaults.stderr).toMatch(
      /^nsbox: not enforced: memory default \(no usable cgroup v2 parent: EBUSY /,
    );
  });

  /** A cgroup delegated to uid 65534 as systemd's Delegate= makes it, and a leaf of its for the CLI. */
  function delegated(name: string): { deleg: string; leaf: string } {
    const deleg = cgroup(name);
    writeFileSync(join(deleg, "cgroup.subtree_control"), "+memory +pids +cpu");
    const leaf = join(deleg, "leaf");
    mkdirSync(leaf);
    made.push(leaf);
    for (const d of [deleg, leaf]) {
      chownSync(d, 65534, 65534);
      for (const f of ["cgroup.procs", "cgroup.subtree_control", "cgroup.threads"])
        chownSync(join(d, f), 65534, 65534);
    }
    return { deleg, leaf };
  }

  it("rootless, puts the run parent in the subtree delegated to the caller", (ctx) => {
    const why = rootlessSkipReason();
    if (why) return ctx.skip(why);
    const { leaf } = delegated("deleg-test");
    const home = mkdtempSync(join(tmpdir(), "nsbox-deleg-"));
    chownSync(home, 65534, 65534);
    try {
      const r = runIn(
        leaf,
        [
          process.execPath,
          cli,
          "run",
          "--mirror",
          inject("mirrorUrl"),
          "--cache-dir",
          join(home, "cache"),
          "--alpine",
          "3.20",
          "--json",
          "--memory",
          "64M",
          "--pids",
          "10",
          "--",
          "sh",
          "-c",
          "cat /proc/self/cgroup",
        ],
        65534,
        home,
      );
      expect(r.status, r.stderr).toBe(0);
      const result = JSON.parse(r.stdout);
      expect(result).toMatchObject({ status: "ok", cgroup: "v2", notEnforced: [] });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("rootless, a SIGKILLed run's parent in the delegated subtree is removed by the caller's next run", async (ctx) => {
    const why = rootlessSkipReason();
    if (why) return ctx.skip(why);
    const { deleg, leaf } = delegated("deleg-crash");
    const home = mkdtempSync(join(tmpdir(), "nsbox-deleg-"));
    chownSync(home, 65534, 65534);
    const runDirs = () => readdirSync(deleg).filter((n) => n.startsWith("nsbox-"));
    const asNobody = (...args: string[]) => [
      "sh",
      "-c",
      `echo $$ > ${leaf}/cgroup.procs && exec "$@"`, // each step execs the next: the pid is the CLI's
      "sh",
      ...["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env", "-i", `HOME=${home}`],
      `PATH=${process.env.PATH}`,
      process.execPath,
      cli,
      "run",
      ...["--mirror", inject("mirrorUrl"), "--cache-dir", join(home, "cache"), "--alpine", "3.20"],
      ...["--memory", "64M", "--pids", "10", ...args],
    ];
    const [cmd, ...rest] = asNobody("--", "sh", "-c", "echo up; exec sleep 60");
    const killed = spawn(cmd as string, rest, { stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise((resolve) => killed.once("exit", resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        killed.stdout?.once("data", () => resolve());
        killed.once("exit", () => reject(new Error("the run ended before its command started")));
      });
      const [dead] = runDirs(); // the killed run's parent, beside the CLI's leaf (which holds it)
      expect(dead).toMatch(new RegExp(`^nsbox-${killed.pid}-`));
      killed.kill("SIGKILL");
      await exited;
      expect(runDirs()).toEqual([dead]); // nothing of the dead run removes it
      const [c2, ...rest2] = asNobody("--", "true");
      const next = spawnSync(c2 as string, rest2, { encoding: "utf8", timeout: 120_000 });
      expect(next.status, next.stderr).toBe(0);
      expect(runDirs()).toEqual([]);
    } finally {
      killed.kill("SIGKILL");
      // What a failed run left, so that afterAll can remove the test's own cgroups.
      for (const n of runDirs()) {
        writeFileSync(join(deleg, n, "cgroup.kill"), "1");
        await until(() => {
          try {
            for (const sb of readdirSync(join(deleg, n), { withFileTypes: true }))
              if (sb.isDirectory()) rmdirSync(join(deleg, n, sb.name));
            rmdirSync(join(deleg, n));
            return true;
          } catch {
            return false; // busy for a moment after its last task exits
          }
        });
      }
      rmSync(home, { recursive: true, force: true });
    }
  });
});
