import { describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args";
import { cliErrorText } from "../../src/cli/hints";
import { parseMount } from "../../src/cli/run-args";
import { UsageError } from "../../src/engine/types";

/** The UsageError fn throws, as the CLI prints it. */
function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return cliErrorText(err);
  }
  throw new Error("expected a UsageError");
}

describe("nsbox run arguments", () => {
  it("parses options, the -- separator and the command", () => {
    const c = parseArgs([
      "run",
      "--alpine",
      "3.20",
      "--mount",
      "/a:/b:rw",
      "--env",
      "A=1",
      "--env=B=x=y",
      "--memory",
      "64M",
      "--pids=32",
      "--cpus",
      "0.5",
      "--timeout",
      "1500ms",
      "--json",
      "--",
      "sh",
      "-c",
      "echo hi",
    ]);
    if (c.kind !== "run") throw new Error("not run");
    expect(c.json).toBe(true);
    expect(c.options.argv).toEqual(["sh", "-c", "echo hi"]);
    expect(c.options.alpine).toBe("3.20");
    expect(c.options.mounts).toEqual([{ source: "/a", target: "/b", mode: "rw" }]);
    expect(c.options.env).toEqual({ A: "1", B: "x=y" });
    expect(c.options.limits).toEqual({ memoryBytes: 64 * 1024 * 1024, pids: 32, cpus: 0.5, timeoutMs: 1500 });
  });

  it("stops option parsing at the first word of the command", () => {
    const c = parseArgs(["run", "ls", "--json"]);
    expect(c.kind === "run" && c.options.argv).toEqual(["ls", "--json"]);
    expect(c.kind === "run" && c.json).toBe(false);
  });

  it("rejects bad input with one sentence naming the value", () => {
    expect(usage(() => parseArgs(["run", "--memory", "12XB", "--", "true"]))).toBe(
      "memory: '12XB' is not a size; use 512M or 2G",
    );
    expect(usage(() => parseArgs(["run", "--network", "bridge", "--", "true"]))).toBe(
      "network: 'bridge' is not a network mode; use none or nat",
    );
    expect(usage(() => parseArgs(["run", "--frobnicate", "--", "true"]))).toContain("'--frobnicate'");
    expect(usage(() => parseArgs(["run", "--json"]))).toContain("no command given");
    expect(usage(() => parseArgs(["run", "--memory"]))).toBe("--memory needs a value; see nsbox help");
    expect(usage(() => parseArgs(["explode"]))).toContain("'explode' is not an nsbox command");
    expect(usage(() => parseArgs(["run", "--workdir", "rel", "--", "true"]))).toContain("'rel'");
    expect(usage(() => parseArgs(["run", "--hostname", "bad_name!", "--", "true"]))).toContain("'bad_name!'");
    expect(
      usage(() => parseArgs(["run", "--network", "nat", "--max-connections", "many", "--", "true"])),
    ).toBe("max-connections: 'many' is not a count; use a whole number like 64");
    expect(
      usage(() => parseArgs(["run", "--network", "nat", "--max-connections", "1000001", "--", "true"])),
    ).toBe("max-connections: 1000001 is out of range; use a whole number from 1 to 1000000");
    const capped = parseArgs(["run", "--network", "nat", "--max-connections", "100", "--", "true"]);
    expect(capped.kind === "run" && capped.options.maxConnections).toBe(100);
    expect(usage(() => parseArgs(["run", "--memory", "1G", "--memory", "2G", "--", "true"]))).toContain(
      "given 2 times",
    );
  });

  it("parses mounts, env pairs and hostnames strictly", () => {
    expect(parseMount("/src:/work")).toEqual({ source: "/src", target: "/work", mode: "ro" });
    expect(parseMount("/src:/work:overlay").mode).toBe("overlay");
    expect(usage(() => parseMount("/src"))).toContain("HOST:DEST");
    expect(usage(() => parseMount("/src:work"))).toContain("absolute");
    expect(usage(() => parseMount("/src:/work:rwx"))).toContain("'rwx'");
    const run = (...opts: string[]) => parseArgs(["run", ...opts, "--", "true"]);
    const options = (c: ReturnType<typeof parseArgs>) => (c.kind === "run" ? c.options : null);
    expect(options(run("--env", "A=", "--env", "B_2=v"))?.env).toEqual({ A: "", B_2: "v" });
    expect(usage(() => run("--env", "=v"))).toBe("env: '=v' is not K=V; use --env NAME=value");
    expect(usage(() => run("--env=1A=v"))).toContain("'1A=v'");
    expect(options(run("--hostname", "box-1"))?.hostname).toBe("box-1");
    expect(usage(() => run("--hostname", "box_1"))).toMatch(/^hostname: 'box_1' .*; use --hostname/);
  });

  it("knows help, version and cleanup", () => {
    expect(parseArgs([]).kind).toBe("help");
    expect(parseArgs(["--version"]).kind).toBe("version");
    expect(parseArgs(["cleanup"]).kind).toBe("cleanup");
  });
});

describe("nsbox run: terminal, escaped mounts, nat-only options, cleanup", () => {
  it("-t/--tty and -T/--no-tty; neither leaves it to stdin", () => {
    const tty = (args: string[]) => {
      const c = parseArgs(["run", ...args, "--", "sh"]);
      return c.kind === "run" ? c.tty : "not run";
    };
    expect(tty(["-t"])).toBe(true);
    expect(tty(["--tty"])).toBe(true);
    expect(tty(["-T"])).toBe(false);
    expect(tty(["--no-tty"])).toBe(false);
    expect(tty([])).toBeUndefined();
    expect(usage(() => parseArgs(["run", "-t", "--no-tty", "--", "sh"]))).toContain("both given");
  });

  it("'\\:' is a ':' of a path and '\\\\' a backslash", () => {
    expect(parseMount("/a\\:b:/c\\:d:rw")).toEqual({ source: "/a:b", target: "/c:d", mode: "rw" });
    expect(parseMount("/a\\\\b:/c")).toEqual({ source: "/a\\b", target: "/c", mode: "ro" });
    expect(usage(() => parseMount("/a\\b:/c"))).toContain("escapes neither");
  });

  it("refuses --allow, --dns and --pool without --network nat", () => {
    expect(usage(() => parseArgs(["run", "--dns", "1.1.1.1", "--", "true"]))).toContain("--network nat");
    const nat = parseArgs(["run", "--network", "nat", "--dns", "1.1.1.1", "--", "true"]);
    expect(nat.kind === "run" && nat.options.dns).toEqual(["1.1.1.1"]);
  });

  it("refuses --output-dir and --output-limit without --output, and the package options without --packages", () => {
    const run = (...opts: string[]) => parseArgs(["run", ...opts, "--", "true"]);
    expect(usage(() => run("--output-dir", "o"))).toBe(
      "output-dir: 'o' only applies with --output; add --output or drop --output-dir",
    );
    expect(usage(() => run("--output-limit=1M"))).toBe(
      "output-limit: '1M' only applies with --output; add --output or drop --output-limit",
    );
    expect(usage(() => run("--repository", "/r"))).toBe(
      "repository: '/r' only applies with --packages; add --packages or drop --repository",
    );
    expect(usage(() => run("--repository-key", "/k"))).toBe(
      "repository-key: '/k' only applies with --packages; add --packages or drop --repository-key",
    );
    expect(usage(() => run("--allow-untrusted"))).toBe(
      "allow-untrusted only applies with --packages; add --packages or drop --allow-untrusted",
    );
    const withThem = run("--output", "/o", "--output-dir", "d", "--packages", "git", "--allow-untrusted");
    expect(withThem.kind === "run" && withThem.options).toMatchObject({
      outputs: { dir: "d" },
      packages: ["git"],
      allowUntrusted: true,
    });
  });

  it("cleanup takes --cache-dir and --json only", () => {
    expect(parseArgs(["cleanup", "--cache-dir", "/c", "--json"])).toEqual({
      kind: "cleanup",
      json: true,
      cacheDir: "/c",
    });
    expect(parseArgs(["cleanup", "--cache-dir=/d"])).toEqual({
      kind: "cleanup",
      json: false,
      cacheDir: "/d",
    });
    expect(usage(() => parseArgs(["cleanup", "-x"]))).toContain("'-x'");
  });
});

describe("one option loop for every verb", () => {
  it("takes --name value and --name=value alike, and refuses a missing, empty or option-like value", () => {
    expect(parseArgs(["cache", "list", "--cache-dir=/c"])).toMatchObject({ kind: "cache", cacheDir: "/c" });
    expect(parseArgs(["cache", "prune", "--all", "--cache-dir", "/c"])).toMatchObject({
      all: true,
      cacheDir: "/c",
    });
    const cases: Array<[string[], string]> = [
      [["cleanup", "--cache-dir="], "--cache-dir needs a value, and '' is empty; give --cache-dir one"],
      [["cleanup", "--cache-dir", ""], "--cache-dir needs a value, and '' is empty; give --cache-dir one"],
      [
        ["cache", "list", "--cache-dir", "--json"],
        "--cache-dir needs a value, and '--json' is an option; give --cache-dir one",
      ],
      [
        ["cleanup", "--cache-dir=--json"],
        "--cache-dir needs a value, and '--json' is an option; give --cache-dir one",
      ],
      [["cache", "verify", "--cache-dir"], "--cache-dir needs a value; see nsbox help"],
      [["report", "--junit=", "d"], "--junit needs a file name, and '' is empty; give --junit one"],
      [
        ["report", "--out", "--json", "d"],
        "--out needs a file name, and '--json' is an option; give --out one",
      ],
      [
        ["run", "--workdir", "--memory", "1G", "--", "true"],
        "--workdir needs a value, and '--memory' is an option; give --workdir one",
      ],
      [["run", "--setup=", "--", "true"], "--setup needs a value, and '' is empty; give --setup one"],
      [["cleanup", "--json=yes"], "--json takes no value; give --json alone"],
      [
        ["run", "--best-effort=false", "--", "true"],
        "--best-effort takes no value; give --best-effort alone",
      ],
      [["cleanup", "--cache-dir", "/a", "--cache-dir", "/b"], "--cache-dir was given 2 times; give it once"],
      [["report", "--out", "a", "--out", "b", "d"], "--out was given 2 times; give it once"],
      [["cleanup", "stray"], "'stray' is not an option of nsbox cleanup; use --cache-dir DIR or --json"],
      [["cache", "list", "--all"], "'--all' is not an option of nsbox cache list; see nsbox help"],
    ];
    for (const [args, message] of cases)
      expect(
        usage(() => parseArgs(args)),
        args.join(" "),
      ).toBe(message);
  });
});

describe("nsbox report and --junit", () => {
  it("parses report's files and options", () => {
    expect(parseArgs(["report", "--junit", "j.xml", "dir", "--out=m.json", "--json", "--", "-odd"])).toEqual({
      kind: "report",
      paths: ["dir", "-odd"],
      json: true,
      junit: "j.xml",
      out: "m.json",
    });
  });

  it("refuses report without files, with an unknown option, or an option without a value", () => {
    expect(() => parseArgs(["report"])).toThrow(
      "no results files given; use nsbox report DIR or nsbox report FILE...",
    );
    expect(() => parseArgs(["report", "--shard", "1/2", "d"])).toThrow(
      "'--shard' is not an option of nsbox report; use --junit FILE, --out FILE or --json",
    );
    expect(() => parseArgs(["report", "d", "--junit"])).toThrow("--junit needs a file name; see nsbox help");
  });

  it("--help or -h among any verb's options shows the help; after the command it is the command's", () => {
    expect(parseArgs(["run", "--memory", "1G", "--help", "--", "x"])).toEqual({ kind: "help" });
    expect(parseArgs(["run", "-h"])).toEqual({ kind: "help" });
    for (const verb of [["cleanup"], ["cache", "list"], ["cache"], ["report"]])
      expect(parseArgs([...verb, "--help"])).toEqual({ kind: "help" });
    expect(parseArgs(["run", "--", "sh", "-h"])).toMatchObject({
      kind: "run",
      options: { argv: ["sh", "-h"] },
    });
    expect(parseArgs(["run", "sh", "--help"])).toMatchObject({
      kind: "run",
      options: { argv: ["sh", "--help"] },
    });
  });

  it("refuses what would be ignored or silently wrong", () => {
    expect(usage(() => parseArgs(["version", "--bogus"]))).toBe(
      "'--bogus' is not an argument of nsbox version; give nsbox version alone",
    );
    expect(usage(() => parseArgs(["help", "bogus"]))).toBe(
      "'bogus' is not an argument of nsbox help; give nsbox help alone",
    );
    expect(usage(() => parseArgs(["cache"]))).toBe(
      "cache needs a command; use nsbox cache list, verify or prune",
    );
    expect(usage(() => parseArgs(["run", "--junit", " ", "--", "x"]))).toBe(
      "--junit needs a value, and ' ' is blank; give --junit one",
    );
    expect(usage(() => parseArgs(["run", "--cache-dir", "  ", "--", "x"]))).toBe(
      "--cache-dir needs a value, and '  ' is blank; give --cache-dir one",
    );
    expect(usage(() => parseArgs(["run", "--packages", ",", "--", "x"]))).toBe(
      "packages: ',' names no package; give names like nodejs npm",
    );
    expect(usage(() => parseArgs(["run", "--setup-network", "nat", "--", "x"]))).toBe(
      "setup-network: 'nat' only applies with --setup; add --setup or drop --setup-network",
    );
    expect(usage(() => parseArgs(["run", "--alpine", "3.19", "--rootfs", "r.tar.gz", "--", "x"]))).toBe(
      "alpine: '3.19' and rootfs: 'r.tar.gz' were both given, and the tarball is the version; drop --alpine or --rootfs",
    );
    expect(usage(() => parseArgs(["run", "--mirror", "http://m", "--rootfs", "r.tar.gz", "--", "x"]))).toBe(
      "mirror: 'http://m' is not used with --rootfs (the tarball is the rootfs) unless --packages are installed from it; drop --mirror or add --packages",
    );
    const withRepository = ["--packages", "jq", "--repository", "/repo"];
    expect(
      usage(() =>
        parseArgs(["run", "--mirror", "http://m", "--rootfs", "r.tar.gz", ...withRepository, "--", "x"]),
      ),
    ).toBe(
      "mirror: 'http://m' is not used with --rootfs and --repository (packages come from the repositories given); drop --mirror or --repository",
    );
  });

  it("takes --mirror beside --rootfs when it serves the packages, and beside --repository when it serves the rootfs", () => {
    const forPackages = parseArgs([
      "run",
      "--mirror",
      "http://m",
      "--rootfs",
      "r.tar.gz",
      "--packages",
      "jq",
      "--",
      "x",
    ]);
    expect(forPackages.kind === "run" && forPackages.options.mirror).toBe("http://m");
    const forRootfs = parseArgs([
      "run",
      "--mirror",
      "http://m",
      "--packages",
      "jq",
      "--repository",
      "/r",
      "--",
      "x",
    ]);
    expect(forRootfs.kind === "run" && forRootfs.options.mirror).toBe("http://m");
  });

  it("takes --junit on run", () => {
    const c = parseArgs(["run", "--junit", "r.xml", "--", "true"]);
    expect(c.kind === "run" && c.junit).toBe("r.xml");
  });
});
