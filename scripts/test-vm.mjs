// npm run test:vm [-- [--kernel 6.1|6.12] files...] [-- vitest args]: a focused vitest subset inside a
// throw-away pure cgroup v2 VM (GitHub's hosted runners are pure v2; dev machines are a v1/v2 hybrid). The
// command starts in a non-root leaf cgroup, as a runner step does. The kernel is --kernel, else
// $VMLANE_KERNEL, else 6.1; each kernel's counts are their own lane (vm-6.1, vm-6.12) in the CI total.
// Exits with the VM's status (124 timeout, 125 VM failure).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { failedTests, writeCounts } from "./counts.mjs";

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
  "test/integration/cgroup-enclosing.test.ts", // the run parent within the engine's cgroup; delegation; EBUSY
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

// Each run's directory is kept (--keep) so its kernel console can be read here, then removed.
const runsDir = join(process.env.VMLANE_HOME ?? "/var/tmp/vmlane", "runs");
const cmd = [
  runInVm,
  "--keep",
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
// A lane that hangs (the watchdog's 124, its dump printed above) or whose guest kernel panics (the oops
// printed here: the panic is the guest kernel's, under software emulation) runs once more: one rare stall
// or guest kernel bug would otherwise make the whole CI red with one lost lane. Failed tests never rerun,
// and a rerun is said in the log and in the counts (`rerunAfter`), so neither is ever hidden.
let r;
let rerunAfter = null;
for (let attempt = 1; ; attempt++) {
  const t0 = Date.now();
  rmSync(vmReport, { force: true });
  const before = new Set(existsSync(runsDir) ? readdirSync(runsDir) : []);
  r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, stdio: "inherit" });
  console.error(`test-vm: exit ${r.status ?? r.signal} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const oops = guestPanic(before);
  if (oops) console.error(`test-vm: kernel ${kernel}: the GUEST KERNEL PANICKED:\n${oops}`);
  const why = r.status === 124 ? "a hang" : oops ? "a guest kernel panic" : null;
  if (!why || attempt === 2) break;
  rerunAfter = why;
  console.error(`test-vm: kernel ${kernel}: the lane ended in ${why} (above); running it once more`);
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
  const rerun = rerunAfter ? ` (run again after ${rerunAfter}, above)` : "";
  console.log(
    `vm lane (pure cgroup v2, kernel ${kernel}): ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${rerun}`,
  );
  const failures = failedTests(json, root);
  for (const f of failures) console.log(`failed: ${f}`);
  writeCounts(`vm-${kernel}`, { ...counts, failedTests: failures, ...(rerunAfter ? { rerunAfter } : {}) });
}
process.exit(r.status ?? 125);

/**
 * The oops of a guest kernel panic in the run this process just made (its console, from the first BUG/Oops
 * line to the panic), or null; that run's directory is removed either way.
 */
function guestPanic(before) {
  // New since the run began and open in no process: another lane's run (a concurrent test:vm) is in use.
  const made = (existsSync(runsDir) ? readdirSync(runsDir) : [])
    .filter((d) => !before.has(d))
    .filter((d) => !openAnywhere(join(runsDir, d)));
  let oops = null;
  for (const d of made) {
    const dir = join(runsDir, d);
    const lines = (
      existsSync(join(dir, "console.log")) ? readFileSync(join(dir, "console.log"), "utf8") : ""
    ).split("\n");
    const end = lines.findIndex((l) => l.includes("Kernel panic - not syncing"));
    if (end >= 0) {
      const found = lines.findIndex((l) => /BUG:|Oops:|general protection fault|kernel BUG at/.test(l));
      const start = found >= 0 && found <= end ? found : Math.max(0, end - 60);
      oops = lines.slice(start, Math.min(end + 1, start + 120)).join("\n");
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return oops;
}

/** Whether any process holds a file under `dir` open (a running qemu holds its run's console and pipes). */
function openAnywhere(dir) {
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    let fds = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(`${dir}/`)) return true;
      } catch {
        // closed meanwhile
      }
    }
  }
  return false;
}

function realpathOrNull(p) {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}
