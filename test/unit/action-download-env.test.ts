// What the main step hands the sudo worker of its environment for downloads: Node's proxy variables when
// Node's proxy support is on, the extra CA certificates Node loaded, and nothing else (the end-to-end
// proof is test/integration/action-proxy.test.ts).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { captureDownloadEnv } from "../../src/action/download-env";

const runner = {
  PATH: "/usr/bin",
  GITHUB_TOKEN: "ghs_secret",
  INPUT_RUN: "true",
  HTTPS_PROXY: "http://user:pw@proxy:3128",
  http_proxy: "http://proxy:3128",
  NO_PROXY: "localhost",
};

describe("captureDownloadEnv", () => {
  it("takes the proxy variables only, and only when Node's proxy support is on", () => {
    const proxy = { HTTPS_PROXY: runner.HTTPS_PROXY, http_proxy: runner.http_proxy, NO_PROXY: "localhost" };
    expect(captureDownloadEnv({ ...runner, NODE_USE_ENV_PROXY: "1" })).toEqual({ proxy, extraCa: [] });
    expect(
      captureDownloadEnv({ ...runner, NODE_OPTIONS: "--max-old-space-size=512 --use-env-proxy" }),
    ).toEqual({ proxy, extraCa: [] });
    // As Node: its proxy support is off without the switch (or with another value), the variables unused.
    expect(captureDownloadEnv(runner).proxy).toBeNull();
    expect(captureDownloadEnv({ ...runner, NODE_USE_ENV_PROXY: "true" }).proxy).toBeNull();
    expect(captureDownloadEnv({ ...runner, NODE_OPTIONS: "--use-env-proxy-x" }).proxy).toBeNull();
  });

  it("takes the certificates Node loaded from NODE_EXTRA_CA_CERTS, never the file's path", () => {
    // In a Node started with it, as the step's is (Node reads the file only as it starts).
    const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/.exec(
      readFileSync("/etc/ssl/certs/ca-certificates.crt", "utf8"),
    )?.[0] as string;
    const dir = mkdtempSync(join(tmpdir(), "nsbox-extra-ca-"));
    try {
      writeFileSync(join(dir, "ca.pem"), pem);
      const module = pathToFileURL(join(import.meta.dirname, "../../src/action/download-env.ts")).href;
      const script = `import { captureDownloadEnv } from ${JSON.stringify(module)};
process.stdout.write(JSON.stringify(captureDownloadEnv(process.env)));`;
      const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
        env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: join(dir, "ca.pem") },
        encoding: "utf8",
      });
      const captured = JSON.parse(out) as { extraCa: string[] };
      expect(captured.extraCa.map((c) => c.replace(/\s/g, ""))).toEqual([pem.replace(/\s/g, "")]);
      expect(out).not.toContain(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(captureDownloadEnv({}).extraCa).toEqual([]);
  });
});
