import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkKeyFiles } from "../../src/engine/apk/keys";
import { UsageError } from "../../src/engine/types";

// An extra repository key is copied into the package layer's /etc/apk/keys: only a small PEM public key
// named *.pub gets there. The sentences come from the engine: they name no front end's flag.
describe("checkKeyFiles", () => {
  const dir = mkdtempSync(join(tmpdir(), "nsbox-keys-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const pem =
    "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----\n";
  const refusal = (...f: string[]) => {
    try {
      checkKeyFiles(f);
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect((e as Error).message).not.toMatch(/(^|\s)--[a-z]/);
      return (e as Error).message;
    }
    return null;
  };

  it("takes a PEM public key named *.pub, an abuild-keygen name (the packager's email) too", () => {
    expect(refusal(file("repo.rsa.pub", pem))).toBeNull();
    expect(refusal(file("me@example.org-66a1b2c3.rsa.pub", pem))).toBeNull();
  });

  it("refuses another name, another content, a large file, a link, a missing file", () => {
    expect(refusal("/etc/shadow")).toMatch(/^repository-key: '\/etc\/shadow' is not named like an apk key/);
    const priv = file("priv.rsa.pub", "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
    expect(refusal(priv)).toBe(
      `repository-key: '${priv}' is not a PEM public key (no -----BEGIN PUBLIC KEY----- line); give the repository's public key file (NAME.rsa.pub)`,
    );
    expect(refusal(file("big.rsa.pub", pem + "x".repeat(20_000)))).toMatch(/is larger than a public key/);
    symlinkSync("/etc/shadow", join(dir, "link.rsa.pub"));
    expect(refusal(join(dir, "link.rsa.pub"))).toMatch(/is not a readable key file/);
    expect(refusal(join(dir, "missing.rsa.pub"))).toMatch(/is not a readable key file/);
  });

  // /etc/apk/keys holds one file of each name: the second key would silently replace the first, and the
  // repository signed by the first be refused as untrusted.
  it("refuses two different keys of one file name, naming both; the same key twice is one", () => {
    const a = file("same.rsa.pub", pem);
    mkdirSync(join(dir, "other"));
    const b = join(dir, "other", "same.rsa.pub");
    writeFileSync(b, pem.replace("MIIB", "MIIC"));
    expect(refusal(a, b)).toBe(
      `repository-key: '${a}' and '${b}' are different keys of one name (same.rsa.pub); give only the one the repository is signed with`,
    );
    const copy = join(dir, "other", "copy");
    mkdirSync(copy);
    writeFileSync(join(copy, "same.rsa.pub"), pem);
    expect(refusal(a, join(copy, "same.rsa.pub"), a)).toBeNull();
    expect(refusal(a, file("another.rsa.pub", pem.replace("MIIB", "MIID")))).toBeNull();
  });
});
