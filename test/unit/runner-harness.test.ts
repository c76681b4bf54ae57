// The runner harness's parser half against the runner's rules (actions/runner ActionCommand.cs,
// ActionCommandManager.cs, FileCommandManager.cs, ExecutionContext.AddIssue, SecretMasker).
import { describe, expect, it } from "vitest";
import {
  LineSplitter,
  MAX_LINE_CHARS,
  parseEnvFile,
  runnerLines,
  SecretMasker,
  StepCommands,
  UNSUPPORTED_STOP_TOKEN,
} from "../support/runner-commands";

function step(lines: string[], opts: Partial<ConstructorParameters<typeof StepCommands>[0]> = {}) {
  const s = new StepCommands({ masker: new SecretMasker(), ...opts });
  for (const l of lines) s.line(l);
  return s;
}

describe("workflow commands", () => {
  it("unescapes %25 %0D %0A in data and also %3A %2C in properties, %25 last", () => {
    const s = step([
      "::error title=a%3Ab%2Cc%25,file=x.c,line=7::one%0Atwo%0Dthree%25%250A %3A %2C",
      "::set-output name=k::%2525",
    ]);
    expect(s.annotations.filter((a) => a.level === "error")).toEqual([
      { level: "error", message: "one\ntwo\rthree%%0A %3A %2C", title: "a:b,c%", file: "x.c", line: 7 },
    ]);
    expect(s.outputs.k).toBe("%25");
  });

  it("parses a command only at the line start (after white space), by a registered name, any case", () => {
    const s = step([
      "  ::WARNING::indented",
      "text ::warning::not a command",
      "::nosuch::plain",
      "::warning", // no second ::
      "::Notice title=t::n",
    ]);
    expect(s.annotations.map((a) => `${a.level}:${a.message}`)).toEqual(["warning:indented", "notice:n"]);
    expect(s.logLines).toContain("text ::warning::not a command");
    expect(s.logLines).toContain("::nosuch::plain");
  });

  it("parses the legacy ##[name k=v;k=v]data form anywhere in a line", () => {
    const s = step(["prefix ##[error file=a%3Bb.c;line=3]bad%5Dthing", "##[group]g", "##[endgroup]"]);
    expect(s.annotations).toEqual([{ level: "error", message: "bad]thing", file: "a;b.c", line: 3 }]);
    expect(s.logLines).toEqual(["##[error]bad]thing", "##[group]g", "##[endgroup]"]);
  });

  it("stops parsing after stop-commands until the token, masks a long token, logs the lines", () => {
    const s = step([
      "::stop-commands::resume-token-1",
      "::error::hidden",
      "::add-mask::word",
      "::set-output name=x::1",
      "::resume-token-2::",
      "::resume-token-1::",
      "::warning::after",
      "word",
    ]);
    expect(s.annotations).toEqual([{ level: "warning", message: "after" }]);
    expect(s.outputs).toEqual({});
    expect(s.logLines).toEqual([
      "::stop-commands::***",
      "::error::hidden",
      "::add-mask::word",
      "::set-output name=x::1",
      "::resume-token-2::",
      "::***::",
      "##[warning]after",
      "word",
    ]);
    // The resume token matches case-insensitively (the mask, like every mask, is case-sensitive).
    const upper = step(["::stop-commands::resume-token-1", "::RESUME-TOKEN-1::", "::error::x"]);
    expect(upper.annotations).toHaveLength(1);
  });

  it("refuses an empty or registered stop token: the step fails and later output is dropped", () => {
    for (const token of ["", "error", "pause-logging"]) {
      const s = step([`::stop-commands::${token}`, "::error::later", "later"]);
      expect(s.failed).toBe(true);
      expect(s.halted).toBe(UNSUPPORTED_STOP_TOKEN);
      expect(s.issues.map((i) => i.message)).toEqual([UNSUPPORTED_STOP_TOKEN]);
      expect(s.logLines).not.toContain("later");
    }
    const allowed = step(["::stop-commands::error", "::error::x", "::error::"], {
      allowUnsecureStopTokens: true,
    });
    expect(allowed.failed).toBe(false);
    expect(allowed.annotations).toEqual([]);
  });

  it("add-mask hides the value, its lines and its encodings in later lines only", () => {
    const masker = new SecretMasker();
    const s = step(
      [
        "before s3cr3t-value",
        "::add-mask::s3cr3t-value",
        "after s3cr3t-value and xs3cr3t-valuex",
        `b64 ${Buffer.from("s3cr3t-value").toString("base64")}`,
        "::add-mask::multi%0Aline-two",
        "line-two alone",
        "::warning title=s3cr3t-value::s3cr3t-value",
        "::add-mask::   ",
      ],
      { masker },
    );
    expect(s.logLines).toEqual([
      "before s3cr3t-value",
      "after *** and x***x",
      "b64 ***",
      "*** alone",
      "##[warning]***",
      "##[warning]Can't add secret mask for empty string in ##[add-mask] command.",
    ]);
    expect(s.annotations[0]).toEqual({ level: "warning", message: "***", title: "***" });
    expect(masker.values).toEqual(["s3cr3t-value", "multi\nline-two", "multi", "line-two"]);
  });

  it("shows at most 10 annotations per level and still logs the rest", () => {
    const lines = [];
    for (let i = 0; i < 12; i++) lines.push(`::error::e${i}`, `::warning::w${i}`, `::notice::n${i}`);
    const s = step(lines);
    for (const level of ["error", "warning", "notice"]) {
      expect(s.annotations.filter((a) => a.level === level)).toHaveLength(10);
      expect(s.issues.filter((a) => a.level === level)).toHaveLength(12);
    }
    expect(s.annotations.filter((a) => a.level === "error").at(-1)?.message).toBe("e9");
    expect(s.logLines).toContain("##[error]e11");
    expect(step([`::error::${"x".repeat(5000)}`]).annotations[0]?.message).toHaveLength(4096);
  });

  it("set-output and save-state work with a deprecation warning; set-env and add-path fail the step", () => {
    const s = step(["::set-output name=a::1", "::save-state name=b::2", "::set-output::noname"]);
    expect(s.outputs).toEqual({ a: "1" });
    expect(s.state).toEqual({ b: "2" });
    expect(s.annotations.filter((a) => a.level === "warning")).toHaveLength(3);
    expect(s.annotations.filter((a) => a.level === "error").map((a) => a.message)).toEqual([
      "Unable to process command '::set-output::noname' successfully.",
      "Required field 'name' is missing in ##[set-output] command.",
    ]);
    expect(s.failed).toBe(true);

    const env = step(["::set-env name=X::1", "::add-path::/evil"]);
    expect(env.env).toEqual({});
    expect(env.path).toEqual([]);
    expect(env.failed).toBe(true);
    expect(env.annotations.map((a) => a.message).join("\n")).toContain("The `set-env` command is disabled");
    const unsecure = step(["::set-env name=X::1", "::add-path::/p", "::set-env name=node_options::x"], {
      allowUnsecureCommands: true,
    });
    expect(unsecure.env).toEqual({ X: "1" });
    expect(unsecure.path).toEqual(["/p"]);
  });

  it("repairs annotation positions and reports workspace files relative", () => {
    const s = step(
      [
        "::error file=/ws/src/a.c,endLine=4,col=2::m",
        "::error line=5,endLine=3::m",
        "::error file=/other/b.c,col=1::m",
      ],
      { workspace: "/ws" },
    );
    expect(s.annotations).toEqual([
      { level: "error", message: "m", file: "src/a.c", line: 4, endLine: 4, col: 2 },
      { level: "error", message: "m" },
      { level: "error", message: "m", file: "/other/b.c" },
    ]);
  });

  it("echo on logs the command lines except annotation, mask and debug ones", () => {
    const s = step(["::echo::on", "::group::g", "::debug::d", "::echo::off", "::endgroup::"]);
    expect(s.logLines).toEqual(["::group::g", "##[group]g", "::echo::off", "##[endgroup]"]);
    expect(s.debug).toEqual(["d"]);
  });

  it("defuses the runner's own start-action/end-action markers in output", () => {
    expect(step(["##[start-action x]"]).logLines).toEqual(["##[\\start-action x]"]);
  });
});

describe("lines as the runner reads them", () => {
  it("splits on \\n, \\r\\n and a lone \\r, across chunks, keeping a partial last line", () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l));
    for (const chunk of ["a\r", "\nb\rc", "\n\nd"]) splitter.push(chunk);
    splitter.end();
    expect(lines).toEqual(["a", "b", "c", "", "d"]);
    expect(runnerLines("x\r::error::y")).toEqual(["x", "::error::y"]);
  });
});

describe("file commands", () => {
  it("reads NAME=value and NAME<<DELIM heredocs, whichever marker comes first", () => {
    expect(
      parseEnvFile("a=1\n\nb<<EOF\nline1\nline2\nEOF\nc=x<<y\nd<<E=F\nv\nE=F\ne<<EOF\nEOF\n=empty\n"),
    ).toEqual([
      ["a", "1"],
      ["b", "line1\nline2"],
      ["c", "x<<y"],
      ["d", "v"],
      ["e", ""],
      ["", "empty"],
    ]);
  });

  it("throws the runner's messages for malformed files", () => {
    expect(() => parseEnvFile("a<<EOF\nno end\n")).toThrow("Matching delimiter not found 'EOF'");
    expect(() => parseEnvFile("a<<EOF\nv")).toThrow("EOF marker missing new line");
    expect(() => parseEnvFile("<<EOF\nEOF\n")).toThrow("Name must not be empty");
    expect(() => parseEnvFile("justtext\n")).toThrow("Invalid format 'justtext'");
  });

  it("applies after the step: file outputs win, NODE_OPTIONS refused, summary masked and capped", () => {
    const masker = new SecretMasker();
    const s = step(["::set-output name=o::cmd", "::add-mask::hideme"], { masker });
    s.applyFiles({
      output: "o=file\n",
      env: "NODE_OPTIONS=--require x\nK=V\n",
      path: "/a\n/b\n/a\n",
      state: "s<<X\nv\nX\n",
      summary: "# hideme\nok",
    });
    expect(s.outputs).toEqual({ o: "file" });
    expect(s.env).toEqual({ K: "V" });
    expect(s.path).toEqual(["/b", "/a"]);
    expect(s.state).toEqual({ s: "v" });
    expect(s.summary).toBe("# ***\nok\n");
    expect(s.annotations.map((a) => a.message)).toContain(
      "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.",
    );
    expect(s.failed).toBe(false);

    const big = step([]);
    big.applyFiles({ summary: "x".repeat(1024 * 1024 + 1) });
    expect(big.summary).toBeNull();
    expect(big.annotations[0]?.message).toMatch(/^\$GITHUB_STEP_SUMMARY upload aborted/);

    const bad = step([]);
    bad.applyFiles({ output: "broken\n" });
    expect(bad.failed).toBe(true);
    expect(bad.annotations[0]?.message).toBe("Unable to process file command 'output' successfully.");
  });
});

describe("floods", () => {
  it("keeps the head and the last lines of a log past the cap, and still runs commands", () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i}`);
    const s = step([...lines, "::set-output name=last::yes", "::error::verdict"], { maxLogChars: 100 });
    expect(s.logTruncated).toBe(true);
    expect(s.logLines[0]).toBe("line 0");
    expect(s.logLines.join("\n").length).toBeLessThanOrEqual(100);
    expect(s.logTail.at(-1)).toBe("##[error]verdict");
    expect(s.outputs.last).toBe("yes");
  });

  it("cuts a line that never ends at MAX_LINE_CHARS without holding all of it", () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l));
    const chunk = "x".repeat(1024 * 1024);
    for (let i = 0; i < 20; i++) splitter.push(chunk);
    splitter.push("\n::error::after");
    splitter.end();
    expect(lines.map((l) => l.length)).toEqual([MAX_LINE_CHARS, "::error::after".length]);
  });
});
