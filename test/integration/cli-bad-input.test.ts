// Every bad input is one sentence naming the value and the fix, exit status 2, nothing on stdout, no
// stack trace, and nothing left behind (no cgroup, no cache dir). What the CLI can judge alone is refused
// before anything is set up: stderr is that one sentence, no progress line before it. Plus the inputs
// that used to break and now work: a relative mount source or cache dir, a ':' in a host path, a 1000h
// timeout, --pids 1, cleanup --cache-dir.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, inject, it } from "vitest";
import { cleanupStaleCgroups } from "../../src/engine/cgroup/index";
import { alpineMirrorRoot } from "../support/mirror";
import { cliRunArgs, inPrivateMounts, runDirsOf, sandboxSkipReason } from "../support/sandbox";

const cli = join(import.meta.dirname, "..", "..", "dist", "cli.js");
const work = mkdtempSync(join(tmpdir(), "nsbox-bad-input-"));
const colonDir = join(work, "a:b");
mkdirSync(colonDir);
writeFileSync(join(colonDir, "marker"), "colon\n");
mkdirSync(join(work, "src"));
// A results file of no command, for `nsbox report`.
const emptyResults = join(work, "results.json");
writeFileSync(
  emptyResults,
  JSON.stringify({
    format: "nsbox-results/1",
    shard: { index: 1, total: 1 },
    commands: 0,
    setup: null,
    results: [],
    notRun: [],
  }),
);
mkdirSync(join(work, "new\nline"));
symlinkSync(join(work, "nowhere"), join(work, "dangling"));
symlinkSync(join(work, "loop"), join(work, "loop"));
writeFileSync(join(work, "src", "marker"), "relative\n");
// A repository whose index is no index (an HTML page, a file put there by mistake).
const arch = process.arch === "arm64" ? "aarch64" : "x86_64";
mkdirSync(join(work, "badrepo", arch), { recursive: true });
writeFileSync(join(work, "badrepo", arch, "APKINDEX.tar.gz"), "<html>not found</html>\n");
// JSON, but no nsbox results file.
const otherJson = join(work, "other.json");
writeFileSync(otherJson, '{"format":"someone-else/1"}\n');
const notATar = join(work, "not-a-tar.tar.gz");
writeFileSync(notATar, gzipSync("hello, not a tar archive\n".repeat(100)));
const notAKey = join(work, "notakey.rsa.pub");
writeFileSync(notAKey, "root:x:0:0::/root:/bin/sh\n");
// Two different keys of one file name: /etc/apk/keys would keep only the second.
const pem = (b: string) => `-----BEGIN PUBLIC KEY-----\n${b}\n-----END PUBLIC KEY-----\n`;
const [keyA, keyB] = ["ka", "kb"].map((d, i) => {
  mkdirSync(join(work, d));
  writeFileSync(join(work, d, "repo.rsa.pub"), pem(`MIIB${i}`));
  return join(work, d, "repo.rsa.pub");
});
// A tmpfs of 1 MiB is mounted here in a private mount namespace: no room for a rootfs.
const full = join(work, "full");
mkdirSync(full);
const roDir = join(work, "ro");
mkdirSync(roDir);
// A private mount namespace where roDir is a read-only file system.
const readOnly = inPrivateMounts(`mount -t tmpfs -o ro none ${roDir} && exec "$@"`);
const pids: number[] = [];

function nsbox(args: string[], opts: { wrap?: string[]; cwd?: string } = {}) {
  const [verb, ...rest] = args;
  // No mirror beside a tarball without packages: nsbox refuses one there.
  const mirrorUsed = !rest.includes("--rootfs") || rest.includes("--packages");
  const base = rest.includes("--mirror") || !mirrorUsed ? [] : ["--mirror", inject("mirrorUrl")];
  if (!rest.includes("--alpine") && !rest.includes("--rootfs")) base.push("--alpine", "3.20");
  if (!rest.includes("--cache-dir")) base.push("--cache-dir", inject("cacheDir"));
  const argv = verb === "run" ? ["run", ...base, ...rest] : args;
  const cmd = [...(opts.wrap ?? []), process.execPath, cli, ...argv];
  const r = spawnSync(cmd[0] as string, cmd.slice(1), {
    encoding: "utf8",
    timeout: 60_000,
    cwd: opts.cwd ?? work,
  });
  if (r.pid) pids.push(r.pid);
  return r;
}

/** The rootfs's progress lines (the CLI prints them while it resolves, downloads and extracts). */
const PROGRESS =
  /^nsbox: (resolving Alpine \S+ \(\S+\) at \S+|downloading \S+: .*|extracting \S+|Alpine \S+ ready in \d+ ms)\n/gm;
const withoutProgress = (stderr: string) => stderr.replace(PROGRESS, "");

afterAll(() => rmSync(work, { recursive: true, force: true }));

const bad: Array<[args: string[], message: string, wrap?: string[]]> = [
  [["run", "--memory", "12XB", "--", "true"], "memory: '12XB' is not a size; use 512M or 2G"],
  [["run", "--memory", "-5M", "--", "true"], "memory: '-5M' is not a size; use 512M or 2G"],
  [
    ["run", "--memory", "1", "--", "true"],
    "memory: 1 B is below the 4.00 MiB the sandbox's own set-up needs; use at least 4M",
  ],
  [
    ["run", "--memory", "3M", "--", "true"],
    "memory: 3.00 MiB is below the 4.00 MiB the sandbox's own set-up needs; use at least 4M",
  ],
  // One byte short of the bound: formatBytes rounds both to "4.00 MiB" ("4.00 MiB is below the 4.00 MiB").
  [
    ["run", "--memory", "4194303", "--", "true"],
    "memory: 4194303 bytes is below the 4.00 MiB the sandbox's own set-up needs; use at least 4M",
  ],
  [
    ["run", "--tmpfs-size", String(32 * 1024 ** 4 + 1), "--", "true"],
    "tmpfs-size: 35184372088833 bytes is above the 32.0 TiB a sandbox's tmpfs can have; use at most 32T",
  ],
  [["run", "--pids", "0", "--", "true"], "pids: '0' is not a count; use a whole number like 64"],
  [["run", "--pids", "1.5", "--", "true"], "pids: '1.5' is not a count; use a whole number like 64"],
  [
    ["run", "--pids", "5000000", "--", "true"],
    `pids: 5000000 is more than this kernel allows (kernel.pid_max ${pidMax()}); use at most ${pidMax() - 1}`,
  ],
  [["run", "--cpus", "0", "--", "true"], "cpus: '0' is not a CPU count; use 0.5 or 2"],
  [["run", "--cpus", "abc", "--", "true"], "cpus: 'abc' is not a CPU count; use 0.5 or 2"],
  [["run", "--timeout", "0", "--", "true"], "timeout: '0' is not a duration; use 30s, 2m or 1500ms"],
  [["run", "--timeout", "5M", "--", "true"], "timeout: '5M' is not a duration; use 30s, 2m or 1500ms"],
  [["run", "--cpu-time", "-1s", "--", "true"], "cpu-time: '-1s' is not a duration; use 30s, 2m or 1500ms"],
  [["run", "--tmpfs-size", "0", "--", "true"], "tmpfs-size: '0' is not a size; use 512M or 2G"],
  // Its inode cap (one per 8 KiB) is more than the helper takes: was an internal spec error, status 125.
  [
    ["run", "--tmpfs-size", "33T", "--", "true"],
    "tmpfs-size: 33.0 TiB is above the 32.0 TiB a sandbox's tmpfs can have; use at most 32T",
  ],
  // mkfs.ext4 cannot make a file system that small: was its message, cut mid-sentence, status 125.
  [
    ["run", "--scratch", "disk", "--tmpfs-size", "1", "--", "true"],
    "tmpfs-size: 1 B is below the 1.00 MiB a disk scratch needs (its ext4 file system's own blocks and inodes); use at least 1M",
  ],
  [
    ["run", "--scratch", "disk", "--tmpfs-size", "1023K", "--", "true"],
    "tmpfs-size: 1023.0 KiB is below the 1.00 MiB a disk scratch needs (its ext4 file system's own blocks and inodes); use at least 1M",
  ],
  [
    ["run", "--cpus", "0.001", "--", "true"],
    "cpus: '0.001' is out of range; use a CPU count from 0.01 to 4096",
  ],
  [
    ["run", "--cpus", "5000", "--", "true"],
    "cpus: '5000' is out of range; use a CPU count from 0.01 to 4096",
  ],
  [["run", "--network", "bridge", "--", "true"], "network: 'bridge' is not a network mode; use none or nat"],
  [
    ["run", "--allow", "1.2.3.4", "--", "true"],
    "allow: '1.2.3.4' only applies with --network nat; add --network nat or drop --allow",
  ],
  [
    ["run", "--dns", "1.1.1.1", "--", "true"],
    "dns: '1.1.1.1' only applies with --network nat; add --network nat or drop --dns",
  ],
  [
    ["run", "--pool", "10.9.0.0/24", "--", "true"],
    "pool: '10.9.0.0/24' only applies with --network nat; add --network nat or drop --pool",
  ],
  [
    ["run", "--max-connections", "64", "--", "true"],
    "max-connections: '64' only applies with --network nat; add --network nat or drop --max-connections",
  ],
  [
    ["run", "--output-dir", "out", "--", "true"],
    "output-dir: 'out' only applies with --output; add --output or drop --output-dir",
  ],
  [
    ["run", "--output-limit", "1M", "--", "true"],
    "output-limit: '1M' only applies with --output; add --output or drop --output-limit",
  ],
  [
    ["run", "--repository", "http://127.0.0.1:9/main", "--", "true"],
    "repository: 'http://127.0.0.1:9/main' only applies with --packages; add --packages or drop --repository",
  ],
  [
    ["run", "--repository-key", "/k.rsa.pub", "--", "true"],
    "repository-key: '/k.rsa.pub' only applies with --packages; add --packages or drop --repository-key",
  ],
  [
    ["run", "--allow-untrusted", "--", "true"],
    "allow-untrusted only applies with --packages; add --packages or drop --allow-untrusted",
  ],
  [
    ["run", "--network", "nat", "--max-connections", "0", "--", "true"],
    "max-connections: '0' is not a count; use a whole number like 64",
  ],
  [
    ["run", "--network", "nat", "--max-connections", "1000001", "--", "true"],
    "max-connections: 1000001 is out of range; use a whole number from 1 to 1000000",
  ],
  [
    ["run", "--network", "none", "--allow", "1.2.3.4:443", "--", "true"],
    "allow: '1.2.3.4:443' only applies with --network nat; add --network nat or drop --allow",
  ],
  [
    ["run", "--mount", "/tmp", "--", "true"],
    "mount: '/tmp' is not HOST:DEST[:MODE]; use ./src:/src or /data:/data:rw (a ':' in a path is written '\\:')",
  ],
  [
    ["run", "--mount", "/tmp:rel", "--", "true"],
    "mount: 'rel' is not an absolute path inside the sandbox; use /src",
  ],
  [
    ["run", "--mount", "/tmp:/x:rwx", "--", "true"],
    "mount: 'rwx' is not a mount mode; use ro, rw or overlay",
  ],
  [
    ["run", "--mount", "/tmp:/x:ro:extra", "--", "true"],
    "mount: '/tmp:/x:ro:extra' is not HOST:DEST[:MODE]; use ./src:/src or /data:/data:rw (a ':' in a path is written '\\:')",
  ],
  [
    ["run", "--mount", "/nonexistent-dir:/x", "--", "true"],
    "mount: '/nonexistent-dir' does not exist on the host; give an existing path",
  ],
  [
    ["run", "--mount", "./no-such-dir:/x", "--", "true"],
    `mount: '${join(work, "no-such-dir")}' does not exist on the host; give an existing path`,
  ],
  [
    ["run", "--mount", `${colonDir}:/x`, "--", "true"],
    "mount: 'b' is not an absolute path inside the sandbox; use /src (a ':' in a path is written '\\:')",
  ],
  // Found by the helper at set-up: its own words ("mount source …: No such file or directory"), status 125.
  [
    ["run", "--mount", `${work}/dangling:/x`, "--", "true"],
    `mount: '${work}/dangling' is a symbolic link to nothing; give an existing path`,
  ],
  [
    ["run", "--mount", `${work}/loop:/x`, "--", "true"],
    `mount: '${work}/loop' is a loop of symbolic links; give an existing path`,
  ],
  [
    ["run", "--mount", `${emptyResults}:/x:overlay`, "--", "true"],
    `mount: overlay needs a directory, and '${emptyResults}' is not one; mount it ro or rw, or give a directory`,
  ],
  [
    ["run", "--mount", "/tmp:/proc", "--", "true"],
    "mount: '/proc' is provided by the sandbox itself; mount somewhere outside /, /proc, /sys and /dev",
  ],
  [
    ["run", "--mount", "/tmp:/", "--", "true"],
    "mount: '/' is provided by the sandbox itself; mount somewhere outside /, /proc, /sys and /dev",
  ],
  [
    ["run", "--mount", "/tmp:/sys/fs", "--", "true"],
    "mount: '/sys/fs' is provided by the sandbox itself; mount somewhere outside /, /proc, /sys and /dev",
  ],
  [
    ["run", "--mount", "/tmp:/dev/", "--", "true"],
    "mount: '/dev/' is provided by the sandbox itself; mount somewhere outside /, /proc, /sys and /dev",
  ],
  [
    ["run", "--mount", "/tmp:/x/../proc", "--", "true"],
    "mount: '/x/../proc' is provided by the sandbox itself; mount somewhere outside /, /proc, /sys and /dev",
  ],
  [
    // It would normalise to an allowed /y, which the helper (never climbing) refused as a setup error.
    ["run", "--mount", "/tmp:/x/../y", "--", "true"],
    "mount: '/x/../y' has a '..'; give the target without it, like /src",
  ],
  [
    // A mount inside a file's mount: lstat below a file (ENOTDIR) was a raw errno, status 125.
    ["run", "--mount", "/etc/passwd:/data", "--mount", "/tmp:/data/sub", "--", "true"],
    "mount: '/data/sub' lies in the mount of '/etc/passwd', which is a file: nothing can be mounted inside it; give it a target outside '/data'",
  ],
  [
    ["run", "--mount", "/tm\\p:/x", "--", "true"],
    "mount: '/tm\\p:/x' has a '\\' that escapes neither ':' nor '\\'; write a ':' in a path as '\\:'",
  ],
  [
    ["run", "--mount", `${colonDir.replace(":", "\\:")}:/x:overlay`, "--", "true"],
    `mount: overlay cannot use '${colonDir}' (overlayfs cannot take ',', ':', '\\' or a line break in a layer path); use ro or rw, or a path without them`,
  ],
  [
    // The cache every later sandbox runs on is never writable inside (and is not made: refused first).
    ["run", "--mount", `${work}:/x:rw`, "--cache-dir", join(work, "cache"), "--", "true"],
    `mount: '${work}' (rw) holds the cache dir '${join(work, "cache")}', which no sandbox may write; mount it ro or overlay, or use a cache dir outside it`,
  ],
  [
    ["run", "--workdir", "rel", "--", "true"],
    "workdir: 'rel' is not an absolute path inside the sandbox; use /src",
  ],
  [["run", "--env", "=v", "--", "true"], "env: '=v' is not K=V; use --env NAME=value"],
  [["run", "--env", "1A=v", "--", "true"], "env: '1A=v' is not K=V; use --env NAME=value"],
  [
    ["run", "--hostname", "bad_name!", "--", "true"],
    "hostname: 'bad_name!' is not a valid hostname; use --hostname with letters, digits and '-' like test-1",
  ],
  [
    ["run", "--alpine", "abc", "--", "true"],
    "alpine: 'abc' is not a version; use 3.20, 3.20.3 or latest-stable",
  ],
  [["run", "--frobnicate", "--", "true"], "'--frobnicate' is not an option of nsbox run; see nsbox help"],
  [["run", "--json"], "no command given; use nsbox run [options] -- CMD [ARGS...]"],
  [
    ["run", "--", ""],
    "the command is '', an empty name; give the program to run, like nsbox run -- make test",
  ],
  [["run", "--memory"], "--memory needs a value; see nsbox help"],
  [["run", "--memory", "1G", "--memory", "2G", "--", "true"], "--memory was given 2 times; give it once"],
  [["run", "-t", "-T", "--", "true"], "-t/--tty and -T/--no-tty were both given; give one of them"],
  [["frob"], "'frob' is not an nsbox command; use nsbox run -- CMD or nsbox help"],
  [["cleanup", "--frob"], "'--frob' is not an option of nsbox cleanup; use --cache-dir DIR or --json"],
  [["cleanup", "--cache-dir"], "--cache-dir needs a value; see nsbox help"],
  [["cleanup", "--cache-dir="], "--cache-dir needs a value, and '' is empty; give --cache-dir one"],
  [
    ["cache", "list", "--cache-dir", "--json"],
    "--cache-dir needs a value, and '--json' is an option; give --cache-dir one",
  ],
  [["cache", "verify", "--cache-dir=/a", "--cache-dir=/b"], "--cache-dir was given 2 times; give it once"],
  [["report", "--junit=", "d"], "--junit needs a file name, and '' is empty; give --junit one"],
  [
    ["run", "--workdir", "--memory", "1G", "--", "true"],
    "--workdir needs a value, and '--memory' is an option; give --workdir one",
  ],
  [["run", "--json=false", "--", "true"], "--json takes no value; give --json alone"],
  [
    ["cleanup", "--cache-dir", "/etc/passwd"],
    "cache-dir: '/etc/passwd' is not a directory; use --cache-dir with a writable directory",
  ],
  [
    ["run", "--packages", "jq", "--repository-key", "/etc/shadow", "--", "true"],
    "repository-key: '/etc/shadow' is not named like an apk key (*.pub); give the repository's public key file (NAME.rsa.pub)",
  ],
  [
    ["run", "--packages", "jq", "--repository-key", notAKey, "--", "true"],
    `repository-key: '${notAKey}' is not a PEM public key (no -----BEGIN PUBLIC KEY----- line); give the repository's public key file (NAME.rsa.pub)`,
  ],
  [
    [
      "run",
      "--packages",
      "jq",
      "--repository-key",
      keyA as string,
      "--repository-key",
      keyB as string,
      "--",
      "true",
    ],
    `repository-key: '${keyA}' and '${keyB}' are different keys of one name (repo.rsa.pub); give only the one the repository is signed with`,
  ],
  [
    ["run", "--cache-dir", "/etc/passwd", "--", "true"],
    "cache-dir: '/etc/passwd' is not a directory; use --cache-dir with a writable directory",
  ],
  [
    ["run", "--cache-dir", "/etc/passwd/sub", "--", "true"],
    "cache-dir: '/etc/passwd/sub' cannot be created: '/etc/passwd' is not a directory; use --cache-dir with a writable directory",
  ],
  [
    ["run", "--cache-dir", roDir, "--", "true"],
    `cache-dir: '${roDir}' is on a read-only file system; use --cache-dir with a writable directory`,
    readOnly,
  ],
  [
    ["run", "--cache-dir", `${roDir}/sub/cache`, "--", "true"],
    `cache-dir: '${roDir}/sub/cache' cannot be created: '${roDir}' is on a read-only file system; use --cache-dir with a writable directory`,
    readOnly,
  ],
  // Refused before the command runs, not found unwritable after it.
  [
    ["run", "--junit", `${roDir}/sub/r.xml`, "--", "true"],
    `junit: '${roDir}/sub/r.xml' cannot be written: '${roDir}' is on a read-only file system; give a new file name in a writable directory`,
    readOnly,
  ],
  [
    ["run", "--junit", "/etc/passwd/r.xml", "--", "true"],
    "junit: '/etc/passwd/r.xml' cannot be written: '/etc/passwd' is not a directory; give a new file name in a writable directory",
  ],
  [
    ["run", "--output", "/x", "--output-dir", `${roDir}/out`, "--", "true"],
    `output-dir: '${roDir}/out' cannot be created: '${roDir}' is on a read-only file system; use --output-dir with a writable directory`,
    readOnly,
  ],
  // Read-only for everyone: "is not writable by you (EROFS) …; run it as the cache's owner" was no fix.
  ...(["verify", "prune"] as const).map((action): [string[], string, string[]] => [
    ["cache", action, "--cache-dir", roDir],
    `cache ${action}: '${roDir}' is on a read-only file system, and ${action} may remove trees; remount it read-write, or use --cache-dir with a writable one`,
    readOnly,
  ]),
  // Another user's cache (root's, to a user): unreadable trees are not damage to remove.
  ...(["verify", "prune"] as const).map((action): [string[], string, string[]] => [
    ["cache", action, "--cache-dir", inject("cacheDir")],
    `cache ${action}: '${inject("cacheDir")}' is not writable by you (EACCES), and ${action} may remove trees; run it as the cache's owner, or use --cache-dir with your own`,
    ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
  ]),
  // A cache the user cannot look into (work is 0700, root's) is not an empty one: list said it held
  // nothing and verify checked 0 trees, both with status 0.
  ...(["list", "verify"] as const).map((action): [string[], string, string[]] => [
    ["cache", action, "--cache-dir", `${work}/cache-never`],
    `cache ${action}: '${work}/cache-never' cannot be read by you (EACCES); run it as the cache's owner, or use --cache-dir with your own`,
    ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
  ]),
  ...(["list", "verify", "prune"] as const).map((action): [string[], string] => [
    ["cache", action, "--cache-dir", "/etc/passwd"],
    "cache-dir: '/etc/passwd' is not a directory; use --cache-dir with a directory",
  ]),
  // A file named as a results file that is none was "no nsbox results file in '<file>'", its reason
  // dropped; a directory of the tree the user cannot read was Node's bare EACCES and status 125, and one
  // above it not searchable "does not exist".
  [
    ["report", notAKey],
    `report: '${notAKey}' is not JSON (Unexpected token 'r', "root:x:0:0"... is not valid JSON); give the results files the shards wrote (their results-file output)`,
  ],
  [
    ["report", otherJson],
    `report: '${otherJson}' is not an nsbox results file (no format nsbox-results/1); give the results files the shards wrote (their results-file output)`,
  ],
  [
    ["report", work],
    `report: '${work}' cannot be read (EACCES); give the results files the shards wrote (their results-file output)`,
    ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
  ],
  [
    ["report", `${work}/src`],
    `report: '${work}/src' cannot be reached (EACCES); give the results files the shards wrote (their results-file output)`,
    ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
  ],
  // Checked up front as run's --junit is: the reason, not procfs's ENOENT (and nothing written before it).
  [
    ["report", "--out", "/proc/nsbox-x/m.json", emptyResults],
    "out: '/proc/nsbox-x/m.json' cannot be written: '/proc' is on the kernel's proc file system; give a new file name in a writable directory",
  ],
  [
    ["report", "--out", join(work, "never.json"), "--junit", "/proc/nsbox-x/j.xml", emptyResults],
    "junit: '/proc/nsbox-x/j.xml' cannot be written: '/proc' is on the kernel's proc file system; give a new file name in a writable directory",
  ],
  // A kernel file system: mkdir there said ENOENT for ever (Node's recursive mkdir retried it, the
  // event loop held: no signal could stop it).
  [
    ["run", "--cache-dir", "/proc/nsbox-cache", "--", "true"],
    "cache-dir: '/proc/nsbox-cache' cannot be created: '/proc' is on the kernel's proc file system; use --cache-dir with a writable directory",
  ],
  [
    ["run", "--junit", "/proc/nsbox/j.xml", "--", "true"],
    "junit: '/proc/nsbox/j.xml' cannot be written: '/proc' is on the kernel's proc file system; give a new file name in a writable directory",
  ],
  [
    ["run", "--cache-dir", `${work}/dangling`, "--", "true"],
    `cache-dir: '${work}/dangling' cannot be made: '${work}/dangling' is a symbolic link to nothing; use --cache-dir with a writable directory`,
  ],
  [
    ["run", "--cache-dir", colonDir, "--", "true"],
    `cache dir: '${colonDir}' contains ',', ':', '\\' or a line break, which overlayfs cannot take in a layer's path; use a directory without them`,
  ],
  [
    ["run", "--mount", `${work}/new\nline:/x:overlay`, "--", "true"],
    `mount: overlay cannot use '${work}/new\\nline' (overlayfs cannot take ',', ':', '\\' or a line break in a layer path); use ro or rw, or a path without them`,
  ],
  // Judged before the cache dir is made: "left nothing behind" below sees no cache-never in work.
  [
    ["run", "--cache-dir", `${work}/cache-never`, "--alpine", "edge", "--", "true"],
    "alpine: 'edge' is not a version; use 3.20, 3.20.3 or latest-stable",
  ],
  [
    ["run", "--cache-dir", `${work}/cache-never`, "--rootfs", "/nonexistent.tgz", "--", "true"],
    "rootfs: cannot read '/nonexistent.tgz' (ENOENT); give a minirootfs tarball you can read",
  ],
  [
    ["run", "--cache-dir", `${work}/cache-never`, "--rootfs", "/etc", "--", "true"],
    "rootfs: '/etc' is not a file; give a minirootfs .tar.gz file",
  ],
  [
    ["run", "--mount", "/tmp:/x", "--mount", "/etc:/x/", "--", "true"],
    "mount: '/x/' is the target of two --mount options; give each mount its own target",
  ],
  // Judged with the other options, not after the rootfs's download (no cache-never appears).
  [
    ["run", "--cache-dir", `${work}/cache-never`, "--network", "nat", "--allow", "10.0.0.0/33", "--", "true"],
    "allow: '10.0.0.0/33' is not a CIDR; use 10.1.2.0/24 or 10.1.2.3:443",
  ],
  [
    ["run", "--cache-dir", `${work}/cache-never`, "--network", "nat", "--dns", "1.1.1", "--", "true"],
    "dns: '1.1.1' is not an IPv4 address; use e.g. 192.0.2.53",
  ],
  [
    ["run", "--cache-dir", `${work}/cache-never`, "--network", "nat", "--pool", "10.0.0.0/31", "--", "true"],
    "pool: '10.0.0.0/31' is not an IPv4 network between /8 and /30; use e.g. 100.96.0.0/16",
  ],
  [
    ["run", "--cache-dir", `${work}/cache-never`, "--network", "nat", "--pool", "224.0.0.0/8", "--", "true"],
    "pool: '224.0.0.0/8' overlaps 224.0.0.0/4 (multicast), where no sandbox can be routed; use e.g. 100.96.0.0/16",
  ],
  [
    ["run", "--cache-dir", `${work}/cache-never`, "--network", "nat", "--dns", "0.0.0.0", "--", "true"],
    `dns: '0.0.0.0' is in 0.0.0.0/8 ("this network"), not a server's address; use e.g. 192.0.2.53`,
  ],
  [
    [
      "run",
      "--cache-dir",
      `${work}/cache-never`,
      "--network",
      "nat",
      ...["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"].flatMap((s) => ["--dns", s]),
      "--",
      "true",
    ],
    "dns: 4 servers (192.0.2.1, 192.0.2.2, 192.0.2.3, 192.0.2.4) are more than the 3 a resolver uses; give at most 3",
  ],
  // The variable, not "the default", is what to fix.
  [
    ["cleanup"],
    "NSBOX_CACHE_DIR: '/etc/passwd' is not a directory; set NSBOX_CACHE_DIR to a writable directory, or use --cache-dir",
    ["env", "NSBOX_CACHE_DIR=/etc/passwd"],
  ],
];

// Inputs only the engine can judge (it has to ask the mirror): progress lines may come before the
// sentence, and are the only thing that may.
const judgedByEngine: Array<[args: string[], message: (mirror: string) => string, status: number]> = [
  [
    ["run", "--alpine", "3.99", "--", "true"],
    (m) =>
      `Alpine 3.99 is not available for ${arch} at ${m} (${m}/v3.99/releases/${arch}/latest-releases.yaml was not found); check --alpine and --mirror, or use --rootfs with a local tarball`,
    125,
  ],
  // https to the test mirror's plain http port: OpenSSL's error queue was the reason, a source path and
  // a line break in it ("write EPROTO 40…:error:0A00010B:SSL routines:…:../deps/openssl/…:77:\n").
  [
    ["run", "--mirror", inject("mirrorUrl").replace("http:", "https:"), "--", "true"],
    (m) => {
      const https = m.replace("http:", "https:");
      return `cannot download ${https}/v3.20/releases/${arch}/latest-releases.yaml: the TLS handshake failed (wrong version number: the server may not speak https there) (tried 3 times); check --mirror or use --rootfs with a local tarball`;
    },
    125,
  ],
  // A gzip of no tar: what the first bytes cannot tell. It said what was wrong, not what to give instead.
  [
    ["run", "--rootfs", notATar, "--", "true"],
    () =>
      "cannot extract not-a-tar.tar.gz: the gzip data is not a tar archive; give --rootfs an Alpine minirootfs tarball (alpine-minirootfs-<version>-<arch>.tar.gz)",
    125,
  ],
  // Where a mount lands is known only in the rootfs: the helper said "/etc/passwd: component "passwd" is a
  // symlink or not a directory (symlinks are not followed): Not a directory" and "/etc: is a directory
  // (source is a file)", naming neither the option nor a fix.
  [
    ["run", "--mount", "/tmp:/etc/passwd", "--", "true"],
    () =>
      "mount: '/etc/passwd' cannot be a mount point: 'passwd' is a file in the sandbox; mount on a directory of the sandbox or a new path",
    125,
  ],
  // Alpine's /var/run is a symlink to /run: said as one (links are never followed).
  [
    ["run", "--mount", "/tmp:/var/run/x", "--", "true"],
    () =>
      "mount: '/var/run/x' cannot be a mount point: 'run' is a symlink in the sandbox (symlinks are not followed); mount on a directory of the sandbox or a new path",
    125,
  ],
  [
    ["run", "--mount", `${emptyResults}:/etc`, "--", "true"],
    () =>
      "mount: '/etc' is a directory in the sandbox, and a file cannot be mounted on it; mount on a file of the sandbox or a new path",
    125,
  ],
  // apk read no package from it and said only "package 'jq' is not in the repositories".
  [
    ["run", "--packages", "jq", "--repository", join(work, "badrepo"), "--", "true"],
    () =>
      `cannot read the index of ${join(work, "badrepo")}: its ${arch}/APKINDEX.tar.gz is not gzip data, so no apk index; check the repository`,
    125,
  ],
  // The mirror's default repositories where it has none (a rootfs-only mirror): the 404 said no fix.
  [
    ["run", "--packages", "jq", "--", "true"],
    (m) =>
      `cannot read the index of ${m}/v3.20/main: ${m}/v3.20/main/${arch}/APKINDEX.tar.gz: not found (HTTP 404); check the repository's URL`,
    125,
  ],
  // A relative directory without './' is the cwd's, as the README says (it was refused as "neither an
  // http(s) URL nor a directory path"): taken as a repository, whose index is then looked for.
  [
    ["run", "--packages", "jq", "--repository", "src", "--", "true"],
    () =>
      `cannot read the index of ${join(work, "src")}: it has no APKINDEX.tar.gz for ${arch} (ENOENT); give the directory that holds ${arch}/APKINDEX.tar.gz`,
    125,
  ],
];

function pidMax(): number {
  return Number(execFileSync("cat", ["/proc/sys/kernel/pid_max"], { encoding: "utf8" }).trim());
}

describe.skipIf(sandboxSkipReason !== null || !existsSync(cli))("nsbox bad input", () => {
  it("has a table of at least 40 bad inputs", () => {
    expect(bad.length).toBeGreaterThanOrEqual(40);
  });

  it.each(bad)("%j: exit 2 and one sentence, before anything is set up", (args, message, wrap) => {
    const r = nsbox(args, { wrap });
    expect(r.stderr).toBe(`nsbox: ${message}\n`); // not even a progress line before it
    expect(message).not.toMatch(/\n|\s at |Error:|E[A-Z]+:/); // one sentence, no stack, no raw errno
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
  });

  it.each(judgedByEngine)(
    "%j (judged by the engine): progress, then one sentence",
    (args, message, status) => {
      const r = nsbox(args);
      // Only the rootfs's progress before the sentence: none at all when another test resolved the same
      // Alpine within the alias's TTL (then nothing asks the mirror). The status (not 2) says the engine judged.
      expect(withoutProgress(r.stderr)).toBe(`nsbox: ${message(inject("mirrorUrl"))}\n`);
      expect(r.status).toBe(status);
      expect(r.stdout).toBe("");
    },
  );

  // A cache on a full file system: the archive was blamed ("cannot extract …: ENOSPC: no space left on
  // device, write"; since the tarball hint came, "give --rootfs an Alpine minirootfs tarball").
  it("a cache dir with no room for the rootfs: the file system named, and no half-extracted tree", () => {
    const tarball = join(
      alpineMirrorRoot(),
      `v3.20/releases/${arch}/alpine-minirootfs-3.20.3-${arch}.tar.gz`,
    );
    const script = `mount -t tmpfs -o size=1m none ${full} && "$@"; s=$?; ls -A ${full}/c/rootfs >&2; exit $s`;
    const r = nsbox(["run", "--rootfs", tarball, "--cache-dir", `${full}/c`, "--", "true"], {
      wrap: inPrivateMounts(script),
    });
    expect(withoutProgress(r.stderr)).toBe(
      `nsbox: cannot extract alpine-minirootfs-3.20.3-${arch}.tar.gz: no space left on the file system of '${full}/c' (ENOSPC; a rootfs takes about 10 MiB); free space there, or use a cache dir elsewhere\n`,
    );
    expect(r.status).toBe(125);
  });

  // A disk scratch whose cap the cache's file system cannot hold: the sparse image was made, mkfs.ext4
  // fitted in what was free, and the sandbox's 8 MB write "succeeded" (exit 0) while the loop device's
  // writeback lost it. Now one sentence before anything is made. The cache's own `layers` dir (where the
  // images go) is a 4 MiB tmpfs with 1.6 MiB free, in a private mount namespace: the host's mounts and the
  // shared cache's other layers are not touched.
  const layers = join(inject("cacheDir"), "layers");
  /** The CLI in a private mount namespace whose `layers` is a small tmpfs, then what its run left there:
   *  the files, the mounts and loop devices of its kept layer (named by the engine's pid) on stdout. */
  const onSmallLayers = (fill: string) =>
    inPrivateMounts(
      `mount -t tmpfs -o size=4m none ${layers} && head -c 2500000 /dev/zero > ${layers}/filler && { ${fill} "$@" & p=$!; wait $p; s=$?; } && ` +
        `echo files: $(ls -A ${layers}); echo "mounts: $(grep -c " ${layers}/" /proc/self/mountinfo)"; ` +
        `echo "loops: $(losetup -a | grep -c "/keep-$p-")"; exit $s`,
    );

  it("--scratch disk on a cache without room for the cap: refused up front, nothing left", () => {
    mkdirSync(layers, { recursive: true });
    const r = nsbox(
      [
        "run",
        "--scratch",
        "disk",
        "--tmpfs-size",
        "64M",
        "--",
        "sh",
        "-c",
        "head -c 8000000 /dev/zero > /big",
      ],
      { wrap: onSmallLayers("") },
    );
    expect(withoutProgress(r.stderr)).toMatch(
      new RegExp(
        `^nsbox: cannot create the disk scratch: its 64\\.0 MiB image needs that much room on the file system of '${layers}', which has 1\\.\\d\\d MiB free; free space there, give a smaller --tmpfs-size \\(the layer's cap\\), or use --scratch memory\n$`,
      ),
    );
    expect(r.status).toBe(125);
    expect(r.stdout).toBe("files: filler\nmounts: 0\nloops: 0\n");
  });

  // What passes that look must stay true while the sandbox runs: the image's blocks are reserved, so a
  // cache that fills up meanwhile (here the host's filler takes all that is left once the layer is
  // mounted) does not lose the sandbox's writes. Sparse, its fdatasync failed (ENOSPC from the loop device's writeback).
  it("--scratch disk within the room: its blocks are the sandbox's even when the cache fills meanwhile", () => {
    mkdirSync(layers, { recursive: true });
    const sync = join(work, "scratch-sync");
    mkdirSync(sync, { recursive: true });
    // Once the layer is mounted: fill the tmpfs, then let the sandbox write.
    const fill = `(i=0; until grep -q " ${layers}/keep-" /proc/self/mountinfo || [ $i -ge 600 ]; do sleep 0.05; i=$((i+1)); done; cat /dev/zero > ${layers}/more 2>/dev/null; df -k ${layers} | tail -1 > ${sync}/df; touch ${sync}/go) &`;
    const r = nsbox(
      [
        "run",
        "--scratch",
        "disk",
        "--tmpfs-size",
        "1500K",
        "--mount",
        `${sync}:/s:ro`,
        "--",
        "sh",
        "-c",
        "i=0; until [ -e /s/go ] || [ $i -ge 600 ]; do sleep 0.05; i=$((i+1)); done; head -c 900000 /dev/zero > /big && sync -d /big && echo written",
      ],
      { wrap: onSmallLayers(fill) },
    );
    expect(withoutProgress(r.stderr)).toBe("");
    expect(r.stdout).toBe("written\nfiles: filler more\nmounts: 0\nloops: 0\n");
    expect(r.status).toBe(0);
    // The cache was full when the sandbox wrote: 0 KiB available.
    expect(readFileSync(join(sync, "df"), "utf8").trim().split(/\s+/)[3]).toBe("0");
  });

  it("left nothing behind: no cgroup of any of those runs, no cache dir they named", async () => {
    // The search proves it can see a run parent: one of an engine killed mid-run stays, and is found.
    const killed = spawn(process.execPath, cliRunArgs(cli, "--", "sleep", "60"), { stdio: "ignore" });
    const gone = new Promise((resolve) => killed.once("exit", resolve));
    const engine = [killed.pid as number];
    const end = Date.now() + 30_000;
    while (runDirsOf(engine).length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    killed.kill("SIGKILL");
    await gone;
    try {
      expect(runDirsOf(engine).length).toBeGreaterThan(0);
    } finally {
      cleanupStaleCgroups(); // its owner is dead: removed, as the next run would
    }
    expect(runDirsOf(engine)).toEqual([]);
    expect(pids.length).toBeGreaterThanOrEqual(40);
    expect(runDirsOf(pids)).toEqual([]);
    expect(readdirSync(work).sort()).toEqual([
      "a:b",
      "badrepo",
      "dangling",
      "full",
      "ka",
      "kb",
      "loop",
      "new\nline",
      "not-a-tar.tar.gz",
      "notakey.rsa.pub",
      "other.json",
      "results.json",
      "ro",
      "scratch-sync",
      "src",
    ]);
    expect(readdirSync(roDir)).toEqual([]);
  }, 60_000);
});

describe.skipIf(sandboxSkipReason !== null || !existsSync(cli))("inputs that used to break", () => {
  it("a relative mount source is the cwd's, and a ':' in a host path is written '\\:'", () => {
    const r = nsbox([
      "run",
      "--mount",
      "./src:/src",
      "--mount",
      `${colonDir.replace(":", "\\:")}:/c`,
      "--",
      "cat",
      "/src/marker",
      "/c/marker",
    ]);
    expect(withoutProgress(r.stderr)).toBe("");
    expect(r.stdout).toBe("relative\ncolon\n");
    expect(r.status).toBe(0);
  });

  it("a relative cache dir is the cwd's", () => {
    const cwd = mkdtempSync(join(tmpdir(), "nsbox-relcache-"));
    try {
      const r = nsbox(["run", "--cache-dir", "cache", "--", "echo", "hi"], { cwd });
      expect(r.stdout).toBe("hi\n");
      expect(r.status).toBe(0);
      expect(existsSync(join(cwd, "cache"))).toBe(true);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it("--timeout 1000h does not fire at once (setTimeout overflows at 24.8 days)", () => {
    const r = nsbox(["run", "--json", "--timeout", "1000h", "--", "sh", "-c", "sleep 0.3; echo done"]);
    expect(r.stderr).toBe("done\n");
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "ok", exitCode: 0, reason: null });
  });

  it("--pids N counts the command's processes: --pids 1 runs one, and a second is refused", () => {
    const one = nsbox(["run", "--json", "--pids", "1", "--", "echo", "one"]);
    expect(one.stderr).toBe("one\n");
    expect(JSON.parse(one.stdout)).toMatchObject({ status: "ok", pidsPeak: 1 });
    const two = nsbox(["run", "--json", "--pids", "1", "--", "sh", "-c", "true | true; echo $?"]);
    expect(JSON.parse(two.stdout).status).not.toBe("ok");
  });

  it("cleanup --cache-dir sweeps that cache dir", () => {
    const dir = mkdtempSync(join(tmpdir(), "nsbox-cleanup-"));
    const stale = join(dir, ".tmp-999999999-abc123");
    mkdirSync(stale);
    try {
      const r = nsbox(["cleanup", "--cache-dir", dir, "--json"]);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).removed).toBeGreaterThanOrEqual(1);
      expect(existsSync(stale)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
