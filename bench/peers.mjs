// The peers, spawned from Node the way an engine built on them would: bubblewrap and util-linux unshare,
// plus /proc readers for the RSS comparison.
import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export function which(cmd) {
  try {
    return execFileSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

export function version(cmd, arg = "--version") {
  try {
    return execFileSync(cmd, [arg], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
      .split("\n")[0]
      .trim();
  } catch {
    return null;
  }
}

/**
 * bwrap with every namespace, `rootfs` bound read-write as /, a fresh /proc, /dev and /tmp; `shareNet` keeps
 * the caller's network.
 */
export function bwrapArgv(rootfs, argv, { shareNet = false } = {}) {
  return [
    "bwrap",
    "--unshare-all",
    ...(shareNet ? ["--share-net"] : []),
    "--bind",
    rootfs,
    "/",
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--tmpfs",
    "/tmp",
    ...argv,
  ];
}

/** util-linux unshare: pid, mount, uts, ipc, net, cgroup namespaces, chroot into the rootfs, fresh /proc. */
export function unshareArgv(rootfs, argv) {
  return [
    "unshare",
    "--fork",
    "--pid",
    "--mount",
    "--uts",
    "--ipc",
    "--net",
    "--cgroup",
    `--root=${rootfs}`,
    "--mount-proc=/proc",
    ...argv,
  ];
}

/** Spawn, wait for close; resolves with the wall time in ms (rejects on a non-zero exit). */
export function spawnTimed(argv, opts = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(argv[0], argv.slice(1), { stdio: ["ignore", "inherit", "inherit"], ...opts });
    child.once("error", reject);
    child.once("close", (code, signal) => {
      const ms = performance.now() - t0;
      if (code === 0) resolve(ms);
      else reject(new Error(`${argv.slice(0, 3).join(" ")} … exited with ${code ?? signal}`));
    });
  });
}

/** A shell pipeline, timed from Node (sh -c). */
export const shTimed = (script, opts = {}) => spawnTimed(["sh", "-c", script], opts);

/** VmHWM (peak RSS) in KiB, or null when the process is gone. */
export function vmHwmKb(pid) {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** pid → {ppid, comm} for every process now. */
export function processTable() {
  const table = new Map();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const ppid = Number(stat.slice(close + 2).split(" ")[1]);
      table.set(Number(d), { ppid, comm });
    } catch {}
  }
  return table;
}

/** Direct children of `pid` as [{pid, comm}]. */
export function childrenOf(pid, table = processTable()) {
  const out = [];
  for (const [p, e] of table) if (e.ppid === pid) out.push({ pid: p, comm: e.comm });
  return out;
}
