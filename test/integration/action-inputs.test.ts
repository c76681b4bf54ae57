// Bad inputs, through the runner harness: each is one `::error::` naming the input as action.yml spells it
// (never a CLI flag), the step fails, no command runs, and nothing is left in the workspace or RUNNER_TEMP.
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ARCH } from "../support/apkrepo";
import { alpineMirrorRoot } from "../support/mirror";
import {
  type ActionRecord,
  createRunner,
  REPO_ROOT,
  type RunnerFixture,
  runAction,
} from "../support/runner-harness";
import { sandboxSkipReason } from "../support/sandbox";

/** A real minirootfs (3.20.3): without the refusal, the command would run on it. */
const TARBALL = join(alpineMirrorRoot(), `v3.20/releases/${ARCH}/alpine-minirootfs-3.20.3-${ARCH}.tar.gz`);

const RAN = "THE-COMMAND-RAN";
const CLI_FLAG = /(^|[\s(`'"])--[a-z]/;

/** The one error of a refused step, after checking that it is the only one and that nothing ran. */
function refusal(r: ActionRecord, runner: RunnerFixture): string {
  expect(r.conclusion).toBe("failure");
  const errors = r.issues.filter((i) => i.level === "error").map((i) => i.message);
  expect(errors).toHaveLength(1);
  const [message] = errors as [string];
  expect(message).not.toMatch(CLI_FLAG);
  expect(r.log).not.toContain(RAN);
  expect(r.log).not.toContain("##[group]");
  expect(r.outputs.results).toBeUndefined();
  expect(readdirSync(runner.workspace)).toEqual([]);
  expect(readdirSync(runner.temp).filter((f) => f !== "_runner_file_commands")).toEqual([]);
  return message;
}

describe.skipIf(sandboxSkipReason !== null || !existsSync(join(REPO_ROOT, "dist", "index.js")))(
  "the Action refuses a bad input",
  () => {
    /** `upFront`: refused from the inputs alone, before the cache dir (a private one here) is touched. */
    const refused = async (inputs: Record<string, string>, upFront = false) => {
      const runner = createRunner({ as: "root", ...(upFront ? { toolCache: "private" } : {}) });
      try {
        const r = await runAction({ runner, with: { run: `echo ${RAN}`, ...inputs }, post: false });
        const message = refusal(r, runner);
        if (upFront) expect(readdirSync(runner.toolCache)).toEqual([]);
        return message;
      } finally {
        runner.remove();
      }
    };

    // The engine names a value as the CLI's option does (one --repository); the Action names its input.
    it.each([
      [{ "alpine-version": "edge" }, "alpine-version: 'edge' is not a version; use 3.20"],
      // Separators only: was read as no packages, and the step ran without the layer.
      [{ packages: " , " }, "packages: ',' names no package; give names like nodejs npm"],
      [{ packages: "foo", repositories: "ftp://x" }, "repositories: 'ftp://x' is neither an http(s) URL"],
      [
        { packages: "foo", repositories: "/tmp", "repository-keys": "/nonexistent.rsa.pub" },
        "repository-keys: '/nonexistent.rsa.pub' is not a readable key file",
      ],
    ])("names the input %o as action.yml spells it", async (inputs, message) => {
      expect(await refused(inputs)).toContain(message);
    });

    // Written after every command ran: checked before any runs, as the CLI checks --junit.
    it.each([
      [
        "/etc",
        "junit: '/etc' is not a regular file; set junit to a new or regular file in a writable directory",
      ],
      ["/proc/nsbox/j.xml", "junit: '/proc/nsbox/j.xml' cannot be written: '/proc' is on the kernel's proc"],
      ["/etc/passwd/j.xml", "junit: '/etc/passwd/j.xml' cannot be written: '/etc/passwd' is not a directory"],
    ])("junit: %s, before any command runs", async (junit, message) => {
      expect(await refused({ junit }, true)).toContain(message);
    });

    // Copies land there after each command: with outputs, a place that cannot be a directory is refused
    // first (before, every command ran, nothing was copied, and the step passed without a word).
    it.each([
      ["/etc/passwd", "output-dir: '/etc/passwd' is not a directory; set output-dir to a writable directory"],
      [
        "/etc/passwd/sub",
        "output-dir: '/etc/passwd/sub' cannot be created: '/etc/passwd' is not a directory",
      ],
      ["/proc/nsbox", "output-dir: '/proc/nsbox' cannot be created: '/proc' is on the kernel's proc"],
    ])("output-dir: %s with outputs, before any command runs", async (dir, message) => {
      expect(await refused({ outputs: "out", "output-dir": dir }, true)).toContain(message);
    });

    it("two commands of one name with outputs, before either runs", async () => {
      const commands = `- name: a\n  run: echo ${RAN} > /workspace/r\n- name: a\n  run: echo two > /workspace/r`;
      expect(await refused({ run: "", commands, outputs: "r" }, true)).toBe(
        "outputs: commands item 1 and commands item 2 are both named 'a', and their copies would overwrite each other in <output-dir>/a; give each its own name (the item's name: key)",
      );
    });

    // Each would otherwise be dropped without a word.
    it.each([
      [{ allow: "10.0.0.1" }, "allow: '10.0.0.1' only applies with network: nat;"],
      [{ "max-connections": "100" }, "max-connections: '100' only applies with network: nat;"],
      [{ repositories: "/tmp" }, "repositories: '/tmp' only applies with packages;"],
      [{ "repository-keys": "/k.rsa.pub" }, "repository-keys: '/k.rsa.pub' only applies with packages;"],
      [{ "allow-untrusted": "true" }, "allow-untrusted only applies with packages;"],
      [{ "setup-network": "nat" }, "setup-network: 'nat' only applies with setup;"],
      [{ "alpine-version": "3.19", rootfs: TARBALL }, "alpine-version: '3.19' does not apply with rootfs"],
      [
        { mirror: "http://127.0.0.1:9/alpine", rootfs: TARBALL },
        "mirror: 'http://127.0.0.1:9/alpine' is not used with rootfs",
      ],
    ])("%o alone", async (inputs, message) => {
      expect(await refused(inputs, true)).toContain(message);
    });

    // Each command's own limits are judged with the inputs, as the step's are: the engine's own check came
    // at that command's sandbox, after the rootfs was fetched and the run input's command had run.
    it("a command's own limit out of range, before any command runs", async () => {
      const commands = "- name: a\n  run: echo two\n  memory: 1";
      expect(await refused({ commands }, true)).toBe(
        "commands: item 1 ('a'): memory: 1 B is below the 4.00 MiB the sandbox's own set-up needs; use at least 4M",
      );
    });

    // A self-hosted runner's tool cache made by root: the step's user (rootless, no sudo) cannot make the
    // cache in it. The first download failed with a bare "EACCES: permission denied, mkdir '…/.tmp-…'".
    it("a RUNNER_TOOL_CACHE the step's user cannot write, before anything is made", async () => {
      const toolCache = mkdtempSync(join(tmpdir(), "nsbox-root-toolcache-"));
      chmodSync(toolCache, 0o755);
      const runner = createRunner({ as: { uid: 65534, gid: 65534 }, toolCache });
      try {
        const r = await runAction({ runner, with: { run: `echo ${RAN}`, rootfs: TARBALL }, post: false });
        expect(refusal(r, runner)).toBe(
          `RUNNER_TOOL_CACHE: '${toolCache}/nsbox' cannot be created: '${toolCache}' is not writable; give the job's user a writable RUNNER_TOOL_CACHE, or run the job as root or with passwordless sudo`,
        );
        expect(readdirSync(toolCache)).toEqual([]);
      } finally {
        runner.remove();
        rmSync(toolCache, { recursive: true, force: true });
      }
    });

    // As a relative working-directory is: it became /x, outside the workspace the input promises.
    it("a relative outputs entry that leaves the workspace", async () => {
      expect(await refused({ run: `echo ${RAN} > /x`, outputs: "../x" }, true)).toBe(
        "outputs: '../x' leaves the workspace; use a path inside it",
      );
    });

    // The cache holds the rootfs every later sandbox runs on: a rw workspace that holds it is refused
    // before any command runs (the first sandbox is where the engine knows both).
    it("workspace: rw holding the tool cache", async () => {
      const base = createRunner({ as: "root", toolCache: "private" });
      const runner = { ...base, toolCache: join(base.workspace, "tools") };
      try {
        const r = await runAction({
          runner,
          with: { run: `echo ${RAN}`, workspace: "rw", rootfs: TARBALL },
          post: false,
        });
        expect(r.conclusion).toBe("failure");
        const errors = r.issues.filter((i) => i.level === "error").map((i) => i.message);
        expect(errors).toEqual([
          `mount: '${runner.workspace}' (rw) holds the cache dir '${runner.toolCache}/nsbox', which no sandbox may write; mount it ro or overlay, or use a cache dir outside it`,
        ]);
        expect(r.log).not.toContain(RAN);
      } finally {
        runner.remove();
      }
    });

    // Parsed with the inputs: before, only when the network was set up, after the rootfs was extracted.
    it.each([
      ["10.0.0.0/33", "allow: '10.0.0.0/33' is not a CIDR; use 10.1.2.0/24 or 10.1.2.3:443"],
      ["10.0.0.1:0", "allow: '10.0.0.1:0' has no valid port (1-65535); use 10.1.2.0/24 or 10.1.2.3:443"],
    ])("allow: %s, before the rootfs is fetched", async (allow, message) => {
      expect(await refused({ network: "nat", allow }, true)).toBe(message);
    });
  },
);
