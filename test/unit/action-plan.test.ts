import { describe, expect, it } from "vitest";
import { ACTION_FIX_HINTS, actionErrorText } from "../../src/action/hints";
import { buildPlan } from "../../src/action/plan";
import { HINT_KEYS, UsageError } from "../../src/engine/types";

const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? "";

describe("action plan", () => {
  const env = { GITHUB_WORKSPACE: "/home/runner/work/repo", RUNNER_TOOL_CACHE: "/opt/hostedtoolcache" };

  it("builds one sandbox for run and one per command, with defaults", () => {
    const plan = buildPlan(inputs({ run: "echo hi", commands: "true\nfalse", "fail-on-error": "" }), env);
    expect(plan.commands.map((c) => c.name)).toEqual(["run", "true", "false"]);
    // The script goes to its sandbox as a file in its /tmp (scripts.ts), never as an argument.
    expect(plan.commands[0]).toMatchObject({ script: "echo hi" });
    expect(plan.commands[0]).not.toHaveProperty("argv");
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

  it("keeps the setup apart from the commands, with the step's values, in every shard", () => {
    const values = {
      setup: "npm ci",
      commands: "- name: a\n  run: a\n  timeout: 5s\n- b",
      env: "A=1",
      timeout: "1m",
    };
    const plan = buildPlan(inputs(values), env);
    expect(plan.setup).toEqual({
      script: "npm ci",
      env: { A: "1" },
      limits: { timeoutMs: 60_000 },
      workdir: "/workspace",
    });
    expect(plan.commands.map((c) => [c.name, c.position])).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    const shards = [1, 2, 3].map((k) => buildPlan(inputs({ ...values, shard: `${k}/3` }), env));
    expect(shards.map((p) => p.commands.map((c) => c.position))).toEqual([[1], [2], []]);
    expect(shards.map((p) => p.setup?.script)).toEqual(["npm ci", "npm ci", "npm ci"]);
    expect(buildPlan(inputs({ run: "x" }), env).setup).toBeNull();
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
        network: "nat",
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
    [{ run: "x", packages: " , ,\n" }, "packages: ', ,' names no package; give names like nodejs npm"],
    // Out of the engine's range: judged with the inputs, not at the sandbox (after the commands before it).
    [
      { run: "x", memory: "1" },
      "memory: 1 B is below the 4.00 MiB the sandbox's own set-up needs; use at least 4M",
    ],
    [
      { commands: "- name: a\n  run: x\n  memory: 1" },
      "commands: item 1 ('a'): memory: 1 B is below the 4.00 MiB the sandbox's own set-up needs; use at least 4M",
    ],
    [
      { commands: "- name: a\n  run: x\n  pids: 99999999" },
      "commands: item 1 ('a'): pids: 99999999 is more than this kernel allows",
    ],
    [
      { run: "x", scratch: "disk", "tmpfs-size": "1K" },
      "tmpfs-size: 1.00 KiB is below the 1.00 MiB a disk scratch needs",
    ],
    [
      { run: "x", network: "nat", "max-connections": "0" },
      "max-connections: '0' is not a count; use a whole number like 64",
    ],
    [
      { run: "x", network: "nat", "max-connections": "2000000" },
      "max-connections: 2000000 is out of range; use a whole number from 1 to 1000000",
    ],
    [{ run: "x", workspace: "copy" }, "workspace: 'copy'"],
    [{ run: "x", "fail-fast": "maybe" }, "fail-fast: 'maybe' is not a boolean"],
    [{ run: "x", "working-directory": "../../etc" }, "leaves the workspace"],
    [{ run: "x", outputs: "../x" }, "outputs: '../x' leaves the workspace; use a path inside it"],
    [{ run: "x", network: "nat", allow: "10.0.0.1,10.1.0.0/8" }, "allow: '10.1.0.0/8' has host bits set"],
    [{ run: "x", outputs: "r\na/../../../x/*" }, "outputs: 'a/../../../x/*' leaves the workspace"],
    [{ run: "x", outputs: ".." }, "outputs: '..' leaves the workspace"],
    // Without a workspace there is no /workspace to suggest: the fix is an absolute path.
    [
      { run: "x", workspace: "none", outputs: "rel.txt" },
      "outputs: 'rel.txt' is relative but no workspace is mounted; use an absolute path",
    ],
    [
      { run: "x", workspace: "none", outputs: "/out/../x" },
      "outputs: '/out/../x' is not an absolute path inside the sandbox without '..'; use one like /tmp/junit.xml",
    ],
  ])("rejects %o with one sentence", (values, message) => {
    expect(() => buildPlan(inputs(values as Record<string, string>), env)).toThrow(message);
  });

  // <output-dir>/<name>/ is a command's: two of one name would overwrite each other's copies.
  it.each([
    [
      { commands: "- name: a\n  run: x\n- name: b\n  run: y\n- name: a\n  run: z", outputs: "r" },
      "outputs: commands item 1 and commands item 3 are both named 'a', and their copies would overwrite each other in <output-dir>/a; give each its own name (the item's name: key)",
    ],
    [
      { run: "x", commands: "- name: run\n  run: y", outputs: "r" },
      "outputs: the run input and commands item 1 are both named 'run', and their copies would overwrite each other in <output-dir>/run; give commands item 1 another name",
    ],
    [{ commands: "make\nmake", outputs: "r" }, "commands item 1 and commands item 2 are both named 'make'"],
    [{ commands: "make\nmake", outputs: "r", shard: "2/2" }, "both named 'make'"],
    // Two names, one folder once sanitised.
    [
      { commands: "- name: 'x:'\n  run: a\n- name: x_\n  run: b", outputs: "r" },
      "outputs: commands item 1 and commands item 2 are named 'x:' and 'x_', and their copies would overwrite each other in <output-dir>/x_;",
    ],
    [
      { commands: "- name: a/b\n  run: a\n- name: a_b\n  run: b", outputs: "r" },
      "outputs: commands item 1 and commands item 2 are named 'a/b' and 'a_b', and their copies would overwrite each other in <output-dir>/a_b;",
    ],
  ])("refuses two commands of one name with outputs: %o", (values, message) => {
    expect(() => buildPlan(inputs(values), env)).toThrow(message);
  });

  it("lets commands share a name without outputs", () => {
    expect(buildPlan(inputs({ commands: "make\nmake" }), env).commands).toHaveLength(2);
  });

  // An input that means something only with another is refused alone, not dropped without a word.
  it.each([
    [
      { run: "x", allow: "10.0.0.1\n10.0.0.2" },
      "allow: '10.0.0.1' only applies with network: nat; set network: nat (or setup-network: nat) or remove allow",
    ],
    [
      { run: "x", "max-connections": "100" },
      "max-connections: '100' only applies with network: nat; set network: nat (or setup-network: nat) or remove max-connections",
    ],
    [
      { run: "x", packages: " ", repositories: "/r" },
      "repositories: '/r' only applies with packages; add packages",
    ],
    [
      { run: "x", "repository-keys": "/k.rsa.pub" },
      "repository-keys: '/k.rsa.pub' only applies with packages",
    ],
    [
      { run: "x", "allow-untrusted": "yes" },
      "allow-untrusted only applies with packages; add packages or remove",
    ],
    [
      { run: "x", "output-limit": "1M" },
      "output-limit: '1M' only applies with outputs; add outputs or remove",
    ],
    [
      { run: "x", "setup-network": "nat" },
      "setup-network: 'nat' only applies with setup; add setup or remove",
    ],
    [
      { run: "x", rootfs: "/r.tgz", "alpine-version": "3.19" },
      "alpine-version: '3.19' does not apply with rootfs (the tarball is the rootfs, whatever its version); remove one of them",
    ],
    [
      { run: "x", rootfs: "/r.tgz", mirror: "http://127.0.0.1:9/alpine" },
      "mirror: 'http://127.0.0.1:9/alpine' is not used with rootfs (the tarball is the rootfs) unless packages are installed from it; remove mirror or add packages",
    ],
    [
      { run: "x", rootfs: "/r.tgz", mirror: "http://m/alpine", packages: "jq", repositories: "/repo" },
      "mirror: 'http://m/alpine' is not used with rootfs and repositories (packages come from the repositories given); remove mirror or repositories",
    ],
  ])("refuses %o, an input its companion is missing for", (values, message) => {
    expect(() => buildPlan(inputs(values), env)).toThrow(message);
  });

  it.each([
    [{ run: "printf 'a\0b'" }, "run: the script holds a NUL character"],
    [{ commands: '- name: x\n  run: "printf a\\0b"' }, "commands: item 1 ('x'): run: the script holds a NUL"],
    [{ run: "true", setup: "a\0" }, "setup: the script holds a NUL character"],
  ])("refuses a NUL in a script (%o): the helper reads it as a C string", (values, message) => {
    expect(() => buildPlan(inputs(values), env)).toThrow(message);
  });

  it("takes allow and max-connections with the setup's NAT alone, and the defaults of alpine-version, allow-untrusted and max-connections", () => {
    const setupNat = buildPlan(
      inputs({ run: "x", setup: "y", "setup-network": "nat", allow: "10.0.0.1", "max-connections": "100" }),
      env,
    );
    expect(setupNat.session).toMatchObject({
      network: "none",
      setupNetwork: "nat",
      allow: ["10.0.0.1"],
      maxConnections: 100,
    });
    const defaults = {
      "alpine-version": "latest-stable",
      "allow-untrusted": "false",
      "max-connections": "4096",
    };
    expect(buildPlan(inputs({ run: "x", rootfs: "/r.tgz", ...defaults }), env).session.rootfsTarball).toBe(
      "/r.tgz",
    );
    // action.yml's default mirror is always passed; another one serves a tarball's packages.
    const mirrorDefault = { run: "x", rootfs: "/r.tgz", mirror: "https://dl-cdn.alpinelinux.org/alpine" };
    expect(buildPlan(inputs(mirrorDefault), env).session.rootfsTarball).toBe("/r.tgz");
    const forPackages = { run: "x", rootfs: "/r.tgz", mirror: "http://m/alpine", packages: "jq" };
    expect(buildPlan(inputs(forPackages), env).session.mirror).toBe("http://m/alpine");
  });

  it("takes relative outputs inside the workspace", () => {
    const plan = buildPlan(inputs({ run: "x", outputs: "a/../b\n.\nc/*.xml\n/x" }), env);
    expect(plan.outputs?.patterns).toEqual(["/workspace/b", "/workspace", "/workspace/c/*.xml", "/x"]);
  });

  it("takes env as lines, so a value may hold a comma", () => {
    expect(buildPlan(inputs({ run: "x", env: "A=1,2\n# note\nB=" }), env).env).toEqual({ A: "1,2", B: "" });
  });

  // The engine names the rule and the value; the Action words the fix in its own terms, never a CLI flag.
  it.each([
    [{ run: "x", env: "A=1\n1A=v" }, "env: '1A=v' is not K=V; give the env input one NAME=value per line"],
    [{ run: "x", env: "=v" }, "env: '=v' is not K=V"],
    [
      { run: "x", hostname: "no_underscores" },
      "hostname: 'no_underscores' is not a valid hostname; use letters",
    ],
  ])("words a bad %o for the Action, naming the value and the input", (values, message) => {
    let error: unknown;
    try {
      buildPlan(inputs(values), env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect(actionErrorText(error)).toContain(message);
    expect(actionErrorText(error)).not.toContain("--");
  });

  it("has an Action wording, without a CLI flag, for every fix the engine leaves to a front end", () => {
    for (const key of HINT_KEYS) {
      expect(ACTION_FIX_HINTS[key], key).toBeTruthy();
      expect(ACTION_FIX_HINTS[key], key).not.toContain("--");
    }
  });
});
