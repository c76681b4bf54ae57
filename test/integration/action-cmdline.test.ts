// A step's scripts (run, each commands item, setup) never show in a process's command line: every local
// user of a self-hosted runner can read /proc/<pid>/cmdline, and a script may hold a secret inlined with
// ${{ secrets.X }}. They reach their sandboxes as files in the sandbox's own /tmp; `set -e` still applies.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  commandsInput,
  createRunner,
  ensureUser,
  REPO_ROOT,
  type RunAs,
  removeUser,
  runAction,
} from "../support/runner-harness";
import { hostProcesses, rootlessSkipReason, sandboxSkipReason } from "../support/sandbox";

const skip =
  sandboxSkipReason ?? (existsSync(join(REPO_ROOT, "dist", "index.js")) ? null : "dist is not built");
const USER = "nsbox-e2e-cmdline";

/** Runs `step` while collecting every command line seen, every 20 ms, until it settles. */
async function watchCommandLines<T>(step: Promise<T>): Promise<{ result: T; seen: Set<string> }> {
  const seen = new Set<string>();
  let done = false;
  const watching = (async () => {
    while (!done) {
      for (const { argv } of hostProcesses()) seen.add(argv.join(" "));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    return { result: await step, seen };
  } finally {
    done = true;
    await watching;
  }
}

describe.skipIf(skip !== null)("the Action's scripts and the command line", () => {
  let sudoUser: { uid: number; gid: number } | null = null;
  beforeAll(() => {
    sudoUser = ensureUser(USER, { sudo: true });
  });
  afterAll(() => {
    if (sudoUser) removeUser(USER);
  });

  const cases: Array<{ who: string; as: () => RunAs | null; skipWhy: () => string | null }> = [
    { who: "root", as: () => "root", skipWhy: () => null },
    { who: "a sudo user", as: () => sudoUser, skipWhy: () => (sudoUser ? null : "no sudo/useradd here") },
    { who: "a rootless user", as: () => ({ uid: 65534, gid: 65534 }), skipWhy: rootlessSkipReason },
  ];
  for (const c of cases) {
    it(`keeps run, commands and setup out of every /proc/*/cmdline, as ${c.who}`, async (ctx) => {
      const why = c.skipWhy();
      const as = c.as();
      if (why || !as) return ctx.skip(why ?? "no user");
      const tag = randomBytes(6).toString("hex");
      const secret = (where: string) => `s3cr3t-${tag}-${where}`;
      // Each sleeps for a time of its own: its sleep seen in the process list proves the watch saw it run.
      const script = (where: string, sleep: string) =>
        `TOKEN=${secret(where)}\nsleep ${sleep}\necho "${where} has a token of ${"$"}{#TOKEN} characters"`;
      const runner = createRunner({ as, toolCache: as === "root" ? undefined : "private" });
      try {
        const { result: r, seen } = await watchCommandLines(
          runAction({
            runner,
            with: {
              workspace: "none",
              "fail-on-error": "false",
              // Rootless, the setup's kept layer cannot be capped: run and say so.
              ...(as === "root" || as === sudoUser ? {} : { "best-effort": "true" }),
              setup: script("setup", "1.1"),
              run: script("run", "1.2"),
              commands: commandsInput([
                { name: "item", run: script("item", "1.3") },
                { name: "stops at the first failure", run: "false\necho NOT_REACHED" },
              ]),
            },
          }),
        );
        expect(r.exitCode, r.log).toBe(0);
        const lens = ["setup", "run", "item"].map(
          (w) => `${w} has a token of ${secret(w).length} characters`,
        );
        for (const line of lens) expect(r.log).toContain(line);
        expect([...seen]).toEqual(
          expect.arrayContaining(
            ["sleep 1.1", "sleep 1.2", "sleep 1.3"].map((s) => expect.stringContaining(s)),
          ),
        );
        expect([...seen].filter((line) => line.includes(tag))).toEqual([]);
        // set -e: the first failing line ends the script, whose name and status are reported as ever.
        const results = JSON.parse(r.outputs.results as string) as Array<{ name: string; status: string }>;
        expect(results.map((x) => `${x.name}: ${x.status}`)).toEqual([
          "run: ok",
          "item: ok",
          "stops at the first failure: failed",
        ]);
        expect(r.log).not.toContain("NOT_REACHED");
      } finally {
        runner.remove();
      }
    });
  }
});
