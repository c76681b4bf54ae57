import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { copyOutputs, mountsView, sanitizeName } from "../../src/engine/outputs/copy";

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

  it("drops setuid, setgid and sticky bits and never follows a symlink", () => {
    const upper = tmp();
    const out = tmp();
    mkdirSync(join(upper, "w"));
    writeFileSync(join(upper, "w/suid"), "x");
    chmodSync(join(upper, "w/suid"), 0o6755);
    writeFileSync(join(upper, "w/plain"), "y");
    chmodSync(join(upper, "w/plain"), 0o1666);
    symlinkSync("/etc/passwd", join(upper, "w/link"));
    expect(statSync(join(upper, "w/suid")).mode & 0o7777).toBe(0o6755); // the bits were really there
    const r = copyOutputs(
      "t",
      { patterns: ["/w/**"], dir: out, limitBytes: 1 << 20, limitFiles: 10 },
      mountsView(upper, [], () => ""),
    );
    expect(r.files.sort()).toEqual(["/w/plain", "/w/suid"]);
    expect(statSync(join(out, "t/w/suid")).mode & 0o7777).toBe(0o755);
    expect(statSync(join(out, "t/w/plain")).mode & 0o7777).toBe(0o644);
    expect(readFileSync(join(out, "t/w/suid"), "utf8")).toBe("x");
    expect(r.skipped).toEqual([{ path: "/w/link", reason: expect.stringMatching(/symlink/) }]);
  });

  it.skipIf(process.getuid?.() !== 0)(
    "under sudo, the directories it creates belong to the caller, those that existed stay as they were",
    () => {
      const upper = tmp();
      const existing = tmp();
      writeFileSync(join(upper, "r.xml"), "r");
      const saved = { uid: process.env.SUDO_UID, gid: process.env.SUDO_GID };
      process.env.SUDO_UID = "4321";
      process.env.SUDO_GID = "4322";
      try {
        copyOutputs(
          "n",
          { patterns: ["/r.xml"], dir: join(existing, "a/b"), limitBytes: 1 << 20, limitFiles: 10 },
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

  it("sanitises names that break uploads or terminals", () => {
    expect(sanitizeName('a:b"c\nd')).toBe("a_b_c_d");
    expect(sanitizeName("..")).toBe("_");
  });

  it("a name that collides once sanitised is skipped, never merged or overwritten, and the rest is copied", () => {
    const upper = tmp();
    const out = tmp();
    mkdirSync(join(upper, "w/x_"), { recursive: true });
    writeFileSync(join(upper, "w/x:"), "file"); // sanitised to x_, like the dir beside it
    writeFileSync(join(upper, "w/x_/in"), "in");
    writeFileSync(join(upper, "w/y:"), "first");
    writeFileSync(join(upper, "w/y_"), "second");
    writeFileSync(join(upper, "w/z"), "z");
    const r = copyOutputs(
      "t",
      { patterns: ["/w/**", "/w/x_/in"], dir: out, limitBytes: 1 << 20, limitFiles: 10 },
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

  it("`[` and `]` are literal: only `*`, `?` and `**` are glob characters", () => {
    const upper = tmp();
    const out = tmp();
    mkdirSync(join(upper, "w"));
    for (const n of ["r[1].xml", "r1.xml", "a[b", "a[bc"]) writeFileSync(join(upper, "w", n), n);
    const r = copyOutputs(
      "t",
      { patterns: ["/w/r[1].xml", "/w/a[*", "/w/[?]"], dir: out, limitBytes: 1 << 20, limitFiles: 10 },
      mountsView(upper, [], () => ""),
    );
    expect(r.files).toEqual(["/w/r[1].xml", "/w/a[b", "/w/a[bc"]);
    expect(r.skipped).toEqual([]);
  });
});
