// What a run of the Action loads (issue 15: "do not load what a run does not need"), read from Node's own
// list of the built-in modules the step's process loaded, written at its exit by a hook that the step's
// NODE_OPTIONS names (a step's `env:` may set NODE_OPTIONS on the runner; only GITHUB_ENV may not).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRunner, REPO_ROOT, runAction } from "../support/runner-harness";
import { leftovers, sandboxSkipReason } from "../support/sandbox";

/** Built-ins only rare paths need: starting programs (sudo, git, nft), hashing, downloads, threads. */
const NOT_FOR_A_WARM_RUN = ["child_process", "dgram", "crypto", "zlib", "http", "https", "worker_threads"];

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
  },
);
