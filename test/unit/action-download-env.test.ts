// What the main step hands the sudo worker of its environment for downloads: Node's proxy variables when
// Node's proxy support is on, the extra CA certificates Node loaded, and nothing else (the end-to-end
// proof is test/integration/action-proxy.test.ts).
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

  it("takes the certificates this Node loaded from NODE_EXTRA_CA_CERTS, never the file's path", () => {
    const tls = process.getBuiltinModule("node:tls");
    const d = captureDownloadEnv({ NODE_EXTRA_CA_CERTS: "/somewhere/ca.pem" });
    expect(d.extraCa).toEqual(tls.getCACertificates("extra"));
    expect(JSON.stringify(d)).not.toContain("/somewhere");
    expect(captureDownloadEnv({}).extraCa).toEqual([]);
  });
});
