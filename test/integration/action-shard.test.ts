// A matrix of three Action runs, each with `shard: K/3` of the same 30 commands, then the report
// action over their results files laid out as actions/download-artifact does — all through the runner
// harness, as GitHub's runner runs both actions. Also: the LPT split with timings, a missing shard, JUnit
// from a run, and the CLI's `nsbox report` and `nsbox run --junit` over the same kind of files.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_FIX_HINTS } from "../../src/cli/hints";
import type { MergedResultsFile, ShardResultsFile } from "../../src/results/format";
import {
  type ActionRecord,
  createRunner,
  FAKE_GITHUB_TOKEN,
  FAKE_RUNTIME_TOKEN,
  REPO_ROOT,
  type RunnerFixture,
  runAction,
} from "../support/runner-harness";
import { cliRunArgs, sandboxSkipReason } from "../support/sandbox";
import { parseXml, type XmlElement } from "../support/xml";

const skip =
  sandboxSkipReason ??
  (existsSync(join(REPO_ROOT, "dist", "index.js")) && existsSync(join(REPO_ROOT, "dist", "report.js"))
    ? null
    : "dist is not built");
const REPORT_ACTION = join(REPO_ROOT, "report");
const cli = join(REPO_ROOT, "dist", "cli.js");

const names = Array.from({ length: 30 }, (_, i) => `c${String(i + 1).padStart(2, "0")}`);
const FAILING: Record<string, string> = { c07: "echo seven failed; exit 1", c20: "exit 3" };
// Each command prints a marker of its own: the step logs show which sandboxes really ran.
const commands = names
  .map((n) => `- name: ${n}\n  run: echo RAN:${n}${FAILING[n] ? `; ${FAILING[n]}` : ""}\n`)
  .join("");

const ranIn = (r: ActionRecord) => [...r.log.matchAll(/^RAN:(c\d\d)$/gm)].map((m) => m[1] as string);

describe.skipIf(skip !== null)("sharding across a matrix and the report action", () => {
  let runner: RunnerFixture;
  let artifacts: string;
  const shards: ActionRecord[] = [];
  const shard = (k: number, extra: Record<string, string> = {}) =>
    runAction({ runner, with: { workspace: "none", commands, shard: `${k}/3`, ...extra } });

  beforeAll(async () => {
    runner = createRunner();
    artifacts = join(runner.root, "download");
    for (const k of [1, 2, 3]) {
      const r = await shard(k, k === 2 ? { junit: "out/shard-2.xml" } : {});
      shards.push(r);
      // upload-artifact of results-file, then download-artifact: one directory per artifact.
      const dir = join(artifacts, `nsbox-results-${k}`);
      mkdirSync(dir, { recursive: true });
      copyFileSync(
        r.outputs["results-file"] as string,
        join(dir, basename(r.outputs["results-file"] as string)),
      );
    }
  }, 240_000);
  afterAll(() => runner.remove());

  it("three Action runs of shard K/3 run every command exactly once, round-robin", () => {
    const ran = shards.map(ranIn);
    expect(ran.flat().sort()).toEqual(names);
    expect(ran).toEqual([1, 2, 3].map((k) => names.filter((_, i) => i % 3 === k - 1)));
    for (const [i, r] of shards.entries()) {
      const results = JSON.parse(r.outputs.results as string) as Array<{ name: string; shard: unknown }>;
      expect(results.map((x) => x.name)).toEqual(ran[i]);
      expect(new Set(results.map((x) => JSON.stringify(x.shard)))).toEqual(
        new Set([JSON.stringify({ index: i + 1, total: 3 })]),
      );
      const file = JSON.parse(readFileSync(r.outputs["results-file"] as string, "utf8")) as ShardResultsFile;
      expect(file.shard).toEqual({ index: i + 1, total: 3 });
      expect(file.commands).toBe(30);
      expect(r.log).toContain(`nsbox: 10 command(s) of 30 (shard ${i + 1}/3)`);
    }
    // c07 is in shard 1, c20 in shard 2: those steps fail, shard 3 passes.
    expect(shards.map((r) => r.conclusion)).toEqual(["failure", "failure", "success"]);
  });

  it("a run's junit input writes JUnit for its own commands", () => {
    const r = shards[1] as ActionRecord;
    const file = join(runner.workspace, "out", "shard-2.xml");
    expect(r.outputs["junit-file"]).toBe(file);
    const suite = parseXml(readFileSync(file, "utf8")).children[0] as XmlElement;
    expect(suite.attrs).toMatchObject({ name: "nsbox shard 2/3", tests: "10", failures: "1", errors: "0" });
    const c20 = suite.children.find((c) => c.attrs.name === "c20");
    expect(c20?.children.map((c) => [c.name, c.attrs.message ?? "", c.text])).toEqual([
      ["failure", "exit code 3", ""],
      ["system-out", "", "RAN:c20"],
    ]);
  });

  it("the report action merges the three shards: summary, outputs, results.json, JUnit, failure", async () => {
    // Another artifact's file that is not JSON at all is left out, said in the log, as any other file.
    const junk = join(artifacts, "coverage", "report.json");
    mkdirSync(join(artifacts, "coverage"));
    writeFileSync(junk, "<html>not json</html>");
    const r = await runAction({
      runner,
      actionDir: REPORT_ACTION,
      with: { path: artifacts, junit: "reports/junit.xml" },
    });
    rmSync(join(artifacts, "coverage"), { recursive: true });
    expect(r.log).toContain("nsbox: 1 file(s) not JSON, left out:\n::stop-commands::***\n");
    expect(r.log).toMatch(new RegExp(`^${junk} \\(Unexpected token .*\\)$`, "m"));
    expect(r.conclusion).toBe("failure");
    expect(r.outputs).toMatchObject({ passed: "28", failed: "2", "missing-shards": "" });
    const merged = JSON.parse(readFileSync(r.outputs["results-file"] as string, "utf8")) as MergedResultsFile;
    expect(merged.merged).toEqual({ shards: 3, missing: [] });
    expect(merged.results.map((x) => x.name)).toEqual(names);
    expect(merged.results.map((x) => x.position)).toEqual(names.map((_, i) => i + 1));
    expect(merged.results.map((x) => x.shard.index)).toEqual(names.map((_, i) => (i % 3) + 1));
    // One summary row per command, the two failures' output tails, the counts.
    const summary = r.summary ?? "";
    expect(summary.match(/<tr><td align="left">c\d\d<\/td>/g)).toHaveLength(30);
    expect(summary).toContain("seven failed");
    expect(summary).toContain("28 passed, 2 failed of 30 command(s) in 3 shard(s)");
    expect(r.annotations.filter((a) => a.level === "error").map((a) => a.message)).toEqual([
      "c07: failed, exit code 1",
      "c20: failed, exit code 3",
      "2 of 30 command(s) failed",
    ]);
    const junit = join(runner.workspace, "reports", "junit.xml");
    expect(r.outputs["junit-file"]).toBe(junit);
    const suite = parseXml(readFileSync(junit, "utf8")).children[0] as XmlElement;
    expect(suite.attrs).toMatchObject({ tests: "30", failures: "2", errors: "0", skipped: "0" });
    expect(suite.children.map((c) => c.attrs.name)).toEqual(names);
  });

  it("the report action logs the files' names and the parser's messages inert", async () => {
    // Artifacts a sandbox's outputs could have made: names and contents that are workflow commands. A
    // non-JSON file's reason quotes its content (JSON.parse's message), so both reach the log.
    const hostile = join(runner.root, "hostile");
    for (const k of [1, 2, 3]) {
      const from = join(artifacts, `nsbox-results-${k}`);
      const dir = join(hostile, k === 1 ? "##[error]from a folder name" : `nsbox-results-${k}`);
      mkdirSync(dir, { recursive: true });
      for (const f of readdirSync(from)) copyFileSync(join(from, f), join(dir, f));
    }
    writeFileSync(join(hostile, "##[error]PWNED.json"), "x\r::error::boom");
    writeFileSync(join(hostile, "b.json"), "x\r::add-mask::passed");
    const merged = {
      format: "nsbox-results/1",
      merged: { shards: 3, missing: [] },
      commands: 30,
      results: [],
    };
    writeFileSync(join(hostile, "##[warning]merged.json"), JSON.stringify(merged));
    const r = await runAction({ runner, actionDir: REPORT_ACTION, with: { path: hostile } });
    rmSync(hostile, { recursive: true });
    // Only nsbox's own: the two failures and the step's; no mask but the job's secrets and the stop tokens.
    expect(r.issues.map((a) => [a.level, a.message])).toEqual([
      ["error", "c07: failed, exit code 1"],
      ["error", "c20: failed, exit code 3"],
      ["error", "2 of 30 command(s) failed"],
    ]);
    expect(r.masks.filter((m) => !/^nsbox-[0-9a-f]{32}$/.test(m))).toEqual([
      FAKE_GITHUB_TOKEN,
      FAKE_RUNTIME_TOKEN,
    ]);
    expect(r.outputs).toMatchObject({ passed: "28", failed: "2", "missing-shards": "" });
    // In the log as text, each under nsbox's line saying what it is.
    const log = r.log.split("\n");
    expect(log).toContain("nsbox: 3 results file(s):");
    expect(log.filter((l) => l.startsWith(join(hostile, "##[error]from a folder name")))).toHaveLength(1);
    expect(log).toContain("nsbox: 1 merged report(s), left out:");
    expect(log).toContain(join(hostile, "##[warning]merged.json"));
    expect(log).toContain("nsbox: 2 file(s) not JSON, left out:");
    expect(log).toContain('::error::boom" is not valid JSON)');
    expect(log).toContain('::add-mask::passed" is not valid JSON)');
  });

  it("a missing shard fails the report and is named", async () => {
    const partial = join(runner.root, "partial");
    for (const k of [1, 2]) {
      mkdirSync(join(partial, `nsbox-results-${k}`), { recursive: true });
      const from = join(artifacts, `nsbox-results-${k}`);
      const file = spawnSync("ls", [from], { encoding: "utf8" }).stdout.trim();
      copyFileSync(join(from, file), join(partial, `nsbox-results-${k}`, file));
    }
    const r = await runAction({ runner, actionDir: REPORT_ACTION, with: { path: partial } });
    expect(r.conclusion).toBe("failure");
    expect(r.outputs).toMatchObject({ passed: "18", failed: "2", "missing-shards": "3" });
    const errors = r.annotations.filter((a) => a.level === "error").map((a) => a.message);
    expect(errors.at(-1)).toBe(
      "2 of 30 command(s) failed; shard 3/3 sent no results (10 command(s) without a result): its job failed before writing them, or its artifact was not downloaded",
    );
    expect(r.summary).toContain("shard 3/3 sent no results: 10 command(s) without a result");

    // The CLI says the same, and exits 1; its JUnit has the missing shard as an error.
    const out = join(runner.root, "cli.xml");
    const c = spawnSync(process.execPath, [cli, "report", "--junit", out, partial], { encoding: "utf8" });
    expect(c.status, c.stderr).toBe(1);
    expect(c.stdout).toBe(
      "failed: c07 (exit 1)\nfailed: c20 (exit 3)\n18 passed, 2 failed, 10 without a result of 30 command(s) in 3 shard(s)\n",
    );
    expect(c.stderr).toMatch(/^nsbox: 2 of 30 command\(s\) failed; shard 3\/3 sent no results/);
    const suite = parseXml(readFileSync(out, "utf8")).children[0] as XmlElement;
    expect(suite.children.at(-1)?.attrs.name).toBe("shard 3/3");
    expect(suite.attrs).toMatchObject({ tests: "21", failures: "2", errors: "1" });
  });

  it("a report over no results files, or over files of two different splits, is one sentence", async () => {
    const empty = join(runner.root, "empty");
    mkdirSync(empty);
    const none = await runAction({ runner, actionDir: REPORT_ACTION, with: { path: empty } });
    expect(none.conclusion).toBe("failure");
    expect(none.annotations.map((a) => a.message)).toEqual([
      `path: no nsbox results file in '${empty}'; download the shards' artifacts there with actions/download-artifact`,
    ]);
    const mixed = join(runner.root, "mixed");
    mkdirSync(mixed);
    const [one] = spawnSync("ls", [join(artifacts, "nsbox-results-1")], { encoding: "utf8" })
      .stdout.trim()
      .split("\n");
    copyFileSync(join(artifacts, "nsbox-results-1", one as string), join(mixed, "a.json"));
    const other = JSON.parse(readFileSync(join(mixed, "a.json"), "utf8")) as ShardResultsFile;
    writeFileSync(
      join(mixed, "b.json"),
      JSON.stringify({ ...other, shard: { index: 2, total: 2 }, results: [] }),
    );
    const c = spawnSync(process.execPath, [cli, "report", mixed], { encoding: "utf8" });
    expect(c.status).toBe(2);
    expect(c.stderr).toBe(
      `nsbox: '${join(mixed, "b.json")}' is shard 2/2 of 30 commands but '${join(mixed, "a.json")}' is 1/3 of 30: they come from different runs or splits; give the files of one run\n`,
    );
    rmSync(mixed, { recursive: true });
  });

  it("shard-timings balances by measured wall time: the long commands go to different shards", async () => {
    // Round-robin would put c03, c06 and c09 all on shard 3. With them measured long, LPT gives each shard
    // one, then deals the rest out: shard 1 gets c03 and every third of the others from c01.
    const times = names.map((name) => ({
      name,
      wallMs: ["c03", "c06", "c09"].includes(name) ? 60_000 : 100,
    }));
    writeFileSync(
      join(runner.workspace, "timings.json"),
      JSON.stringify({
        format: "nsbox-results/1",
        merged: { shards: 3, missing: [] },
        commands: 30,
        results: times,
      }),
    );
    const r = await shard(1, { "shard-timings": "timings.json", "fail-on-error": "false" });
    expect(r.conclusion, r.log).toBe("success");
    expect(ranIn(r)).toEqual(["c01", "c03", "c05", "c10", "c13", "c16", "c19", "c22", "c25", "c28"]);
    rmSync(join(runner.workspace, "timings.json"));
  });

  it("a shard left without commands succeeds without a sandbox and still writes its file", async () => {
    const r = await shard(3, { commands: "true\ntrue" });
    expect(r.conclusion, r.log).toBe("success");
    expect(r.log).toContain("nsbox: 0 command(s) of 2 (shard 3/3)");
    expect(r.log).not.toContain("nsbox: Alpine");
    const file = JSON.parse(readFileSync(r.outputs["results-file"] as string, "utf8")) as ShardResultsFile;
    expect(file).toMatchObject({ shard: { index: 3, total: 3 }, commands: 2, results: [], notRun: [] });
  });

  it("commands fail-fast left unrun are notRun in the file and <skipped> in JUnit", async () => {
    const r = await runAction({
      runner,
      with: { workspace: "none", commands: "exit 1\necho never", "fail-fast": "true", junit: "ff.xml" },
    });
    expect(r.conclusion).toBe("failure");
    const file = JSON.parse(readFileSync(r.outputs["results-file"] as string, "utf8")) as ShardResultsFile;
    expect(file.notRun).toEqual([{ position: 2, name: "echo never", why: "fail-fast" }]);
    const suite = parseXml(readFileSync(join(runner.workspace, "ff.xml"), "utf8")).children[0] as XmlElement;
    expect(suite.attrs).toMatchObject({ tests: "2", failures: "1", skipped: "1" });
    expect(suite.children[1]?.children[0]).toMatchObject({
      name: "skipped",
      attrs: { message: "not run (fail-fast)" },
    });
  });

  it("the report action says why its junit path cannot be written, before it writes anything", async () => {
    const r = await runAction({
      runner,
      actionDir: REPORT_ACTION,
      with: { path: artifacts, junit: "/proc/nsbox-x/j.xml" },
    });
    expect(r.conclusion).toBe("failure");
    expect(r.annotations.map((a) => a.message)).toEqual([
      "junit: '/proc/nsbox-x/j.xml' cannot be written: '/proc' is on the kernel's proc file system; set junit to a new or regular file in a writable directory, not through a symbolic link",
    ]);
    expect(r.outputs["results-file"]).toBeUndefined();
  });

  it("refuses a junit path through a symbolic link (as a sandbox could plant with workspace: rw)", async () => {
    const elsewhere = join(runner.root, "elsewhere");
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(runner.workspace, "linked-dir"));
    symlinkSync(join(elsewhere, "victim.xml"), join(runner.workspace, "linked.xml"));
    // Planted before the step: refused before any command runs. Planted by a command: when written (the
    // sandbox's root, an unprivileged uid of the runner's, may write the workspace for this once).
    const plant = `ln -s ${join(elsewhere, "late.xml")} /workspace/late.xml`;
    const mode = statSync(runner.workspace).mode & 0o7777;
    chmodSync(runner.workspace, 0o777);
    for (const [junit, why, fix, run] of [
      [
        "linked-dir/j.xml",
        `is under a symbolic link ('${join(runner.workspace, "linked-dir")}')`,
        "set junit",
      ],
      ["linked.xml", "is a symbolic link", "set junit"],
      ["late.xml", "is a symbolic link", "give a path", plant],
    ]) {
      const r = await runAction({
        runner,
        with: { workspace: run ? "rw" : "none", run: run ?? "true", junit: junit as string },
      });
      expect(r.conclusion).toBe("failure");
      expect(r.annotations.map((a) => a.message)).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^junit: '${join(runner.workspace, junit as string)}' ${(why as string).replace(/[()[\]]/g, "\\$&")}; ${fix}`,
          ),
        ),
      );
    }
    chmodSync(runner.workspace, mode);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it("nsbox run --junit writes the one command's result", () => {
    const out = join(runner.root, "run.xml");
    const c = spawnSync(process.execPath, [...cliRunArgs(cli), "--junit", out, "--", "sh", "-c", "exit 4"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(c.status, c.stderr).toBe(4);
    const suite = parseXml(readFileSync(out, "utf8")).children[0] as XmlElement;
    expect(suite.attrs).toMatchObject({ tests: "1", failures: "1" });
    expect(suite.children[0]?.attrs.name).toBe("sh -c exit 4");
    expect(suite.children[0]?.children[0]?.attrs.message).toBe("exit code 4");

    // A failed setup is the error, the command never ran: skipped, not failed.
    const c2 = spawnSync(
      process.execPath,
      [...cliRunArgs(cli), "--junit", out, "--setup", "exit 3", "--", "sh", "-c", "exit 4"],
      { encoding: "utf8", timeout: 60_000 },
    );
    expect(c2.status, c2.stderr).toBe(3);
    const suite2 = parseXml(readFileSync(out, "utf8")).children[0] as XmlElement;
    expect(suite2.attrs).toMatchObject({ tests: "2", failures: "0", errors: "1", skipped: "1" });
    expect(
      suite2.children.map((c) => [c.attrs.name, c.children[0]?.name, c.children[0]?.attrs.message]),
    ).toEqual([
      ["setup", "error", "the setup failed (exit code 3): its commands did not run"],
      ["sh -c exit 4", "skipped", "not run (setup failed)"],
    ]);

    // A sandbox that could not start: its error with the fix, in the CLI's words (as on stderr).
    const c3 = spawnSync(process.execPath, [...cliRunArgs(cli), "--junit", out, "--", "nosuchcmd"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(c3.status, c3.stderr).toBe(125);
    const suite3 = parseXml(readFileSync(out, "utf8")).children[0] as XmlElement;
    const message = suite3.children[0]?.children[0]?.attrs.message;
    expect(message).toBe(
      `the sandbox failed to start: command not found: nosuchcmd; ${CLI_FIX_HINTS.command}`,
    );
    expect(c3.stderr).toContain(`nsbox: command not found: nosuchcmd; ${CLI_FIX_HINTS.command}\n`);
  });
});

// The setup is no command: it runs once in each shard before that shard's commands (its own log group and
// summary row, `setup` in the results file), no count includes it, and the report shows a shard's failed
// setup, not the passed ones.
describe.skipIf(skip !== null)("a setup in a sharded step, and the report over its shards", () => {
  let runner: RunnerFixture;
  const steps = ["a", "b", "c", "d"];
  // Every command sees the setup's layer; none runs where the setup failed (FAIL set for that shard).
  const setup = 'echo SETUP-RAN; touch /setup-marker; if [ -n "$FAIL" ]; then echo setup-broke; exit 5; fi';
  const withSetup = steps
    .map((n) => `- name: ${n}\n  run: test -f /setup-marker && echo RAN:${n}\n`)
    .join("");
  const shard = (k: number, total: number, extra: Record<string, string> = {}) =>
    runAction({
      runner,
      with: { workspace: "none", setup, commands: withSetup, shard: `${k}/${total}`, ...extra },
    });
  /** download-artifact's layout of the shards' results files. */
  const download = (name: string, records: ActionRecord[]) => {
    const dir = join(runner.root, name);
    for (const [k, r] of records.entries()) {
      const file = r.outputs["results-file"] as string;
      mkdirSync(join(dir, `nsbox-results-${k + 1}`), { recursive: true });
      copyFileSync(file, join(dir, `nsbox-results-${k + 1}`, basename(file)));
    }
    return dir;
  };
  const ran = (r: ActionRecord) => [...r.log.matchAll(/^RAN:([a-d])$/gm)].map((m) => m[1]);
  const errors = (r: ActionRecord) => r.annotations.filter((a) => a.level === "error").map((a) => a.message);
  const shards: ActionRecord[] = [];

  beforeAll(async () => {
    runner = createRunner();
    for (const k of [1, 2]) shards.push(await shard(k, 2));
  }, 240_000);
  afterAll(() => runner?.remove());

  it("each shard runs the setup once, then its commands; only its commands are counted", () => {
    for (const [i, r] of shards.entries()) {
      expect(r.conclusion, r.log).toBe("success");
      expect(r.log).toContain(`nsbox: 2 command(s) of 4 (shard ${i + 1}/2)`);
      expect(r.log.match(/^SETUP-RAN$/gm)).toHaveLength(1);
      expect(r.log).toMatch(/^##\[group\]▶ setup$/m);
      expect(ran(r)).toEqual(i === 0 ? ["a", "c"] : ["b", "d"]);
      expect(r.outputs).toMatchObject({ passed: "2", failed: "0", "exit-code": "0" });
      const results = JSON.parse(r.outputs.results as string) as Array<{ name: string }>;
      expect(results.map((x) => x.name)).toEqual(i === 0 ? ["a", "c"] : ["b", "d"]);
      const file = JSON.parse(readFileSync(r.outputs["results-file"] as string, "utf8")) as ShardResultsFile;
      expect(file.setup).toMatchObject({ status: "ok", shard: { index: i + 1, total: 2 } });
      expect(file.setup?.outputTail).toBe("SETUP-RAN");
      expect(file.results.map((x) => x.position)).toEqual(i === 0 ? [1, 3] : [2, 4]);
      expect(r.summary).toMatch(
        /<tr><td align="left">setup \(shard \d\/2\)<\/td><td align="left">✅ ok<\/td>/,
      );
      expect(r.summary).toContain("2 passed, 0 failed");
    }
  });

  it("the report action merges them: 4 commands, the setups apart and not counted", async () => {
    const r = await runAction({
      runner,
      actionDir: REPORT_ACTION,
      with: { path: download("passed", shards), junit: "setup-report.xml" },
    });
    expect(r.conclusion, r.log).toBe("success");
    expect(r.outputs).toMatchObject({ passed: "4", failed: "0", "missing-shards": "" });
    expect(r.summary).toContain("4 passed, 0 failed of 4 command(s) in 2 shard(s)");
    expect(r.summary?.match(/<tr><td align="left">[a-d]<\/td>/g)).toHaveLength(4);
    expect(r.summary).not.toMatch(/<td align="left">setup/); // a setup that passed is no row of the report
    const merged = JSON.parse(readFileSync(r.outputs["results-file"] as string, "utf8")) as MergedResultsFile;
    expect(merged.setups.map((s) => [s.shard.index, s.status])).toEqual([
      [1, "ok"],
      [2, "ok"],
    ]);
    expect(merged.results.map((x) => x.name)).toEqual(steps);
    const suite = parseXml(readFileSync(join(runner.workspace, "setup-report.xml"), "utf8"))
      .children[0] as XmlElement;
    expect(suite.attrs).toMatchObject({ tests: "4", failures: "0", errors: "0", skipped: "0" });
  });

  it("a shard's failed setup skips its commands (numbered by their place) and fails the report", async () => {
    const broken = await shard(2, 2, { env: "FAIL=1" });
    expect(broken.conclusion).toBe("failure");
    expect(ran(broken)).toEqual([]);
    expect(broken.log).toMatch(/^nsbox: skipped command 2 \(setup failed\):$/m);
    expect(broken.log).toMatch(/^nsbox: skipped command 4 \(setup failed\):$/m);
    expect(broken.outputs).toMatchObject({ passed: "0", failed: "0", "exit-code": "5", results: "[]" });
    expect(errors(broken)).toEqual([
      "setup (shard 2/2): failed, exit code 5",
      "setup failed (failed, exit 5); none of the 2 command(s) ran",
    ]);
    const r = await runAction({
      runner,
      actionDir: REPORT_ACTION,
      with: { path: download("broken", [shards[0] as ActionRecord, broken]), junit: "broken-report.xml" },
    });
    expect(r.conclusion).toBe("failure");
    expect(r.outputs).toMatchObject({ passed: "2", failed: "0", "missing-shards": "" });
    expect(r.summary).toContain("2 passed, 0 failed, 2 not run of 4 command(s) in 2 shard(s)");
    expect(r.summary).toMatch(
      /<tr><td align="left">setup \(shard 2\/2\)<\/td><td align="left">❌ failed<\/td>/,
    );
    expect(r.summary).not.toMatch(/<td align="left">setup \(shard 1\/2\)/);
    expect(r.summary).toContain("setup-broke");
    expect(errors(r)).toEqual([
      "setup (shard 2/2): failed, exit code 5",
      "setup (shard 2/2) failed (failed, exit 5): its commands did not run",
    ]);
    const suite = parseXml(readFileSync(join(runner.workspace, "broken-report.xml"), "utf8"))
      .children[0] as XmlElement;
    expect(suite.attrs).toMatchObject({ tests: "5", failures: "0", errors: "1", skipped: "2" });
    expect(suite.children.map((c) => c.attrs.name)).toEqual(["setup (shard 2/2)", ...steps]);

    // nsbox report says the same, and exits 1 though no command failed.
    const c = spawnSync(process.execPath, [cli, "report", join(runner.root, "broken")], { encoding: "utf8" });
    expect(c.status, c.stderr).toBe(1);
    expect(c.stdout).toBe(
      "failed: setup (shard 2/2) (exit 5)\nnot run (setup failed): b\nnot run (setup failed): d\n2 passed, 0 failed, 2 not run of 4 command(s) in 2 shard(s)\n",
    );
    expect(c.stderr).toBe("nsbox: setup (shard 2/2) failed (failed, exit 5): its commands did not run\n");
  });

  it("a shard left without commands runs no setup, no sandbox at all", async () => {
    const r = await runAction({
      runner,
      with: { workspace: "none", setup, commands: "true\ntrue", shard: "3/3" },
    });
    expect(r.conclusion, r.log).toBe("success");
    expect(r.log).toContain("nsbox: 0 command(s) of 2 (shard 3/3)");
    expect(r.log).not.toContain("nsbox: Alpine"); // no session was opened
    expect(r.log).not.toMatch(/SETUP-RAN|▶ setup/);
    const file = JSON.parse(readFileSync(r.outputs["results-file"] as string, "utf8")) as ShardResultsFile;
    expect(file).toMatchObject({ setup: null, results: [], notRun: [] });
  });
});
