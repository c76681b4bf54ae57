// The pure half of the runner harness (runner-harness.ts): what GitHub's Actions runner does with the lines
// a step prints and the file commands it writes. Modelled on actions/runner (src/Runner.Common/
// ActionCommand.cs, src/Runner.Worker/ActionCommandManager.cs, Handlers/OutputManager.cs,
// FileCommandManager.cs, ExecutionContext.AddIssue, Sdk/DTLogging SecretMasker + ValueEncoders) and GitHub's
// "Workflow commands for GitHub Actions". Names and messages follow the runner's so a test reads like a log.
// Long on purpose: one model of the runner's command handling, kept whole so it can be read against
// actions/runner file by file.

/** Commands the runner registers (ActionCommandManager; `internal-set-repo-path` only for its plugins). */
const REGISTERED = [
  "stop-commands",
  "add-mask",
  "add-matcher",
  "remove-matcher",
  "debug",
  "warning",
  "error",
  "notice",
  "group",
  "endgroup",
  "echo",
  "save-state",
  "set-output",
  "set-env",
  "add-path",
];

/** Commands whose line is never echoed, even with `::echo::on` (IActionCommandExtension.OmitEcho). */
const OMIT_ECHO = new Set(["add-mask", "debug", "warning", "error", "notice"]);

/** ExecutionContext: at most this many issues of each type reach the step's annotations. */
const MAX_ANNOTATIONS_PER_LEVEL = 10;
/** ExecutionContext: longer issue messages are cut. */
const MAX_ANNOTATION_LENGTH = 4096;
/** CreateStepSummaryCommand.AttachmentSizeLimit. */
const MAX_SUMMARY_BYTES = 1024 * 1024;
/** Lines kept from the end of a log longer than maxLogChars. */
const LOG_TAIL_LINES = 2000;

const UNSUPPORTED_COMMAND_DISABLED = (c: string) =>
  `The \`${c}\` command is disabled. Please upgrade to using Environment Files or opt into unsecure command execution by setting the \`ACTIONS_ALLOW_UNSECURE_COMMANDS\` environment variable to \`true\`. For more information see: https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/`;
const UNSUPPORTED_COMMAND_DEPRECATED = (c: string) =>
  `The \`${c}\` command is deprecated and will be disabled soon. Please upgrade to using Environment Files. For more information see: https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/`;
export const UNSUPPORTED_STOP_TOKEN =
  "You cannot use a endToken that is an empty string, the string 'pause-logging', or another workflow command. For more information see: https://docs.github.com/actions/learn-github-actions/workflow-commands-for-github-actions#example-stopping-and-starting-workflow-commands or opt into insecure command execution by setting the `ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS` environment variable to `true`.";

export interface WorkflowCommand {
  command: string;
  /** Property names are case-insensitive in the runner: stored lower-cased here. */
  properties: Record<string, string>;
  data: string;
}

type Mapping = ReadonlyArray<readonly [token: string, escaped: string]>;
// Unescaping replaces each escape in this order (the runner's), so `%25` is decoded last.
const DATA_ESCAPES: Mapping = [
  ["\r", "%0D"],
  ["\n", "%0A"],
  ["%", "%25"],
];
const PROPERTY_ESCAPES: Mapping = [
  ["\r", "%0D"],
  ["\n", "%0A"],
  [":", "%3A"],
  [",", "%2C"],
  ["%", "%25"],
];
const LEGACY_ESCAPES: Mapping = [
  [";", "%3B"],
  ["\r", "%0D"],
  ["\n", "%0A"],
  ["]", "%5D"],
  ["%", "%25"],
];

function decode(value: string, mapping: Mapping): string {
  let out = value;
  for (const [token, escaped] of mapping) out = out.replaceAll(escaped, token);
  return out;
}

/** `string.Split(sep, 2, RemoveEmptyEntries)` as .NET does it: empty pieces do not count. */
function splitPair(s: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = 0;
  while (parts.length < 1) {
    const i = s.indexOf(sep, cur);
    if (i < 0) break;
    if (i > cur) parts.push(s.slice(cur, i));
    cur = i + sep.length;
  }
  if (cur < s.length) parts.push(s.slice(cur));
  return parts;
}

function parseProperties(text: string, separator: string, mapping: Mapping): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const piece of text.split(separator)) {
    if (!piece) continue;
    const pair = splitPair(piece, "=");
    if (pair.length === 2) properties[(pair[0] as string).toLowerCase()] = decode(pair[1] as string, mapping);
  }
  return properties;
}

// .NET's String.TrimStart(): Unicode white space, but not U+FEFF (which JavaScript's \s includes).
const LEADING_SPACE = /^[^\S\uFEFF]+/;

/** `::name k=v,k=v::data` (ActionCommand.TryParseV2): only at the start of the line, after white space. */
function parseV2(line: string, registered: ReadonlySet<string>): WorkflowCommand | null {
  const message = line.replace(LEADING_SPACE, "");
  if (!message.startsWith("::")) return null;
  const end = message.indexOf("::", 2);
  if (end < 0) return null;
  const info = message.slice(2, end);
  const space = info.indexOf(" ");
  const command = space < 0 ? info : info.slice(0, space);
  if (!command || !registered.has(command.toLowerCase())) return null;
  const properties = space > 0 ? parseProperties(info.slice(space + 1).trim(), ",", PROPERTY_ESCAPES) : {};
  return { command, properties, data: decode(message.slice(end + 2), DATA_ESCAPES) };
}

/** `##[name k=v;k=v]data` (ActionCommand.TryParse, the legacy form): ANYWHERE in the line. */
function parseLegacy(line: string, registered: ReadonlySet<string>): WorkflowCommand | null {
  const prefix = line.indexOf("##[");
  if (prefix < 0) return null;
  const rb = line.indexOf("]", prefix);
  if (rb < 0) return null;
  const info = line.slice(prefix + 3, rb);
  const space = info.indexOf(" ");
  const command = space < 0 ? info : info.slice(0, space);
  if (!command || !registered.has(command.toLowerCase())) return null;
  const properties = space > 0 ? parseProperties(info.slice(space + 1), ";", LEGACY_ESCAPES) : {};
  return { command, properties, data: decode(line.slice(rb + 1), LEGACY_ESCAPES) };
}

/** Encoded forms the runner's masker also hides (HostContext registers these ValueEncoders). */
function encodings(value: string): string[] {
  const bytes = Buffer.from(value, "utf8");
  const shifted = (n: number) => (bytes.length > n ? bytes.subarray(n) : bytes).toString("base64");
  const uri = encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const xml = value.replace(
    /[<>"'&]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "&": "&amp;" })[c] as string,
  );
  const quoted = value.length > 8 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : "";
  return [
    bytes.toString("base64"),
    shifted(1),
    shifted(2),
    value.replaceAll('"', '\\"'), // CommandLineArgumentEscape
    value.replaceAll("'", "''"), // ExpressionStringEscape
    JSON.stringify(value).slice(1, -1), // JsonStringEscape
    uri, // UriDataEscape (Uri.EscapeDataString)
    xml, // XmlDataEscape (SecurityElement.Escape)
    quoted, // TrimDoubleQuotes
  ];
}

/** The runner's SecretMasker: one per job, so masks added in `main` also hide text in `post`. */
export class SecretMasker {
  readonly values: string[] = [];
  private readonly patterns = new Set<string>();

  add(value: string): void {
    if (!value || this.values.includes(value)) return;
    this.values.push(value);
    for (const v of [value, ...encodings(value)]) if (v) this.patterns.add(v);
  }

  /** Every occurrence of a secret or one of its encodings becomes `***` (overlaps merged). */
  mask(text: string): string {
    if (this.patterns.size === 0 || !text) return text;
    const ranges: Array<[number, number]> = [];
    for (const p of this.patterns) {
      for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) ranges.push([i, i + p.length]);
    }
    if (ranges.length === 0) return text;
    ranges.sort((a, b) => a[0] - b[0]);
    let out = "";
    let pos = 0;
    let cur = ranges[0] as [number, number];
    for (const r of ranges.slice(1)) {
      if (r[0] <= cur[1]) cur = [cur[0], Math.max(cur[1], r[1])];
      else {
        out += `${text.slice(pos, cur[0])}***`;
        pos = cur[1];
        cur = r;
      }
    }
    return `${out}${text.slice(pos, cur[0])}***${text.slice(cur[1])}`;
  }
}

/** A longer line keeps only its start (the harness must survive a flood that never prints a newline). */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

/**
 * Splits a stream into lines as .NET's StreamReader.ReadLine does (the runner reads the step's pipes with it):
 * `\n`, `\r\n` and a lone `\r` all end a line; a last line without a newline is still a line. Each chunk
 * is scanned once, whatever the line length.
 */
export class LineSplitter {
  private pending = "";
  private afterCr = false; // the last chunk ended with \r: a \n starting the next one belongs to it
  constructor(private readonly onLine: (line: string) => void) {}

  push(text: string): void {
    let start = 0;
    if (this.afterCr && text.charCodeAt(0) === 10) start = 1;
    this.afterCr = false;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.emit(text.slice(start, i));
      if (c === 13) {
        if (i + 1 === text.length) this.afterCr = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    if (start < text.length && this.pending.length < MAX_LINE_CHARS)
      this.pending += text.slice(start, start + MAX_LINE_CHARS - this.pending.length);
  }

  end(): void {
    if (this.pending) this.emit("");
  }

  private emit(tail: string): void {
    const line = this.pending
      ? (this.pending + tail).slice(0, MAX_LINE_CHARS)
      : tail.slice(0, MAX_LINE_CHARS);
    this.pending = "";
    this.onLine(line);
  }
}

/** Lines of a whole text, by the same rules. */
export function runnerLines(text: string): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((l) => lines.push(l));
  splitter.push(text);
  splitter.end();
  return lines;
}

/**
 * GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE (EnvFileKeyValuePairs): `NAME=value` or `NAME<<DELIM` … `DELIM`,
 * whichever of `=` and `<<` comes first; lines split on `\n` only. Throws the runner's messages.
 */
export function parseEnvFile(text: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  let index = 0;
  const readLine = (): { line: string; newline: boolean } | null => {
    if (index >= text.length) return null;
    const lf = text.indexOf("\n", index);
    const start = index;
    if (lf < 0) {
      index = text.length;
      return { line: text.slice(start), newline: false };
    }
    index = lf + 1;
    return { line: text.slice(start, lf), newline: true };
  };
  for (let r = readLine(); r; r = readLine()) {
    const line = r.line;
    if (!line) continue;
    const eq = line.indexOf("=");
    const heredoc = line.indexOf("<<");
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      // The runner checks the line, not the name, for emptiness: `=v` sets the empty name.
      pairs.push([line.slice(0, eq), line.slice(eq + 1)]);
    } else if (heredoc >= 0) {
      const key = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (!key || !delimiter) {
        throw new Error(`Invalid format '${line}'. Name must not be empty and delimiter must not be empty`);
      }
      const start = index;
      let end = index;
      for (let v = readLine(); ; v = readLine()) {
        if (!v) throw new Error(`Invalid value. Matching delimiter not found '${delimiter}'`);
        if (v.line === delimiter) break;
        if (!v.newline) throw new Error("Invalid value. EOF marker missing new line.");
        end = index - 1;
      }
      pairs.push([key, end > start ? text.slice(start, end) : ""]);
    } else {
      throw new Error(`Invalid format '${line}'`);
    }
  }
  return pairs;
}

export type AnnotationLevel = "error" | "warning" | "notice";

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
}

export interface StepCommandOptions {
  /** The job's secrets (masked from the start) and masks of earlier steps: one masker per job. */
  masker: SecretMasker;
  /** GITHUB_WORKSPACE: annotation files under it become relative, as the runner reports them. */
  workspace?: string;
  /** ACTIONS_ALLOW_UNSECURE_COMMANDS=true in the step's env: set-env and add-path work again. */
  allowUnsecureCommands?: boolean;
  /** ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS=true: any stop-commands token accepted. */
  allowUnsecureStopTokens?: boolean;
  /** The server flag DistributedTask.DeprecateStepOutputCommands (on at github.com): a warning per use. */
  deprecateStepOutputCommands?: boolean;
  /** The log keeps at most this many characters (a flood must not exhaust the test); commands still run. */
  maxLogChars?: number;
}

/**
 * One step's ActionCommandManager + OutputManager + the issue bookkeeping of its ExecutionContext: feed it
 * the step's lines (stdout and stderr, in order) with line(), then its file commands with applyFiles().
 */
export class StepCommands {
  readonly outputs: Record<string, string> = {};
  readonly state: Record<string, string> = {};
  readonly env: Record<string, string> = {};
  readonly path: string[] = [];
  /** What the step's annotations show: the first 10 of each level. */
  readonly annotations: Annotation[] = [];
  /** Every issue the runner logged (as `##[error]…` lines), shown or not. */
  readonly issues: Annotation[] = [];
  readonly debug: string[] = [];
  /** The step log as the runner writes it: masked, commands consumed. */
  readonly logLines: string[] = [];
  logChars = 0;
  /** Past maxLogChars: logLines holds the head, logTail the last LOG_TAIL_LINES lines. */
  logTruncated = false;
  readonly logTail: string[] = [];
  /** A command or file command failed (context.CommandResult = Failed): the step fails. */
  failed = false;
  /** The runner stopped reading the step's output (an exception escaped the command manager). */
  halted: string | null = null;
  summary: string | null = null;

  private readonly registered = new Set(REGISTERED);
  private readonly counts: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  private stopToken: string | null = null;
  private echo = false;

  constructor(private readonly opts: StepCommandOptions) {}

  /** OutputManager.OnDataReceived for one line. */
  line(input: string): void {
    if (this.halted !== null) return;
    if (input && (input.includes("##[") || input.includes("::"))) {
      try {
        if (this.tryCommand(input)) return;
      } catch (err) {
        // Escapes TryProcessCommand and the process invoker: the step ends as failed at this line.
        this.halted = (err as Error).message;
        this.error(this.halted);
        this.failed = true;
        return;
      }
    }
    // The runner defuses its own timeline markers in user output.
    this.output(
      input.replaceAll("##[start-action", "##[\\start-action").replaceAll("##[end-action", "##[\\end-action"),
    );
  }

  private tryCommand(input: string): boolean {
    const cmd = parseV2(input, this.registered) ?? parseLegacy(input, this.registered);
    if (!cmd) return false;
    const name = cmd.command.toLowerCase();
    if (this.stopToken !== null) {
      if (name !== this.stopToken.toLowerCase()) return false; // printed as a plain line
      this.output(input);
      this.registered.delete(this.stopToken.toLowerCase());
      this.stopToken = null;
      return true;
    }
    if (name === "stop-commands") {
      const token = cmd.data;
      const invalid =
        !token || this.registered.has(token.toLowerCase()) || token.toLowerCase() === "pause-logging";
      if (invalid && !this.opts.allowUnsecureStopTokens) throw new Error(UNSUPPORTED_STOP_TOKEN);
      this.stopToken = token;
      this.registered.add(token.toLowerCase());
      if (token.length > 6) this.opts.masker.add(token);
      this.output(input);
      return true;
    }
    if (this.echo && !OMIT_ECHO.has(name)) this.output(input);
    try {
      this.run(name, cmd);
    } catch (err) {
      this.error(`Unable to process command '${OMIT_ECHO.has(name) ? name : input}' successfully.`);
      this.error((err as Error).message);
      this.failed = true;
    }
    return true;
  }

  private run(name: string, cmd: WorkflowCommand): void {
    const { properties: p, data } = cmd;
    switch (name) {
      case "add-mask":
        if (!data.trim()) this.warning("Can't add secret mask for empty string in ##[add-mask] command.");
        else {
          this.opts.masker.add(data);
          for (const l of data.split(/[\r\n]/)) if (l.trim()) this.opts.masker.add(l.trim());
        }
        return;
      case "debug":
        this.debug.push(data);
        return;
      case "error":
      case "warning":
      case "notice":
        this.addIssue(this.annotation(name, data, p));
        return;
      case "group":
        this.output(`##[group]${data}`);
        return;
      case "endgroup":
        this.output("##[endgroup]");
        return;
      case "echo": {
        const v = data.trim().toUpperCase();
        if (v === "ON" || v === "OFF") this.echo = v === "ON";
        else
          throw new Error(
            `Invalid echo command value. Possible values can be: 'on', 'off'. Current value is: '${data}'.`,
          );
        return;
      }
      case "set-output":
      case "save-state": {
        if (this.opts.deprecateStepOutputCommands ?? true) this.warning(UNSUPPORTED_COMMAND_DEPRECATED(name));
        if (!p.name) throw new Error(`Required field 'name' is missing in ##[${name}] command.`);
        (name === "set-output" ? this.outputs : this.state)[p.name] = data;
        return;
      }
      case "set-env":
        if (!this.opts.allowUnsecureCommands) throw new Error(UNSUPPORTED_COMMAND_DISABLED(name));
        if (!p.name) throw new Error("Required field 'name' is missing in ##[set-env] command.");
        if (p.name.toUpperCase() === "NODE_OPTIONS")
          this.error("Can't update NODE_OPTIONS environment variable using ::set-env:: command.");
        else this.env[p.name] = data;
        return;
      case "add-path":
        if (!this.opts.allowUnsecureCommands) throw new Error(UNSUPPORTED_COMMAND_DISABLED(name));
        if (!data) throw new Error("path cannot be null or empty");
        this.addPath(data);
        return;
      // add-matcher / remove-matcher: problem matchers are not modelled (the line is consumed).
    }
  }

  private annotation(level: AnnotationLevel, message: string, p: Record<string, string>): Annotation {
    const int = (v: string | undefined) =>
      v !== undefined && /^\s*[+-]?\d+\s*$/.test(v) ? Number(v) : undefined;
    // IssueCommandExtension.ValidateLinesAndColumns: inconsistent positions are repaired or dropped.
    let line = int(p.line);
    let endLine = int(p.endline);
    let col = int(p.col);
    let endColumn = int(p.endcolumn);
    if (endLine !== undefined && line === undefined) line = endLine;
    if (endColumn !== undefined && col === undefined) col = endColumn;
    const hasColumn = col !== undefined || endColumn !== undefined;
    if ((line === undefined && hasColumn) || (endLine !== undefined && line !== endLine && hasColumn)) {
      col = undefined;
      endColumn = undefined;
    }
    if (line !== undefined && endLine !== undefined && endLine < line) {
      line = undefined;
      endLine = undefined;
    }
    if (col !== undefined && endColumn !== undefined && endColumn < col) {
      col = undefined;
      endColumn = undefined;
    }
    let file = p.file;
    const ws = this.opts.workspace;
    if (file && ws && file.startsWith(`${ws.replace(/\/$/, "")}/`))
      file = file.slice(ws.replace(/\/$/, "").length + 1);
    const a: Annotation = { level, message };
    if (p.title !== undefined) a.title = p.title;
    if (file) a.file = file;
    if (line !== undefined) a.line = line;
    if (endLine !== undefined) a.endLine = endLine;
    if (col !== undefined) a.col = col;
    if (endColumn !== undefined) a.endColumn = endColumn;
    return a;
  }

  /** ExecutionContext.AddIssue: masked, cut at 4096 characters, at most 10 per level shown, all logged. */
  private addIssue(a: Annotation): void {
    a.message = this.opts.masker.mask(a.message).slice(0, MAX_ANNOTATION_LENGTH);
    if (a.title !== undefined) a.title = this.opts.masker.mask(a.title);
    this.issues.push(a);
    if (this.counts[a.level] < MAX_ANNOTATIONS_PER_LEVEL) {
      this.counts[a.level]++;
      this.annotations.push(a);
    }
    if (a.message) this.output(`##[${a.level}]${a.message}`);
  }

  error(message: string): void {
    this.addIssue({ level: "error", message });
  }

  warning(message: string): void {
    this.addIssue({ level: "warning", message });
  }

  private addPath(entry: string): void {
    const i = this.path.indexOf(entry);
    if (i >= 0) this.path.splice(i, 1);
    this.path.push(entry);
  }

  private output(line: string): void {
    const masked = this.opts.masker.mask(line);
    const max = this.opts.maxLogChars ?? 64 * 1024 * 1024;
    if (!this.logTruncated && this.logChars + masked.length <= max) {
      this.logChars += masked.length + 1;
      this.logLines.push(masked);
      return;
    }
    // Past the cap: the head stays, and the last lines (where a step's verdicts are) are kept apart.
    this.logTruncated = true;
    this.logTail.push(masked);
    if (this.logTail.length > LOG_TAIL_LINES) this.logTail.shift();
  }

  /** FileCommandManager.ProcessFiles after the step: each file's failure fails the step. */
  applyFiles(files: {
    path?: string;
    env?: string;
    summary?: string;
    state?: string;
    output?: string;
  }): void {
    const each = (context: string, text: string | undefined, apply: (text: string) => void) => {
      if (text === undefined) return;
      try {
        apply(text);
      } catch (err) {
        this.error(`Unable to process file command '${context}' successfully.`);
        this.error((err as Error).message);
        this.failed = true;
      }
    };
    each("path", files.path, (t) => {
      for (const l of t.split(/\r?\n/)) if (l) this.addPath(l);
    });
    each("env", files.env, (t) => {
      for (const [k, v] of parseEnvFile(t)) {
        if (k.toUpperCase() === "NODE_OPTIONS")
          this.error("Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.");
        else this.env[k] = v;
      }
    });
    each("step_summary", files.summary, (t) => {
      const size = Buffer.byteLength(t);
      if (size === 0) return;
      if (size > MAX_SUMMARY_BYTES) {
        this.error(
          `$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of ${MAX_SUMMARY_BYTES / 1024}k, got ${Math.floor(size / 1024)}k. For more information see: https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-markdown-summary`,
        );
        return;
      }
      this.summary = runnerLines(t)
        .map((l) => `${this.opts.masker.mask(l)}\n`)
        .join("");
    });
    each("state", files.state, (t) => {
      for (const [k, v] of parseEnvFile(t)) this.state[k] = v;
    });
    each("output", files.output, (t) => {
      for (const [k, v] of parseEnvFile(t)) this.outputs[k] = v;
    });
  }
}
