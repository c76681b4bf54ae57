// Through the runner harness, as a sudo user with the workspace writable: what sandboxes leave or change
// where the Action writes its own files (the JUnit file, output copies, the summary) never makes it follow,
// block or overflow. A running sandbox swapping a directory of the output tree for a symlink to a host
// dir, while another command's outputs are copied (`parallel: 2`), wrote root's copies there before.
import {
  chownSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  commandsInput,
  createRunner,
  ensureUser,
  REPO_ROOT,
  removeUser,
  runAction,
} from "../support/runner-harness";
import { sandboxSkipReason } from "../support/sandbox";

const USER = "nsbox-hdest";
const hasDist = () => readdirSync(join(REPO_ROOT, "dist")).includes("index.js");

describe.skipIf(sandboxSkipReason !== null || !hasDist())("hostile entries where the Action writes", () => {
  let sudoUser: { uid: number; gid: number } | null = null;
  beforeAll(() => {
    sudoUser = ensureUser(USER, { sudo: true });
  });
  afterAll(() => removeUser(USER));

  it("a fifo planted at the junit path or at an output's place is replaced, never opened", async (ctx) => {
    if (!sudoUser) return ctx.skip("no useradd/sudo on this machine");
    const runner = createRunner({ as: sudoUser });
    try {
      const r = await runAction({
        runner,
        timeoutMs: 120_000,
        with: {
          workspace: "rw",
          junit: "junit.xml",
          outputs: "/out/r.txt",
          commands: commandsInput([
            {
              name: "plant",
              run: "mkfifo /workspace/junit.xml && mkdir -p /workspace/nsbox-output/c2/out && mkfifo /workspace/nsbox-output/c2/out/r.txt",
            },
            { name: "c2", run: "mkdir -p /out && echo result > /out/r.txt" },
          ]),
        },
      });
      expect(r.timedOut).toBe(false); // both used to hang the step: the opens waited for a reader
      expect(r.conclusion).toBe("success");
      const junit = join(runner.workspace, "junit.xml");
      expect(lstatSync(junit).isFile()).toBe(true);
      expect(readFileSync(junit, "utf8")).toMatch(/^<\?xml/);
      const copy = join(runner.workspace, "nsbox-output/c2/out/r.txt");
      expect(lstatSync(copy).isFile()).toBe(true);
      expect(readFileSync(copy, "utf8")).toBe("result\n");
    } finally {
      runner.remove();
    }
  }, 180_000);

  it("parallel sandboxes: one swapping the output tree with a symlink never gets a copy outside it", async (ctx) => {
    if (!sudoUser) return ctx.skip("no useradd/sudo on this machine");
    const runner = createRunner({ as: sudoUser });
    // Root's files in a dir the copy must never reach (it stands for /etc or /root/.ssh).
    const target = join(runner.root, "host-dir");
    mkdirSync(target);
    for (let i = 0; i < 2000; i++) writeFileSync(join(target, `f${i}`), "original\n");
    const xchg = join(runner.workspace, "xchg");
    copyFileSync(join(inject("probesDir"), "xchg"), xchg);
    chownSync(xchg, sudoUser.uid, sudoUser.gid);
    try {
      const r = await runAction({
        runner,
        timeoutMs: 150_000,
        with: {
          workspace: "rw",
          parallel: "2",
          outputs: "/out/*",
          commands: commandsInput([
            {
              name: "racer",
              run: [
                "mkdir -p /workspace/nsbox-output/victim/out && cd /workspace/nsbox-output/victim",
                `ln -s ${target} out.l`,
                "/workspace/xchg out out.l 12",
              ].join("\n"),
            },
            {
              name: "victim",
              run: 'sleep 1; mkdir /out; i=0; while [ $i -lt 2000 ]; do echo "sandbox $i" > /out/f$i; i=$((i+1)); done',
            },
          ]),
        },
      });
      expect(r.log).toMatch(/swaps [1-9]\d*/); // the race ran all along
      const changed = readdirSync(target).filter(
        (f) => readFileSync(join(target, f), "utf8") !== "original\n",
      );
      expect(changed).toEqual([]);
      expect(readdirSync(target)).toHaveLength(2000);
      const victim = (
        JSON.parse(r.outputs.results ?? "[]") as Array<{ name: string; outputs?: unknown }>
      ).find((x) => x.name === "victim")?.outputs as { files: string[]; skippedCount: number } | undefined;
      expect((victim?.files.length ?? 0) + (victim?.skippedCount ?? 0)).toBeGreaterThan(0);
    } finally {
      runner.remove();
    }
  }, 240_000);

  it("300 commands, 20 of them failing with 8 KiB of quotes: the summary stays within the runner's 1 MiB", async () => {
    const runner = createRunner({ as: "root" });
    try {
      const items = Array.from({ length: 300 }, (_, i) => ({
        name: `case-${i + 1}`,
        run: i < 20 ? `head -c 8192 /dev/zero | tr '\\0' '"'; exit 1` : "true",
      }));
      const r = await runAction({
        runner,
        timeoutMs: 600_000,
        with: { workspace: "none", parallel: "4", "fail-on-error": "false", commands: commandsInput(items) },
      });
      // The runner threw the whole summary away (over 1 MiB, 1.05 MiB here) before it was fitted.
      expect(r.summary).not.toBeNull();
      expect(Buffer.byteLength(r.summary ?? "")).toBeLessThanOrEqual(900 * 1024);
      expect(r.summary).toContain("case-300");
      expect(r.summary).toContain("more failure(s): their output is in the step log");
    } finally {
      runner.remove();
    }
  }, 600_000);
});
