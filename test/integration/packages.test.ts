// The package layer, with a repository the test builds (real apk index, signed with a test key) and
// serves on 127.0.0.1.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { guessFetches, readIndexEntries } from "../../src/engine/apk/index";
import { type LayerSandboxes, preparePackageLayer } from "../../src/engine/apk/layer";
import { removeHostTreeLater } from "../../src/engine/fs";
import { listCache, pruneCache, verifyCache } from "../../src/engine/rootfs/maintain";
import { prepareSandbox, runInSandbox, type SandboxContext } from "../../src/engine/sandbox";
import { CancelledError, type SessionOptions } from "../../src/engine/types";
import { ARCH, buildTestRepo, paddedRepo, type TestPackage, type TestRepo } from "../support/apkrepo";
import { type Mirror, startMirror } from "../support/mirror";
import {
  leftovers,
  openSession,
  rootlessSkipReason,
  runCaptured,
  sandboxSkipReason,
  spawnWatched,
} from "../support/sandbox";
import { until } from "../support/until";

const cli = join(import.meta.dirname, "..", "..", "dist", "cli.js");
const work = mkdtempSync(join(tmpdir(), "nsbox-apk-"));
chmodSync(work, 0o755);
// A cache of its own: the "repository gone" case must not find another test's layer, and vice versa.
const cacheDir = join(work, "cache");
let repo: TestRepo;
let server: Mirror;

// Packages whose install scripts do what a hostile or careless package may: point the layer's apk
// database at a host path (a file the engine must not read as the layer's), leave names that are not UTF-8.
const hostDb = join(work, "host-db");
const share = (name: string) => [
  { name: "usr/", mode: 0o755 },
  { name: "usr/share/", mode: 0o755 },
  { name: `usr/share/${name}`, mode: 0o644, data: Buffer.from(`${name}\n`) },
];
const HOSTILE: TestPackage[] = [
  {
    name: "hl-dblink",
    version: "1-r0",
    files: share("hl-dblink"),
    // apk writes its database after the scripts: through the link, to the same path inside the sandbox
    scripts: {
      ".post-install": `#!/bin/sh\nset -e\nmkdir -p ${hostDb}\ncp -a /lib/apk/db/. ${hostDb}/\nrm -rf /lib/apk/db\nln -s ${hostDb} /lib/apk/db\n`,
    },
  },
  {
    name: "hl-nonutf8",
    version: "1-r0",
    files: share("hl-nonutf8"),
    // a directory and a setuid file named with bytes 0xff and 0xfe
    scripts: {
      ".post-install":
        '#!/bin/sh\nset -e\nd="/usr/share/hl-dir-$(printf \'\\377\')"\nmkdir "$d"\nf="$d/f-$(printf \'\\376\')"\necho hi > "$f"\nchmod 4755 "$f"\n',
    },
  },
];
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(sandboxSkipReason)("package layer", () => {
  beforeAll(async () => {
    repo = await buildTestRepo(join(work, "repo"), runCaptured, undefined, HOSTILE);
    server = await startMirror(repo.root);
  }, 120_000);

  const opts = (extra: SessionOptions = {}): SessionOptions => ({
    cacheDir,
    packages: ["junit-runner"],
    repositories: [`${server.url}/signed`],
    repositoryKeys: [repo.keyFile],
    ...extra,
  });

  it("installs packages (dependencies included) once; commands use them without network", async () => {
    const out = join(work, "out");
    const indexFetches = (from: number) =>
      server.requests.slice(from).filter((r) => r.endsWith("/APKINDEX.tar.gz"));
    const start = server.requests.length;
    const progress: string[] = [];
    const session = await openSession(opts({ onProgress: (m: string) => progress.push(m) }));
    try {
      expect(session.packages).toEqual([
        { name: "junit-lib", version: "1.2-r0" },
        { name: "junit-runner", version: "1.0-r0" },
      ]);
      const r = await runCaptured(
        {
          argv: [
            "/bin/sh",
            "-c",
            "mkdir -p /work && cd /work && junit-runner junit.xml && cat /usr/share/junit-lib/VERSION",
          ],
          outputs: { name: "t", dir: out, patterns: ["/work/junit.xml"] },
        },
        session,
      );
      expect(r.stdout).toBe("1 test passed\n1.2\n");
      expect(r.packages?.map((p) => p.name)).toEqual(["junit-lib", "junit-runner"]);
      expect(readFileSync(join(out, "t/work/junit.xml"), "utf8")).toMatch(/<testcase name="works"\/>/);
    } finally {
      await session.close();
    }
    expect(progress.filter((m) => m.startsWith("installing"))).toEqual([
      "installing junit-runner into the package layer",
    ]);
    expect(indexFetches(start)).toEqual([expect.stringMatching(`/signed/${ARCH}/APKINDEX.tar.gz$`)]);
    // once: the next session uses the cached layer, without fetching the index again (fetched just now)
    const beforeSecond = server.requests.length;
    const again: string[] = [];
    const second = await openSession(opts({ onProgress: (m: string) => again.push(m) }));
    try {
      expect(again.filter((m) => m.startsWith("installing"))).toEqual([]);
      expect(indexFetches(beforeSecond)).toEqual([]);
      const r = await runCaptured({ argv: ["junit-runner", "/tmp/j.xml"] }, second);
      expect(r.stdout).toBe("1 test passed\n");
    } finally {
      await second.close();
    }
    expect(leftovers()).toEqual([]);
  });

  it("refuses an unsigned index unless untrusted repositories are allowed", async () => {
    await expect(openSession(opts({ repositories: [`${server.url}/unsigned`] }))).rejects.toThrow(
      /unsigned or signed by an untrusted key/,
    );
    // the signed one without its key is untrusted too
    await expect(openSession(opts({ repositoryKeys: [] }))).rejects.toThrow(/untrusted key/);
    const session = await openSession(
      opts({ repositories: [`${server.url}/unsigned`], allowUntrusted: true }),
    );
    try {
      const r = await runCaptured({ argv: ["cat", "/usr/share/junit-lib/VERSION"] }, session);
      expect(r.stdout).toBe("1.2\n");
    } finally {
      await session.close();
    }
  });

  it("names an unknown package", async () => {
    await expect(openSession(opts({ packages: ["junit-runner", "no-such-pkg"] }))).rejects.toThrow(
      /package 'no-such-pkg' is not in the repositories/,
    );
  });

  it("never lets a repository redirect a staged package or its index to another origin on this host", async () => {
    // A service only this host reaches (stands for 169.254.169.254 and the like): never asked.
    const internal = await startMirror(repo.root, { files: { "/secret": "internal only\n" } });
    const secret = `http://127.0.0.1:${new URL(internal.url).port}/secret`;
    const apk = `/alpine/signed/${ARCH}/junit-lib-1.2-r0.apk`;
    const mirrors: Mirror[] = [];
    const redirecting = async (from: string, to: string) => {
      const m = await startMirror(repo.root, {
        redirect: { [from]: to },
        files: { "/alpine/moved.apk": readFileSync(join(repo.root, "signed", ARCH, "junit-lib-1.2-r0.apk")) },
      });
      mirrors.push(m);
      return opts({ repositories: [`${m.url}/signed`] });
    };
    try {
      // Within the repository's own origin a redirect goes where it says.
      const session = await openSession(await redirecting(apk, "/alpine/moved.apk"));
      expect(session.packages?.map((p) => p.name)).toEqual(["junit-lib", "junit-runner"]);
      await session.close();
      const refused = `redirected to ${secret}, another origin at a loopback address (127.0.0.1): refused (tried 1 time)`;
      const staged = await redirecting(apk, secret);
      await expect(openSession(staged)).rejects.toThrow(
        `cannot download ${staged.repositories?.[0]}/${ARCH}/junit-lib-1.2-r0.apk: ${refused}`,
      );
      const index = await redirecting(`/alpine/signed/${ARCH}/APKINDEX.tar.gz`, secret);
      await expect(openSession(index)).rejects.toThrow(
        `cannot read the index of ${index.repositories?.[0]}: cannot download ${index.repositories?.[0]}/${ARCH}/APKINDEX.tar.gz: ${refused}`,
      );
      expect(internal.requests).toEqual([]);
    } finally {
      await Promise.all([internal, ...mirrors].map((m) => m.close()));
    }
    expect(leftovers()).toEqual([]);
  });

  it("never reads the layer's apk database through a link an install script made to a host path", async () => {
    mkdirSync(hostDb, { recursive: true });
    writeFileSync(join(hostDb, "installed"), "P:read-from-the-host\nV:6.6.6-r0\n\n");
    await expect(openSession(opts({ packages: ["hl-dblink"] }))).rejects.toThrow(
      "the apk database of the package layer (lib/apk/db/installed) is a symbolic link or lies under one",
    );
    expect(listCache(cacheDir).filter((e) => e.packages?.includes("hl-dblink"))).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it("installs a package whose script leaves names that are not UTF-8: cleared, recorded and checked by their bytes", async () => {
    const progress: string[] = [];
    const o = opts({ packages: ["hl-nonutf8"], onProgress: (m: string) => progress.push(m) });
    const session = await openSession(o);
    try {
      const r = await runCaptured(
        { argv: ["/bin/sh", "-c", "cd /usr/share/hl-dir-* && stat -c %a f-* && cat f-*"] },
        session,
      );
      expect(r.stdout, r.stderr).toBe("755\nhi\n");
    } finally {
      await session.close();
    }
    expect(progress).toContain("cleared the setuid/setgid bits of 1 packaged files");
    const entry = listCache(cacheDir).find((e) => e.packages?.join(" ") === "hl-nonutf8");
    const dir = Buffer.from(join(entry?.dir as string, "layer", "usr", "share", "hl-dir-\xff"), "latin1");
    expect(readdirSync(dir, { encoding: "buffer" })).toEqual([Buffer.from("f-\xfe", "latin1")]);
    // the next session finds the layer whole (each entry lstat'ed by its bytes), and so does verify
    progress.length = 0;
    await (await openSession(o)).close();
    expect(progress.filter((m) => m.startsWith("installing") || m.includes("damaged"))).toEqual([]);
    expect(verifyCache(cacheDir).find((x) => x.entry.dir === entry?.dir)?.damage).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it("installs a package that ships setuid and setgid files, their bits cleared in the layer", async () => {
    const progress: string[] = [];
    const session = await openSession(
      opts({ packages: ["setid-tools"], onProgress: (m: string) => progress.push(m) }),
    );
    try {
      const r = await runCaptured(
        {
          argv: [
            "/bin/sh",
            "-c",
            "cd /usr/lib/setid-tools && stat -c '%a %n' . suid-runner sgid-runner && ./suid-runner /tmp/a.xml && ./sgid-runner /tmp/b.xml",
          ],
        },
        session,
      );
      expect(r.stdout, r.stderr).toBe(
        "755 .\n755 suid-runner\n755 sgid-runner\n1 test passed\n1 test passed\n",
      );
      // Only the install sandbox may set the bits: a command still gets EPERM.
      const c = await runCaptured(
        {
          argv: [
            "/bin/sh",
            "-c",
            "cp /usr/lib/setid-tools/suid-runner /tmp/x; chmod u+s /tmp/x; stat -c %a /tmp/x",
          ],
        },
        session,
      );
      expect(c.stdout).toBe("755\n");
      expect(c.stderr).toMatch(/Operation not permitted/);
    } finally {
      await session.close();
    }
    expect(progress).toContain("cleared the setuid/setgid bits of 3 packaged files");
    // On the host no entry of the cached layer has either bit (they would be the sandboxes' uid's).
    const key = readdirSync(join(cacheDir, "packages")).find((n) => {
      if (!/^[0-9a-f]{64}$/.test(n)) return false;
      const meta = JSON.parse(readFileSync(join(cacheDir, "packages", n, "meta.json"), "utf8"));
      return meta.packages.join(" ") === "setid-tools";
    });
    const layer = join(cacheDir, "packages", key as string, "layer");
    const modes = new Map<string, number>();
    const walk = (rel: string) => {
      const st = lstatSync(join(layer, rel));
      modes.set(rel, st.mode & 0o7777);
      if (st.isDirectory()) for (const n of readdirSync(join(layer, rel))) walk(rel ? `${rel}/${n}` : n);
    };
    walk("");
    expect(modes.get("usr/lib/setid-tools/suid-runner")).toBe(0o755);
    expect(modes.get("usr/lib/setid-tools/sgid-runner")).toBe(0o755);
    expect([...modes].filter(([, m]) => m & 0o6000)).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it("stops at once on an abort during the install: nothing committed, nothing left behind", async () => {
    const abort = new AbortController();
    let abortedAt = 0;
    const onProgress = (m: string) => {
      // zslow's post-install sleeps 60 s: a second into the install, apk is in it
      if (m.startsWith("installing"))
        setTimeout(() => {
          abortedAt = Date.now();
          abort.abort("SIGTERM");
        }, 1000);
    };
    const opening = openSession(opts({ packages: ["zslow"], signal: abort.signal, onProgress }));
    await expect(opening).rejects.toBeInstanceOf(CancelledError);
    expect(abortedAt).toBeGreaterThan(0);
    expect(Date.now() - abortedAt).toBeLessThan(5000);
    expect(listCache(cacheDir).filter((e) => e.packages?.includes("zslow"))).toEqual([]);
    expect(readdirSync(cacheDir).filter((n) => n.startsWith(".tmp-"))).toEqual([]);
    expect(readdirSync(join(cacheDir, "scratch"))).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it("the CLI stopped by SIGTERM during the install exits 143 at once", async () => {
    const argv = [
      cli,
      "run",
      ...["--mirror", inject("mirrorUrl"), "--cache-dir", cacheDir, "--alpine", "3.20"],
      ...["--packages", "zslow", "--repository", `${server.url}/signed`, "--repository-key", repo.keyFile],
      ...["--", "echo", "CMD-RAN"],
    ];
    let signalledAt = 0;
    // Asynchronously: the repository is served by this process.
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, argv, { stdio: ["ignore", "pipe", "pipe"] });
      const bound = setTimeout(() => child.kill("SIGKILL"), 30_000); // the install would take 60 s
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => {
        stderr += d;
        if (!signalledAt && stderr.includes("installing zslow")) {
          signalledAt = Date.now();
          setTimeout(() => child.kill("SIGTERM"), 1000);
        }
      });
      child.on("close", (code) => {
        clearTimeout(bound);
        resolve({ code, stdout, stderr });
      });
    });
    expect(r.code, r.stderr).toBe(143);
    expect(Date.now() - signalledAt).toBeLessThan(6000);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("stopped by SIGTERM before the command started");
    expect(listCache(cacheDir).filter((e) => e.packages?.includes("zslow"))).toEqual([]);
    expect(readdirSync(cacheDir).filter((n) => n.startsWith(".tmp-"))).toEqual([]);
  });

  /** `nsbox run` of `packages` from the test repository, as a child (the repository is served here). */
  const startCli = (packages: string, onStderr: (stderr: string) => void = () => {}) => {
    const argv = [
      cli,
      "run",
      ...["--mirror", inject("mirrorUrl"), "--cache-dir", cacheDir, "--alpine", "3.20"],
      ...["--packages", packages, "--repository", `${server.url}/signed`, "--repository-key", repo.keyFile],
      ...["--", "cat", `/usr/share/${packages}`],
    ];
    return spawnWatched([process.execPath, ...argv], onStderr);
  };

  // /etc/apk/keys holds one file of each name: a key named like one of Alpine's would replace it there,
  // and apk would trust it under Alpine's name (and no longer verify Alpine's own indexes).
  it("refuses a key of another content named like the rootfs's own Alpine key; that very key is accepted", async () => {
    const alpineName = "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub";
    const clashDir = join(work, "clash");
    mkdirSync(clashDir, { recursive: true });
    const clash = join(clashDir, alpineName);
    execFileSync("openssl", ["genrsa", "-out", join(clashDir, "priv.pem"), "2048"], { stdio: "ignore" });
    execFileSync("openssl", ["rsa", "-in", join(clashDir, "priv.pem"), "-pubout", "-out", clash], {
      stdio: "ignore",
    });
    const withKeys = (...keys: string[]) => [
      process.execPath,
      cli,
      "run",
      ...["--mirror", inject("mirrorUrl"), "--cache-dir", cacheDir, "--alpine", "3.20"],
      // A package of its own: the layer of a key set of its own is no other case's junit-runner layer.
      ...["--packages", "zprov-b", "--repository", `${server.url}/signed`],
      ...keys.flatMap((k) => ["--repository-key", k]),
      ...["--", "cat", "/usr/share/zprov-b"],
    ];
    const layers = () => listCache(cacheDir).filter((e) => e.kind === "packages").length;
    const before = layers();
    const refused = await spawnWatched(withKeys(repo.keyFile, clash)).done;
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr.replace(/^nsbox: (resolving|downloading|extracting|Alpine) .*\n/gm, "")).toBe(
      `nsbox: repository-key: '${clash}' is another key of the same name as the rootfs's own key ${alpineName}, which it would replace; give your key the name the repository's index is signed under (apk finds a key by that name), and if that is ${alpineName}, sign the index again with a key pair of a name of its own\n`,
    );
    expect(layers()).toBe(before); // refused before any install
    // The rootfs's own key, byte for byte (from the cached tree): copying it over itself changes nothing.
    const tree = readdirSync(join(cacheDir, "rootfs")).find((n) => /^[0-9a-f]{64}-\d+$/.test(n));
    const same = join(work, "same", alpineName);
    mkdirSync(dirname(same), { recursive: true });
    copyFileSync(join(cacheDir, "rootfs", tree as string, "etc/apk/keys", alpineName), same);
    const ok = await spawnWatched(withKeys(repo.keyFile, same)).done;
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe("zprov-b\n");
  });

  it("runs started together with the same packages install them once; the others wait and use that layer", async () => {
    const from = server.requests.length;
    // zpause's post-install sleeps 2 s: the three runs overlap in it.
    const runs = await Promise.all([1, 2, 3].map(() => startCli("zpause").done));
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe("zpause\n");
    }
    const said = (text: string) => runs.filter((r) => r.stderr.includes(text)).length;
    expect(said("installing zpause into the package layer")).toBe(1);
    expect(said("waiting for another nsbox process installing the same package layer")).toBe(2);
    expect(server.requests.slice(from).filter((p) => p.endsWith("/zpause-1-r0.apk"))).toHaveLength(1);
    expect(listCache(cacheDir).filter((e) => e.packages?.includes("zpause"))).toHaveLength(1);
  });

  it("a run waiting for another's install stops at once on SIGTERM (exit 143)", async () => {
    let installing = false;
    const holder = startCli("zslow", (stderr) => {
      installing ||= stderr.includes("installing zslow");
    });
    try {
      // The holder is in zslow's 60 s post-install: a second run now waits for it.
      await until(() => installing || holder.child.exitCode !== null, 30_000);
      expect(installing).toBe(true);
      let waiting = false;
      const waiter = startCli("zslow", (stderr) => {
        if (waiting || !stderr.includes("waiting for another nsbox process installing")) return;
        waiting = true;
        waiter.child.kill("SIGTERM");
      });
      const r = await waiter.done;
      expect(r.code, r.stderr).toBe(143);
      expect(waiting).toBe(true);
      expect(holder.child.exitCode).toBeNull(); // it did not wait for the holder's 60 s install
      expect(r.stderr).toContain("stopped by SIGTERM before the command started");
    } finally {
      holder.child.kill("SIGTERM");
      await holder.done;
    }
    expect(listCache(cacheDir).filter((e) => e.packages?.includes("zslow"))).toEqual([]);
    expect(readdirSync(cacheDir).filter((n) => n.startsWith(".tmp-"))).toEqual([]);
  });

  it("stages what apk's dry run names when the guess from the index missed a package", async () => {
    // The host-side guess takes the highest-priority provider; apk must take the other one (conflict).
    const index = readFileSync(join(repo.root, "signed", ARCH, "APKINDEX.tar.gz"));
    const guess = guessFetches(["zapp", "zpin"], readIndexEntries(index), []);
    expect(guess).toContain("zprov-a-1-r0");
    expect(guess).not.toContain("zprov-b-1-r0");
    const before = server.requests.length;
    const session = await openSession(opts({ packages: ["zapp", "zpin"] }));
    try {
      expect(session.packages?.map((p) => p.name)).toEqual(["zapp", "zpin", "zprov-b"]);
      // the retry fetched only what the guess had not staged: no file twice
      const apks = server.requests.slice(before).filter((r) => r.endsWith(".apk"));
      expect(apks.map((r) => r.split("/").at(-1)).sort()).toEqual(
        ["zapp", "zpin", "zprov-a", "zprov-b"].map((n) => `${n}-1-r0.apk`),
      );
      const r = await runCaptured({ argv: ["cat", "/usr/share/zprov-b"] }, session);
      expect(r.stdout).toBe("zprov-b\n");
    } finally {
      await session.close();
    }
    expect(leftovers()).toEqual([]);
  });

  it("makes no guess from an index with more entries than the host reads: apk's dry run names the files", async () => {
    // 250 001 entries (Alpine's largest index has ~25k): the host stops counting and guesses nothing.
    const pad = Array.from({ length: 250_001 }, (_, i) => `P:pad-${i}\nV:1-r0\n\n`).join("");
    paddedRepo(repo, "padded", `\n${pad}`);
    const url = `${server.url}/padded`;
    const before = server.requests.length;
    const progress: string[] = [];
    const session = await openSession(
      opts({
        repositories: [url],
        repositoryKeys: [],
        allowUntrusted: true,
        onProgress: (m) => progress.push(m),
      }),
    );
    try {
      expect(session.packages?.map((p) => p.name)).toEqual(["junit-lib", "junit-runner"]);
    } finally {
      await session.close();
    }
    expect(progress).toContain(
      `the index of ${url} is too large to read on the host (it has over 250000 entries); apk names the files to download`,
    );
    // the dry run ran before the one install: each file fetched once, no install failed for a missing one
    const apks = server.requests.slice(before).filter((r) => r.endsWith(".apk"));
    expect(apks.map((r) => r.split("/").at(-1)).sort()).toEqual([
      "junit-lib-1.2-r0.apk",
      "junit-runner-1.0-r0.apk",
    ]);
    expect(leftovers()).toEqual([]);
  });

  // A repository dir can come from a checkout (git carries symbolic links): its index is read on the host
  // only as a regular file within the size cap. Before, a link to /dev/zero grew the CLI by ~1 GB a second
  // and a fifo blocked it forever: the child runs under a 2 GiB address-space limit and a 20 s bound.
  it.each([
    [
      "a symbolic link to /dev/zero",
      (f: string) => symlinkSync("/dev/zero", f),
      "is or lies under a symbolic link; put the index file itself there",
    ],
    [
      "under a symbolic link to another dir (its arch dir)",
      (f: string) => {
        const elsewhere = mkdtempSync(join(work, "elsewhere-"));
        writeFileSync(join(elsewhere, "APKINDEX.tar.gz"), "");
        rmdirSync(dirname(f));
        symlinkSync(elsewhere, dirname(f));
      },
      "is or lies under a symbolic link; put the index file itself there",
    ],
    ["a fifo", (f: string) => execFileSync("mkfifo", [f]), "is not a regular file; put the index file there"],
  ])("refuses a local repository whose index is %s, at once (exit 125)", (_, plant, why) => {
    const dir = mkdtempSync(join(work, "odd-index-"));
    mkdirSync(join(dir, ARCH));
    plant(join(dir, ARCH, "APKINDEX.tar.gz"));
    const argv = [
      ...["run", "--mirror", inject("mirrorUrl"), "--cache-dir", cacheDir, "--alpine", "3.20"],
      ...["--packages", "junit-runner", "--repository", dir, "--", "true"],
    ];
    const r = spawnSync("prlimit", [`--as=${2 * 1024 ** 3}`, process.execPath, cli, ...argv], {
      encoding: "utf8",
      timeout: 20_000,
      killSignal: "SIGKILL",
    });
    expect(r.status, r.stderr).toBe(125);
    expect(r.stderr.trim().split("\n").at(-1)).toBe(
      `nsbox: cannot read the index of ${dir}: its ${ARCH}/APKINDEX.tar.gz ${why}`,
    );
  });

  it("names a damaged cached layer, removes it and installs it again", async () => {
    // The first case left the layer opts() uses (other cases left layers of other requests): cut the
    // runner's binary out of it.
    const mine = readdirSync(join(cacheDir, "packages")).filter((n) => {
      if (!/^[0-9a-f]{64}$/.test(n)) return false;
      const meta = JSON.parse(readFileSync(join(cacheDir, "packages", n, "meta.json"), "utf8"));
      return (
        JSON.stringify([meta.packages, meta.repositories]) ===
        JSON.stringify([opts().packages, opts().repositories])
      );
    });
    expect(mine).toHaveLength(1);
    const binary = join(cacheDir, "packages", mine[0] as string, "layer", "usr", "bin", "junit-runner");
    expect(existsSync(binary), "the first case's layer holds the runner").toBe(true);
    rmSync(binary);
    const progress: string[] = [];
    const session = await openSession(opts({ onProgress: (m: string) => progress.push(m) }));
    try {
      expect(progress.join("\n")).toMatch(
        /package layer \w+ is damaged \(usr\/bin\/junit-runner is missing\); removing it/,
      );
      const r = await runCaptured({ argv: ["junit-runner", "/tmp/j.xml"] }, session);
      expect(r.stdout).toBe("1 test passed\n");
    } finally {
      await session.close();
    }
    expect(existsSync(binary)).toBe(true);
  });

  it("nsbox cache list, verify and prune know package layers; a use marks the layer used", async () => {
    const packagesDir = join(cacheDir, "packages");
    const layers = () => listCache(cacheDir).filter((e) => e.kind === "packages");
    const mine = layers().find(
      (e) => e.source === `${server.url}/signed` && JSON.stringify(e.packages) === '["junit-runner"]',
    );
    expect(mine).toMatchObject({ version: expect.stringMatching(/^3\.20\./), arch: ARCH });
    expect(mine?.bytes).toBeGreaterThan(0);
    const dir = mine?.dir as string;
    const manifest = join(dir, "manifest.json");

    // a use (a session's cache hit) marks it used
    const hoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(manifest, hoursAgo, hoursAgo);
    const session = await openSession(opts());
    await session.close();
    expect(statSync(manifest).mtimeMs).toBeGreaterThan(Date.now() - 60_000);

    // a copy of it (same branch, arch, tree, packages, repositories) last used hours ago goes
    const stale = join(packagesDir, "f".repeat(64));
    execFileSync("cp", ["-a", dir, stale]);
    utimesSync(join(stale, "manifest.json"), hoursAgo, hoursAgo);
    expect((await pruneCache(cacheDir)).map((e) => e.dir)).toEqual([stale]);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(dir)).toBe(true);

    // verify hashes every file: a same-size change is found, and that layer removed
    const damaged = join(packagesDir, "e".repeat(64));
    execFileSync("cp", ["-a", dir, damaged]);
    const binary = join(damaged, "layer/usr/bin/junit-runner");
    const body = readFileSync(binary);
    body[0] = (body[0] as number) ^ 1;
    writeFileSync(binary, body);
    const reports = verifyCache(cacheDir).filter((r) => r.entry.kind === "packages");
    expect(reports.find((r) => r.entry.dir === damaged)?.damage).toEqual([
      "usr/bin/junit-runner's content changed",
    ]);
    expect(reports.find((r) => r.entry.dir === dir)?.damage).toEqual([]);
    expect(existsSync(damaged)).toBe(false);
    expect(existsSync(dir)).toBe(true);
  });

  it("prune keeps the tree and layer a live session stands on, however long ago it opened", async () => {
    const hoursAgo = new Date(Date.now() - 2 * 3600_000);
    const session = await openSession(opts());
    const tree = (session as unknown as { ctx: SandboxContext }).ctx.rootfsDir;
    const layer = listCache(cacheDir).find(
      (e) => e.source === `${server.url}/signed` && JSON.stringify(e.packages) === '["junit-runner"]',
    )?.dir as string;
    // Newer copies of both (same branch, arch, id shift; same packages and repositories): the session's
    // own entries, their marks made two hours old, are what a prune would drop.
    const treeCopy = join(tree, "..", `${"c".repeat(64)}${basename(tree).slice(64)}`);
    const layerCopy = join(cacheDir, "packages", "d".repeat(64));
    execFileSync("cp", ["-a", tree, treeCopy]);
    copyFileSync(`${tree}.manifest.json`, `${treeCopy}.manifest.json`);
    execFileSync("cp", ["-a", layer, layerCopy]);
    const age = () => {
      utimesSync(`${tree}.manifest.json`, hoursAgo, hoursAgo);
      utimesSync(join(layer, "manifest.json"), hoursAgo, hoursAgo);
    };
    try {
      age();
      expect(await pruneCache(cacheDir)).toEqual([]);
      const r = await runCaptured({ argv: ["junit-runner", "/tmp/j.xml"] }, session);
      expect(r.stdout).toBe("1 test passed\n");
    } finally {
      await session.close();
    }
    age();
    expect((await pruneCache(cacheDir)).map((e) => e.dir).sort()).toEqual([tree, layer].sort());
    expect(existsSync(tree) || existsSync(layer)).toBe(false);
    // The copies take their places: the cache is as the other cases expect it.
    renameSync(treeCopy, tree);
    renameSync(`${treeCopy}.manifest.json`, `${tree}.manifest.json`);
    renameSync(layerCopy, layer);
  });

  it("sets the install sandbox up before the index is read and lets it go once staged; a late hit discards it", async () => {
    const session = await openSession({ cacheDir });
    try {
      const ctx = (session as unknown as { ctx: SandboxContext }).ctx;
      const own = join(work, "prepare-cache"); // empty: the first call installs
      const req = {
        packages: ["junit-runner"],
        repositories: [`${server.url}/signed`],
        keys: [repo.keyFile],
        allowUntrusted: false,
        alpine: session.alpine,
        arch: ARCH,
        cacheDir: own,
        rootfsDir: ctx.rootfsDir,
      };
      let from = server.requests.length;
      const events: string[] = [];
      const later: string[] = [];
      const sandboxes: LayerSandboxes = {
        run: (o, i) => runInSandbox(ctx, o, i),
        prepare: (o, i) => {
          events.push(`prepare after ${server.requests.length - from} requests`);
          const prepared = prepareSandbox(ctx, o, i);
          return {
            start: () => {
              const asked = server.requests.slice(from).map((r) => r.split("/").pop());
              events.push(`start after ${asked.sort().join(" ")}`);
              return prepared.start();
            },
            discard: () => {
              events.push("discard");
              return prepared.discard();
            },
          };
        },
        removeLater: (dir) => {
          later.push(dir);
          expect(existsSync(dir)).toBe(true);
          void ctx.removals.defer(() => removeHostTreeLater(dir));
        },
      };
      const cold = await preparePackageLayer(req, sandboxes);
      expect(cold.cached).toBe(false);
      expect(events).toEqual([
        "prepare after 0 requests", // set up before the index was asked for
        "start after APKINDEX.tar.gz junit-lib-1.2-r0.apk junit-runner-1.0-r0.apk", // let go once staged
      ]);
      expect(later).toHaveLength(1); // the staged files and apk's scratch, removed off the path
      await ctx.removals.drain();
      expect(existsSync(later[0] as string)).toBe(false);

      // The index asked for again (its sha256 no longer remembered) and unchanged: the layer is a hit,
      // found after the install sandbox was set up, which is discarded; nothing of it stays.
      rmSync(join(own, "packages", "indexes.json"));
      events.length = 0;
      from = server.requests.length;
      const hit = await preparePackageLayer(req, sandboxes);
      expect(hit.cached).toBe(true);
      expect(events).toEqual(["prepare after 0 requests", "discard"]);
      expect(readdirSync(own).filter((n) => n.startsWith(".tmp-"))).toEqual([]);
    } finally {
      await session.close();
    }
    expect(leftovers()).toEqual([]);
  });

  it("installs the layer rootless too, as an unprivileged user, leaving no temp dir", async (ctx) => {
    const why = rootlessSkipReason();
    if (why) ctx.skip(why);
    const home = mkdtempSync(join(tmpdir(), "nsbox-apk-rootless-"));
    try {
      chownSync(home, 65534, 65534);
      const key = join(home, basename(repo.keyFile)); // the user's own copy: work/ is not theirs to read
      copyFileSync(repo.keyFile, key);
      chmodSync(key, 0o644);
      const cacheDir = join(home, "cache");
      const argv = [
        cli,
        "run",
        ...["--mirror", inject("mirrorUrl"), "--cache-dir", cacheDir, "--alpine", "3.20"],
        ...["--packages", "junit-runner", "--repository", `${server.url}/signed`, "--repository-key", key],
        ...["--", "junit-runner", "/tmp/j.xml"],
      ];
      // Asynchronously: the repository is served by this process.
      const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, argv, {
          uid: 65534,
          gid: 65534,
          env: { PATH: process.env.PATH, HOME: home },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("close", (code) => resolve({ code, stdout, stderr }));
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("installing junit-runner into the package layer");
      expect(r.stdout).toBe("1 test passed\n");
      expect(readdirSync(join(cacheDir, "packages")).filter((n) => /^[0-9a-f]{64}$/.test(n))).toHaveLength(1);
      expect(readdirSync(cacheDir).filter((n) => n.startsWith(".tmp-"))).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("a repository is one layer whatever its spelling; a relative one is the cwd's", async () => {
    const a = join(work, "spell-a");
    const b = join(work, "spell-b");
    const link = join(work, "spell-link");
    mkdirSync(a);
    execFileSync("cp", ["-a", join(repo.root, "signed"), join(a, "repo")]);
    mkdirSync(join(b, "repo", ARCH), { recursive: true }); // a repository without an index
    symlinkSync(join(a, "repo"), link);
    const progress: string[] = [];
    const open = async (repositories: string[]) =>
      (await openSession(opts({ repositories, onProgress: (m: string) => progress.push(m) }))).close();
    const cwd = process.cwd();
    try {
      process.chdir(a);
      const dir = join(a, "repo");
      // "repo" as the README promises: a path without a URL scheme is a directory path, not only "./repo"
      for (const r of [[dir], [`${dir}/`], ["./repo"], ["repo"], [link], ["./repo", `${dir}//`]])
        await open(r);
      const url = `${server.url}/signed`; // the first case's layer
      await open([`${url}/`, url]);
      expect(progress.filter((m) => m.startsWith("installing"))).toEqual([
        "installing junit-runner into the package layer",
      ]);
      expect(listCache(cacheDir).filter((e) => e.source?.includes("spell-"))).toEqual([
        expect.objectContaining({ source: realpathSync(dir) }),
      ]);
      // ./repo typed elsewhere is another repository: not the layer of spell-a's
      process.chdir(b);
      await expect(openSession(opts({ repositories: ["./repo"] }))).rejects.toThrow(
        `cannot read the index of ${realpathSync(join(b, "repo"))}: it has no APKINDEX.tar.gz for ${ARCH} (ENOENT)`,
      );
    } finally {
      process.chdir(cwd);
    }
  });

  it("a local repository beside an http one: the http index is not fetched again within 10 minutes", async () => {
    const local = join(work, "local-signed");
    execFileSync("cp", ["-a", join(repo.root, "signed"), local]);
    const mixed = opts({ repositories: [`${server.url}/signed`, local] });
    await (await openSession(mixed)).close();
    const before = server.requests.length;
    await (await openSession(mixed)).close();
    expect(server.requests.slice(before).filter((r) => r.endsWith("/APKINDEX.tar.gz"))).toEqual([]);
    // the local index is read every time: a changed one is another layer at once
    copyFileSync(join(repo.root, "unsigned", ARCH, "APKINDEX.tar.gz"), join(local, ARCH, "APKINDEX.tar.gz"));
    const progress: string[] = [];
    await (await openSession({ ...mixed, onProgress: (m: string) => progress.push(m) })).close();
    expect(progress).toContain("installing junit-runner into the package layer");
  });

  it("falls back only to a cached layer verified at least as strictly as the request", async () => {
    // Copies of the repositories that go away once their layers are built (their indexes then 404).
    for (const r of ["unsigned", "signed"])
      execFileSync("cp", ["-a", join(repo.root, r), join(repo.root, `gone-${r}`)]);
    const untrusted = opts({
      repositories: [`${server.url}/gone-unsigned`],
      repositoryKeys: [],
      allowUntrusted: true,
    });
    const keyed = opts({ repositories: [`${server.url}/gone-signed`] });
    await (await openSession(untrusted)).close();
    await (await openSession(keyed)).close();
    for (const r of ["unsigned", "signed"]) rmSync(join(repo.root, `gone-${r}`), { recursive: true });
    rmSync(join(cacheDir, "packages", "indexes.json")); // as if fetched long ago: the index is asked for
    const falls = async (o: typeof untrusted) => {
      const progress: string[] = [];
      await (await openSession({ ...o, onProgress: (m: string) => progress.push(m) })).close();
      return progress.some((m) => m.includes("; using the cached package layer of"));
    };
    const gone = /cannot read the index of .*gone-(un)?signed/;
    // an untrusted layer: not for a request that does not allow that
    await expect(openSession({ ...untrusted, allowUntrusted: false })).rejects.toThrow(gone);
    expect(await falls(untrusted)).toBe(true);
    // a layer verified by a key: not for a request without that key
    await expect(openSession({ ...keyed, repositoryKeys: [] })).rejects.toThrow(gone);
    expect(await falls(keyed)).toBe(true);
    // an older nsbox's layer says neither: as good as untrusted
    const meta = listCache(cacheDir).find((e) => e.source === `${server.url}/gone-signed`)?.dir as string;
    const {
      keys: _k,
      allowUntrusted: _a,
      ...old
    } = JSON.parse(readFileSync(join(meta, "meta.json"), "utf8"));
    writeFileSync(join(meta, "meta.json"), JSON.stringify(old));
    await expect(openSession(keyed)).rejects.toThrow(gone);
    expect(await falls({ ...keyed, allowUntrusted: true })).toBe(true);
  });

  it("a second run works from the cache with the repository gone", async () => {
    await server.close();
    rmSync(join(cacheDir, "packages", "indexes.json"), { force: true }); // as if fetched long ago: the index is asked for
    const session = await openSession(opts());
    try {
      const r = await runCaptured({ argv: ["junit-runner", "/tmp/j.xml"] }, session);
      expect(r.stdout).toBe("1 test passed\n");
    } finally {
      await session.close();
    }
    // `prune --all` empties the cache, package layers included
    expect(listCache(cacheDir).some((e) => e.kind === "packages")).toBe(true);
    await pruneCache(cacheDir, { all: true });
    expect(listCache(cacheDir)).toEqual([]);
    expect(readdirSync(join(cacheDir, "packages"))).toEqual([]);
    expect(readdirSync(join(cacheDir, "locks"))).toEqual([]); // no process prepares anything now
  });
});
