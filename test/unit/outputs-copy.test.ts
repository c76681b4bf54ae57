import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyOutputs, mountsView, sanitizeName } from "../../src/engine/outputs/copy";
import { forceNamedFiles } from "../../src/engine/outputs/dest";

// copyOutputs on a real directory tree standing in for a kept writable layer: what the sandbox itself
// can no longer produce (it refuses setuid modes) is still dropped by the copy.
describe("copyOutputs", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), "nsbox-copy-"));
    dirs.push(d);
    return d;
  };

  it.skipIf(process.getuid?.() !== 0)(
    "under sudo, the directories it creates belong to the caller, those that existed stay as they were",
    async () => {
      const upper = tmp();
      const existing = tmp();
      writeFileSync(join(upper, "r.xml"), "r");
      const saved = { uid: process.env.SUDO_UID, gid: process.env.SUDO_GID };
      process.env.SUDO_UID = "4321";
      process.env.SUDO_GID = "4322";
      try {
        await copyOutputs(
          "n",
          {
            patterns: ["/r.xml"],
            dir: join(existing, "a/b"),
            limitBytes: 1 << 20,
            limitFiles: 10,
            untrusted: [],
          },
          mountsView(upper, [], () => ""),
        );
      } finally {
        for (const [k, v] of [
          ["SUDO_UID", saved.uid],
          ["SUDO_GID", saved.gid],
        ] as const)
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
      }
      const owner = (p: string) => [statSync(p).uid, statSync(p).gid];
      expect(owner(existing)).toEqual([0, 0]);
      for (const p of ["a", "a/b", "a/b/n", "a/b/n/r.xml"])
        expect(owner(join(existing, p))).toEqual([4321, 4322]);
    },
  );

  // Each file is made unnamed (O_TMPFILE) where the output dir's file system can link one in, else under a
  // temp name: the hostile cases hold both ways.
  for (const way of ["unnamed", "named"] as const)
    describe(`files made ${way}`, () => {
      beforeEach(() => forceNamedFiles(way === "named")); // unnamed: as the probe finds here
      afterEach(() => forceNamedFiles(false));

      it("drops setuid, setgid and sticky bits and never follows a symlink", async () => {
        const upper = tmp();
        const out = tmp();
        mkdirSync(join(upper, "w"));
        writeFileSync(join(upper, "w/suid"), "x");
        chmodSync(join(upper, "w/suid"), 0o6755);
        writeFileSync(join(upper, "w/plain"), "y");
        chmodSync(join(upper, "w/plain"), 0o1666);
        symlinkSync("/etc/passwd", join(upper, "w/link"));
        expect(statSync(join(upper, "w/suid")).mode & 0o7777).toBe(0o6755); // the bits were really there
        const r = await copyOutputs(
          "t",
          { patterns: ["/w/**"], dir: out, limitBytes: 1 << 20, limitFiles: 10, untrusted: [] },
          mountsView(upper, [], () => ""),
        );
        expect(r.files.sort()).toEqual(["/w/plain", "/w/suid"]);
        expect(statSync(join(out, "t/w/suid")).mode & 0o7777).toBe(0o755);
        expect(statSync(join(out, "t/w/plain")).mode & 0o7777).toBe(0o644);
        expect(readFileSync(join(out, "t/w/suid"), "utf8")).toBe("x");
        expect(r.skipped).toEqual([{ path: "/w/link", reason: expect.stringMatching(/symlink/) }]);
      });

      it("in an untrusted output dir, follows no planted symlink and writes through no planted fifo or hard link", async () => {
        const upper = tmp();
        const work = tmp(); // stands for the workspace a checkout or a sandbox filled
        const victim = tmp(); // a host dir and file the copy must never reach
        writeFileSync(join(victim, "passwd"), "host");
        mkdirSync(join(upper, "w"));
        mkdirSync(join(upper, "v"));
        for (const n of ["w/passwd", "v/fifo", "v/linked"]) writeFileSync(join(upper, n), `sandbox ${n}`);
        const out = join(work, "nsbox-output");
        mkdirSync(join(out, "t/v"), { recursive: true });
        symlinkSync(victim, join(out, "t/w")); // a directory on the way is a symlink
        execFileSync("mkfifo", [join(out, "t/v/fifo")]); // opening it for writing would wait forever
        writeFileSync(join(victim, "hard"), "host");
        linkSync(join(victim, "hard"), join(out, "t/v/linked")); // writing it in place would write the host's
        const r = await copyOutputs(
          "t",
          {
            patterns: ["/w/passwd", "/v/**"],
            dir: out,
            limitBytes: 1 << 20,
            limitFiles: 10,
            untrusted: [work],
          },
          mountsView(upper, [], () => ""),
        );
        expect(r.skipped).toEqual([
          {
            path: "/w/passwd",
            reason: `output directory ${join(out, "t/w")} is a symbolic link (not followed)`,
          },
        ]);
        expect(r.files).toEqual(["/v/fifo", "/v/linked"]);
        expect(readFileSync(join(victim, "passwd"), "utf8")).toBe("host");
        expect(readFileSync(join(victim, "hard"), "utf8")).toBe("host");
        expect(readFileSync(join(out, "t/v/linked"), "utf8")).toBe("sandbox v/linked");
        expect(lstatSync(join(out, "t/v/fifo")).isFile()).toBe(true);
        expect(readdirSync(join(out, "t/v")).sort()).toEqual(["fifo", "linked"]); // no temp file left
      });

      it("a directory swapped for a symlink while it copies never takes a file out of the output dir", async () => {
        // What a live sandbox with the workspace writable can do to another command's copy (the Action's
        // `parallel`): swap a directory of the output tree with a symlink to a host dir, over and over.
        const upper = tmp();
        const work = tmp();
        const victim = tmp();
        const n = 1500;
        mkdirSync(join(upper, "d"));
        for (let i = 0; i < n; i++) writeFileSync(join(upper, "d", `f${i}`), "sandbox");
        for (let i = 0; i < n; i++) writeFileSync(join(victim, `f${i}`), "host");
        const out = join(work, "out");
        mkdirSync(join(out, "t/d"), { recursive: true });
        symlinkSync(victim, join(work, "link"));
        const swapper = spawn(process.execPath, [
          "-e",
          `const fs = require("node:fs");
       const [d, real, link] = process.argv.slice(1);
       for (;;) {
         try { fs.renameSync(d, real); fs.renameSync(link, d); fs.renameSync(d, link); fs.renameSync(real, d); } catch {}
       }`,
          join(out, "t/d"),
          join(work, "real"),
          join(work, "link"),
        ]);
        try {
          await new Promise((r) => setTimeout(r, 200));
          const r = await copyOutputs(
            "t",
            { patterns: ["/d/**"], dir: out, limitBytes: 1 << 30, limitFiles: 10 * n, untrusted: [work] },
            mountsView(upper, [], () => ""),
          );
          // Held open, the directory takes every file wherever it is renamed to; a symlink there skips it whole.
          expect([n, 0]).toContain(r.files.length);
        } finally {
          swapper.kill("SIGKILL");
        }
        const hit = readdirSync(victim).filter((f) => readFileSync(join(victim, f), "utf8") !== "host");
        expect(hit).toEqual([]);
        expect(readdirSync(victim)).toHaveLength(n);
      });
    });

  it("counts directories against the file limit: empty ones alone cannot fill the host", async () => {
    const upper = tmp();
    const out = tmp();
    for (let i = 0; i < 30; i++) mkdirSync(join(upper, "w", `d${i}`), { recursive: true });
    const r = await copyOutputs(
      "t",
      { patterns: ["/w/**"], dir: out, limitBytes: 1 << 20, limitFiles: 10, untrusted: [] },
      mountsView(upper, [], () => ""),
    );
    expect(readdirSync(join(out, "t/w"))).toHaveLength(9); // /w itself is the tenth
    expect(r.skippedCount).toBe(21);
    expect(r.skipped[0]).toEqual({ path: "/w/d17", reason: "file count limit 10 reached" });
  });

  it("a pattern under /tmp or /dev is left out with why (the sandbox's own tmpfs), unless an overlay mount is there", async () => {
    const upper = tmp();
    const out = tmp();
    const mountUpper = tmp();
    writeFileSync(join(mountUpper, "r.xml"), "r");
    const r = await copyOutputs(
      "t",
      {
        patterns: ["/tmp/x.xml", "/dev/shm/**", "/mnt/r.xml"],
        dir: out,
        limitBytes: 1 << 20,
        limitFiles: 10,
        untrusted: [],
      },
      mountsView(upper, [{ source: "/nowhere", target: "/mnt", mode: "overlay" }], () => mountUpper),
    );
    expect(r.skipped).toEqual([
      {
        path: "/tmp/x.xml",
        reason: "/tmp is the sandbox's own file system, gone with it: write the file elsewhere",
      },
      {
        path: "/dev/shm/**",
        reason: "/dev is the sandbox's own file system, gone with it: write the file elsewhere",
      },
    ]);
    expect(r.files).toEqual(["/mnt/r.xml"]);
  });

  it("sanitises names that break uploads or terminals", async () => {
    expect(sanitizeName('a:b"c\nd')).toBe("a_b_c_d");
    expect(sanitizeName("..")).toBe("_");
  });

  it("makes a name one path component: '/' never nests, climbs or aliases", () => {
    expect(["./unit", "../escaped", "a/b/c", "/", "x/."].map(sanitizeName)).toEqual([
      "._unit",
      ".._escaped",
      "a_b_c",
      "_",
      "x_.",
    ]);
  });

  it("a name that collides once sanitised is skipped, never merged or overwritten, and the rest is copied", async () => {
    const upper = tmp();
    const out = tmp();
    mkdirSync(join(upper, "w/x_"), { recursive: true });
    writeFileSync(join(upper, "w/x:"), "file"); // sanitised to x_, like the dir beside it
    writeFileSync(join(upper, "w/x_/in"), "in");
    writeFileSync(join(upper, "w/y:"), "first");
    writeFileSync(join(upper, "w/y_"), "second");
    writeFileSync(join(upper, "w/z"), "z");
    const r = await copyOutputs(
      "t",
      { patterns: ["/w/**", "/w/x_/in"], dir: out, limitBytes: 1 << 20, limitFiles: 10, untrusted: [] },
      mountsView(upper, [], () => ""),
    );
    expect(r.files).toEqual(["/w/x:", "/w/y:", "/w/z"]);
    expect(readFileSync(join(out, "t/w/x_"), "utf8")).toBe("file");
    expect(readFileSync(join(out, "t/w/y_"), "utf8")).toBe("first");
    expect(readFileSync(join(out, "t/w/z"), "utf8")).toBe("z");
    expect(r.skipped).toEqual([
      { path: "/w/x_", reason: expect.stringMatching(/already the copy of \/w\/x:/) },
      { path: "/w/y_", reason: expect.stringMatching(/already the copy of \/w\/y:/) },
      { path: "/w/x_/in", reason: expect.stringMatching(/already the copy of \/w\/x:/) },
    ]);
  });

  it("`[` and `]` are literal: only `*`, `?` and `**` are glob characters", async () => {
    const upper = tmp();
    const out = tmp();
    mkdirSync(join(upper, "w"));
    for (const n of ["r[1].xml", "r1.xml", "a[b", "a[bc"]) writeFileSync(join(upper, "w", n), n);
    const r = await copyOutputs(
      "t",
      {
        patterns: ["/w/r[1].xml", "/w/a[*", "/w/[?]"],
        dir: out,
        limitBytes: 1 << 20,
        limitFiles: 10,
        untrusted: [],
      },
      mountsView(upper, [], () => ""),
    );
    expect(r.files).toEqual(["/w/r[1].xml", "/w/a[b", "/w/a[bc"]);
    // `[?]` is a literal name here, and there is none.
    expect(r.skipped).toEqual([
      { path: "/w/[?]", reason: expect.stringMatching(/^the command wrote nothing that matches/) },
    ]);
  });

  it("a pattern that finds nothing of the command's, or lies in a ro or rw mount, is listed as left out", async () => {
    const upper = tmp();
    const out = tmp();
    mkdirSync(join(upper, "build"));
    writeFileSync(join(upper, "build", "report.txt"), "r");
    const mounts = [
      { source: tmp(), target: "/src", mode: "ro" as const },
      { source: tmp(), target: "/ws", mode: "rw" as const },
    ];
    const r = await copyOutputs(
      "t",
      {
        patterns: ["/build", "/etc/alpine-release", "/build/*.xml", "/src/a.txt", "/ws/sub/**"],
        dir: out,
        limitBytes: 1 << 20,
        limitFiles: 10,
        untrusted: [],
      },
      mountsView(upper, mounts, () => ""),
    );
    expect(r.files).toEqual(["/build/report.txt"]);
    expect(r.skipped).toEqual([
      {
        path: "/etc/alpine-release",
        reason: expect.stringMatching(/^the command wrote nothing that matches/),
      },
      { path: "/build/*.xml", reason: expect.stringMatching(/^the command wrote nothing that matches/) },
      { path: "/src/a.txt", reason: "/src is a read-only mount: the command wrote nothing there" },
      {
        path: "/ws/sub/**",
        reason: "/ws is a rw mount: what the command wrote there is on the host already",
      },
    ]);
  });
});
