// npm run test:vm [-- [--kernel 6.1|6.12] files...] [-- vitest args]: a focused vitest subset inside a
// throw-away pure cgroup v2 VM (GitHub's hosted runners are pure v2; dev machines are a v1/v2 hybrid). The
// command starts in a non-root leaf cgroup, as a runner step does. The kernel is --kernel, else
// $VMLANE_KERNEL, else 6.1; each kernel's counts are their own lane (vm-6.1, vm-6.12) in the CI total.
// Exits with the VM's status (124 timeout, 125 VM failure).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { writeCounts } from "./counts.mjs";

const root = join(import.meta.dirname, "..");
// CI clones the repo with shared/ beside it.
const runInVm = process.env.NSBOX_VMLANE ?? join(root, "..", "shared", "vmlane", "run-in-vm.sh");
// CI installs Node 24 at the same path; the guest sees the host's / read-only, so this node runs there.
const node = process.env.NSBOX_VM_NODE ?? process.execPath;

// Software emulation makes fork+exec ~40x slower: only the tests that need a real v2 kernel.
const DEFAULT_FILES = [
  "test/integration/cgroup-driver.test.ts",
  "test/integration/sandbox.test.ts",
  "test/integration/limits.test.ts",
  "test/integration/net.test.ts",
  "test/integration/defaults.test.ts", // defaults derived from the engine's own v2 cgroup
  "test/integration/cleanup.test.ts", // stale run parents anywhere in the unified tree
  "test/integration/helper-server.test.ts", // the server, prepared sandboxes and spares (CLONE_INTO_CGROUP)
];

const KERNELS = ["6.1", "6.12"];
// qemu's own limit; the guest's watchdog fires a minute earlier and prints what every process is doing.
const VM_TIMEOUT_S = Number(process.env.NSBOX_VM_TIMEOUT ?? 900);
const argv = process.argv.slice(2);
const sep = argv.indexOf("--");
const named = sep < 0 ? argv : argv.slice(0, sep);
let kernel = process.env.VMLANE_KERNEL || "6.1";
const k = named.findIndex((a) => a === "--kernel" || a.startsWith("--kernel="));
if (k >= 0) {
  const a = named[k];
  kernel = a.includes("=") ? a.slice(a.indexOf("=") + 1) : (named[k + 1] ?? "");
  named.splice(k, a.includes("=") ? 1 : 2);
}
if (!KERNELS.includes(kernel)) {
  console.error(
    `test-vm: kernel '${kernel}' is not one the vmlane boots; use --kernel ${KERNELS.join(" or --kernel ")}`,
  );
  process.exit(2);
}
const vitestArgs = sep < 0 ? [] : argv.slice(sep + 1);
const files = (named.length > 0 ? named : DEFAULT_FILES.filter((f) => existsSync(join(root, f)))).map((f) =>
  relative(root, join(root, f)),
);
for (const f of files) {
  if (!existsSync(join(root, f))) {
    console.error(`test-vm: no such test file: ${f}`);
    process.exit(2);
  }
}
if (!existsSync(runInVm)) {
  console.error(`test-vm: ${runInVm} not found (set NSBOX_VMLANE, or run the vmlane setup.sh first)`);
  process.exit(125);
}

// The guest sees only the repo (and the host's / outside /tmp, /var/tmp, /run): give it the Alpine mirror
// inside the repo, so its tests never fall back to downloading.
const mirrorSrc = realpathOrNull(process.env.NSBOX_TEST_ALPINE_ROOT ?? join(root, "..", "shared", "alpine"));
const mirrorCopy = join(root, ".cache", "vm-alpine-mirror");
if (mirrorSrc) {
  rmSync(mirrorCopy, { recursive: true, force: true });
  cpSync(mirrorSrc, mirrorCopy, { recursive: true, dereference: true });
}
const vmReport = join(root, ".cache", `vm-report-${kernel}.json`);
rmSync(vmReport, { force: true });
const env = ["NSBOX_VM_LANE=1", "CI=1", ...(mirrorSrc ? [`NSBOX_TEST_ALPINE_ROOT=${mirrorCopy}`] : [])];
for (const k of ["NSBOX_TEST_CACHE", "NSBOX_NO_SUDO"]) if (process.env[k]) env.push(`${k}=${process.env[k]}`);

const cmd = [
  runInVm,
  "--kernel",
  kernel,
  "--mem",
  process.env.NSBOX_VM_MEM ?? "2G",
  "--cpus",
  process.env.NSBOX_VM_CPUS ?? "2",
  "--cgroup",
  "/system.slice/runner.service",
  "--timeout",
  String(VM_TIMEOUT_S),
  ...env.flatMap((e) => ["--env", e]),
  root,
  "--",
  node,
  join("scripts", "vm-watchdog.mjs"),
  String(VM_TIMEOUT_S - 60),
  "--",
  node,
  join("node_modules", "vitest", "vitest.mjs"),
  "run",
  "--reporter=default",
  // A line as each test starts: a hang then shows what was running.
  "--reporter=./test/support/progress-reporter.ts",
  "--reporter=json",
  `--outputFile.json=${vmReport}`,
  ...files,
  ...vitestArgs,
];
console.error(`test-vm: kernel ${kernel}: ${files.join(" ")}`);
// A lane that hangs (the watchdog's 124, its dump printed above) runs once more: under software emulation a
// rare stall of the guest would otherwise make the whole CI red with one lost lane. Failed tests never
// rerun, and the rerun is said in the log and in the counts (`hungOnce`), so a hang is never hidden.
let r;
let hungOnce = false;
for (let attempt = 1; ; attempt++) {
  const t0 = Date.now();
  rmSync(vmReport, { force: true });
  r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, stdio: "inherit" });
  console.error(`test-vm: exit ${r.status ?? r.signal} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (r.status !== 124 || attempt === 2) break;
  hungOnce = true;
  console.error(
    `test-vm: kernel ${kernel}: the lane HUNG (the watchdog's dump is above); running it once more`,
  );
}
if (existsSync(vmReport)) {
  const json = JSON.parse(readFileSync(vmReport, "utf8"));
  const all = (json.testResults ?? []).flatMap((f) => f.assertionResults ?? []);
  const count = (pred) => all.filter(pred).length;
  const counts = {
    passed: count((t) => t.status === "passed"),
    failed: count((t) => t.status === "failed"),
    skipped: count((t) => t.status !== "passed" && t.status !== "failed"),
  };
  const hung = hungOnce ? " (after one hung run, above)" : "";
  console.log(
    `vm lane (pure cgroup v2, kernel ${kernel}): ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${hung}`,
  );
  writeCounts(`vm-${kernel}`, { ...counts, ...(hungOnce ? { hungOnce } : {}) });
}
process.exit(r.status ?? 125);

function realpathOrNull(p) {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}
