import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freshIndexShas, recordIndexShas } from "../../src/engine/apk/cache";
import { type PackageRequest, packageLayerKey } from "../../src/engine/apk/layer";
import { removeHostTree } from "../../src/engine/fs";

// The package layer's cache key: a layer holds files owned for one rootfs tree's id shift and apk's
// database on top of that tree's, so it is never shared between trees.
describe("packageLayerKey", () => {
  const sha = "a".repeat(64);
  const req = (rootfsDir: string): PackageRequest => ({
    packages: ["junit-runner"],
    repositories: ["http://127.0.0.1:1/main"],
    keys: [],
    allowUntrusted: false,
    alpine: "3.20.3",
    arch: "x86_64",
    cacheDir: "/var/cache/nsbox",
    rootfsDir,
  });
  const index = ["1".repeat(64)];

  it("differs between the trees of root and rootless mode, and between two tarballs of one version", () => {
    const root = packageLayerKey(req(`/c/rootfs/${sha}-100000`), index);
    expect(packageLayerKey(req(`/c/rootfs/${sha}-self`), index)).not.toBe(root);
    expect(packageLayerKey(req(`/c/rootfs/${"b".repeat(64)}-100000`), index)).not.toBe(root);
    // the same tree in another cache dir is the same layer; another index is not
    expect(packageLayerKey(req(`/other/rootfs/${sha}-100000`), index)).toBe(root);
    expect(packageLayerKey(req(`/c/rootfs/${sha}-100000`), ["2".repeat(64)])).not.toBe(root);
  });

  it("leaves a repository's user and password out of what it records (the key, indexes.json)", () => {
    const withToken = {
      ...req(`/c/rootfs/${sha}-100000`),
      repositories: ["http://u:s3cret@127.0.0.1:1/main"],
    };
    const masked = { ...withToken, repositories: ["http://***@127.0.0.1:1/main"] };
    expect(packageLayerKey(withToken, index)).toBe(packageLayerKey(masked, index));
    const cache = mkdtempSync(path.join(os.tmpdir(), "nsbox-layer-key-"));
    try {
      mkdirSync(path.join(cache, "packages"));
      recordIndexShas(cache, withToken.repositories, "x86_64", index);
      const stored = readFileSync(path.join(cache, "packages", "indexes.json"), "utf8");
      expect(stored).not.toContain("s3cret");
      expect(
        freshIndexShas(
          cache,
          withToken.repositories,
          "x86_64",
          () => true,
          () => null,
        ),
      ).toEqual(index);
    } finally {
      removeHostTree(cache);
    }
  });
});
