// Layers: a setup script's changes under every later sandbox, result files copied out, disk scratch.
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { SetupError, UsageError } from "../../src/engine/types";
import { leftovers, openSession, runCaptured, sandboxSkipReason } from "../support/sandbox";
import { until } from "../support/until";

const work = mkdtempSync(join(tmpdir(), "nsbox-layers-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(sandboxSkipReason)("setup layer", () => {
  it("setup's changes to / and to an overlay mount are under later sandboxes, deletions included", async () => {
    const ws = join(work, "ws1");
    mkdirSync(ws);
    const session = await openSession();
    try {
      const mounts = [{ source: ws, target: "/workspace", mode: "overlay" as const }];
      const setup = await session.setup(
        "mkdir -p /opt/dep && echo dep-v1 > /opt/dep/version && rm /etc/motd && mkdir /workspace/node_modules && echo m > /workspace/node_modules/m.js",
        { mounts, stdio: { stdout: "pipe", stderr: "pipe" } },
      );
      expect(setup.status).toBe("ok");
      expect(setup.phase).toBe("setup");
      const r = await runCaptured(
        {
          argv: [
            "/bin/sh",
            "-c",
            "cat /opt/dep/version; test -e /etc/motd && echo motd-present; cat /workspace/node_modules/m.js; echo x > /opt/dep/version && echo write-ok",
          ],
          mounts,
        },
        session,
      );
      expect(r.stdout).toBe("dep-v1\nm\nwrite-ok\n");
      // each sandbox writes into its own layer: the next one sees setup's file unchanged
      const again = await runCaptured({ argv: ["cat", "/opt/dep/version"], mounts }, session);
      expect(again.stdout).toBe("dep-v1\n");
      expect(readdirSync(ws)).toEqual([]); // the host dir never changed
    } finally {
      await session.close();
    }
    expect(leftovers()).toEqual([]);
  });

  it("a failed setup is its own result and the command never runs", async () => {
    const marker = join(work, "marker");
    mkdirSync(marker, { mode: 0o777 });
    chmodSync(marker, 0o777);
    const r = await runCaptured({
      setup: "echo preparing; exit 3",
      argv: ["/bin/sh", "-c", "touch /m/ran"],
      mounts: [{ source: marker, target: "/m", mode: "rw" }],
    });
    expect(r.phase).toBe("setup");
    expect(r.status).toBe("failed");
    expect(r.exitCode).toBe(3);
    expect(existsSync(join(marker, "ran"))).toBe(false);
    // the same command without the failing setup does run (the check above can fail)
    await runCaptured({
      argv: ["/bin/sh", "-c", "touch /m/ran"],
      mounts: [{ source: marker, target: "/m", mode: "rw" }],
    });
    expect(existsSync(join(marker, "ran"))).toBe(true);
  });
});

describe.skipIf(sandboxSkipReason)("result files out", () => {
  it("copies regular files and dirs, never a symlink or a fifo, within the cap, owned by the caller", async () => {
    const ws = join(work, "ws2");
    mkdirSync(ws);
    const out = join(work, "out");
    const saved = { uid: process.env.SUDO_UID, gid: process.env.SUDO_GID };
    process.env.SUDO_UID = "4321";
    process.env.SUDO_GID = "4322";
    try {
      const r = await runCaptured({
        argv: [
          "/bin/sh",
          "-c",
          [
            "cd /workspace",
            "echo '<testsuite/>' > junit.xml",
            "mkdir -p cov/sub && echo a > cov/a.txt && echo b > cov/sub/b.txt",
            "ln -s /etc/shadow cov/shadow && ln -s /etc cov/etc",
            "mkfifo cov/fifo",
            "head -c 300000 /dev/zero > big.bin",
            // The sandbox refuses setuid modes (seccomp); foreign write bits it may set.
            "chmod 777 cov/a.txt",
            "exit 7",
          ].join("; "),
        ],
        mounts: [{ source: ws, target: "/workspace", mode: "overlay" }],
        outputs: {
          name: "unit tests",
          dir: out,
          patterns: ["/workspace/junit.xml", "/workspace/cov/**", "/workspace/*.bin", "/workspace/none.xml"],
          limitBytes: 200_000,
        },
      });
      expect(r.exitCode).toBe(7); // copied whatever the status
      const dest = join(out, "unit tests");
      expect(r.outputs?.dir).toBe(dest);
      expect(r.outputs?.files).toEqual([
        "/workspace/junit.xml",
        "/workspace/cov/a.txt",
        "/workspace/cov/sub/b.txt",
      ]);
      expect(readFileSync(join(dest, "workspace/junit.xml"), "utf8")).toBe("<testsuite/>\n");
      expect(readFileSync(join(dest, "workspace/cov/sub/b.txt"), "utf8")).toBe("b\n");
      const skipped = Object.fromEntries((r.outputs?.skipped ?? []).map((s) => [s.path, s.reason]));
      expect(skipped["/workspace/cov/shadow"]).toMatch(/symlink/);
      expect(skipped["/workspace/cov/etc"]).toMatch(/symlink/);
      expect(skipped["/workspace/cov/fifo"]).toMatch(/not a regular file/);
      expect(skipped["/workspace/big.bin"]).toMatch(/size limit/);
      expect(existsSync(join(dest, "workspace/cov/shadow"))).toBe(false);
      expect(existsSync(join(dest, "workspace/cov/etc"))).toBe(false);
      expect(existsSync(join(dest, "workspace/big.bin"))).toBe(false);
      const st = statSync(join(dest, "workspace/cov/a.txt"));
      expect([st.uid, st.gid]).toEqual([4321, 4322]);
      expect(st.mode & 0o7777).toBe(0o755); // no foreign write bits (setuid: test/unit/outputs-copy)
      expect(lstatSync(join(dest, "workspace")).uid).toBe(4321);
    } finally {
      process.env.SUDO_UID = saved.uid;
      process.env.SUDO_GID = saved.gid;
      if (saved.uid === undefined) delete process.env.SUDO_UID;
      if (saved.gid === undefined) delete process.env.SUDO_GID;
    }
    expect(leftovers()).toEqual([]);
  });
  it("a command that never ran has no outputs: no output dir made, nothing listed as left out", async () => {
    for (const [i, run] of [
      { argv: ["/nonexistent"] }, // not found: init's exec fails
      { argv: ["/bin/sh", "-c", "echo x > /w/o.txt"], workdir: "/etc/passwd" }, // no workdir: set up fails
    ].entries()) {
      const out = join(work, `out-never-${i}`);
      const r = await runCaptured({ ...run, outputs: { name: "run", dir: out, patterns: ["/w/**"] } });
      expect(r.exitCode).toBe(125);
      expect(r.error).not.toBeNull();
      expect(r.outputs).toBeUndefined();
      expect(existsSync(out)).toBe(false);
    }
    // Presence: the same outputs of a command that ran and wrote nothing are collected (and the dir made).
    const out = join(work, "out-ran");
    const r = await runCaptured({
      argv: ["/bin/true"],
      outputs: { name: "run", dir: out, patterns: ["/w/**"] },
    });
    expect(r.outputs?.files).toEqual([]);
    expect(existsSync(join(out, "run"))).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it("names that collide once sanitised and globs with `[` cost their own entries, not the result", async () => {
    const out = join(work, "out-collide");
    const r = await runCaptured({
      // `x:` is copied as x_, which the dir beside it wants too.
      argv: [
        "/bin/sh",
        "-c",
        "mkdir -p /w/x_ && echo f > '/w/x:' && echo g > /w/x_/g && echo r > '/w/r[1].xml'; exit 5",
      ],
      outputs: { name: "n", dir: out, patterns: ["/w/**", "/w/r[1]*"] },
    });
    expect(r.exitCode).toBe(5);
    expect(r.cgroup).toMatch(/^(v1|v2|none)$/);
    expect(r.outputs?.files).toEqual(["/w/r[1].xml", "/w/x:"]);
    expect(r.outputs?.skipped).toEqual([
      { path: "/w/x_", reason: expect.stringMatching(/already the copy of \/w\/x:/) },
    ]);
    expect(readFileSync(join(out, "n/w/x_"), "utf8")).toBe("f\n");
    expect(leftovers()).toEqual([]);
  });

  it("an output dir in a rw mount: a symlink the sandbox planted on the way is refused, never followed", async () => {
    const ws = join(work, "ws-rw");
    const victim = join(work, "victim");
    mkdirSync(ws, { mode: 0o777 });
    chmodSync(ws, 0o777); // the sandbox's root is an unprivileged host uid: a rw mount it can write
    mkdirSync(victim);
    const r = await runCaptured({
      argv: ["/bin/sh", "-c", `mkdir /out && echo pwned > /out/authorized_keys && ln -s ${victim} /ws/build`],
      mounts: [{ source: ws, target: "/ws", mode: "rw" }],
      outputs: { name: "run", dir: join(ws, "build/artifacts"), patterns: ["/out/**"] },
    });
    expect(r.stderr).toBe("");
    expect(lstatSync(join(ws, "build")).isSymbolicLink()).toBe(true); // the plant was there
    expect(r.outputs?.files).toEqual([]);
    expect(r.outputs?.skipped).toEqual([
      { path: "/out/**", reason: `output directory ${join(ws, "build")} is a symbolic link (not followed)` },
    ]);
    expect(readdirSync(victim)).toEqual([]);
    expect(leftovers()).toEqual([]);
  });
});

describe.skipIf(sandboxSkipReason)("disk scratch", () => {
  it("puts the writable layer on a capped disk file system, removed afterwards", async () => {
    const r = await runCaptured({
      scratch: "disk",
      limits: { tmpfsBytes: 16 * 1024 * 1024 },
      argv: ["/bin/sh", "-c", "head -c 32000000 /dev/zero > /big; echo rc=$?; df -k / | tail -1"],
    });
    // the write fails once the file system is full (ext4 reports ENOSPC or EIO through the loop)
    expect(r.stdout).toMatch(/^rc=1\n/);
    const total = Number(r.stdout.split("\n")[1]?.trim().split(/\s+/)[1]);
    expect(total).toBeGreaterThan(8 * 1024);
    expect(total).toBeLessThanOrEqual(16 * 1024);
    expect(leftovers()).toEqual([]);
  });

  it("takes 1 MiB, and refuses less as a usage error naming the minimum (mkfs.ext4 failed there)", async () => {
    const session = await openSession({ scratch: "disk" });
    try {
      const smallest = await runCaptured(
        { limits: { tmpfsBytes: 1024 * 1024 }, argv: ["/bin/sh", "-c", "echo hi > /a && cat /a"] },
        session,
      );
      expect(smallest).toMatchObject({ status: "ok", stdout: "hi\n" });
      await expect(
        runCaptured({ limits: { tmpfsBytes: 512 * 1024 }, argv: ["/bin/true"] }, session),
      ).rejects.toThrow(
        new UsageError(
          "tmpfs-size: 512.0 KiB is below the 1.00 MiB a disk scratch needs (its ext4 file system's own blocks and inodes); use at least 1M",
        ),
      );
    } finally {
      await session.close();
    }
    expect(leftovers()).toEqual([]);
  });

  it("on a host without mkfs.ext4, fails to start with a sentence that says so", async () => {
    const session = await openSession({ scratch: "disk" });
    const path = process.env.PATH;
    const emptyBin = join(work, "empty-bin");
    mkdirSync(emptyBin);
    process.env.PATH = emptyBin; // nothing to run: as a host without e2fsprogs
    try {
      const err = await runCaptured({ argv: ["/bin/true"] }, session).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SetupError);
      expect(err).toMatchObject({
        step: "scratch",
        message: "cannot create the disk scratch: mkfs.ext4 (from e2fsprogs) is not installed",
        hint: "scratch-memory",
      });
    } finally {
      process.env.PATH = path;
      await session.close();
    }
    expect(leftovers()).toEqual([]);
  });

  it("its loop mount is what leftovers() sees while it runs, and nothing of it stays", async () => {
    const sync = join(work, "sync");
    mkdirSync(sync, { mode: 0o777 });
    chmodSync(sync, 0o777);
    const mine = () =>
      readdirSync(join(inject("cacheDir"), "layers")).filter((n) => n.startsWith(`keep-${process.pid}-`));
    const running = runCaptured({
      scratch: "disk",
      argv: [
        "/bin/sh",
        "-c",
        "touch /s/ready; i=0; while [ ! -e /s/go ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done",
      ],
      mounts: [{ source: sync, target: "/s", mode: "rw" }],
    });
    // A run that fails to start ends the wait with its own error, not the test's timeout.
    let ended = false;
    running.then(
      () => (ended = true),
      () => (ended = true),
    );
    try {
      // The sandbox's start (mkfs, loop mount) is what is waited for here, not a quick event: the test's
      // own timeout bounds it.
      await until(() => ended || existsSync(join(sync, "ready")), 55_000);
      if (ended) await running;
      expect(mine()).toHaveLength(1);
      expect(leftovers()).toContainEqual(expect.stringContaining(`/keep-${process.pid}-`));
    } finally {
      writeFileSync(join(sync, "go"), "");
    }
    expect((await running).status).toBe("ok");
    expect(mine()).toEqual([]);
    expect(leftovers()).toEqual([]);
  });
});
