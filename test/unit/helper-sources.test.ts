// The helpers shipped in dist/ must be built from the native/ sources in this commit: each binary embeds
// the sha256 of native/*.c and *.h (sorted by name, concatenated), and `--version` prints it.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

function sourcesHash(): string {
  const dir = join(root, "native");
  const hash = createHash("sha256");
  for (const name of readdirSync(dir)
    .filter((n) => /\.[ch]$/.test(n))
    .sort()) {
    hash.update(readFileSync(join(dir, name)));
  }
  return hash.digest("hex");
}

describe("shipped helper binaries", () => {
  it.each(["x64", "arm64"])(
    "dist/native/nsbox-helper-%s embeds the hash of the current native/ sources",
    (arch) => {
      const binary = readFileSync(join(root, "dist", "native", `nsbox-helper-${arch}`));
      expect(binary.includes(Buffer.from(sourcesHash()))).toBe(true);
    },
  );

  it.runIf(process.arch === "x64")("the x64 helper reports that hash with --version", () => {
    const out = execFileSync(join(root, "dist", "native", "nsbox-helper-x64"), ["--version"], {
      encoding: "utf8",
    });
    expect(out.trim()).toMatch(new RegExp(`^nsbox-helper \\S+ sources-sha256:${sourcesHash()}$`));
  });

  const qemu = ["/usr/bin/qemu-aarch64-static", "/usr/bin/qemu-aarch64"].find((q) => existsSync(q));
  it.runIf(process.arch === "x64" && qemu !== undefined)(
    "the arm64 helper runs (under qemu-user) and reports the same hash",
    () => {
      const arm64 = join(root, "dist", "native", "nsbox-helper-arm64");
      const out = execFileSync(qemu as string, [arm64, "--version"], { encoding: "utf8" });
      expect(out.trim()).toMatch(new RegExp(`^nsbox-helper \\S+ sources-sha256:${sourcesHash()}$`));
    },
  );
});
