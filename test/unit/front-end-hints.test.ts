// Each front end words the fixes the engine leaves to it: the engine's own messages name no CLI flag, the
// CLI names its flags and the Action its inputs. Walks every hint key and every engine error that has one.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ACTION_FIX_HINTS, actionErrorText, actionRunErrorText } from "../../src/action/hints";
import { CLI_FIX_HINTS, cliErrorText, cliRunErrorText } from "../../src/cli/hints";
import { LimitGuard } from "../../src/engine/cgroup/enforce";
import { NoneRun } from "../../src/engine/cgroup/none";
import {
  HINT_KEYS,
  type HintKey,
  parseEnvPairs,
  parseHostname,
  type RunError,
  SetupError,
  UsageError,
} from "../../src/engine/index";
import { checkLoopDevices, checkScratchRoom } from "../../src/engine/layers/scratch";
import type { Netlink } from "../../src/engine/net/netlink";
import { checkPoolClash, LeaseBook, parsePool } from "../../src/engine/net/pool";
import { checkTun, rootlessError } from "../../src/engine/net/rootless";
import { StateDir } from "../../src/engine/net/state";
import { applyEvent, decideOutcome, emptyObservation } from "../../src/engine/outcome";
import { fetchBytes } from "../../src/engine/rootfs/download";
import { prepareRootfs } from "../../src/engine/rootfs/index";

const CLI_FLAG = /(^|[\s(`'"])--[a-z]/;

/** One real engine error for every hint key, and some without one (their whole text is the engine's). */
async function engineErrors(): Promise<Error[]> {
  const caught = async (f: () => unknown): Promise<Error> => {
    try {
      await f();
    } catch (e) {
      return e as Error;
    }
    throw new Error("expected an error");
  };
  // What node:http's request emits when nothing listens.
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
    code: "ECONNREFUSED",
    syscall: "connect",
  });
  const httpGet = async () => {
    throw refused;
  };
  const cacheDir = mkdtempSync(join(tmpdir(), "nsbox-hints-"));
  return [
    await caught(() => new LimitGuard(false).cannot("memory", "no memory controller")),
    // What openV2Run leaves when the only place is a cgroup holding processes (a container's cgroup root).
    await caught(() =>
      new NoneRun(
        "no usable cgroup v2 parent: EBUSY enabling controllers in /sys/fs/cgroup, which holds processes",
        "cgroup-busy",
      ).createSandbox("a", { memoryBytes: 64 << 20 }, false),
    ),
    await caught(() =>
      checkPoolClash(parsePool("10.1.0.0/16"), [{ dst: "10.1.0.0", prefix: 16, dev: "eth0" }]),
    ),
    // The mirror's download fails: the hint is the rootfs's; a package repository's download has none.
    await caught(() =>
      prepareRootfs({ alpine: "3.20", mirror: "http://mirror.invalid", cacheDir, idShift: null, httpGet }),
    ).finally(() => rmSync(cacheDir, { recursive: true, force: true })),
    await caught(() => parseEnvPairs(["1A=v"])),
    await caught(() => parseHostname("a_b")),
    rootlessError(),
    await caught(() => checkTun("/nonexistent/tun")),
    await caught(() => fetchBytes("http://repository.invalid/x", { backoffMs: [1, 1], httpGet })),
    await caught(() => checkLoopDevices("/nonexistent/loop-control")),
    await caught(() => checkScratchRoom(tmpdir(), 2 ** 60)), // a 1 EiB cap: no file system has that free
    await caught(() => fullPool()),
    // A version the mirror does not have, and a local tarball that is no rootfs.
    await withDir((dir) =>
      caught(() =>
        prepareRootfs({
          alpine: "3.99",
          mirror: "http://mirror.invalid",
          cacheDir: dir,
          idShift: null,
          httpGet: notFound,
        }),
      ),
    ),
    await withDir((dir) => {
      const tarball = join(dir, "x.tar.gz");
      writeFileSync(tarball, gzipSync("not a tar archive\n".repeat(100)));
      return caught(() => prepareRootfs({ tarball, cacheDir: join(dir, "cache"), idShift: null }));
    }),
  ];
}

/** The result's error for each setup error the helper reports that has a hint (native/init.c), and one without. */
function resultErrors(): RunError[] {
  const events: Array<[step: string, errno: number, message: string]> = [
    ["exec", constants.errno.ENOENT, "command not found: nosuchcmd"],
    ["workdir", constants.errno.ENOENT, "working directory not found: /nope"],
    ["exec", constants.errno.EACCES, "permission denied: /tmp/x"],
  ];
  return events.map(([step, errno, message]) => {
    const o = emptyObservation();
    applyEvent(o, { event: "setup-error", step, errno, message });
    return decideOutcome(o).error as RunError;
  });
}

/** A 404 for every request. */
const notFound = async () => ({
  status: 404,
  statusText: "Not Found",
  headers: { get: () => null },
  body: null,
});

async function withDir<T>(f: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "nsbox-hints-"));
  try {
    return await f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A second sandbox on a pool of one /30, in a state dir of its own (no real link is touched). */
function fullPool(): void {
  const state = new StateDir(mkdtempSync(join(tmpdir(), "nsbox-hints-state-")));
  const nl = { linkIndex: () => null, deleteLink: () => false } as unknown as Netlink;
  const pool = parsePool("10.201.0.0/30");
  try {
    new LeaseBook(state, pool, "aaaaaa", () => nl).acquire();
    new LeaseBook(state, pool, "bbbbbb", () => nl).acquire();
  } finally {
    rmSync(state.base, { recursive: true, force: true });
  }
}

describe("front-end hints", () => {
  it("every hint key has a CLI wording with its flag and an Action wording without any flag", () => {
    for (const key of HINT_KEYS) {
      expect(CLI_FIX_HINTS[key], key).toMatch(CLI_FLAG);
      expect(ACTION_FIX_HINTS[key], key).toBeTruthy();
      expect(ACTION_FIX_HINTS[key], key).not.toMatch(CLI_FLAG);
    }
  });

  it("engine errors name no CLI flag; each front end appends its own wording of the hint", async () => {
    const errors = await engineErrors();
    const keys = new Set<HintKey>();
    for (const err of errors) {
      expect(err instanceof UsageError || err instanceof SetupError, err.message).toBe(true);
      const hint = (err as UsageError | SetupError).hint;
      if (hint) keys.add(hint);
      expect(err.message).not.toMatch(CLI_FLAG);
      expect(actionErrorText(err)).not.toMatch(CLI_FLAG);
      expect(actionErrorText(err).startsWith(err.message)).toBe(true);
      if (hint) {
        expect(actionErrorText(err)).toBe(`${err.message}; ${ACTION_FIX_HINTS[hint]}`);
        expect(cliErrorText(err)).toBe(`${err.message}; ${CLI_FIX_HINTS[hint]}`);
      } else {
        expect(cliErrorText(err)).toBe(err.message);
      }
    }
    // And a result's error (a sandbox that could not start), worded the same way.
    for (const error of resultErrors()) {
      if (error.hint) keys.add(error.hint);
      expect(error.message).not.toMatch(CLI_FLAG);
      expect(actionRunErrorText(error)).not.toMatch(CLI_FLAG);
      if (error.hint) {
        expect(actionRunErrorText(error)).toBe(`${error.message}; ${ACTION_FIX_HINTS[error.hint]}`);
        expect(cliRunErrorText(error)).toBe(`${error.message}; ${CLI_FIX_HINTS[error.hint]}`);
      } else {
        expect(cliRunErrorText(error)).toBe(error.message);
        expect(actionRunErrorText(error)).toBe(error.message);
      }
    }
    // A new hint key needs an engine error above that carries it (so its wording is checked in context).
    expect([...keys].sort()).toEqual([...HINT_KEYS].sort());
  });

  it("the CLI's wording is what it printed before the hints moved out of the engine", async () => {
    const [limit, busy, pool, mirror, env, hostname, , , repository, loop, room, full] = await engineErrors();
    expect(cliErrorText(limit)).toBe(
      "cannot enforce memory limit: no memory controller; run as root or pass --best-effort",
    );
    // root is no fix for the no-internal-processes rule: the hint says what is.
    expect(cliErrorText(busy)).toBe(
      "cannot enforce memory limit: no usable cgroup v2 parent: EBUSY enabling controllers in /sys/fs/cgroup, which holds processes; start nsbox in a cgroup of its own: move that cgroup's processes into a child (a leaf) and run nsbox from there, or pass --best-effort",
    );
    expect(cliErrorText(pool)).toBe(
      "network pool 10.1.0.0/16 overlaps the host route 10.1.0.0/16 on eth0; choose another with --pool",
    );
    expect(cliErrorText(mirror)).toMatch(
      /^cannot download http:\/\/mirror\.invalid\/\S+: .* \(tried 3 times\); check --mirror or use --rootfs with a local tarball$/,
    );
    // A package repository's download is not the mirror's: no hint about it.
    expect(cliErrorText(repository as Error)).toMatch(
      /^cannot download http:\/\/repository\.invalid\/x: .*\(tried 3 times\)$/,
    );
    expect(cliErrorText(env)).toBe("env: '1A=v' is not K=V; use --env NAME=value");
    expect(cliErrorText(hostname)).toBe(
      "hostname: 'a_b' is not a valid hostname; use --hostname with letters, digits and '-' like test-1",
    );
    expect(cliErrorText(loop)).toBe(
      "this host has no loop devices (/nonexistent/loop-control is missing: the loop module is not loaded), which a disk scratch needs; use --scratch memory on this host",
    );
    expect(cliErrorText(room)).toMatch(
      /^cannot create the disk scratch: its 1048576\.0 TiB image needs that much room on the file system of '\S+', which has \S+ \S+ free; free space there, give a smaller --tmpfs-size \(the layer's cap\), or use --scratch memory$/,
    );
    expect(cliErrorText(full)).toBe(
      "network pool 10.201.0.0/30 is exhausted: its 1 address is in use by running sandboxes; give a larger --pool, or run fewer nsbox processes with --network nat at once",
    );
    // And the Action's, which names its inputs.
    expect(actionErrorText(env)).toBe("env: '1A=v' is not K=V; give the env input one NAME=value per line");
    expect(actionErrorText(hostname)).toBe(
      "hostname: 'a_b' is not a valid hostname; use letters, digits and '-' like test-1",
    );
    expect(actionErrorText(loop)).toMatch(/which a disk scratch needs; set scratch: memory on this runner$/);
    expect(actionErrorText(room)).toMatch(
      / free; free space on the runner's disk, set a smaller tmpfs-size \(the layer's cap\), or set scratch: memory$/,
    );
    expect(actionErrorText(full)).toMatch(
      /in use by running sandboxes; lower the parallel input, or run fewer jobs/,
    );
    const [release, tarball] = (await engineErrors()).slice(-2) as [Error, Error];
    expect(cliErrorText(release)).toMatch(
      /^Alpine 3\.99 is not available .*; check --alpine and --mirror, or use --rootfs with a local tarball$/,
    );
    expect(actionErrorText(release)).toMatch(
      /; check the alpine-version and mirror inputs, or give a local minirootfs tarball in the rootfs input$/,
    );
    expect(cliErrorText(tarball)).toBe(
      "cannot extract x.tar.gz: the gzip data is not a tar archive; give --rootfs an Alpine minirootfs tarball (alpine-minirootfs-<version>-<arch>.tar.gz)",
    );
    expect(actionErrorText(tarball)).toMatch(/; give the rootfs input an Alpine minirootfs tarball/);
  });

  it("a result's hint names the CLI's flags and the Action's inputs; one from another version adds nothing", () => {
    const [command, workdir] = resultErrors() as [RunError, RunError];
    expect(cliRunErrorText(command)).toBe(
      "command not found: nosuchcmd; check its name, or install the Alpine package that has it with --packages <pkg> (the rootfs is a minirootfs)",
    );
    expect(cliRunErrorText(workdir)).toBe(
      "working directory not found: /nope; give --workdir a directory that exists inside the sandbox (in the rootfs or a --mount)",
    );
    expect(actionRunErrorText(command)).toMatch(
      /; the Action runs each command with \/bin\/sh: give the rootfs input /,
    );
    expect(actionRunErrorText(workdir)).toMatch(
      /; set working-directory to a directory that exists in the sandbox/,
    );
    // A results file read back (nsbox report, the report action) may carry a key this version lacks.
    const foreign = { step: "exec", message: "command not found: x", hint: "future" } as unknown as RunError;
    expect(actionRunErrorText(foreign)).toBe("command not found: x");
    expect(cliRunErrorText(foreign)).toBe("command not found: x");
  });
});
