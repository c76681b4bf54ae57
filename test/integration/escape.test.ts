// Escape attempts.  Each case runs a real attack program (test/fixtures/escape/*.c, static)
// inside a sandbox and asserts on the attack's own report: BLOCKED with the expected errno, or
// CONTAINED (the call worked but reached nothing outside).  An ESCAPED line, or a probe that dies
// before its DONE line, fails the case.  Afterwards the host is checked: hostname, helper binary,
// a host process, cgroup files, disk, nothing left behind.  See docs/security.md for the map from
// controls to these cases.
// Long on purpose: one short case per attack, all in one session whose host-side checks (hostname,
// helper binary, cgroups, a host process) run once after every case.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:net";
import { hostname as hostHostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helperPath } from "../../src/engine/helper";
import { ROOT_ID_BASE, type Session } from "../../src/engine/session";
import type { MountSpec, SandboxOptions } from "../../src/engine/types";
import {
  escapeProbe,
  expectBlocked,
  expectNoEscape,
  expectVerdict,
  hostTerminal,
  parseProbe,
  probesMount,
  sessionKeyringWithSecret,
} from "../support/escape";
import { alive, leftovers, openSession, runCaptured, sandboxSkipReason } from "../support/sandbox";

const MiB = 1024 * 1024;
const marker = `/root/nsbox-escape-marker-${process.pid}`;

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

function readOr(path: string, fallback = "(absent)"): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return fallback;
  }
}

/** The host's cgroup files an escaped sandbox would most like to change. */
function hostCgroupSnapshot(): string {
  const parts: string[] = [readOr("/proc/self/cgroup")];
  for (const line of readOr("/proc/self/cgroup", "").split("\n")) {
    const [, ctrl, path] = line.split(":");
    if (ctrl === undefined || path === undefined) continue;
    const base = ctrl === "" ? "/sys/fs/cgroup" : `/sys/fs/cgroup/${ctrl.replace(/^name=/, "")}`;
    for (const f of ["memory.limit_in_bytes", "memory.max", "pids.max", "cgroup.subtree_control"]) {
      parts.push(`${ctrl}:${f}=${readOr(join(base, path, f))}`);
    }
  }
  parts.push(`root.pids.max=${readOr("/sys/fs/cgroup/pids/pids.max")}`);
  return parts.join("\n");
}

/** The processes from the one running `cmd` up to this one (excluded): command, init, outer helper, server. */
async function ancestry(cmd: string): Promise<number[]> {
  let pid = 0;
  for (let i = 0; i < 400 && !pid; i++) {
    pid = Number(execFileSync("sh", ["-c", `pgrep -fx '${cmd}' || true`], { encoding: "utf8" }).trim());
    if (!pid) await new Promise((r) => setTimeout(r, 25));
  }
  const chain: number[] = [];
  for (let p = pid; p !== process.pid; ) {
    if (p <= 1) throw new Error(`"${cmd}" (pid ${pid}) does not descend from this process`);
    chain.push(p);
    p = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1]);
  }
  return chain;
}

describe.skipIf(sandboxSkipReason !== null)("escape attempts", () => {
  let session: Session;
  let hostSleep: ChildProcess;
  const helper = sandboxSkipReason === null ? helperPath() : "";
  let helperSha = "";
  let hostName = "";
  let cgroupBefore = "";
  let scratch = "";

  /** Run a probe from /probes (mounted read-only) with extra mounts and options. */
  const attack = (argv: string[], opts: Partial<SandboxOptions> & { mounts?: MountSpec[] } = {}) =>
    runCaptured({ ...opts, argv, mounts: [probesMount(), ...(opts.mounts ?? [])] }, session);

  beforeAll(async () => {
    session = await openSession();
    writeFileSync(marker, "host-only marker\n", { mode: 0o600 });
    hostSleep = spawn("sleep", ["600"], { stdio: "ignore" });
    helperSha = sha256(helper);
    hostName = hostHostname();
    cgroupBefore = hostCgroupSnapshot();
    scratch = mkdtempSync(join(tmpdir(), "nsbox-escape-"));
    chmodSync(scratch, 0o755);
  });

  afterAll(async () => {
    await session?.close();
    // The host, after every attack: same hostname, same helper binary, the host process alive,
    // the same cgroup limits, nothing left behind.
    try {
      expect(hostHostname()).toBe(hostName);
      expect(readFileSync("/proc/sys/kernel/hostname", "utf8").trim()).toBe(hostName);
      expect(sha256(helper)).toBe(helperSha);
      expect(hostSleep.exitCode).toBeNull();
      expect(alive(hostSleep.pid as number)).toBe(true);
      expect(hostCgroupSnapshot()).toBe(cgroupBefore);
      // Only what this process made (its cgroups carry its pid): other runs may share the host.
      expect(leftovers().filter((l) => l.includes(`nsbox-${process.pid}-`))).toEqual([]);
    } finally {
      hostSleep?.kill("SIGKILL");
      rmSync(marker, { force: true });
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    }
  });

  describe("the host filesystem", () => {
    it("/proc/1/root, /proc/<pid>/root|cwd and /proc/1/ns/* lead nowhere outside", async () => {
      const r = await attack(["/probes/fsroot", marker, String(hostSleep.pid)]);
      expectNoEscape(r);
      // Init is not dumpable and lives in the outer user namespace: its links are closed to us.
      expectBlocked(r, "proc1-root", ["EACCES"]);
      expectBlocked(r, "proc1-cwd", ["EACCES"]);
      expectBlocked(r, "procself-root", ["ENOENT"]);
      // A host pid does not exist in the sandbox's pid namespace.
      expectBlocked(r, "hostpid-root", ["ENOENT"]);
      expectBlocked(r, "hostpid-cwd", ["ENOENT"]);
      for (const ns of ["mnt", "user", "pid", "net", "uts", "cgroup"])
        expectBlocked(r, `setns-init-${ns}`, ["EACCES"]);
    });

    it("a chroot break-out (chroot a subdir, chdir .. ×256, chroot .) stops at the sandbox root, also from a bind mount", async () => {
      const dir = join(scratch, "dotdot");
      // The jail exists already: a host-owned bind mount is not writable by the sandbox's root.
      mkdirSync(join(dir, "a", "b", "jail"), { recursive: true });
      const r = await attack(["/probes/chroot", marker, "/data/a/b"], {
        mounts: [{ source: dir, target: "/data", mode: "rw" }],
      });
      expectNoEscape(r);
      expectBlocked(r, "dotdot-root", ["ENOENT"]);
      expectBlocked(r, "dotdot-bind", ["ENOENT"]);
      // chroot is either refused outright or lands on the sandbox's own root (Alpine, no marker).
      const c = expectBlocked(r, "chroot-dotdot", ["ENOENT", "EPERM"]);
      if (c.errno === "ENOENT") {
        const landing = parseProbe(r.stdout).find((l) => l.verdict === "INFO" && l.name === "chroot-dotdot");
        expect(landing?.detail).toBe("landed at /, alpine-release present");
        expectBlocked(r, "chroot-dotdot-bind", ["ENOENT"]);
      }
    });

    it("no descriptor of the engine or helper leaks into the command, and its cwd is inside (CVE-2024-21626)", async () => {
      const r = await attack(["/probes/fds"], { workdir: "/tmp" });
      expectNoEscape(r);
      expectVerdict(r, "fd-list", "CONTAINED");
      const fds = parseProbe(r.stdout).filter((l) => l.name === "fd" && l.verdict === "INFO");
      expect(fds.map((l) => Number(l.detail.split(" ")[0]))).toEqual([0, 1, 2]);
      expect(parseProbe(r.stdout).find((l) => l.name === "cwd")?.detail).toBe("/tmp");
      expectBlocked(r, "init-fds", ["EACCES"]);
    });

    it("the runtime cannot be overwritten through /proc/1/exe (CVE-2019-5736), and the host's helper binary is unchanged", async () => {
      const r = await attack(["/probes/exe"]);
      expectNoEscape(r);
      expectBlocked(r, "init-exe-write", ["EACCES"]);
      expectBlocked(r, "init-exe-opath", ["EACCES"]);
      expectBlocked(r, "init-exe-readlink", ["EACCES"]);
      expect(sha256(helper)).toBe(helperSha);
    });

    it("mount, umount, pivot_root, open_tree and move reveal nothing under the locked mounts", async () => {
      const r = await attack(["/probes/mounts", marker, "/probes"]);
      expectNoEscape(r);
      const locked = ["EINVAL", "EPERM"]; // locked mount (EINVAL), or the syscall denied (EPERM)
      for (const n of ["umount-proc", "umount-root", "umount-dev-null", "umount-ro-mount", "move-proc"]) {
        expectBlocked(r, n, locked);
      }
      if (parseProbe(r.stdout).some((l) => l.name === "umount-sys")) expectBlocked(r, "umount-sys", locked);
      expectBlocked(r, "bind-root-nonrec", locked);
      expectBlocked(r, "pivot-root", locked);
      expectBlocked(r, "open-tree-root", locked);
      // proc, sysfs and cgroup2 belong to namespaces the command's user namespace does not own.
      for (const n of ["mount-proc", "mount-sysfs", "mount-cgroup2"]) expectBlocked(r, n, ["EPERM"]);
      expectBlocked(r, "marker-after-mounts", ["ENOENT"]);
    });

    it("a read-only host mount stays read-only: no remount, no mount_setattr, no write", async () => {
      const r = await attack(["/probes/mounts", marker, "/probes"]);
      expectNoEscape(r);
      expectBlocked(r, "remount-rw", ["EPERM"]);
      expectBlocked(r, "setattr-rw", ["EPERM"]);
      expectBlocked(r, "write-ro-mount", ["EROFS"]);
      expect(existsSync(join(escapeProbe("."), "nsbox-escape-written"))).toBe(false);
    });

    it("a new user namespace (unshare -U, clone(CLONE_NEWUSER)) regains no power over the sandbox", async () => {
      const r = await attack(["/probes/userns", marker, "/probes"]);
      expectNoEscape(r);
      const lines = parseProbe(r.stdout);
      const made = lines.find((l) => l.name === "unshare-newuser");
      if (made?.verdict === "BLOCKED") {
        expect(made.errno).toBe("EPERM");
      } else {
        expect(made?.detail).toMatch(/created and mapped/);
        expectBlocked(r, "userns-sethostname", ["EPERM"]);
        expectBlocked(r, "userns-umount-proc", ["EINVAL", "EPERM"]);
        expectBlocked(r, "userns-remount-rw", ["EPERM"]);
        expectBlocked(r, "userns-mount-proc", ["EPERM"]);
        expectBlocked(r, "userns-raw-socket", ["EPERM"]);
        expectBlocked(r, "userns-mknod", ["EPERM"]);
        expectBlocked(r, "userns-marker", ["ENOENT"]);
      }
      const clone = lines.find((l) => l.name === "clone-newuser");
      if (clone?.verdict === "BLOCKED") expect(clone.errno).toBe("EPERM");
      else expectBlocked(r, "clone-newuser-sethostname", ["EPERM"]);
    });

    it("a mount target through '..' or a symlink in the rootfs is refused and never lands on the host", async () => {
      const src = join(scratch, "bindsrc");
      mkdirSync(src, { recursive: true });
      writeFileSync(join(src, "f"), "x");
      const tag = `nsbox-escape-${process.pid}`;
      // A '..' is refused before the helper is asked (a usage error); the helper, which never climbs, too.
      const climbing = `/etc/../../../tmp/${tag}`;
      await expect(
        runCaptured({ argv: ["true"], mounts: [{ source: src, target: climbing, mode: "rw" }] }, session),
      ).rejects.toThrow(`mount: '${climbing}' has a '..'`);
      expect(existsSync(`/tmp/${tag}`)).toBe(false);
      const cases: { target: string; source: string; hostPath: string }[] = [
        // Alpine's /var/run -> /run and /etc/ssl1.1/certs -> /etc/ssl/certs are absolute symlinks.
        { target: `/var/run/${tag}`, source: src, hostPath: `/run/${tag}` },
        { target: `/etc/ssl1.1/certs/${tag}`, source: src, hostPath: `/etc/ssl/certs/${tag}` },
        { target: "/bin/sh/x", source: src, hostPath: "/bin/sh/x" },
        // /etc/mtab -> /proc/mounts: a file mount on the link itself.
        { target: "/etc/mtab", source: join(src, "f"), hostPath: "/etc/mtab" },
      ];
      for (const c of cases) {
        const r = await runCaptured(
          {
            argv: ["true"],
            mounts: [{ source: c.source, target: c.target, mode: "rw" }],
          },
          session,
        );
        expect(`${c.target}: ${r.status} ${r.error?.step}`).toBe(`${c.target}: setup-error mount`);
        expect(r.error?.message).toMatch(/symlink|\.\./);
        if (c.hostPath.includes(tag)) expect(existsSync(c.hostPath), c.hostPath).toBe(false);
      }
      // Nothing of it is mounted on the host.
      const hostMounts = readFileSync("/proc/self/mountinfo", "utf8");
      expect(hostMounts).not.toContain(src);
      expect(hostMounts).not.toContain(tag);
    });

    it("a setuid-root binary on a mounted host dir gives a non-root user no privilege (no_new_privs)", async () => {
      const dir = join(scratch, "suid");
      mkdirSync(dir, { recursive: true });
      chmodSync(dir, 0o755);
      // Owned by the host uid that inside-root maps to: inside it is a genuine setuid-root file.
      copyFileSync(escapeProbe("setuid-payload"), join(dir, "mapped-root"));
      chownSync(join(dir, "mapped-root"), ROOT_ID_BASE, ROOT_ID_BASE);
      chmodSync(join(dir, "mapped-root"), 0o4755);
      // Owned by host root (unmapped inside: nobody).
      copyFileSync(escapeProbe("setuid-payload"), join(dir, "host-root"));
      chmodSync(join(dir, "host-root"), 0o4755);
      for (const f of ["mapped-root", "host-root"]) {
        const r = await attack(["/probes/dropexec", `/suid/${f}`], {
          mounts: [{ source: dir, target: "/suid", mode: "ro" }],
        });
        expectNoEscape(r);
        expect(expectVerdict(r, "setuid", "CONTAINED").detail).toBe("ruid=65534 euid=65534 suid=65534");
        expectBlocked(r, "setuid-0", ["EPERM"]);
      }
    });

    it("a writable host mount cannot be used to plant a setuid-root file or a device node on the host", async () => {
      const dir = join(scratch, "plant");
      mkdirSync(dir, { recursive: true });
      chmodSync(dir, 0o777); // host-root owned, writable by anyone: the sandbox can create files
      const r = await attack(
        [
          "sh",
          "-c",
          "cp /probes/setuid-payload /w/p && chown 0:0 /w/p; chmod 4755 /w/p; mknod /w/null c 1 3; ls -ln /w; echo end",
        ],
        { mounts: [{ source: dir, target: "/w", mode: "rw" }] },
      );
      expect(r.stdout, r.stderr).toContain("end");
      const st = statSync(join(dir, "p"), { throwIfNoEntry: false });
      expect(st, `the copy was not made: ${r.stderr}`).toBeDefined();
      const planted = st && st.uid === 0 && (st.mode & 0o4000) !== 0;
      expect(planted, `host sees uid ${st?.uid} mode ${st?.mode.toString(8)}`).toBe(false);
      expect(existsSync(join(dir, "null")), "a device node was created on the host").toBe(false);
    });

    it("device nodes cannot be created (mknod b 8 0 and friends → EPERM)", async () => {
      const r = await attack(["/probes/mknod"]);
      expectNoEscape(r);
      for (const n of ["mknod-tmp-sda", "mknod-tmp-vda", "mknod-root-sda", "mknod-mem", "mknod-kmsg"]) {
        expectBlocked(r, n, ["EPERM"]);
      }
    });

    it("/proc/sysrq-trigger, core_pattern, /proc/sys, kcore, kmsg and kernel pointers are out of reach", async () => {
      const r = await attack(["/probes/procfs"]);
      expectNoEscape(r);
      // Opened for writing never: refused (EACCES: owned by host root; EROFS: read-only /proc/sys),
      // or masked by /dev/null.  ENOENT only where the host kernel has no such file.
      const files: [string, string, string[]][] = [
        ["sysrq-trigger", "/proc/sysrq-trigger", ["EACCES", "EROFS", "EPERM"]],
        ["core-pattern", "/proc/sys/kernel/core_pattern", ["EACCES", "EROFS", "EPERM"]],
        ["sys-hostname", "/proc/sys/kernel/hostname", ["EACCES", "EROFS", "EPERM"]],
        ["sys-drop-caches", "/proc/sys/vm/drop_caches", ["EACCES", "EROFS", "EPERM"]],
        ["sys-modprobe", "/proc/sys/kernel/modprobe", ["EACCES", "EROFS", "EPERM"]],
        ["kcore", "/proc/kcore", ["EACCES", "EPERM"]],
        ["kmsg", "/proc/kmsg", ["EACCES", "EPERM"]],
      ];
      for (const [n, hostPath, errnos] of files) {
        const l = parseProbe(r.stdout).find((x) => x.name === n);
        if (l?.verdict === "CONTAINED") continue;
        expectBlocked(r, n, existsSync(hostPath) ? errnos : [...errnos, "ENOENT"]);
      }
      expectVerdict(r, "kallsyms", "CONTAINED");
    });

    it("/sys is read-only: no write under /sys, no cgroup created", async () => {
      const r = await attack(["/probes/sysfs"]);
      expectNoEscape(r);
      expectBlocked(r, "sys-write", ["EROFS", "EACCES", "ENOENT"]);
      expectBlocked(r, "cgroup-mkdir", ["EROFS", "ENOENT", "EACCES"]);
    });

    it("no cgroup outside its own can be written (parent's cgroup.procs, limits, release_agent)", async () => {
      const r = await attack(["/probes/sysfs"], { limits: { pids: 64, memoryBytes: 256 * MiB } });
      expectNoEscape(r);
      const l = parseProbe(r.stdout).find((x) => x.name === "cgroup-write");
      if (l?.verdict !== "CONTAINED") expectBlocked(r, "cgroup-write", ["EROFS", "EACCES"]);
      expect(hostCgroupSnapshot()).toBe(cgroupBefore);
    });

    it("/sys shows the sandbox's own network namespace, not the host's interfaces (fresh sysfs)", async () => {
      const r = await attack(["/probes/sysfs"]);
      expectNoEscape(r);
      const l = parseProbe(r.stdout).find((x) => x.name === "sys-class-net");
      if (l?.verdict !== "CONTAINED") expect(l?.detail.trim()).toBe("lo");
    });

    it("the engine's environment is invisible through /proc/*/environ and /proc/1/environ", async () => {
      const secret = `s3cret-${process.pid}-${Date.now()}`;
      process.env.NSBOX_ESCAPE_SECRET = secret;
      // A session of its own, opened with the secret set: its helper server (and so every outer helper and
      // init) starts now, and would carry the secret if it were given the engine's environment.
      let own: Session | null = null;
      try {
        // Presence: an ordinary child of the engine inherits the secret, and /proc/<pid>/environ shows it.
        expect(execFileSync("sh", ["-c", "cat /proc/$$/environ"], { encoding: "utf8" })).toContain(secret);
        own = await openSession();
        const inOwn = (argv: string[]) => runCaptured({ argv, mounts: [probesMount()] }, own as Session);
        // Host side: the command and every process between it and us (init, its outer helper, the server)
        // are free of the secret. The sandbox cannot read init's environ (EACCES below), so only this
        // sees a server started with the engine's environment, which a way into init's memory would find.
        const sleeper = "sleep 30.41";
        const held = inOwn(["/bin/sh", "-c", sleeper]);
        const chain = await ancestry(sleeper);
        expect(chain.map((p) => readFileSync(`/proc/${p}/comm`, "utf8").trim())).toEqual([
          "sleep",
          "nsbox-init",
          expect.stringMatching(/^nsbox-helper/),
          expect.stringMatching(/^nsbox-helper/),
        ]);
        for (const pid of chain) expect(readFileSync(`/proc/${pid}/environ`, "utf8")).not.toContain(secret);
        own.abortAll();
        expect(await held).toMatchObject({ status: "cancelled" });
        const r = await inOwn(["/probes/environ", "NSBOX_ESCAPE_SECRET"]);
        expectNoEscape(r);
        expect(r.stdout).not.toContain(secret);
        const init = parseProbe(r.stdout).find((x) => x.name === "init-environ");
        if (init?.verdict !== "CONTAINED") expectBlocked(r, "init-environ", ["EACCES"]);
        expectVerdict(r, "environ-scan", "CONTAINED");
        const all = await inOwn([
          "sh",
          "-c",
          "cat /proc/*/environ /proc/1/cmdline 2>/dev/null | tr '\\0' '\\n'",
        ]);
        expect(all.stdout).toMatch(/^PATH=/m); // the sandbox's own environments were read
        expect(all.stdout).not.toContain(secret);
      } finally {
        delete process.env.NSBOX_ESCAPE_SECRET;
        await own?.close();
      }
    });

    it("/proc/self/mountinfo reveals no secret (host paths it shows are reported)", async () => {
      const secret = `mi-${process.pid}-${Date.now()}`;
      process.env.NSBOX_ESCAPE_SECRET = secret;
      try {
        const r = await attack(["cat", "/proc/self/mountinfo"]);
        expect(r.status).toBe("ok");
        expect(r.stdout).toMatch(/ \/proc /); // a real mountinfo was read
        expect(readFileSync(marker, "utf8")).toBe("host-only marker\n"); // and the marker is on the host
        expect(r.stdout).not.toContain(secret);
        expect(r.stdout).not.toContain("host-only marker");
        const hostPaths = [...new Set(r.stdout.match(/(?:lowerdir|upperdir|workdir)=[^,\s]+/g) ?? [])];
        console.info(
          `[escape] mountinfo inside shows ${r.stdout.split("\n").length - 1} mounts; host paths: ${hostPaths.join(" ") || "none"}`,
        );
      } finally {
        delete process.env.NSBOX_ESCAPE_SECRET;
      }
    });
  });

  describe("host processes", () => {
    it("kill and ptrace reach neither a host process (ESRCH) nor the sandbox's init (EPERM)", async () => {
      const pid = hostSleep.pid as number;
      const r = await attack(["/probes/signal", String(pid)]);
      expectNoEscape(r);
      expectBlocked(r, "kill-host-0", ["ESRCH"]);
      expectBlocked(r, "kill-host", ["ESRCH"]);
      expectBlocked(r, "ptrace-host", ["ESRCH", "EPERM"]);
      expectBlocked(r, "pidfd-host", ["ESRCH", "EPERM"]);
      expectBlocked(r, "ptrace-init", ["EPERM"]);
      expectBlocked(r, "seize-init", ["EPERM"]);
      expectBlocked(r, "vmread-init", ["EPERM"]);
      expectVerdict(r, "kill-init", "CONTAINED");
      expectVerdict(r, "kill-init-forward", "CONTAINED");
      expect(alive(pid)).toBe(true);
      expect(hostSleep.exitCode).toBeNull();
    });

    it("TIOCSTI cannot push input into the caller's terminal: own session, no ctty (CVE-2017-5226)", async () => {
      const term = await hostTerminal();
      try {
        const r = await attack(["/probes/tty"], {
          stdio: { stdin: term.slave, stdout: "pipe", stderr: "pipe" },
        });
        expectNoEscape(r);
        expect(parseProbe(r.stdout).find((l) => l.name === "stdin-isatty")?.detail).toBe("1");
        expectVerdict(r, "own-session", "CONTAINED");
        expectBlocked(r, "dev-tty", ["ENXIO"]);
        expectBlocked(r, "tiocgsid", ["ENOTTY"]);
        // EPERM: not our controlling tty; EIO: dev.tty.legacy_tiocsti=0 on the host.
        expectBlocked(r, "tiocsti", ["EPERM", "EIO"]);
        expectBlocked(r, "tiocsctty", ["EPERM"]);
        expectBlocked(r, "tiocsctty-steal", ["EPERM"]);
        expectBlocked(r, "tiocsti-after", ["EPERM", "EIO"]);
        expect(term.pendingInput()).toBe(0);
        expect(alive(term.holder.pid as number)).toBe(true);
      } finally {
        term.close();
      }
    });

    it("the host's hostname cannot be changed (sethostname, setdomainname, /proc/sys/kernel/hostname)", async () => {
      const r = await attack(["/probes/hostname", `escaped-${process.pid}`]);
      expectNoEscape(r);
      expectBlocked(r, "sethostname", ["EPERM"]);
      expectBlocked(r, "setdomainname", ["EPERM"]);
      expectBlocked(r, "proc-hostname", ["EACCES", "EROFS", "EPERM"]);
      expect(hostHostname()).toBe(hostName);
      expect(readFileSync("/proc/sys/kernel/hostname", "utf8").trim()).toBe(hostName);
    });
  });

  describe("resource exhaustion", () => {
    it("a fork bomb stops at the pids limit and the host keeps its process count", async () => {
      const before = execFileSync("ps", ["-e", "--no-headers"], { encoding: "utf8" }).split("\n").length;
      const r = await attack(["/probes/bombs", "fork"], { limits: { pids: 64, timeoutMs: 20_000 } });
      const l = expectBlocked(r, "fork", ["EAGAIN"]);
      expect(Number(/after=(\d+)/.exec(l.detail)?.[1])).toBeLessThanOrEqual(64);
      expect(r.pidsPeak).toBeLessThanOrEqual(64);
      const after = execFileSync("ps", ["-e", "--no-headers"], { encoding: "utf8" }).split("\n").length;
      expect(after).toBeLessThan(before + 10);
    });

    it("a memory bomb ends as oom at the memory limit and the host is fine", async () => {
      const r = await attack(["/probes/bombs", "mem", "2048"], {
        limits: { memoryBytes: 64 * MiB, timeoutMs: 30_000 },
      });
      expect(r.stdout).not.toMatch(/^ESCAPED/m);
      expect(r.status).toBe("oom");
      expect(r.memoryPeakBytes ?? 0).toBeLessThanOrEqual(64 * MiB);
      const after = await attack(["true"]);
      expect(after.status).toBe("ok");
    });

    it("filling /tmp, the root layer and /dev/shm ends in ENOSPC at tmpfs-size; the host disk is unchanged", async () => {
      const freeBefore = statfsSync(tmpdir()).bavail * statfsSync(tmpdir()).bsize;
      for (const path of ["/tmp/fill", "/fill", "/dev/shm/fill"]) {
        const r = await attack(["/probes/bombs", "fill", path, "2048"], { limits: { tmpfsBytes: 16 * MiB } });
        expectNoEscape(r);
        const l = expectBlocked(r, "fill", ["ENOSPC"]);
        expect(Number(/after=(\d+)/.exec(l.detail)?.[1]), path).toBeLessThanOrEqual(16 * MiB);
      }
      const freeAfter = statfsSync(tmpdir()).bavail * statfsSync(tmpdir()).bsize;
      expect(Math.abs(freeAfter - freeBefore)).toBeLessThan(8 * MiB);
    });
  });

  describe("kernel attack surface", () => {
    const io = readOr("/proc/sys/kernel/io_uring_disabled", "?").trim();
    const bpfOff = readOr("/proc/sys/kernel/unprivileged_bpf_disabled", "?").trim();

    it(`bpf(BPF_MAP_CREATE, BPF_PROG_LOAD) fails with EPERM (host unprivileged_bpf_disabled=${bpfOff})`, async () => {
      const r = await attack(["/probes/surface", "bpf"]);
      expectNoEscape(r);
      expectBlocked(r, "bpf-map-create", ["EPERM"]);
      expectBlocked(r, "bpf-prog-load", ["EPERM"]);
    });

    it("userfaultfd fails with EPERM, also UFFD_USER_MODE_ONLY and /dev/userfaultfd", async () => {
      const r = await attack(["/probes/surface", "userfaultfd"]);
      expectNoEscape(r);
      expectBlocked(r, "userfaultfd", ["EPERM"]);
      expectBlocked(r, "userfaultfd-user-only", ["EPERM"]);
      expectBlocked(r, "dev-userfaultfd", ["ENOENT"]);
    });

    it("perf_event_open fails, even for the process itself", async () => {
      const r = await attack(["/probes/surface", "perf"]);
      expectNoEscape(r);
      expectBlocked(r, "perf-self", ["EPERM", "EACCES"]);
      expectBlocked(r, "perf-cpu-wide", ["EPERM", "EACCES"]);
    });

    it(`io_uring_setup fails with EPERM (host io_uring_disabled=${io}${io === "2" ? ": the host already refuses it" : ""})`, async () => {
      const r = await attack(["/probes/surface", "io_uring"]);
      expectNoEscape(r);
      expectBlocked(r, "io-uring-setup", ["EPERM"]);
    });

    it(`kernel modules cannot be loaded or removed (finit_module, delete_module → EPERM${existsSync("/proc/modules") ? "" : "; this kernel has no modules"})`, async () => {
      const r = await attack(["/probes/surface", "modules"]);
      expectNoEscape(r);
      // ENOSYS only from a kernel built without module support (no /proc/modules), as here in the VM.
      const errnos = existsSync("/proc/modules") ? ["EPERM"] : ["EPERM", "ENOSYS"];
      expectBlocked(r, "finit-module", errnos);
      expectBlocked(r, "delete-module", errnos);
    });

    it("the kernel log is unreadable (syslog READ_ALL, /dev/kmsg)", async () => {
      const r = await attack(["/probes/surface", "klog"]);
      expectNoEscape(r);
      expectBlocked(r, "syslog-read-all", ["EPERM"]);
      expectBlocked(r, "dev-kmsg", ["ENOENT", "EACCES", "EPERM"]);
    });

    it("open_by_handle_at cannot reach inodes past a mount (Shocker) → EPERM", async () => {
      const r = await attack(["/probes/surface", "handle", "/probes"]);
      expectNoEscape(r);
      expectBlocked(r, "open-by-handle", ["EPERM"]);
    });

    it("acct and swapoff are refused with EPERM (not ENOENT: the permission check comes first)", async () => {
      const r = await attack(["/probes/surface", "acct"]);
      expectNoEscape(r);
      expectBlocked(r, "acct", ["EPERM"]);
      expectBlocked(r, "swapoff", ["EPERM"]);
    });

    it("the engine's session keyring (a CI service's) is not reachable: no key read through keyctl or /proc/keys", async () => {
      const name = `nsbox-escape-key-${process.pid}`;
      const value = `key-secret-${Date.now()}`;
      const revoke = sessionKeyringWithSecret(name, value);
      try {
        // Presence: the same probe run by the engine's own children finds the key.
        const host = spawnSync(escapeProbe("keys"), ["read", name], { encoding: "utf8" }).stdout;
        expect(host).toMatch(new RegExp(`^ESCAPED key-read .*${value}`, "m"));
        const r = await attack(["/probes/keys", "read", name]);
        expectNoEscape(r);
        expect(r.stdout).not.toContain(value);
        expectBlocked(r, "key-read", ["ENOKEY", "EPERM", "EACCES"]);
      } finally {
        revoke();
      }
    });

    it("keyrings are no channel between two sandboxes (add in one, search in the other)", async () => {
      const name = `nsbox-escape-between-${process.pid}`;
      const value = `between-${Date.now()}`;
      const a = await attack(["/probes/keys", "add", name, value]);
      expectNoEscape(a);
      const b = await attack(["/probes/keys", "read", name]);
      expectNoEscape(b);
      expect(b.stdout).not.toContain(value);
      expectBlocked(b, "key-read", ["ENOKEY", "EPERM", "EACCES"]);
    });
  });

  describe("network and channels between sandboxes", () => {
    let server: Server;
    let port = 0;
    let abstractServer: Server;
    const abstractName = `nsbox-escape-host-${process.pid}`;
    beforeAll(async () => {
      server = createServer((s) => s.end("host-service\n"));
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      port = (server.address() as { port: number }).port;
      abstractServer = createServer((s) => s.end("abstract\n"));
      await new Promise<void>((r) => abstractServer.listen(`\0${abstractName}`, r));
    });
    afterAll(async () => {
      await new Promise((r) => server?.close(r));
      await new Promise((r) => abstractServer?.close(r));
    });

    it("raw and packet sockets and interface changes are refused (network none)", async () => {
      const r = await attack(["/probes/rawsock"]);
      expectNoEscape(r);
      // AF_PACKET is not on the seccomp allow-list of families; raw inet sockets need CAP_NET_RAW.
      for (const n of ["packet-raw", "packet-arp"]) expectBlocked(r, n, ["EAFNOSUPPORT"]);
      for (const n of ["inet-raw-icmp", "inet-raw-tcp", "inet6-raw", "if-set-flags"])
        expectBlocked(r, n, ["EPERM"]);
    });

    it("a host loopback service and a host abstract unix socket are unreachable (network none)", async () => {
      // Only loopback targets here: other addresses (metadata, the host's own) are probed inside the
      // throwaway runner host of test/integration/net.test.ts.
      const r = await attack(["/probes/net", `loopback=127.0.0.1:${port}`, `abstract=@${abstractName}`]);
      expectNoEscape(r);
      expectBlocked(r, "loopback", ["ECONNREFUSED"]); // the sandbox's own lo: nothing listens there
      expectBlocked(r, "abstract", ["ECONNREFUSED"]); // abstract sockets belong to the netns
    });

    // nat-mode escapes (raw sockets, the gateway, the host's loopback through it) run in
    // test/integration/net.test.ts, inside a throwaway runner host: NAT never touches this host's firewall.

    it("/dev/shm, SysV shm, POSIX mqueues and abstract sockets are no channel between two running sandboxes", async () => {
      let sawReady: () => void = () => {};
      const ready = new Promise<void>((r) => {
        sawReady = r;
      });
      const first = session.run({
        argv: ["/probes/ipcleak", "put", "3"],
        mounts: [probesMount()],
        stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
        onOutput: (_s, chunk) => {
          if (chunk.toString().includes("READY")) sawReady();
        },
      });
      await ready;
      const r = await attack(["/probes/ipcleak", "get"]);
      expectNoEscape(r);
      expectBlocked(r, "shm-file", ["ENOENT"]);
      expectBlocked(r, "sysv-shm", ["ENOENT"]);
      expectBlocked(r, "mqueue", ["ENOENT"]);
      expectBlocked(r, "abstract-socket", ["ECONNREFUSED"]);
      await first;
    });

    it("AF_VSOCK is refused (it is not network-namespaced): no channel between sandboxes or to the hypervisor", async () => {
      const vport = 40000 + (process.pid % 20000);
      let sawReady: () => void = () => {};
      const ready = new Promise<void>((r) => {
        sawReady = r;
      });
      let listenOut = "";
      const listener = session.run({
        argv: ["/probes/vsock", "listen", String(vport), "5"],
        mounts: [probesMount()],
        stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
        onOutput: (_s, chunk) => {
          listenOut += chunk.toString();
          if (listenOut.includes("READY")) sawReady();
        },
      });
      await ready;
      const r = await attack(["/probes/vsock", "connect", String(vport)]);
      const l = await listener;
      expectNoEscape(r);
      expectNoEscape({ ...l, stdout: listenOut, stderr: "" });
      expectBlocked(r, "vsock-socket", ["EAFNOSUPPORT"]);
    });
  });
});
