// Truthful outcome classes: a helper killed from outside after its sandbox started is not a setup error.
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { sandboxSkipReason } from "../support/sandbox";

const cli = join(import.meta.dirname, "..", "..", "dist", "cli.js");
const sh = (cmd: string) => execFileSync("sh", ["-c", `${cmd} || true`], { encoding: "utf8" }).trim();

describe.skipIf(sandboxSkipReason !== null || !existsSync(cli))("outcome classes", () => {
  it.each([
    ["SIGKILL", 9],
    ["SIGUSR1", 10],
  ])(
    "a helper killed by %s mid-run: signaled, the sandbox with it, the reason says so",
    async (name, sig) => {
      const marker = `${40 + sig}.25`;
      const args = ["run", "--json", "--mirror", inject("mirrorUrl"), "--cache-dir", inject("cacheDir")];
      const child = spawn(process.execPath, [cli, ...args, "--alpine", "3.20", "--", "sleep", marker], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      child.stdout.on("data", (c: Buffer) => {
        stdout += c.toString();
      });
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      for (let i = 0; i < 200 && sh(`pgrep -fx 'sleep ${marker}'`) === ""; i++)
        await new Promise((r) => setTimeout(r, 50));
      const helper = sh(`pgrep -P ${child.pid} -f nsbox-helper`);
      expect(helper).toMatch(/^\d+$/);
      process.kill(Number(helper), sig);
      expect(await exited).toBe(137);
      expect(JSON.parse(stdout)).toMatchObject({
        status: "signaled",
        exitCode: 137,
        signal: "SIGKILL",
        reason: `the sandbox helper was killed by ${name} from outside; the sandbox was killed with it`,
        error: null,
      });
      expect(sh(`pgrep -fx 'sleep ${marker}'`)).toBe("");
    },
  );
});
