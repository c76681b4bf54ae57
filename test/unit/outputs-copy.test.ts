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
});
