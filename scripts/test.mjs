// npm test: vitest over unit + integration tests, then a plain count of how many sandbox tests really ran.
// As a normal user with passwordless sudo, the suite reruns itself under sudo so sandbox tests run.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { failedTests, writeCounts } from "./counts.mjs";

const root = join(import.meta.dirname, "..");
const args = process.argv.slice(2);

function hasPasswordlessSudo() {
  try {
    execFileSync("sudo", ["-n", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

if (process.getuid() !== 0 && !process.env.NSBOX_NO_SUDO && hasPasswordlessSudo()) {
  const r = spawnSync(
    "sudo",
    ["-n", "-E", `PATH=${process.env.PATH}`, process.execPath, ...process.argv.slice(1)],
    {
      stdio: "inherit",
    },
  );
  process.exit(r.status ?? 1);
}

const report = join(tmpdir(), `nsbox-vitest-${process.pid}.json`);
const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const run = spawnSync(
  process.execPath,
  [vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...args],
  {
    cwd: root,
    stdio: "inherit",
  },
);

let passed = 0;
let failed = 0;
let skipped = 0;
let sandboxRan = 0;
let sandboxSkipped = 0;
let failures = [];
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, "utf8"));
  rmSync(report, { force: true });
  failures = failedTests(json, root);
  for (const file of json.testResults ?? []) {
    const integration = relative(root, file.name).startsWith("test/integration/");
    for (const t of file.assertionResults ?? []) {
      if (t.status === "passed") passed++;
      else if (t.status === "failed") failed++;
      else skipped++;
      if (integration && (t.status === "passed" || t.status === "failed")) sandboxRan++;
      if (integration && !(t.status === "passed" || t.status === "failed")) sandboxSkipped++;
    }
  }
}
console.log(
  `\nsandbox tests: ${sandboxRan} ran, ${sandboxSkipped} skipped${process.getuid() === 0 ? "" : " (not root and no passwordless sudo: sandbox tests need root)"}`,
);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
for (const f of failures) console.log(`failed: ${f}`);
writeCounts("host", { passed, failed, skipped, failedTests: failures });
process.exit(run.status ?? 1);
