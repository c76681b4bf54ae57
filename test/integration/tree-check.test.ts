// The cached tree's quick check, done by the session's helper (native/tree.c, `--check-tree`) instead of
// the engine (src/engine/manifest.ts checkTree): the two give the same verdict in the same words for every
// kind of damage, and a session's open leaves the check to its helper (the engine's own process looks at
// no file of the tree). The repair that follows a damage the helper found is cache-heal.test.ts's.
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { helperPath } from "../../src/engine/helper";
import { checkListText, checkTree, recordTree, type TreeManifest } from "../../src/engine/manifest";
import { checkListPath } from "../../src/engine/rootfs/cache";
import { sandboxSkipReason } from "../support/sandbox";

const scratch = mkdtempSync(join(tmpdir(), "nsbox-tree-check-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let made = 0;
/** A small tree like a rootfs (dirs, files, links), recorded: its manifest and its check list. */
function makeTree(): { dir: string; m: TreeManifest; list: string } {
  const dir = join(scratch, `t${++made}`);
  mkdirSync(join(dir, "bin"), { recursive: true });
  mkdirSync(join(dir, "etc", "sub"), { recursive: true });
  writeFileSync(join(dir, "bin", "tool"), "#!/bin/sh\n", { mode: 0o755 });
  writeFileSync(join(dir, "etc", "conf"), "x=1\n", { mode: 0o644 });
  writeFileSync(join(dir, "etc", "sub", "deep"), "deep\n", { mode: 0o600 });
  symlinkSync("tool", join(dir, "bin", "sh"));
  symlinkSync("tool", join(dir, "bin", "ls"));
  symlinkSync("conf", join(dir, "etc", "link"));
  const m = recordTree(dir, { kind: "test" });
  const list = `${dir}.check`;
  writeFileSync(list, checkListText(m) as string);
  return { dir, m, list };
}

/** The helper's verdict: null (whole), the damage in words, or {unchecked} with its exit code 2. */
function helperCheck(dir: string, list: string): string | null | { unchecked: string } {
  const r = spawnSync(helperPath(), ["--check-tree", dir, list], { encoding: "utf8" });
  if (r.status === 0) return null;
  if (r.status === 1) return r.stdout.trim();
  if (r.status === 2) return { unchecked: r.stdout.trim() };
  throw new Error(`nsbox-helper --check-tree exited ${r.status}: ${r.stderr}`);
}

type DamageCase = [string, (dir: string) => void, string | null];

const asRoot = process.getuid?.() === 0;
const OWNER_CASE: DamageCase = [
  "a file's owner",
  (d) => chownSync(join(d, "etc/conf"), 1, 2),
  "etc/conf is owned by 1:2, expected 0:0",
];

describe.skipIf(sandboxSkipReason !== null)("the tree check in the helper", () => {
  it.each<DamageCase>([
    ["a whole tree", () => {}, null],
    ["a deleted file", (d) => rmSync(join(d, "bin/tool")), "bin/tool is missing"],
    ["a truncated file", (d) => truncateSync(join(d, "etc/conf"), 0), "etc/conf has 0 bytes, expected 4"],
    ["a file's mode", (d) => chmodSync(join(d, "etc/conf"), 0o600), "etc/conf has mode 0600, expected 0644"],
    [
      "a directory's mode",
      (d) => chmodSync(join(d, "etc/sub"), 0o700),
      "etc/sub has mode 0700, expected 0755",
    ],
    [
      "a file made a directory",
      (d) => {
        rmSync(join(d, "bin/tool"));
        mkdirSync(join(d, "bin/tool"));
      },
      "bin/tool is a directory, expected a file",
    ],
    [
      "a file made a fifo",
      (d) => {
        rmSync(join(d, "etc/conf"));
        execFileSync("mkfifo", [join(d, "etc/conf")]);
      },
      "etc/conf is a special file, expected a file",
    ],
    [
      "a directory made a link",
      (d) => {
        rmSync(join(d, "etc"), { recursive: true });
        symlinkSync("bin", join(d, "etc"));
      },
      "etc is a symlink, expected a directory",
    ],
    ["a deleted directory", (d) => rmSync(join(d, "etc/sub"), { recursive: true }), "etc/sub is missing"],
    ["a deleted link", (d) => rmSync(join(d, "bin/ls")), "bin/ls is missing"],
    [
      "a link re-pointed (another length)",
      (d) => {
        rmSync(join(d, "bin/sh"));
        symlinkSync("/bin/busybox", join(d, "bin/sh"));
      },
      "bin/sh points elsewhere",
    ],
    [
      // Beyond the quick check on both sides (the full check, `nsbox cache verify`, reads the target).
      "a link re-pointed (the same length)",
      (d) => {
        rmSync(join(d, "bin/sh"));
        symlinkSync("tooo", join(d, "bin/sh"));
      },
      null,
    ],
    ["a directory only touched", (d) => utimesSync(join(d, "etc"), new Date(), new Date()), null],
    ...(asRoot ? [OWNER_CASE] : []),
  ])("%s: the engine's verdict, word for word", (_what, damage, expected) => {
    const { dir, m, list } = makeTree();
    damage(dir);
    const engine = checkTree(dir, m);
    expect(engine).toBe(expected); // the damage is really there (or really invisible to the quick check)
    expect(helperCheck(dir, list)).toBe(engine);
  });

  it("a set-id bit is damage even where the list records it (an older nsbox's tree)", () => {
    const { dir } = makeTree();
    chmodSync(join(dir, "bin", "tool"), 0o4755);
    const m = recordTree(dir, { kind: "test" }); // the bit in the manifest and the list, as an older nsbox had it
    const list = `${dir}.check`;
    writeFileSync(list, checkListText(m) as string);
    const engine = checkTree(dir, m);
    expect(engine).toBe("bin/tool is setuid or setgid (mode 04755)");
    expect(helperCheck(dir, list)).toBe(engine);
  });

  it("says when it cannot check: no list, or not one (the engine then checks by itself)", () => {
    const { dir, list } = makeTree();
    expect(helperCheck(dir, list)).toBeNull();
    expect(helperCheck(dir, `${list}.none`)).toEqual({ unchecked: expect.stringContaining("cannot read") });
    writeFileSync(list, "nsbox-tree-check 1\nd 755 0 0\n");
    expect(helperCheck(dir, list)).toEqual({ unchecked: expect.stringContaining("malformed line") });
    writeFileSync(list, "something else\n");
    expect(helperCheck(dir, list)).toEqual({ unchecked: expect.stringContaining("not a tree check list") });
  });

  it("a name with a newline has no list: the engine keeps that tree's check", () => {
    const { dir } = makeTree();
    writeFileSync(join(dir, "etc", "two\nlines"), "");
    expect(checkListText(recordTree(dir, { kind: "test" }))).toBeNull();
  });
});

const hasStrace = spawnSync("sh", ["-c", "command -v strace"]).status === 0;
const cli = join(import.meta.dirname, "..", "..", "dist", "cli.js");

describe.skipIf(sandboxSkipReason !== null || !hasStrace)("a session's open", () => {
  it("leaves the cached tree's check to its helper: the engine's process looks at none of its files", () => {
    const cache = inject("cacheDir");
    const cliArgs = [cli, "run", "--mirror", inject("mirrorUrl"), "--cache-dir", cache, "--", "true"];
    // A first run: the tree is cached and has its list (an older cache's gets it then).
    expect(spawnSync(process.execPath, cliArgs, { encoding: "utf8" }).status).toBe(0);
    const trees = readdirSync(join(cache, "rootfs")).filter((n) => /^[0-9a-f]{64}-\d+$/.test(n));
    const withList = trees
      .map((n) => join(cache, "rootfs", n))
      .filter((t) => {
        try {
          return readFileSync(checkListPath(t), "utf8").startsWith("nsbox-tree-check 1\n");
        } catch {
          return false;
        }
      });
    expect(withList.length).toBeGreaterThan(0);
    const out = join(scratch, "strace");
    const r = spawnSync(
      "strace",
      ["-f", "-qq", "-s", "4096", "-e", "trace=%%stat,execve", "-o", out, process.execPath, ...cliArgs],
      {
        encoding: "utf8",
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = readFileSync(out, "utf8").split("\n");
    const helper = lines.find((l) => l.includes("execve(") && l.includes('"--check-tree"'));
    expect(helper).toBeDefined();
    const helperPid = (helper as string).split(" ")[0];
    // bin/busybox: a file, so in every check; whoever stats it in the tree did the check.
    const busybox = withList.map((t) => `"${t}/bin/busybox"`);
    const checked = lines.filter((l) => busybox.some((b) => l.includes(b)));
    expect(checked.length).toBeGreaterThan(0);
    expect([...new Set(checked.map((l) => l.split(" ")[0]))]).toEqual([helperPid]);
  });
});
