// The step's scripts as files in their sandbox's own /tmp, and what the engine accepts as such a file.
import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/action/plan";
import { SCRIPT_ARGV, scriptFiles } from "../../src/action/scripts";
import { specFiles, specRecords } from "../../src/engine/sandbox-spec";

const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? "";

describe("the step's scripts", () => {
  it("are handed over as a file that SCRIPT_ARGV runs, never as an argument", () => {
    const plan = buildPlan(inputs({ run: "TOKEN=x; echo hi", setup: "apk add x", workspace: "none" }), {});
    const command = plan.commands[0] as (typeof plan.commands)[0];
    expect(SCRIPT_ARGV).toEqual(["/bin/sh", "-e", "/tmp/.nsbox-script"]);
    expect(scriptFiles(command.script)).toEqual([["/tmp/.nsbox-script", "TOKEN=x; echo hi"]]);
    expect(scriptFiles(plan.setup?.script ?? "")).toEqual([["/tmp/.nsbox-script", "apk add x"]]);
    expect(SCRIPT_ARGV.join(" ")).not.toContain("TOKEN");
  });
});

describe("a sandbox's files option", () => {
  // The spec's records, as a sandbox with these files would send them (the parts unrelated to files stubbed).
  const records = (files: Array<[string, string]>) =>
    specRecords(
      {
        rootfsDir: "/r",
        layers: [],
        scratchDir: "/s",
        idMap: { uidBase: 0, gidBase: 0, count: 1 },
        mountLayers: () => [],
        net: null,
      } as never,
      { argv: ["true"], files },
      { tmpfsBytes: 1, tmpfsInodes: 1 } as never,
      "h",
      { helperSpec: () => [] } as never,
      null,
      null,
      {},
    );

  it("go to the helper as file records", () => {
    expect(specFiles(records([["/tmp/.a", "x"]])).get("/tmp/.a")).toBe("x");
  });

  it.each(["/etc/passwd", "/tmp", "/tmp/", "/tmp/a/b", "/tmp/..", "tmp/a", "/tmp/a\0b"])(
    "refuses %j: only a name directly in /tmp (the sandbox's private tmpfs)",
    (path) => {
      expect(() => records([[path, "x"]])).toThrow(/is not a name in \/tmp/);
    },
  );
});
