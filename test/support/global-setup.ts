// Once per test run: serve ../shared/alpine on 127.0.0.1, build the static C probes, and pick the
// shared rootfs cache so the tarball is extracted once, not once per file.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { ensureAlpineMirror, startMirror } from "./mirror";

declare module "vitest" {
  export interface ProvidedContext {
    mirrorUrl: string;
    cacheDir: string;
    probesDir: string;
    escapeProbesDir: string;
  }
}

const probesSrc = join(import.meta.dirname, "..", "fixtures", "probes");
const probesBin = join(probesSrc, "bin");
const escapeSrc = join(import.meta.dirname, "..", "fixtures", "escape");

/** Static binaries (they run on Alpine's musl userland whatever libc built them). */
function buildProbes(dir: string): void {
  if (!existsSync(dir)) return;
  const bin = join(dir, "bin");
  const header = join(dir, "escape.h"); // the escape probes' shared header
  mkdirSync(bin, { recursive: true });
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".c"))) {
    const src = join(dir, file);
    const out = join(bin, file.slice(0, -2));
    const newest = Math.max(statSync(src).mtimeMs, existsSync(header) ? statSync(header).mtimeMs : 0);
    if (existsSync(out) && statSync(out).mtimeMs >= newest) continue;
    execFileSync(process.env.CC ?? "cc", ["-O1", "-static", "-Wall", "-o", out, src], { stdio: "inherit" });
  }
}

export default async function setup(project: TestProject) {
  buildProbes(probesSrc);
  buildProbes(escapeSrc);
  const mirror = await startMirror(await ensureAlpineMirror());
  const cacheDir =
    process.env.NSBOX_TEST_CACHE ?? join(tmpdir(), `nsbox-test-cache-${process.getuid?.() ?? 0}`);
  mkdirSync(cacheDir, { recursive: true, mode: 0o755 });
  project.provide("mirrorUrl", mirror.url);
  project.provide("cacheDir", cacheDir);
  project.provide("probesDir", probesBin);
  project.provide("escapeProbesDir", join(escapeSrc, "bin"));
  return async () => {
    await mirror.close();
  };
}
