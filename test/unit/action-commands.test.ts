// The `commands` input through the real YAML parser, and how plan.ts merges each command's own values
// over the step's.
import { describe, expect, it } from "vitest";
import { isSeq, parseDocument } from "yaml";
import { needsYaml, parseCommands } from "../../src/action/commands";
import { buildPlan } from "../../src/action/plan";
import { UsageError } from "../../src/engine/types";

const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? "";
const env = { GITHUB_WORKSPACE: "/home/runner/work/repo" };

describe("commands input", () => {
  it("takes one command per line, skipping comments and blank lines", () => {
    expect(parseCommands("make test\n\n# comment\n  echo hi  \n")).toEqual([
      { name: "make test", run: "make test" },
      { name: "echo hi", run: "echo hi" },
    ]);
  });

  it("keeps plain text that YAML would read otherwise as one command per line", () => {
    // a mapping, a flow-ish test and an unbalanced quote: none of them is a YAML list
    const text = 'echo a: b\n[ -f x ] || true\necho "unterminated\nkey: value';
    expect(parseCommands(text).map((c) => c.run)).toEqual([
      "echo a: b",
      "[ -f x ] || true",
      'echo "unterminated',
      "key: value",
    ]);
  });

  it("leaves the YAML parser out only for text whose YAML document cannot be a list", () => {
    const isList = (text: string) => isSeq(parseDocument(text, { schema: "failsafe" }).contents);
    // YAML lists, in every way a document can start one: the parser must read them
    const lists = [
      "- make test",
      "  - indented",
      "-\n  make test",
      "# the suite\n\n- make test",
      "---\n- make test",
      "--- [a, b]",
      "%YAML 1.2\n---\n- a",
      "!!seq [a]",
      "!!seq\n- a",
      "&all\n- a",
      "[a, b]",
      "\uFEFF- with a byte order mark",
    ];
    for (const text of lists) {
      expect(isList(text), text).toBe(true);
      expect(needsYaml(text), text).toBe(true);
    }
    // Everything else is one command per line without yaml; the real parser agrees that none is a list.
    const plain = [
      "make test",
      "npm test\nnpm run lint",
      "echo a: b\n- not a list: the first line decides",
      "  echo indented",
      "# comment\necho hi",
      '"quoted"\n- x',
      "'single'",
      "{a: b}",
      "? key",
      "| block",
      "> folded",
      "... end",
      "@at",
      "`tick`",
      "x\n  - y",
      "key:\n  - nested list in a mapping",
      "\uFEFFecho with a byte order mark",
    ];
    for (const text of plain) {
      expect(needsYaml(text), text).toBe(false);
      expect(isList(text), text).toBe(false);
      expect(parseCommands(text), text).toEqual(
        text
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => l && !l.startsWith("#"))
          .map((run) => ({ name: run, run })),
      );
    }
    // What may precede a list's first token sends text to the parser even when it is no list in the end.
    for (const text of [
      "-not-a-list",
      "[ -f x ] && echo y",
      "*alias",
      "&anchor value",
      "!tag value",
      "%notes",
    ])
      expect(needsYaml(text), text).toBe(true);
  });

  it("takes a block list of strings and mappings with block scalars and comments", () => {
    const text = [
      "# the suite",
      "- make lint   # a comment, not part of the command",
      "- name: unit",
      "  run: npm test",
      '- name: "multi"',
      "  run: |",
      "    echo a",
      "    echo b",
      "- name: folded",
      "  run: >-",
      "    echo one",
      "    two",
      "- run: echo nameless",
      "",
    ].join("\n");
    expect(parseCommands(text)).toEqual([
      { name: "make lint", run: "make lint" },
      { name: "unit", run: "npm test" },
      { name: "multi", run: "echo a\necho b\n" },
      { name: "folded", run: "echo one two" },
      { name: "echo nameless", run: "echo nameless" },
    ]);
  });

  it("takes a flow list, and scalars stay strings", () => {
    expect(parseCommands("[echo a, 'echo b', {run: exit 0, timeout: 10}, yes]")).toEqual([
      { name: "echo a", run: "echo a" },
      { name: "echo b", run: "echo b" },
      { name: "exit 0", run: "exit 0", timeout: "10" },
      { name: "yes", run: "yes" },
    ]);
  });

  // An alias was refused as "item 2 is a list; give a command string or a {name, run} mapping".
  it("takes an item given as an alias as the item it names", () => {
    const text = "- &build make\n- *build\n- &t {name: test, run: make test}\n- *t";
    expect(parseCommands(text)).toEqual([
      { name: "make", run: "make" },
      { name: "make", run: "make" },
      { name: "test", run: "make test" },
      { name: "test", run: "make test" },
    ]);
  });

  it("takes each command's own env, limits and working directory", () => {
    const text = [
      "- name: slow",
      "  run: sleep 5",
      "  timeout: 1s",
      "  memory: 64M",
      "  pids: 16",
      "  cpus: 0.5",
      "  working-directory: sub",
      "  env:",
      "    A: '1'",
      "    B: two words",
      "- name: lines",
      "  run: env",
      "  env: |",
      "    # a comment, and a blank line",
      "",
      "    C=3",
      "    D=x=y",
    ].join("\n");
    expect(parseCommands(text)).toEqual([
      {
        name: "slow",
        run: "sleep 5",
        timeout: "1s",
        memory: "64M",
        pids: "16",
        cpus: "0.5",
        workingDirectory: "sub",
        env: { A: "1", B: "two words" },
      },
      { name: "lines", run: "env", env: { C: "3", D: "x=y" } },
    ]);
  });

  it.each([
    ["- name: x\n", "commands: item 1 ('x') has no run; give each item a run: line"],
    [
      "- name: lint\n  run: make\n  tmeout: 5s\n",
      "commands: item 1 ('lint') has an unknown key 'tmeout'; use name, run, env, timeout, memory, pids, cpus or working-directory",
    ],
    ["- run: a\n- run: b\n  frob: 1\n", "commands: item 2 has an unknown key 'frob'"],
    ["- a\n-\n", "commands: item 2 is empty"],
    ["- [a, b]\n", "commands: item 1 is a list"],
    ["- run: a\n  env: [A=1]\n", "env must be a mapping of NAME: value or K=V lines"],
    ["- run: a\n  env:\n    1BAD: x\n", "env entry '1BAD' is not NAME=value"],
    [
      "- run: a\n  env: |\n    # ours\n    A=1\n    1BAD=x\n",
      "commands: item 1: env entry '1BAD=x' is not NAME=value; use NAME: value",
    ],
    ["- run: {a: b}\n", "commands: item 1: run must be a string"],
    ["- run: a\n  run: b\n", "commands: YAML error on line 2"],
    ["- name: a\n  run: 'x\n- name: b\n", "commands: YAML error on line"],
    ["- run: a\n- name: b\n  run: c\n\tbad: tab\n", "commands: YAML error on line 4 (Unexpected scalar"],
  ])("rejects %j with one sentence", (text, message) => {
    let error: unknown;
    try {
      parseCommands(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const msg = (error as Error).message;
    expect(msg).toContain(message);
    expect(msg).not.toContain("\n");
  });
});

describe("per-command values in the plan", () => {
  const text = [
    "- name: own",
    "  run: sleep 5",
    "  timeout: 1s",
    "  working-directory: sub",
    "  env: {B: mine, C: '3'}",
    "- name: step",
    "  run: sleep 1",
  ].join("\n");

  it("override the step's: env merges, limits replace one by one, working-directory resolves", () => {
    const plan = buildPlan(
      inputs({
        commands: text,
        env: "A=1\nB=step",
        timeout: "1m",
        memory: "64M",
        "working-directory": "top",
      }),
      env,
    );
    expect(plan.commands[0]).toMatchObject({
      name: "own",
      script: "sleep 5",
      env: { A: "1", B: "mine", C: "3" },
      limits: { timeoutMs: 1000, memoryBytes: 64 * 1024 * 1024 },
      workdir: "/workspace/sub",
    });
    expect(plan.commands[1]).toMatchObject({
      name: "step",
      env: { A: "1", B: "step" },
      limits: { timeoutMs: 60_000, memoryBytes: 64 * 1024 * 1024 },
      workdir: "/workspace/top",
    });
  });

  it.each([
    ["- run: x\n  timeout: soon\n", "commands: item 1 ('x'): timeout: 'soon'"],
    ["- run: x\n  memory: 12XB\n", "commands: item 1 ('x'): memory: '12XB' is not a size"],
    ["- run: x\n  working-directory: ../..\n", "commands: item 1 ('x'): working-directory: '../..' leaves"],
  ])("rejects a bad per-command value %j naming the item", (commands, message) => {
    expect(() => buildPlan(inputs({ commands }), env)).toThrow(message);
  });

  it("numbers items from 1 after the run input", () => {
    expect(() => buildPlan(inputs({ run: "true", commands: "- run: x\n  pids: many\n" }), env)).toThrow(
      "commands: item 1 ('x'): pids: 'many'",
    );
  });
});
