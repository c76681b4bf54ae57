// node scripts/vm-watchdog.mjs SECONDS -- CMD...: runs CMD inside the VM lane's guest and, when it outlives
// SECONDS, prints what every process is doing (state, kernel wait channel, kernel stack, cgroup) before it
// ends the command with 124. A hang under emulation otherwise ends as a bare "timed out" from qemu's timeout
// with nothing to go on. Reads /proc only: the guest is the host's / and a fresh CI machine may lack procps.
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const [limitArg, sep, ...cmd] = process.argv.slice(2);
const limitS = Number(limitArg);
if (!(limitS > 0) || sep !== "--" || cmd.length === 0) {
  console.error("usage: vm-watchdog.mjs SECONDS -- CMD...");
  process.exit(2);
}

// Its own process group, so the watchdog ends the whole tree (vitest's workers and their sandboxes).
const child = spawn(cmd[0], cmd.slice(1), { stdio: "inherit", detached: true });
const timer = setTimeout(() => {
  console.error(`\nvm-watchdog: still running after ${limitS} s; every process's state follows\n`);
  console.error(describeProcesses());
  // The kernel's side: OOM kills, hung tasks, RCU stalls.
  const dmesg = spawnSync("dmesg", [], { encoding: "utf8", timeout: 5000 });
  console.error(
    `\nvm-watchdog: the kernel log's last lines\n${(dmesg.stdout ?? "").trim().split("\n").slice(-40).join("\n")}`,
  );
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {}
  process.exit(124);
}, limitS * 1000);
child.on("exit", (code, signal) => {
  clearTimeout(timer);
  process.exit(code ?? (signal ? 128 : 1));
});

function read(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function describeProcesses() {
  const lines = [];
  for (const pid of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    const stat = read(`/proc/${pid}/stat`);
    const close = stat.lastIndexOf(")");
    if (close < 0) continue;
    const [state, ppid] = stat.slice(close + 2).split(" ");
    if (ppid === "2" || pid === "2") continue; // kernel threads
    const args = read(`/proc/${pid}/cmdline`).split("\0").join(" ").trim().slice(0, 200);
    const wchan = read(`/proc/${pid}/wchan`) || "-";
    const cgroup = read(`/proc/${pid}/cgroup`).trim().replace(/^0::/, "").replace(/\n/g, ";");
    lines.push(`${pid} ppid=${ppid} ${state} wchan=${wchan} cg=${cgroup} ${args}`);
    if (state === "D" || /node|nsbox|vitest/.test(args)) {
      for (const tid of safeList(`/proc/${pid}/task`)) {
        const tstate = read(`/proc/${pid}/task/${tid}/stat`).split(") ")[1]?.split(" ")[0] ?? "?";
        const stack = read(`/proc/${pid}/task/${tid}/stack`).trim().split("\n").slice(0, 8).join(" < ");
        lines.push(`    task ${tid} ${tstate} ${stack}`);
      }
    }
  }
  return lines.join("\n");
}

function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
