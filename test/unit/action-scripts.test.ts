// The step's scripts as files: private on the host, readable by their sandbox, mounted read-only.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildPlan } from "../../src/action/plan";
import { SCRIPT_ARGV, scriptMount, writeScripts } from "../../src/action/scripts";

const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? "";

describe("the step's scripts", () => {
  const temps: string[] = [];
  afterEach(() => {
    for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
  });

  it("are written 0444 in a 0700 dir, whatever the umask, and mounted read-only where SCRIPT_ARGV runs them", () => {
    const temp = mkdtempSync(join(tmpdir(), "nsbox-scripts-"));
    temps.push(temp);
    const plan = buildPlan(
      inputs({ run: "TOKEN=x; echo hi", commands: "true", setup: "apk add x", workspace: "none" }),
      {},
    );
    const umask = process.umask(0o077);
    try {
      writeScripts(plan, temp);
    } finally {
      process.umask(umask);
    }
    expect(statSync(join(temp, "scripts")).mode & 0o777).toBe(0o700);
    const files = [plan.setup, ...plan.commands].map((of) => of?.scriptFile as string);
    expect(files).toEqual(["setup", "1", "2"].map((n) => join(temp, "scripts", n)));
    expect(files.map((f) => statSync(f).mode & 0o777)).toEqual([0o444, 0o444, 0o444]);
    expect(files.map((f) => readFileSync(f, "utf8"))).toEqual(["apk add x", "TOKEN=x; echo hi", "true"]);
    expect(SCRIPT_ARGV).toEqual(["/bin/sh", "-e", "/run/nsbox/script"]);
    expect(scriptMount(plan.commands[0] as (typeof plan.commands)[0])).toEqual({
      source: files[1],
      target: SCRIPT_ARGV[2],
      mode: "ro",
    });
  });
});
