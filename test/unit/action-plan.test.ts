import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommands } from "../../src/action/commands";
import { sanitizedGitConfig } from "../../src/action/gitconfig";
import { buildPlan } from "../../src/action/plan";
import { annotation, summaryRows, Tail } from "../../src/action/report";
import { UsageError } from "../../src/engine/types";

const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? "";

describe("commands input", () => {
  it("takes one command per line", () => {
    expect(parseCommands("make test\n\n# comment\n  echo hi  \n")).toEqual([
      { name: "make test", run: "make test" },
      { name: "echo hi", run: "echo hi" },
    ]);
  });

  it("takes a YAML list of {name, run} with block scalars", () => {
    const text = `- name: unit\n  run: npm test\n- name: "multi"\n  run: |\n    echo a\n    echo b\n- run: echo nameless\n`;
    expect(parseCommands(text)).toEqual([
      { name: "unit", run: "npm test" },
      { name: "multi", run: "echo a\necho b\n" },
      { name: "echo nameless", run: "echo nameless" },
    ]);
  });

  it("rejects an item without run and a stray line", () => {
    expect(() => parseCommands("- name: x\n")).toThrow(UsageError);
    expect(() => parseCommands("- name: x\n  frob: y\n")).toThrow(/line 2/);
  });
});

describe("action plan", () => {
  const env = { GITHUB_WORKSPACE: "/home/runner/work/repo", RUNNER_TOOL_CACHE: "/opt/hostedtoolcache" };

  it("builds one sandbox for run and one per command, with defaults", () => {
    const plan = buildPlan(inputs({ run: "echo hi", commands: "true\nfalse", "fail-on-error": "" }), env);
    expect(plan.commands.map((c) => c.name)).toEqual(["run", "true", "false"]);
    expect(plan.commands[0]?.argv).toEqual(["/bin/sh", "-ec", "echo hi"]);
    expect(plan.session).toMatchObject({
      alpine: "latest-stable",
      network: "none",
      cacheDir: "/opt/hostedtoolcache/nsbox",
    });
    expect(plan.session.maxConnections).toBeUndefined(); // the engine's default (action.yml says 4096)
    expect(plan.mounts).toEqual([{ source: env.GITHUB_WORKSPACE, target: "/workspace", mode: "overlay" }]);
    expect(plan.workdir).toBe("/workspace");
    expect(plan.failOnError).toBe(true);
    expect(plan.parallel).toBe(1);
  });

  it("parses limits, env and working directory", () => {
    const plan = buildPlan(
      inputs({
        run: "x",
        memory: "64M",
        pids: "32",
        timeout: "1s",
        env: "A=1\nB=2",
        "working-directory": "sub/dir",
        "max-connections": "100",
      }),
      env,
    );
    expect(plan.session.maxConnections).toBe(100);
    expect(plan.limits).toEqual({ memoryBytes: 64 * 1024 * 1024, pids: 32, timeoutMs: 1000 });
    expect(plan.env).toEqual({ A: "1", B: "2" });
    expect(plan.workdir).toBe("/workspace/sub/dir");
  });

  it.each([
    [{ run: "" }, "run and commands are both empty"],
    [{ run: "x", network: "bridge" }, "network: 'bridge' is not a network mode; use none or nat"],
    [{ run: "x", memory: "12XB" }, "memory: '12XB' is not a size; use 512M or 2G"],
    [{ run: "x", "max-connections": "0" }, "max-connections: '0' is not a count; use a whole number like 64"],
    [{ run: "x", workspace: "copy" }, "workspace: 'copy'"],
    [{ run: "x", "fail-fast": "maybe" }, "fail-fast: 'maybe' is not a boolean"],
    [{ run: "x", "working-directory": "../../etc" }, "leaves the workspace"],
  ])("rejects %o with one sentence", (values, message) => {
    expect(() => buildPlan(inputs(values as Record<string, string>), env)).toThrow(message);
  });
});

describe("report", () => {
  it("renders rows and annotations", () => {
    const r = {
      name: "unit",
      status: "oom",
      exitCode: 137,
      wallMs: 1500,
      cpuUserMs: 100,
      cpuSystemMs: 20,
      memoryPeakBytes: 64 * 1024 * 1024,
      pidsPeak: 3,
      reason: "out of memory",
      error: null,
    } as never;
    expect(summaryRows([r])[0]).toEqual(["unit", "💥 oom", "137", "1.50 s", "120 ms", "64.0 MiB", "3"]);
    expect(annotation(r)).toBe("unit: oom, exit code 137 (out of memory)");
    const tail = new Tail(100);
    for (let i = 0; i < 100; i++) tail.push(`line ${i}\n`);
    expect(tail.lines(2)).toBe("line 98\nline 99\n");
  });

  it("strips persisted credentials from a copy of .git/config", () => {
    const ws = mkdtempSync(join(tmpdir(), "nsbox-ws-"));
    mkdirSync(join(ws, ".git"));
    writeFileSync(
      join(ws, ".git", "config"),
      '[core]\n\tbare = false\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n[includeIf "gitdir:/x"]\n\tpath = /runner/temp/creds\n[remote "origin"]\n\turl = https://github.com/o/r\n',
    );
    const copy = sanitizedGitConfig(ws, ws) as string;
    const text = readFileSync(copy, "utf8");
    expect(text).not.toContain("c2VjcmV0");
    expect(text).not.toContain("/runner/temp/creds");
    expect(text).toContain("url = https://github.com/o/r");
  });
});
