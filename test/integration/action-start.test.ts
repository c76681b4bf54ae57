// The Action's start, as the runner starts it: what a run loads (issue 15: "do not load what a run does
// not need"), read from Node's own list of the built-in modules the step's process loaded, written at its
// exit by a hook that the step's NODE_OPTIONS names (a step's `env:` may set NODE_OPTIONS on the runner;
// only GITHUB_ENV may not); and where its code cache goes (never a directory another user controls).
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRunner, REPO_ROOT, runAction } from "../support/runner-harness";
import { leftovers, sandboxSkipReason } from "../support/sandbox";

/**
 * Built-ins only rare paths need: starting programs (sudo, git, nft), hashing, downloads, threads, a
 * terminal (the step's stdout is a pipe), the sudo worker's stdin.
 */
const NOT_FOR_A_WARM_RUN = [
  "child_process",
  "dgram",
  "crypto",
  "zlib",
  "http",
  "https",
  "worker_threads",
  "tty",
  "stream/consumers",
  "timers/promises",
];

describe.skipIf(sandboxSkipReason !== null || !existsSync(join(REPO_ROOT, "dist", "index.js")))(
  "the Action's start",
  () => {
    it("loads no built-in a warm run of one command does not need", async () => {
      const runner = createRunner({ as: "root" });
      const hook = join(runner.temp, "loaded-hook.mjs");
      const list = join(runner.temp, "loaded.txt");
      writeFileSync(
        hook,
        `process.on("exit", () => process.getBuiltinModule("node:fs").writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join("\\n")));\n`,
      );
      try {
        // The first run fetches and unpacks the rootfs (tar, zlib): the second is the warm one.
        const cold = await runAction({ runner, with: { run: "true" }, post: false });
        expect(cold.conclusion).toBe("success");
        const r = await runAction({
          runner,
          with: { run: "echo ran in the sandbox" },
          env: { NODE_OPTIONS: `--import=${hook}` },
          post: false,
        });
        expect(r.conclusion).toBe("success");
        expect(r.log).toContain("ran in the sandbox");
        const loaded = readFileSync(list, "utf8")
          .split("\n")
          .map((m) => m.replace(/^NativeModule /, ""));
        // The list is this run's: the engine's reader of the helper's events is a net.Socket.
        expect(loaded).toContain("net");
        expect(NOT_FOR_A_WARM_RUN.filter((m) => loaded.includes(m))).toEqual([]);
        expect(leftovers()).toEqual([]);
      } finally {
        runner.remove();
      }
    });

    it("keeps its code cache in a directory of its own user, uses it, replaces a bad one, never one another user made", async () => {
      const runner = createRunner({ as: "root" });
      const tmps = mkdtempSync(join(tmpdir(), "nsbox-cc-test-"));
      const cacheIn = (tmp: string) => join(tmp, "nsbox-compile-cache-0");
      const filesUnder = (dir: string) =>
        readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
      const step = async (tmp: string, on = runner) => {
        const r = await runAction({
          runner: on,
          with: { run: "echo ran" },
          env: { TMPDIR: tmp },
          post: false,
        });
        expect(r.conclusion).toBe("success");
        expect(r.log).toContain("ran");
        expect(existsSync(join(tmp, "node-compile-cache"))).toBe(false); // Node's shared default: never
      };
      const cold = createRunner({ as: "root", toolCache: "private" });
      try {
        // Its own: made 0700. A cold run (it unpacks the rootfs) writes no code cache of the bundle (Node's
        // compile cache there may hold the tar package it loaded); the warm one after it does.
        const own = join(tmps, "own");
        mkdirSync(own, { mode: 0o1777 });
        const codeCaches = (dir: string) => filesUnder(dir).filter((e) => e.name.endsWith(".v8"));
        await step(own, cold);
        expect(lstatSync(cacheIn(own)).mode & 0o777).toBe(0o700);
        expect(codeCaches(cacheIn(own))).toEqual([]);
        await step(own);
        const made = codeCaches(cacheIn(own));
        expect(made.map((e) => e.name)).toEqual([expect.stringMatching(/^action-[0-9a-f]{16}\.v8$/)]);
        const cache = join(cacheIn(own), made[0]?.name ?? "");
        expect(lstatSync(cache).mode & 0o777).toBe(0o600);
        // The next run uses it: V8 accepted it, so it was not written again (a new file would be a new inode).
        const { ino } = lstatSync(cache);
        await step(own);
        expect(lstatSync(cache).ino).toBe(ino);
        // One V8 rejects (here garbage) is no harm: the run goes on and writes a good one in its place.
        writeFileSync(cache, "not a code cache");
        await step(own);
        expect(lstatSync(cache).size).toBeGreaterThan(100_000);

        // Made first by another user (nobody), writable by all: not used, nothing written into it.
        const foreign = join(tmps, "foreign");
        mkdirSync(foreign, { mode: 0o1777 });
        mkdirSync(cacheIn(foreign));
        chownSync(cacheIn(foreign), 65534, 65534);
        chmodSync(cacheIn(foreign), 0o777); // mkdir's mode goes through the umask
        await step(foreign);
        expect(filesUnder(cacheIn(foreign))).toEqual([]);

        // A link to a directory that would pass every other check: not followed.
        const linked = join(tmps, "linked");
        const target = join(tmps, "target");
        mkdirSync(linked, { mode: 0o1777 });
        mkdirSync(target, { mode: 0o700 });
        symlinkSync(target, cacheIn(linked));
        await step(linked);
        expect(filesUnder(target)).toEqual([]);
      } finally {
        runner.remove();
        cold.remove();
        rmSync(tmps, { recursive: true, force: true });
      }
    });

    it("leaves what a crashed run left to its post step: the main step does not sweep, the post step does", async () => {
      // A tool cache of its own: no other test's post step may sweep it meanwhile.
      const runner = createRunner({ as: "root", toolCache: "private" });
      try {
        // A writable layer of a dead engine, where the engine keeps them (<cache>/layers/keep-<pid>-<hex>).
        const dead = join(runner.toolCache, "nsbox", "layers", `keep-${deadPid()}-0123456789ab`);
        mkdirSync(dead, { recursive: true });
        expect(existsSync(dead)).toBe(true);
        const main = await runAction({ runner, with: { run: "true" }, post: false });
        expect(main.conclusion, main.log).toBe("success");
        expect(existsSync(dead)).toBe(true); // the main step left it
        const withPost = await runAction({ runner, with: { run: "true" } });
        expect(withPost.conclusion, withPost.log).toBe("success");
        expect(withPost.post?.conclusion).toBe("success");
        expect(withPost.post?.rawStdout).toContain("nsbox: removed 1 leftover(s) of an interrupted run");
        expect(existsSync(dead)).toBe(false);
        expect(leftovers()).toEqual([]);
      } finally {
        runner.remove();
      }
    });
  },
);

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  return Number(spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" }).stdout.trim());
}
