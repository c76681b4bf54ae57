// The one contract between the engine and everything built on it (CLI, Action, bench).

export type NetworkMode = "none" | "nat";
export type MountMode = "ro" | "rw" | "overlay";

export interface MountSpec {
  source: string; // host path
  target: string; // path inside the sandbox
  mode: MountMode;
}

/** Unset memory and pids limits get the engine's defaults (see defaults.ts); "none" lifts them. */
export interface Limits {
  memoryBytes?: number | "none";
  pids?: number | "none";
  cpus?: number; // fractions allowed
  timeoutMs?: number; // wall clock
  cpuTimeMs?: number;
  tmpfsBytes?: number; // writable layer and /tmp
}

/** Limits as enforced: numbers only (a lifted limit is absent); `defaulted` names those the engine chose. */
export interface ResolvedLimits {
  memoryBytes?: number;
  pids?: number;
  cpus?: number;
  timeoutMs?: number;
  cpuTimeMs?: number;
  tmpfsBytes?: number;
  /** Limits the caller did not ask for: where they cannot be enforced, that is a note, not an error. */
  defaulted?: Array<"memory" | "pids">;
}

/** What is shared by every sandbox of one run: the rootfs, the cgroup parent, the NAT set-up. */
export interface SessionOptions {
  alpine?: string; // "3.20", "3.20.3", "latest-stable"
  mirror?: string;
  rootfsTarball?: string; // local tarball, works offline
  cacheDir?: string;
  network?: NetworkMode;
  allow?: string[]; // CIDR[:PORT] opened in nat mode
  dns?: string[];
  pool?: string; // nat address pool
  maxConnections?: number; // nat: concurrent connections per sandbox (default 4096)
  parallel?: number; // sandboxes run at once (default 1): the default memory limit is host memory / (parallel + 1)
  onProgress?: (message: string) => void;
  /** Abort = stop setting up (download, extraction, cgroups, network): open() throws CancelledError. */
  signal?: AbortSignal;
  /** apk packages installed once into a read-only layer under every sandbox of the session. */
  packages?: string[];
  repositories?: string[]; // http(s) URL or local dir; default <mirror>/v<X.Y>/main and /community
  repositoryKeys?: string[]; // host paths of extra RSA public keys trusted for the repositories
  allowUntrusted?: boolean; // accept an unsigned or untrusted index
  /** The network the setup sandbox may use (default: the session's); nat opens the session's NAT. */
  setupNetwork?: NetworkMode;
  scratch?: ScratchKind;
  /**
   * Spares (default true): from the second run() in a row with the same options, the next sandboxes are
   * set up ahead without their command; like running sandboxes they keep the process alive until close().
   * false: nothing is made before it is asked for.
   */
  spares?: boolean;
  /**
   * Removes what crashed runs left (default true: the first session of a process makes a cheap pass while
   * its first sandbox is set up). false: the caller sweeps at a moment of its own, as the Action's post
   * step does (it always runs, and sweeps deeply).
   */
  sweepStale?: boolean;
  /**
   * The sandboxes the caller will ask for (a setup's and the commands'), as far as a refusal goes: a limit
   * this host cannot enforce for one of them (rootless, no cgroup controller for it) is refused by open(),
   * before the rootfs is downloaded and extracted, in the words the sandbox would have had.
   */
  planned?: PlannedSandbox[];
}

/** A sandbox a session will be asked for (SessionOptions.planned): what may be refused of it. */
export interface PlannedSandbox {
  limits?: Limits;
  bestEffort?: boolean;
  /** Its writable layer outlives it: outputs are copied out of it, or it is the setup's. */
  keepsLayer?: boolean;
}

export type ScratchKind = "memory" | "disk";

/** Copy result files out after the command ends (any status). */
export interface OutputOptions {
  patterns: string[]; // absolute paths or globs inside the sandbox (`*`, `?`, `**`)
  dir: string; // host dir; files land in <dir>/<name>/...
  name: string; // the command's name (a directory of dir)
  limitBytes?: number;
  limitFiles?: number;
  /** Host dirs whose contents are not the caller's (the Action's workspace: a pull request's checkout):
   *  no symlink in them is followed on the way to `dir`. The sandbox's mount sources always count. */
  untrusted?: string[];
}

export interface OutputsResult {
  dir: string;
  files: string[]; // paths inside the sandbox that were copied
  bytes: number;
  skipped: { path: string; reason: string }[]; // the first ones left out, with why
  skippedCount: number;
}

export interface InstalledPackage {
  name: string;
  version: string;
}

/** One sandbox. */
export interface SandboxOptions {
  argv: string[];
  mounts?: MountSpec[];
  workdir?: string;
  env?: Record<string, string>;
  hostname?: string;
  limits?: Limits;
  bestEffort?: boolean; // run even when a limit cannot be enforced, and say so
  stdio?: {
    stdin?: "inherit" | "ignore" | number;
    stdout?: "inherit" | "pipe" | number;
    stderr?: "inherit" | "pipe" | number;
  };
  // With stdio "pipe". A returned promise pauses that stream until it settles (backpressure: a slow
  // consumer holds the sandbox back instead of piling its output up in memory).
  onOutput?: (stream: "stdout" | "stderr", chunk: Buffer) => void | Promise<void>;
  // The command gets a pty of the sandbox's own as its terminal (stdout and stderr both go through it),
  // relayed to stdin/stdout; an inherited stdin that is a terminal is put in raw mode meanwhile.
  tty?: boolean;
  signal?: AbortSignal; // abort = stop the sandbox (SIGKILL to the whole tree)
  outputs?: OutputOptions;
  /**
   * Text files the sandbox's init writes into its own /tmp (a private tmpfs) before the command starts, 0644
   * (path: /tmp/NAME): what a caller hands a command without putting it on any process's command line (the
   * Action's scripts). A run with files gets no spare.
   */
  files?: Array<[path: string, text: string]>;
}

export type RunOptions = SessionOptions &
  SandboxOptions & {
    setup?: string; // script run by /bin/sh -e once before the command (runSandbox)
  };

export type RunStatus =
  | "ok"
  | "failed"
  | "signaled"
  | "cancelled" // stopped by the caller's abort (the Action's cancellation, the CLI's Ctrl-C)
  | "setup-error"
  | "timeout"
  | "oom"
  | "pids-limit";

export interface RunError {
  step: string;
  message: string;
  /** The fix a front end names after the message (a missing command or working directory): see HINT_KEYS. */
  hint?: HintKey;
}

export interface RunResult {
  status: RunStatus;
  exitCode: number; // the command's own; 128+N after signal N; 125 on setup error
  signal: string | null; // e.g. "SIGKILL"
  wallMs: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  cpuSource: "cgroup" | "rusage";
  memoryPeakBytes: number | null;
  memoryPeakNote: string | null; // why memoryPeakBytes is null, or its source
  pidsPeak: number | null;
  pidsPeakSource: "pids.peak" | "sampled" | null;
  oomKills: number;
  cgroup: "v2" | "v1" | "none";
  notEnforced: string[]; // limits asked for but not enforced (best effort), or defaults that could not be
  limits: AppliedLimits; // the limits this sandbox ran under, defaults included
  network: NetworkMode;
  address: string | null; // sandbox address in nat mode
  reason: string | null; // one sentence when a limit ended the command, e.g. "wall-clock timeout 1s reached"
  error: RunError | null;
  alpine: string; // resolved version, e.g. "3.20.3"
  phase?: "setup"; // this is the result of the session's setup script (runSandbox: it failed)
  packages?: InstalledPackage[]; // the session's package layer
  outputs?: OutputsResult;
}

export interface AppliedLimits {
  memoryBytes: number | null; // null: no memory limit (lifted with "none")
  pids: number | null;
  tmpfsBytes: number; // each writable tmpfs (the root's writable layer, /tmp, /dev/shm)
  tmpfsInodes: number; // each of them holds at most this many files
  defaulted: Array<"memory" | "pids">; // chosen by the engine, not asked for
}

/**
 * The fixes only a front end can word, since the CLI names its flags and the Action its inputs (which differ,
 * and some flags have no input): an engine error that needs one carries its key in `hint`, and its message
 * is complete without it. Each front end maps every key to its own words (cli/hints.ts, action/hints.ts).
 */
export const HINT_KEYS = [
  "best-effort",
  "cgroup-busy",
  "mirror",
  "release",
  "tarball",
  "pool",
  "pool-full",
  "env-pair",
  "hostname",
  "scratch-memory",
  "scratch-space",
  // A result's error (RunError), not a thrown one: the sandbox's command or its working directory is missing.
  "command",
  "workdir",
] as const;
export type HintKey = (typeof HINT_KEYS)[number];

/** A problem with what the caller asked for: exit status 2, one sentence, no stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(
    message: string,
    readonly hint?: HintKey,
  ) {
    super(message);
  }
}

/**
 * The caller aborted (a signal reached the CLI, the Action was cancelled) before the command started: no
 * command ran and everything set up so far has been removed. `reason` is the AbortSignal's reason.
 */
export class CancelledError extends Error {
  override name = "CancelledError";
  constructor(readonly reason: unknown = undefined) {
    super(`stopped${typeof reason === "string" ? ` by ${reason}` : ""} before the command started`);
  }
}

/** Throws CancelledError when the signal was aborted: called between set-up steps. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError(signal.reason);
}

/** The sandbox could not be set up (host lacks a feature, download failed...): exit status 125. */
export class SetupError extends Error {
  override name = "SetupError";
  constructor(
    readonly step: string,
    message: string,
    readonly hint?: HintKey,
  ) {
    super(message);
  }
}

/** An error's message for a user: the engine's sentence, then the front end's wording of its hint. */
export function errorText(err: unknown, hints: Readonly<Record<HintKey, string>>): string {
  const message = withoutCredentials(err instanceof Error ? err.message : String(err));
  const hint = err instanceof UsageError || err instanceof SetupError ? err.hint : undefined;
  return withFix(message, hint, hints);
}

/**
 * A result's error (a sandbox that could not start) for a user: the engine's sentence, then the front end's
 * wording of its hint, as errorText joins them. A results file read back may come from another version: a
 * key this one does not know adds nothing.
 */
export function runErrorText(error: RunError, hints: Readonly<Record<HintKey, string>>): string {
  return withFix(error.message, error.hint, hints);
}

/** The sentence, then the front end's words for its hint when it has one for that key. */
function withFix(
  message: string,
  hint: string | undefined,
  hints: Readonly<Record<HintKey, string>>,
): string {
  const fix = hint && Object.hasOwn(hints, hint) ? hints[hint as HintKey] : undefined;
  return fix ? `${message}; ${fix}` : message;
}

/** A URL's user and password (a mirror or repository given as https://user:token@host/…) shown as `***`:
 *  messages go to logs a token must not reach. */
export function withoutCredentials(text: string): string {
  return text.replace(/\b(https?:\/\/)[^/\s@]+@/g, "$1***@");
}
