import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  alpineArch,
  minirootfsFileName,
  parseAlpineRequest,
  parseReleasesYaml,
  parseSha256File,
  pickMinirootfs,
  versionFromFileName,
} from "../../src/engine/rootfs/version";
import { UsageError } from "../../src/engine/types";
import { alpineMirrorRoot } from "../support/mirror";

describe("parseAlpineRequest", () => {
  it("maps aliases, branches and exact versions to their mirror directory", () => {
    expect(parseAlpineRequest(undefined)).toEqual({
      kind: "alias",
      text: "latest-stable",
      dir: "latest-stable",
    });
    expect(parseAlpineRequest("latest-stable").kind).toBe("alias");
    expect(parseAlpineRequest("3.20")).toEqual({ kind: "branch", text: "3.20", dir: "v3.20" });
    expect(parseAlpineRequest("3.20.3")).toEqual({
      kind: "exact",
      text: "3.20.3",
      dir: "v3.20",
      version: "3.20.3",
    });
    expect(parseAlpineRequest("3.9.0").dir).toBe("v3.9");
  });

  it.each(["3", "abc", "3.20.3.1", "", "v3.20", "3.20.", "03.20", "3.20 ", "edge", "../3.20", "latest"])(
    "refuses %j with one sentence",
    (bad) => {
      expect(() => parseAlpineRequest(bad)).toThrow(UsageError);
      expect(() => parseAlpineRequest(bad)).toThrow(
        `alpine: '${bad}' is not a version; use 3.20, 3.20.3 or latest-stable`,
      );
    },
  );
});

describe("alpineArch", () => {
  it("maps Node arch names", () => {
    expect(alpineArch("x64")).toBe("x86_64");
    expect(alpineArch("arm64")).toBe("aarch64");
  });
  it.each(["ia32", "arm", "ppc64", "riscv64", "x86_64"])("refuses %s clearly", (a) => {
    expect(() => alpineArch(a)).toThrow(UsageError);
    expect(() => alpineArch(a)).toThrow(`architecture '${a}' is not supported`);
  });
});

describe("parseReleasesYaml", () => {
  const sample = [
    "---",
    "-",
    '  title: "Standard"',
    '  desc: "Alpine as it was intended.',
    "    Just enough to get you started.",
    '    note: not a key."',
    "  flavor: alpine-standard",
    "  sha256: 00",
    "- title: 'Mini root filesystem'",
    "  branch: v3.20",
    "  arch: x86_64",
    "  version: 3.20.3",
    "  flavor: alpine-minirootfs",
    "  file: alpine-minirootfs-3.20.3-x86_64.tar.gz",
    "  size: 3490290",
    "  sha256: D4E6FD67DCF75E40C451560AC7265166C2B72A0F38DDC9AAE756A7DE3D1EFA0C",
    "",
  ].join("\n");

  it("reads list items with key: value lines, quotes and continued values", () => {
    const e = parseReleasesYaml(sample);
    expect(e).toHaveLength(2);
    expect(e[0]?.title).toBe("Standard");
    expect(e[0]?.desc).toBe("Alpine as it was intended. Just enough to get you started. note: not a key.");
    expect(e[0]?.flavor).toBe("alpine-standard");
    expect(e[1]?.title).toBe("Mini root filesystem");
    expect(e[1]?.size).toBe("3490290");
  });

  it("picks the minirootfs entry and lower-cases its checksum", () => {
    expect(pickMinirootfs(parseReleasesYaml(sample), "x86_64")).toEqual({
      version: "3.20.3",
      branch: "v3.20",
      file: "alpine-minirootfs-3.20.3-x86_64.tar.gz",
      sha256: "d4e6fd67dcf75e40c451560ac7265166c2b72a0f38ddc9aae756a7de3d1efa0c",
    });
    expect(pickMinirootfs(parseReleasesYaml(sample), "aarch64")).toBeNull();
  });

  it("refuses entries whose file name could leave the release directory", () => {
    const evil = sample.replace("file: alpine-minirootfs-3.20.3-x86_64.tar.gz", "file: ../../etc/passwd");
    expect(pickMinirootfs(parseReleasesYaml(evil), "x86_64")).toBeNull();
    const badSha = sample.replace(/sha256: D4E6\w+/, "sha256: xyz");
    expect(pickMinirootfs(parseReleasesYaml(badSha), "x86_64")).toBeNull();
  });

  it("parses the real files of the shared mirror", () => {
    for (const [dir, arch, version] of [
      ["v3.20", "x86_64", "3.20.3"],
      ["v3.20", "aarch64", "3.20.3"],
      ["v3.19", "x86_64", "3.19.4"],
    ] as const) {
      const file = path.join(alpineMirrorRoot(), dir, "releases", arch, "latest-releases.yaml");
      const rel = pickMinirootfs(parseReleasesYaml(readFileSync(file, "utf8")), arch);
      expect(rel?.version).toBe(version);
      expect(rel?.file).toBe(minirootfsFileName(version, arch));
      expect(rel?.branch).toBe(dir);
    }
  });
});

describe("checksum files and names", () => {
  it("reads sha256sum output", () => {
    const h = "a".repeat(64);
    expect(parseSha256File(`${h}  alpine-minirootfs-3.20.3-x86_64.tar.gz\n`)).toBe(h);
    expect(parseSha256File(`${h.toUpperCase()}\n`)).toBe(h);
    expect(parseSha256File("<html>not found</html>")).toBeNull();
    expect(parseSha256File("")).toBeNull();
  });
  it("reads the version from a tarball name", () => {
    expect(versionFromFileName("alpine-minirootfs-3.20.3-x86_64.tar.gz")).toBe("3.20.3");
    expect(versionFromFileName("alpine-minirootfs-3.19.4-aarch64.tar.gz")).toBe("3.19.4");
    expect(versionFromFileName("rootfs.tar.gz")).toBeNull();
  });
});
