// The command's seccomp program, for both architectures the helper ships for: the helper dumps it
// (`--seccomp-bpf`; the arm64 build runs under qemu-user) and this file runs it in a small classic-BPF
// interpreter for chosen syscalls and arguments.  The x86_64 program is also exercised for real by
// test/integration/escape-ii.test.ts.
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NEWER_SYSCALLS } from "../support/seccomp-syscalls";

const root = join(import.meta.dirname, "..", "..");
const qemu = ["/usr/bin/qemu-aarch64-static", "/usr/bin/qemu-aarch64"].find((q) => existsSync(q));

const AUDIT_ARCH = { x64: 0xc000003e, arm64: 0xc00000b7 } as const;
const RET_KILL_PROCESS = 0x80000000;
const RET_ERRNO = 0x00050000;
const RET_ALLOW = 0x7fff0000;
const E = { EPERM: 1, ENOSYS: 38, EAFNOSUPPORT: 97, EPROTONOSUPPORT: 93 };

type Arch = keyof typeof AUDIT_ARCH;
// Numbers per architecture (x86_64 ABI, asm-generic for arm64); from 424 on they are shared.
const NR: Record<string, Record<Arch, number>> = {
  read: { x64: 0, arm64: 63 },
  write: { x64: 1, arm64: 64 },
  openat: { x64: 257, arm64: 56 },
  ioctl: { x64: 16, arm64: 29 },
  clone: { x64: 56, arm64: 220 },
  unshare: { x64: 272, arm64: 97 },
  socket: { x64: 41, arm64: 198 },
  fchmodat: { x64: 268, arm64: 53 },
  fchmod: { x64: 91, arm64: 52 },
  mknodat: { x64: 259, arm64: 33 },
  futex: { x64: 202, arm64: 98 },
  epoll_pwait: { x64: 281, arm64: 22 },
  execve: { x64: 59, arm64: 221 },
  kcmp: { x64: 312, arm64: 272 },
  mbind: { x64: 237, arm64: 235 },
  migrate_pages: { x64: 256, arm64: 238 },
  bpf: { x64: 321, arm64: 280 },
  keyctl: { x64: 250, arm64: 219 },
};
const shared = (nr: number) => ({ x64: nr, arm64: nr });
Object.assign(NR, {
  clone3: shared(435),
  openat2: shared(437),
  pidfd_getfd: shared(438),
  fchmodat2: shared(452),
  statmount: shared(457),
  listmount: shared(458),
  lsm_get_self_attr: shared(459),
  lsm_set_self_attr: shared(460),
  lsm_list_modules: shared(461),
  mseal: shared(462),
  setxattrat: shared(463),
  getxattrat: shared(464),
  listxattrat: shared(465),
  removexattrat: shared(466),
  open_tree_attr: shared(467),
  file_getattr: shared(468),
  file_setattr: shared(469),
  never_assigned: shared(1000),
});

interface Insn {
  code: number;
  jt: number;
  jf: number;
  k: number;
}

/** The program as the helper builds it; `setidModes`: for a spec with setid_modes=1 (the package install). */
function dump(arch: Arch, setidModes = false): Insn[] {
  const bin = join(root, "dist", "native", `nsbox-helper-${arch}`);
  const args = ["--seccomp-bpf", ...(setidModes ? ["--setid-modes"] : [])];
  const raw = arch === process.arch ? execFileSync(bin, args) : execFileSync(qemu as string, [bin, ...args]);
  const prog: Insn[] = [];
  for (let o = 0; o < raw.length; o += 8) {
    prog.push({
      code: raw.readUInt16LE(o),
      jt: raw[o + 2] as number,
      jf: raw[o + 3] as number,
      k: raw.readUInt32LE(o + 4),
    });
  }
  return prog;
}

/** Classic BPF as the kernel runs a seccomp filter: struct seccomp_data {nr, arch, ip, args[6]}. */
function run(prog: Insn[], arch: number, nr: number, args: number[] = []): number {
  const data = Buffer.alloc(64);
  data.writeInt32LE(nr, 0);
  data.writeUInt32LE(arch, 4);
  args.forEach((a, i) => {
    data.writeBigUInt64LE(BigInt.asUintN(64, BigInt(a)), 16 + 8 * i);
  });
  let A = 0;
  for (let pc = 0, steps = 0; pc < prog.length && steps < 10_000; pc++, steps++) {
    const { code, jt, jf, k } = prog[pc] as Insn;
    switch (code) {
      case 0x20: // BPF_LD | BPF_W | BPF_ABS
        A = data.readUInt32LE(k);
        break;
      case 0x06: // BPF_RET | BPF_K
        return k >>> 0;
      case 0x05: // BPF_JMP | BPF_JA
        pc += k;
        break;
      case 0x15: // JEQ K
        pc += A === k ? jt : jf;
        break;
      case 0x35: // JGE K
        pc += A >>> 0 >= k >>> 0 ? jt : jf;
        break;
      case 0x45: // JSET K
        pc += (A & k) !== 0 ? jt : jf;
        break;
      default:
        throw new Error(`unexpected BPF instruction 0x${code.toString(16)} at ${pc}`);
    }
  }
  throw new Error("the program ran off its end");
}

const verdict = (r: number) =>
  r === RET_ALLOW
    ? "allow"
    : r === RET_KILL_PROCESS
      ? "kill"
      : (r & 0xffff0000) === RET_ERRNO
        ? (Object.entries(E).find(([, v]) => v === (r & 0xffff))?.[0] ?? `errno ${r & 0xffff}`)
        : `0x${r.toString(16)}`;

const O_CREAT = 0o100;
const O_TMPFILE_BIT = 0o20000000;
const AF = { UNIX: 1, INET: 2, INET6: 10, NETLINK: 16, PACKET: 17, VSOCK: 40, BLUETOOTH: 31, ALG: 38 };

describe.each(["x64", "arm64"] as const)("the %s seccomp program", (arch) => {
  const available =
    arch === process.arch || (process.arch === "x64" && arch === "arm64" && qemu !== undefined);
  const prog = available ? dump(arch) : [];
  const call = (name: string, args: number[] = []) => {
    const nr = NR[name]?.[arch];
    if (nr === undefined) throw new Error(`no number for ${name}`);
    return verdict(run(prog, AUDIT_ARCH[arch], nr, args));
  };

  it.runIf(available)("allows the everyday calls", () => {
    for (const name of ["read", "write", "futex", "epoll_pwait", "execve"])
      expect(call(name), name).toBe("allow");
    expect(call("openat", [-100, 0, 0, 0])).toBe("allow");
    expect(call("openat", [-100, 0, O_CREAT, 0o755])).toBe("allow");
    expect(call("clone", [0x11 /* SIGCHLD */])).toBe("allow");
    expect(call("fchmodat", [-100, 0, 0o755])).toBe("allow");
  });

  it.runIf(available)("refuses syscalls it does not know (ENOSYS), newer kernels' included", () => {
    for (const name of [...NEWER_SYSCALLS, "never_assigned", "clone3", "openat2"]) {
      expect(call(name), name).toBe("ENOSYS");
    }
  });

  it.runIf(available)(
    "keeps refusing with EPERM what it refused before, and Docker's capability-gated calls",
    () => {
      for (const name of ["bpf", "keyctl", "kcmp", "pidfd_getfd", "mbind", "migrate_pages"]) {
        expect(call(name), name).toBe("EPERM");
      }
      expect(call("clone", [0x10000000 /* CLONE_NEWUSER */ | 0x11])).toBe("EPERM");
      expect(call("unshare", [0x00020000 /* CLONE_NEWNS */])).toBe("EPERM");
      expect(call("ioctl", [0, 0x5412 /* TIOCSTI */])).toBe("EPERM");
      expect(call("ioctl", [0, 0x5413 /* TIOCGWINSZ */])).toBe("allow");
    },
  );

  it.runIf(available)("allows unix, inet, inet6 and routing/diag netlink sockets only", () => {
    for (const f of [AF.UNIX, AF.INET, AF.INET6])
      expect(call("socket", [f, 1, 0]), `family ${f}`).toBe("allow");
    expect(call("socket", [AF.NETLINK, 3, 0 /* NETLINK_ROUTE */])).toBe("allow");
    expect(call("socket", [AF.NETLINK, 3, 4 /* NETLINK_SOCK_DIAG */])).toBe("allow");
    expect(call("socket", [AF.NETLINK, 3, 9 /* NETLINK_AUDIT */])).toBe("EPROTONOSUPPORT");
    expect(call("socket", [AF.NETLINK, 3, 12 /* NETLINK_NETFILTER */])).toBe("EPROTONOSUPPORT");
    for (const f of [AF.PACKET, AF.VSOCK, AF.BLUETOOTH, AF.ALG, 0, 45])
      expect(call("socket", [f, 1, 0]), `family ${f}`).toBe("EAFNOSUPPORT");
  });

  it.runIf(available)("refuses setuid and setgid modes in chmod, mknod and creating opens", () => {
    for (const mode of [0o4755, 0o2755, 0o6755]) {
      expect(call("fchmodat", [-100, 0, mode]), mode.toString(8)).toBe("EPERM");
      expect(call("fchmodat2", [-100, 0, mode, 0])).toBe("EPERM");
      expect(call("fchmod", [3, mode])).toBe("EPERM");
      expect(call("mknodat", [-100, 0, 0o10000 /* S_IFIFO */ | mode, 0])).toBe("EPERM");
      expect(call("openat", [-100, 0, O_CREAT | 1, mode])).toBe("EPERM");
      expect(call("openat", [-100, 0, O_TMPFILE_BIT | 0o200000 | 2, mode])).toBe("EPERM");
      // Without O_CREAT the mode argument is ignored by the kernel (and may hold garbage).
      expect(call("openat", [-100, 0, 0, mode])).toBe("allow");
    }
    expect(call("fchmodat", [-100, 0, 0o1777 /* sticky */])).toBe("allow");
  });

  it.runIf(available)("allows those modes for the package install (setid_modes=1), and nothing more", () => {
    const install = available ? dump(arch, true) : [];
    const as = (name: string, args: number[] = []) =>
      verdict(run(install, AUDIT_ARCH[arch], NR[name]?.[arch] as number, args));
    for (const mode of [0o4755, 0o2755, 0o6755]) {
      expect(as("fchmodat", [-100, 0, mode]), mode.toString(8)).toBe("allow");
      expect(as("fchmodat2", [-100, 0, mode, 0])).toBe("allow");
      expect(as("fchmod", [3, mode])).toBe("allow");
      expect(as("mknodat", [-100, 0, 0o10000 | mode, 0])).toBe("allow");
      expect(as("openat", [-100, 0, O_CREAT | 1, mode])).toBe("allow");
    }
    // Every other verdict is the command's.
    const probes: [string, number[]][] = [
      ["bpf", []],
      ["keyctl", []],
      ["clone3", []],
      ["listmount", []],
      ["clone", [0x10000000 | 0x11]],
      ["unshare", [0x00020000]],
      ["ioctl", [0, 0x5412]],
      ["socket", [AF.PACKET, 1, 0]],
      ["socket", [AF.NETLINK, 3, 9]],
      ["read", []],
    ];
    for (const [name, args] of probes) expect(as(name, args), name).toBe(call(name, args));
    expect(verdict(run(install, 0x40000003, 3))).toBe("kill");
  });

  it.runIf(available)("kills a foreign architecture's entry points", () => {
    expect(verdict(run(prog, 0x40000003 /* AUDIT_ARCH_I386 */, 3))).toBe("kill");
  });
});

describe("the spec's setid_modes record", () => {
  // Internal (the engine's package install sets it, no option reaches it): as strict as the others.
  const specError = async (records: string[]): Promise<string> => {
    const bin = join(root, "dist", "native", `nsbox-helper-${process.arch}`);
    const child = spawn(bin, [], { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });
    let status = "";
    (child.stdio[4] as NodeJS.ReadableStream).on("data", (d) => {
      status += d;
    });
    (child.stdio[3] as NodeJS.WritableStream).end([...records, "end="].map((r) => `${r}\0`).join(""));
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(125);
    return (JSON.parse(status.split("\n")[0] as string) as { message: string }).message;
  };

  it("takes 1, at most once", async () => {
    const wrong = "setid_modes must be 1, at most once";
    expect(await specError(["setid_modes=0"])).toBe(wrong);
    expect(await specError(["setid_modes="])).toBe(wrong);
    expect(await specError(["setid_modes=1", "setid_modes=1"])).toBe(wrong);
    // accepted: the spec goes on to what is missing
    expect(await specError(["setid_modes=1"])).toBe("missing rootfs");
  });
});
