import { createRequire as __nsboxCreateRequire } from "node:module";
import { dirname as __nsboxDirname } from "node:path";
import { fileURLToPath as __nsboxFileURLToPath } from "node:url";
const require = __nsboxCreateRequire(import.meta.url);
const __filename = __nsboxFileURLToPath(import.meta.url);
const __dirname = __nsboxDirname(__filename);
import {
  InertBlock,
  ROOTLESS_LIMITS,
  Tail,
  detectPrivilege,
  encodeEvent,
  encodeOutput,
  runPlanWithSudo,
  writeInert
} from "./chunk-JJUOOUUH.js";
import {
  RESULTS_FORMAT,
  annotation,
  annotationPlan,
  isFailure,
  readTimings,
  renderSummary,
  serialize,
  setupName,
  toJUnit,
  writeReportFile
} from "./chunk-NJFEACQC.js";
import {
  CancelledError,
  DEFAULT_TMPFS_BYTES,
  RefusedFileError,
  Session,
  UsageError,
  childProcess,
  cleanupStale,
  endGroup,
  error,
  errorText,
  formatBytes,
  getInput,
  info,
  isEnvName,
  parseCount,
  parseCpus,
  parseDuration,
  parseEnvPairs,
  parseHostname,
  parseMaxConnections,
  parseNetworkMode,
  parseOutputPattern,
  parsePackages,
  parseScratchKind,
  parseSize,
  readRegularFile,
  saveState,
  setFailed,
  setOutput,
  startGroup,
  summary,
  warning
} from "./chunk-OKCVBC3W.js";
import "./chunk-H242IAHX.js";

// src/action/main.ts
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync as writeFileSync2 } from "node:fs";
import { tmpdir } from "node:os";
import { join as join4 } from "node:path";
import { fileURLToPath } from "node:url";

// src/action/commands.ts
import { createRequire } from "node:module";

// src/action/list-input.ts
function lines(value, separators = /[\n,]/) {
  return value.split(separators).map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
}

// src/action/commands.ts
var yaml = null;
async function loadYaml() {
  const mod = await import("./chunk-DHW4FCL2.js");
  yaml ??= mod.default ?? mod;
}
function yamlModule() {
  yaml ??= createRequire(import.meta.url)("yaml");
  return yaml;
}
var LIMIT_KEYS = ["timeout", "memory", "pids", "cpus"];
var KEYS = ["name", "run", "env", ...LIMIT_KEYS, "working-directory"];
function needsYaml(text) {
  const first = firstContentLine(text);
  return first !== void 0 && "-[%!&*".includes(first[0]);
}
function firstContentLine(text) {
  return text.split("\n").map((l) => l.trim()).find((l) => l && !l.startsWith("#"));
}
function parseCommands(text) {
  if (!text.trim()) return [];
  if (!needsYaml(text)) return onePerLine(text);
  const { isSeq, parseDocument } = yamlModule();
  const doc = parseDocument(text, { schema: "failsafe", uniqueKeys: true });
  const error2 = doc.errors[0];
  if (error2) {
    if (startsLikeBlockList(text)) throw yamlError(error2);
    return onePerLine(text);
  }
  if (!isSeq(doc.contents)) return onePerLine(text);
  return doc.contents.items.map((item, i) => parseItem(item, i + 1));
}
function onePerLine(text) {
  return lines(text, /\n/).map((run2) => ({ name: run2, run: run2 }));
}
function startsLikeBlockList(text) {
  const first = firstContentLine(text);
  return first !== void 0 && /^-(\s|$)/.test(first);
}
function yamlError(error2) {
  const line = error2.linePos?.[0].line;
  const what = (error2.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
  return new UsageError(
    `commands: YAML error${line ? ` on line ${line}` : ""} (${what}); fix the list or give one command per line`
  );
}
function parseItem(node, n) {
  const { isMap, isScalar } = yamlModule();
  if (node === null || isScalar(node)) {
    const run3 = node === null ? "" : String(node.value ?? "");
    if (!run3.trim()) throw new UsageError(`commands: item ${n} is empty; give it a command or remove it`);
    return { name: firstLine(run3), run: run3 };
  }
  if (!isMap(node)) {
    throw new UsageError(`commands: item ${n} is a list; give a command string or a {name, run} mapping`);
  }
  const raw = node.toJSON();
  const label = typeof raw.name === "string" && raw.name.trim() ? `item ${n} ('${raw.name.trim()}')` : `item ${n}`;
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) {
      throw new UsageError(
        `commands: ${label} has an unknown key '${key}'; use ${KEYS.slice(0, -1).join(", ")} or ${KEYS.at(-1)}`
      );
    }
  }
  const str = (key) => {
    const v = raw[key];
    if (v === void 0) return void 0;
    if (typeof v !== "string") throw new UsageError(`commands: ${label}: ${key} must be a string`);
    return v;
  };
  const run2 = str("run");
  if (!run2?.trim()) throw new UsageError(`commands: ${label} has no run; give each item a run: line`);
  const spec = { name: str("name")?.trim() || firstLine(run2), run: run2 };
  for (const key of LIMIT_KEYS) {
    const v = str(key)?.trim();
    if (v) spec[key] = v;
  }
  const wd = str("working-directory")?.trim();
  if (wd) spec.workingDirectory = wd;
  if (raw.env !== void 0) spec.env = parseItemEnv(raw.env, label);
  return spec;
}
function parseItemEnv(value, label) {
  const badEntry = (entry2) => `commands: ${label}: env entry '${entry2}' is not NAME=value; use NAME: value`;
  if (typeof value === "string") {
    const env2 = {};
    for (const entry2 of lines(value, /\n/)) {
      try {
        Object.assign(env2, parseEnvPairs([entry2]));
      } catch (err) {
        if (err instanceof UsageError && err.hint === "env-pair") throw new UsageError(badEntry(entry2));
        throw err;
      }
    }
    return env2;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`commands: ${label}: env must be a mapping of NAME: value or K=V lines`);
  }
  const env = {};
  for (const [k, v] of Object.entries(value)) {
    if (!isEnvName(k) || typeof v !== "string") throw new UsageError(badEntry(k));
    env[k] = v;
  }
  return env;
}
function firstLine(s) {
  return s.trim().split("\n")[0] ?? s;
}

// src/action/hints.ts
var ACTION_FIX_HINTS = {
  "best-effort": "run the job as root or with passwordless sudo, or set best-effort: true",
  mirror: "check the mirror input, or give a local minirootfs tarball in the rootfs input",
  // The Action has no pool input: its sandboxes always use the engine's default pool.
  pool: "the Action's sandbox network needs that range free; use network: none on this runner",
  "env-pair": "give the env input one NAME=value per line",
  hostname: "use letters, digits and '-' like test-1"
};
function actionErrorText(err) {
  return errorText(err, ACTION_FIX_HINTS);
}

// src/action/output.ts
import { closeSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
var SPOOL_MAX_BYTES = 2 * 1024 * 1024 * 1024;
var COPY_CHUNK = 64 * 1024;
var yieldToLoop = () => new Promise((resolve2) => setImmediate(resolve2));
function write(data) {
  return process.stdout.write(data);
}
var CommandLog = class {
  /** `spoolDir` null: commands run one at a time and stream live. The setup runs alone: always live. */
  constructor(commands, spoolDir) {
    this.commands = commands;
    this.spoolDir = spoolDir;
    this.tails = commands.map(() => new Tail());
  }
  commands;
  spoolDir;
  tails;
  setupTail = new Tail();
  spools = /* @__PURE__ */ new Map();
  live = null;
  queue = Promise.resolve();
  /** Takes a plan event; a returned promise asks the producer to wait (the log is not keeping up). */
  handle(e) {
    const streamed = this.spoolDir === null;
    switch (e.t) {
      case "progress":
        return this.print(() => info(`nsbox: ${e.message}`));
      case "setup-start":
        return this.openLive("setup");
      case "setup-out":
        this.setupTail.push(e.d);
        return this.writeLive(e.d);
      case "setup-result":
        return this.closeLive(e.result);
      case "start":
        if (streamed) this.openLive(this.nameOf(e.i));
        return;
      case "out":
        this.tails[e.i]?.push(e.d);
        if (streamed) return this.writeLive(e.d);
        this.spool(e.i, e.d);
        return;
      case "result":
        if (streamed) return this.closeLive(e.result);
        this.print(() => this.copySpool(e.i, e.result));
        return;
      case "skipped":
        return this.print(() => {
          info(`nsbox: skipped command ${this.commands[e.i]?.position} (${e.why}):`);
          writeInert(write, `${this.nameOf(e.i)}
`);
        });
      default:
        return;
    }
  }
  /** Prints text of outside origin (the sudo worker's stderr) in a group, inert. */
  printForeign(title, text) {
    return this.print(() => {
      startGroup(title);
      writeInert(write, text);
      endGroup();
    });
  }
  /** Waits until everything queued is in the log. */
  async drain() {
    await this.queue;
  }
  /**
   * After the run, whatever happened: closes a live block a command left open (its sandbox threw before a
   * result), so the step's own annotations that follow are read as commands again; removes spool files.
   */
  dispose() {
    if (this.live) {
      this.live.close();
      this.live = null;
      endGroup();
    }
    for (const [i, s] of this.spools) {
      this.spools.delete(i);
      closeSync(s.fd);
      unlinkSync(s.path);
    }
  }
  nameOf(i) {
    return this.commands[i]?.name ?? "";
  }
  openLive(name) {
    startGroup(`\u25B6 ${name}`);
    this.live = new InertBlock(write);
  }
  closeLive(result) {
    this.live?.close();
    this.live = null;
    verdict(result);
  }
  writeLive(d) {
    if (!this.live) return;
    this.live.data(d);
    if (process.stdout.writableNeedDrain) return new Promise((r) => process.stdout.once("drain", r));
  }
  print(task) {
    this.queue = this.queue.then(task);
    return this.queue;
  }
  spool(i, d) {
    let s = this.spools.get(i);
    if (!s) {
      const path = join(this.spoolDir, `output-${i}`);
      s = { fd: openSync(path, "wx+", 384), path, bytes: 0, dropped: 0 };
      this.spools.set(i, s);
    }
    if (s.bytes + d.length > SPOOL_MAX_BYTES) {
      s.dropped += d.length;
      return;
    }
    writeSync(s.fd, d);
    s.bytes += d.length;
  }
  async copySpool(i, result) {
    startGroup(`\u25B6 ${this.nameOf(i)}`);
    const s = this.spools.get(i);
    const block = new InertBlock(write);
    if (s) {
      this.spools.delete(i);
      const chunk = Buffer.alloc(COPY_CHUNK);
      try {
        for (let at = 0; at < s.bytes; ) {
          const n = readSync(s.fd, chunk, 0, COPY_CHUNK, at);
          if (n === 0) break;
          block.data(chunk.subarray(0, n));
          at += n;
          if (process.stdout.writableNeedDrain) await new Promise((r) => process.stdout.once("drain", r));
          else await yieldToLoop();
        }
      } finally {
        closeSync(s.fd);
        unlinkSync(s.path);
      }
    }
    block.close();
    if (s?.dropped)
      info(`nsbox: ${formatBytes(s.dropped)} of output past ${formatBytes(SPOOL_MAX_BYTES)} not kept`);
    verdict(result);
  }
};
function verdict(r) {
  info(`\u2B91 ${r.status}, exit ${r.exitCode}${r.reason ? ` (${r.reason})` : ""}`);
  endGroup();
}

// src/action/plan.ts
import { isAbsolute, join as join2, normalize, resolve } from "node:path";

// src/action/shard.ts
var MAX_SHARDS = 256;
function parseShard(value) {
  const v = value.trim();
  if (v === "") return { index: 1, total: 1 };
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(v);
  const example = "e.g. shard: ${{ matrix.shard }}/3 with shard: [1, 2, 3] in the matrix";
  if (!m)
    throw new UsageError(`shard: '${v}' is not K/N; give this job's number and the job count, ${example}`);
  const index = Number(m[1]);
  const total = Number(m[2]);
  if (total < 1 || total > MAX_SHARDS)
    throw new UsageError(`shard: '${v}' has ${total} shards; use between 1 and ${MAX_SHARDS}`);
  if (index < 1 || index > total)
    throw new UsageError(
      `shard: '${v}' is not one of the ${total} shards; use 1/${total} to ${total}/${total}`
    );
  return { index, total };
}
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
function assignShards(names, total, timings) {
  const known = names.map((n) => timings?.get(n)).filter((t) => t !== void 0);
  const fallback = known.length ? median(known) : 1;
  const weight = names.map((n) => timings?.get(n) ?? fallback);
  const order = names.map((_, i) => i).sort((a, b) => weight[b] - weight[a] || a - b);
  const load = new Array(total).fill(0);
  const count = new Array(total).fill(0);
  const shardOf = new Array(names.length).fill(0);
  for (const i of order) {
    let best = 0;
    for (let s = 1; s < total; s++) {
      const lighter = load[s] < load[best];
      const tie = load[s] === load[best] && count[s] < count[best];
      if (lighter || tie) best = s;
    }
    load[best] = load[best] + weight[i];
    count[best] = count[best] + 1;
    shardOf[i] = best + 1;
  }
  return shardOf;
}
function timedCount(names, timings) {
  return names.filter((n) => timings.has(n)).length;
}

// src/action/plan.ts
var WORKSPACE_MOUNT = "/workspace";
function bool(name, value, fallback) {
  const v = value.trim().toLowerCase();
  if (v === "") return fallback;
  if (["true", "yes", "1", "on"].includes(v)) return true;
  if (["false", "no", "0", "off"].includes(v)) return false;
  throw new UsageError(`${name}: '${value}' is not a boolean; use true or false`);
}
function optional(value, parse) {
  return value.trim() === "" ? void 0 : parse(value.trim());
}
function buildPlan(input, env, timingsOf = readTimings) {
  const specs = [];
  const script = input("run");
  if (script.trim()) specs.push({ name: "run", run: script });
  specs.push(...parseCommands(input("commands")));
  if (specs.length === 0)
    throw new UsageError("run and commands are both empty; give a script in run or a list in commands");
  const network = parseNetworkMode("network", input("network").trim() || "none");
  const workspace = input("workspace").trim() || "overlay";
  if (!["none", "ro", "overlay", "rw"].includes(workspace)) {
    throw new UsageError(`workspace: '${workspace}' is not a workspace mode; use none, ro, overlay or rw`);
  }
  const workspaceHost = workspace === "none" ? null : env.GITHUB_WORKSPACE ?? null;
  if (workspace !== "none" && !workspaceHost) {
    throw new UsageError(
      `workspace: '${workspace}' needs GITHUB_WORKSPACE; set workspace: none outside a workflow`
    );
  }
  const mounts = workspaceHost ? [{ source: workspaceHost, target: WORKSPACE_MOUNT, mode: workspace }] : [];
  const limits = parseLimits((name) => input(name), "");
  const parallel = optional(input("parallel"), (v) => parseCount("parallel", v)) ?? 1;
  const rootfsTarball = input("rootfs").trim() || void 0;
  const mirror = input("mirror").trim() || void 0;
  if (mirror && !/^https?:\/\//.test(mirror)) {
    throw new UsageError(
      `mirror: '${mirror}' is not an http(s) URL; use https://dl-cdn.alpinelinux.org/alpine`
    );
  }
  const toolCache = env.RUNNER_TOOL_CACHE;
  const packages = parsePackages([input("packages")]);
  const setupNetwork = parseNetworkMode("setup-network", input("setup-network").trim() || network);
  const scratch = parseScratchKind(input("scratch").trim() || "memory");
  const patterns = lines(input("outputs")).map(
    (p) => parseOutputPattern("outputs", isAbsolute(p) || !workspaceHost ? p : join2(WORKSPACE_MOUNT, p))
  );
  const outputLimit = optional(input("output-limit"), (v) => parseSize("output-limit", v));
  const outputDir = resolve(workspaceHost ?? ".", input("output-dir").trim() || "nsbox-output");
  const outputs = patterns.length ? {
    name: "",
    patterns,
    dir: outputDir,
    ...outputLimit !== void 0 ? { limitBytes: outputLimit } : {}
  } : null;
  const stepEnv = parseEnvPairs(lines(input("env"), /\n/));
  const workdir = resolveWorkdir(input("working-directory"), workspaceHost !== null, "working-directory");
  const all = specs.map((c, i) => {
    const where = `commands: item ${i + (script.trim() ? 0 : 1)} ('${c.name}'): `;
    const own = (name) => name in c ? String(c[name] ?? "") : "";
    return {
      name: c.name,
      position: i + 1,
      argv: ["/bin/sh", "-ec", c.run],
      env: { ...stepEnv, ...c.env },
      limits: { ...limits, ...parseLimits(own, where) },
      workdir: c.workingDirectory ? resolveWorkdir(c.workingDirectory, workspaceHost !== null, `${where}working-directory`) : workdir
    };
  });
  const { shard, commands, notes } = shardCommands(all, input("shard"), input("shard-timings"), timingsOf);
  const junit = input("junit").trim();
  const setupScript = input("setup");
  const setup = setupScript.trim() ? { script: setupScript, env: stepEnv, limits, workdir } : null;
  return {
    setup,
    commands,
    totalCommands: all.length,
    shard,
    junitFile: junit ? resolve(junit) : null,
    notes,
    session: {
      alpine: input("alpine-version").trim() || "latest-stable",
      mirror,
      rootfsTarball,
      cacheDir: toolCache ? join2(toolCache, "nsbox") : void 0,
      network,
      allow: lines(input("allow")),
      maxConnections: optional(input("max-connections"), parseMaxConnections),
      parallel,
      ...packages.length ? { packages } : {},
      ...lines(input("repositories")).length ? { repositories: lines(input("repositories")) } : {},
      ...lines(input("repository-keys")).length ? { repositoryKeys: lines(input("repository-keys")) } : {},
      allowUntrusted: bool("allow-untrusted", input("allow-untrusted"), false),
      setupNetwork,
      scratch
    },
    limits,
    mounts,
    workdir,
    env: stepEnv,
    hostname: parseHostname(input("hostname").trim() || "nsbox"),
    parallel,
    failFast: bool("fail-fast", input("fail-fast"), false),
    failOnError: bool("fail-on-error", input("fail-on-error"), true),
    bestEffort: bool("best-effort", input("best-effort"), false),
    workspace,
    workspaceHost,
    outputs,
    artifactsDir: outputDir
  };
}
function shardCommands(all, shardInput, timingsInput, timingsOf) {
  const shard = parseShard(shardInput);
  const timingsPath = timingsInput.trim();
  if (timingsPath && !shardInput.trim()) {
    throw new UsageError(`shard-timings: '${timingsPath}' is given without shard; set shard: K/N or drop it`);
  }
  const names = all.map((c) => c.name);
  const timings = timingsPath ? timingsOf(resolve(timingsPath)) : null;
  const notes = [];
  if (timings && timedCount(names, timings) === 0) {
    notes.push(`shard-timings: '${timingsPath}' has no time for any of these commands; split by count`);
  }
  const shardOf = assignShards(names, shard.total, timings);
  return { shard, commands: all.filter((_, i) => shardOf[i] === shard.index), notes };
}
function parseLimits(input, where) {
  const limits = {};
  const one = (name, parse) => optional(input(name), (v) => parse(`${where}${name}`, v));
  const orNone = (parse) => (what, v) => v === "none" ? "none" : parse(what, v);
  limits.memoryBytes = one("memory", orNone(parseSize));
  limits.pids = one("pids", orNone(parseCount));
  limits.cpus = one("cpus", parseCpus);
  limits.timeoutMs = one("timeout", parseDuration);
  limits.cpuTimeMs = one("cpu-time", parseDuration);
  limits.tmpfsBytes = one("tmpfs-size", parseSize);
  for (const k of Object.keys(limits)) if (limits[k] === void 0) delete limits[k];
  return limits;
}
function resolveWorkdir(value, hasWorkspace, what) {
  const v = value.trim();
  if (!v) return hasWorkspace ? WORKSPACE_MOUNT : "/";
  if (isAbsolute(v)) return normalize(v);
  if (!hasWorkspace) {
    throw new UsageError(`${what}: '${v}' is relative but no workspace is mounted; use an absolute path`);
  }
  const resolved = normalize(join2(WORKSPACE_MOUNT, v));
  if (resolved !== WORKSPACE_MOUNT && !resolved.startsWith(`${WORKSPACE_MOUNT}/`)) {
    throw new UsageError(`${what}: '${v}' leaves the workspace; use a path inside it`);
  }
  return resolved;
}

// src/action/runner.ts
async function runPlan(plan, emit2, signal) {
  const session = await Session.open({
    ...plan.session,
    onProgress: (message) => emit2({ t: "progress", message }),
    signal
  });
  emit2({ t: "session", alpine: session.alpine });
  const onAbort = () => session.abortAll();
  signal?.addEventListener("abort", onAbort, { once: true });
  let next = 0;
  let stop = null;
  const sandboxOptions = (of, onOutput) => ({
    mounts: plan.mounts,
    workdir: of.workdir,
    env: of.env,
    hostname: plan.hostname,
    limits: of.limits,
    bestEffort: plan.bestEffort,
    stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
    onOutput,
    signal
  });
  const runOptions = (i) => {
    const command = plan.commands[i];
    return {
      argv: command.argv,
      ...sandboxOptions(command, (s, d) => emit2({ t: "out", i, s, d })),
      ...plan.outputs ? { outputs: { ...plan.outputs, name: command.name } } : {}
    };
  };
  const prepared = /* @__PURE__ */ new Map();
  const take = (i) => {
    const p = prepared.get(i) ?? session.prepare(runOptions(i));
    prepared.delete(i);
    return p;
  };
  const prepareNext = () => {
    if (next < plan.commands.length && !prepared.has(next) && !stop && !signal?.aborted)
      prepared.set(next, session.prepare(runOptions(next)));
  };
  const worker = async () => {
    while (!stop && !signal?.aborted && next < plan.commands.length) {
      const i = next++;
      const command = plan.commands[i];
      if (!command) break;
      const sandbox = take(i);
      await emit2({ t: "start", i });
      const started = sandbox.start();
      prepareNext();
      const result = await started.catch((err) => {
        if (err instanceof CancelledError) return null;
        throw err;
      });
      if (!result) {
        await emit2({ t: "skipped", i, why: "cancelled" });
        break;
      }
      const named = { name: command.name, position: command.position, shard: plan.shard, ...result };
      await emit2({ t: "result", i, result: named });
      if (plan.failFast && result.status !== "ok") stop ??= "fail-fast";
    }
  };
  try {
    if (plan.setup) {
      await emit2({ t: "setup-start" });
      const onOutput = (s, d) => emit2({ t: "setup-out", s, d });
      const result = await session.setup(plan.setup.script, sandboxOptions(plan.setup, onOutput));
      await emit2({ t: "setup-result", result });
      if (result.status !== "ok") stop = "setup failed";
    }
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(plan.parallel, plan.commands.length)) }, worker)
    );
    const why = signal?.aborted ? "cancelled" : stop ?? "cancelled";
    for (let i = next; i < plan.commands.length; i++) await emit2({ t: "skipped", i, why });
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await Promise.all([...prepared.values()].map((p) => p.discard()));
    await session.close();
  }
}

// src/action/workspace-guard.ts
import { lstatSync, readdirSync, writeFileSync } from "node:fs";
import { join as join3 } from "node:path";

// src/action/gitconfig.ts
function parseConfigList(z) {
  const entries = [];
  for (const record of z.split("\0")) {
    if (!record) continue;
    const nl = record.indexOf("\n");
    const key = nl < 0 ? record : record.slice(0, nl);
    const first = key.indexOf(".");
    const last = key.lastIndexOf(".");
    if (first <= 0 || last === key.length - 1) continue;
    entries.push({
      section: key.slice(0, first),
      subsection: first === last ? null : key.slice(first + 1, last),
      name: key.slice(last + 1),
      value: nl < 0 ? null : record.slice(nl + 1)
    });
  }
  return entries;
}
var CORE_DENIED = /* @__PURE__ */ new Set([
  "fsmonitor",
  "hookspath",
  "sshcommand",
  "askpass",
  "editor",
  "pager",
  "gitproxy",
  "alternaterefscommand",
  "alternaterefsprefixes"
]);
var REMOTE_ALLOWED = /* @__PURE__ */ new Set(["url", "pushurl", "fetch", "tagopt", "promisor", "partialclonefilter"]);
var SUBMODULE_ALLOWED = /* @__PURE__ */ new Set(["path", "url", "active", "branch"]);
var URL_KEYS = /* @__PURE__ */ new Set(["url", "pushurl"]);
function allowed(e) {
  switch (e.section) {
    case "core":
      return e.subsection === null && !CORE_DENIED.has(e.name);
    case "extensions":
      return e.subsection === null;
    case "remote":
      return e.subsection !== null && REMOTE_ALLOWED.has(e.name);
    case "branch":
      return true;
    case "submodule":
      return e.subsection === null ? e.name === "active" : SUBMODULE_ALLOWED.has(e.name);
    default:
      return false;
  }
}
function allowConfig(entries) {
  return entries.filter(allowed).map(
    (e) => URL_KEYS.has(e.name) && e.value !== null && e.subsection !== null ? { ...e, value: stripCredentials(e.value) } : e
  );
}
function stripCredentials(url) {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)(.*)$/s.exec(url);
  if (scheme) {
    const rest = scheme[2] ?? "";
    const end = rest.search(/[/?#]/);
    const authority = end < 0 ? rest : rest.slice(0, end);
    const tail = (end < 0 ? "" : rest.slice(end)).replace(/[?#].*$/s, "");
    return `${scheme[1]}${authority.slice(authority.lastIndexOf("@") + 1)}${tail}`;
  }
  const slash = url.indexOf("/");
  const head = slash < 0 ? url : url.slice(0, slash);
  return url.slice(head.lastIndexOf("@") + 1);
}
var SECTION_NAME = /^[a-z0-9.-]+$/;
var KEY_NAME = /^[a-z][a-z0-9-]*$/;
function formatConfig(entries) {
  const groups = /* @__PURE__ */ new Map();
  for (const e of entries) {
    if (!SECTION_NAME.test(e.section) || !KEY_NAME.test(e.name) || e.subsection?.includes("\n")) continue;
    const header = e.subsection === null ? `[${e.section}]` : `[${e.section} "${e.subsection.replace(/[\\"]/g, (c) => `\\${c}`)}"]`;
    const lines2 = groups.get(header) ?? [];
    lines2.push(e.value === null ? `	${e.name}` : `	${e.name} = ${quoteValue(e.value)}`);
    groups.set(header, lines2);
  }
  return [...groups].map(([header, lines2]) => `${header}
${lines2.join("\n")}
`).join("");
}
function quoteValue(v) {
  const escaped = v.replace(
    /[\\"\n\t\b]/g,
    (c) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "	": "\\t", "\b": "\\b" })[c] ?? c
  );
  return `"${escaped}"`;
}

// src/action/workspace-guard.ts
var CREDENTIAL_FILES = [/^gha-creds-[^/]*\.json$/];
var MAX_CONFIG_BYTES = 1024 * 1024;
var MAX_DEPTH = 12;
var MAX_CONFIGS = 1e3;
function guardWorkspace(workspace, mode2, tempDir) {
  const guard = { mounts: [], warnings: [] };
  if (mode2 === "none") return guard;
  const git = join3(workspace, ".git");
  const kind = entryKind(git);
  if (kind === "other") {
    throw new UsageError(
      `${git} is a symlink or a special file; nsbox reads the workspace's .git without following links, so check out into a plain directory`
    );
  }
  if (mode2 === "rw" && kind !== "missing") {
    guard.mounts.push({ source: git, target: `${WORKSPACE_MOUNT}/.git`, mode: "ro" });
  }
  if (kind === "dir") {
    const configs = [];
    findConfigs(git, "", 0, configs);
    configs.forEach((rel, i) => {
      const copy = join3(tempDir, `gitconfig-${i}`);
      writeFileSync(copy, cleanConfig(join3(git, rel), guard.warnings), { mode: 420 });
      guard.mounts.push({ source: copy, target: `${WORKSPACE_MOUNT}/.git/${rel}`, mode: "ro" });
    });
  }
  const masked = readdirSync(workspace, { withFileTypes: true }).filter(
    (d) => d.isFile() && CREDENTIAL_FILES.some((re) => re.test(d.name))
  );
  if (masked.length > 0) {
    const empty = join3(tempDir, "masked-empty");
    writeFileSync(empty, "", { mode: 292 });
    for (const d of masked)
      guard.mounts.push({ source: empty, target: `${WORKSPACE_MOUNT}/${d.name}`, mode: "ro" });
  }
  return guard;
}
function entryKind(path) {
  try {
    const st = lstatSync(path);
    return st.isDirectory() ? "dir" : st.isFile() ? "file" : "other";
  } catch (err) {
    if (err.code === "ENOENT") return "missing";
    throw err;
  }
}
function findConfigs(gitdir, rel, depth, out2) {
  const at = (name) => rel ? `${rel}/${name}` : name;
  for (const name of ["config", "config.worktree"]) {
    const kind = entryKind(join3(gitdir, at(name)));
    if (kind === "other" || kind === "dir") refuse(join3(gitdir, at(name)));
    if (kind === "file") out2.push(at(name));
  }
  for (const wt of subdirs(join3(gitdir, at("worktrees")))) {
    const name = at(`worktrees/${wt}/config.worktree`);
    const kind = entryKind(join3(gitdir, name));
    if (kind === "other" || kind === "dir") refuse(join3(gitdir, name));
    if (kind === "file") out2.push(name);
  }
  findModules(gitdir, at("modules"), depth, out2);
  if (out2.length > MAX_CONFIGS) {
    throw new UsageError(
      `${gitdir} holds more than ${MAX_CONFIGS} git configs; nsbox will not copy them all`
    );
  }
}
function findModules(gitdir, rel, depth, out2) {
  if (depth > MAX_DEPTH) return;
  for (const name of subdirs(join3(gitdir, rel))) {
    const sub = `${rel}/${name}`;
    if (entryKind(join3(gitdir, sub, "HEAD")) !== "missing") findConfigs(gitdir, sub, depth + 1, out2);
    else findModules(gitdir, sub, depth + 1, out2);
  }
}
function subdirs(dir) {
  if (entryKind(dir) !== "dir") return [];
  return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}
function refuse(path) {
  throw new UsageError(
    `${path} is not a regular file; nsbox reads git configs without following links, so replace it with the file`
  );
}
function cleanConfig(path, warnings) {
  const text = readConfigFile(path, MAX_CONFIG_BYTES);
  const r = childProcess().spawnSync("git", ["config", "--file", "-", "--list", "-z", "--no-includes"], {
    input: text,
    encoding: "utf8",
    timeout: 1e4,
    maxBuffer: 4 * MAX_CONFIG_BYTES,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      LC_ALL: "C"
    },
    cwd: "/"
  });
  if (r.status !== 0) {
    const why = r.error ? r.error.message : r.stderr.trim().split("\n")[0] ?? `exit ${r.status}`;
    warnings.push(`could not read ${path} with git (${why}); the sandbox gets an empty copy of it`);
    return "";
  }
  return formatConfig(allowConfig(parseConfigList(r.stdout)));
}
function readConfigFile(path, maxBytes) {
  try {
    return readRegularFile(path, maxBytes);
  } catch (err) {
    if (!(err instanceof RefusedFileError)) throw err;
    if (err.reason === "symlink" || err.reason === "not-a-file") refuse(path);
    if (err.reason === "too-large") {
      throw new UsageError(
        `${path} is larger than ${maxBytes} bytes; nsbox will not copy a git config that big`
      );
    }
    throw new Error(`${path} cannot be read (${err.code})`);
  }
}

// src/action/main.ts
var entry = fileURLToPath(import.meta.url);
async function run() {
  let plan;
  try {
    if (needsYaml(getInput("commands"))) await loadYaml();
    plan = buildPlan((name) => getInput(name), process.env);
  } catch (err) {
    setFailed(actionErrorText(err));
    return;
  }
  const privilege = detectPrivilege();
  saveState("privilege" /* Privilege */, privilege);
  saveState("cache-dir" /* CacheDir */, plan.session.cacheDir ?? "");
  const share = plan.shard.total > 1 ? ` of ${plan.totalCommands} (shard ${plan.shard.index}/${plan.shard.total})` : "";
  info(`nsbox: ${plan.commands.length} command(s)${share}, privileges: ${privilege}`);
  for (const note of plan.notes) warning(note);
  if (privilege === "rootless") warning(ROOTLESS_LIMITS);
  const temp = mkdtempSync(join4(process.env.RUNNER_TEMP ?? tmpdir(), "nsbox-"));
  chmodSync(temp, 493);
  saveState("temp-dir" /* TempDir */, temp);
  try {
    if (!guardMounts(plan, temp)) return;
    const run2 = plan.commands.length ? await execute(plan, privilege, temp) : NOTHING_RUN;
    if (run2) await report(plan, run2, temp, privilege);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
function guardMounts(plan, temp) {
  if (!plan.workspaceHost) return true;
  try {
    const guard = guardWorkspace(plan.workspaceHost, plan.workspace, temp);
    for (const w of guard.warnings) warning(w);
    plan.mounts.push(...guard.mounts);
    return true;
  } catch (err) {
    const why = err instanceof UsageError ? actionErrorText(err) : `the workspace could not be prepared: ${err.message}`;
    setFailed(why);
    return false;
  }
}
var NOTHING_RUN = { setup: null, results: [], skipWhy: null, notRun: [] };
async function execute(plan, privilege, temp) {
  const results = [];
  const live = Math.min(plan.parallel, plan.commands.length) === 1;
  const log = new CommandLog(plan.commands, live ? null : temp);
  let setup = null;
  let skipWhy = null;
  const workerStderr = new Tail(16 * 1024);
  let fatal = null;
  let alpine = "";
  const notRun = [];
  const emit2 = (e) => {
    if (e.t === "session") {
      alpine = e.alpine;
      info(`nsbox: Alpine ${alpine}`);
    } else if (e.t === "setup-result") {
      setup = e.result;
    } else if (e.t === "result") {
      results[e.i] = e.result;
    } else if (e.t === "skipped") {
      skipWhy = e.why;
      const c = plan.commands[e.i];
      if (c) notRun.push({ position: c.position, name: c.name, why: e.why });
    } else if (e.t === "fatal") {
      fatal = e.message;
    }
    return log.handle(e);
  };
  const abort = new AbortController();
  for (const s of ["SIGTERM", "SIGINT"]) process.once(s, () => abort.abort(s));
  try {
    if (privilege === "sudo") {
      const code = await runPlanWithSudo(plan, entry, emit2, (c) => workerStderr.push(c), abort.signal);
      if (code !== 0 && !fatal) fatal = `the sudo worker exited with code ${code}`;
    } else {
      await runPlan(plan, emit2, abort.signal);
    }
  } catch (err) {
    fatal = actionErrorText(err);
  } finally {
    await log.drain();
    log.dispose();
  }
  const stderr = workerStderr.text(200);
  if (stderr) await log.printForeign("nsbox: the sudo worker's stderr", `${stderr}
`);
  if (fatal) {
    setFailed(fatal);
    return null;
  }
  setOutput("alpine-version", alpine);
  const ran = setup;
  return {
    setup: ran && { ...ran, shard: plan.shard, outputTail: log.setupTail.text() },
    results: results.flatMap((r, i) => r ? [{ ...r, outputTail: log.tails[i]?.text() ?? "" }] : []),
    skipWhy,
    notRun
  };
}
async function report(plan, run2, temp, privilege) {
  const clean = run2.results;
  const failed = clean.filter(isFailure);
  const failedSetup = run2.setup && isFailure(run2.setup) ? run2.setup : null;
  const outDir = join4(process.env.RUNNER_TEMP ?? temp, "nsbox-results");
  mkdirSync(outDir, { recursive: true });
  const { shard } = plan;
  const stem = `results-${process.env.GITHUB_RUN_ID ?? "local"}-${shard.index}of${shard.total}-${process.pid}`;
  const file = join4(outDir, `${stem}.json`);
  const record = {
    format: RESULTS_FORMAT,
    shard,
    commands: plan.totalCommands,
    setup: run2.setup,
    results: clean,
    notRun: run2.notRun
  };
  writeFileSync2(file, serialize(record));
  setOutput("results", JSON.stringify(clean.map(({ outputTail: _, ...r }) => r)));
  setOutput("results-file", file);
  if (plan.junitFile) {
    const suite = shard.total > 1 ? `nsbox shard ${shard.index}/${shard.total}` : "nsbox";
    try {
      const setups = run2.setup ? [run2.setup] : [];
      const xml = toJUnit({ suite, setups, results: clean, notRun: run2.notRun });
      writeReportFile(plan.junitFile, xml, "junit", true);
      setOutput("junit-file", plan.junitFile);
    } catch (err) {
      setFailed(err.message);
    }
  }
  const exitCode = (failedSetup ?? failed[0])?.exitCode;
  setOutput("exit-code", String(exitCode ?? 0));
  setOutput("passed", String(clean.length - failed.length));
  setOutput("failed", String(failed.length));
  setOutput("artifacts-dir", plan.artifactsDir);
  const skipped = plan.commands.length - clean.length;
  const first = run2.setup ?? clean[0];
  const facts = [
    ...shard.total > 1 ? [`shard ${shard.index}/${shard.total}: ${plan.commands.length} of ${plan.totalCommands} commands`] : [],
    `Alpine ${first?.alpine ?? "?"}`,
    `${clean.length - failed.length} passed, ${failed.length} failed${skipped ? `, ${skipped} not run${run2.skipWhy === "setup failed" ? " (setup failed)" : ""}` : ""}`,
    `cgroup ${first?.cgroup ?? "?"}`,
    `network ${plan.session.network}`,
    `privileges ${privilege}`
  ];
  const setupRow = run2.setup ? [{ ...run2.setup, name: setupName(run2.setup) }] : [];
  const markdown = renderSummary({
    results: [...setupRow, ...clean],
    facts,
    limits: {
      step: plan.limits,
      overrides: plan.commands.filter((c) => JSON.stringify(c.limits) !== JSON.stringify(plan.limits)).map((c) => ({ name: c.name, limits: c.limits })),
      defaultTmpfsBytes: DEFAULT_TMPFS_BYTES
    },
    warning: privilege === "rootless" ? ROOTLESS_LIMITS : null
  });
  await summary.addRaw(markdown).write().catch((err) => warning(`could not write the job summary: ${err.message}`));
  const { each, more } = annotationPlan([...setupRow.filter(isFailure), ...failed]);
  for (const r of each) error(annotation(r), { title: `nsbox: ${r.name}` });
  const cancelled = failed.filter((r) => r.status === "cancelled").length;
  const verdict2 = `${failed.length} of ${plan.commands.length} command(s) failed${cancelled ? ` (${cancelled} cancelled)` : ""}`;
  if (failedSetup) {
    setFailed(
      `setup failed (${failedSetup.status}, exit ${failedSetup.exitCode}); none of the ${skipped} command(s) ran`
    );
  } else if (failed.length > 0 && plan.failOnError) setFailed(more ? `${more}; ${verdict2}` : verdict2);
  else if (more) error(`${more}; ${verdict2}`, { title: "nsbox" });
}

// src/action/worker.ts
import { Socket } from "node:net";
var consumers = () => process.getBuiltinModule("node:stream/consumers");
var out = null;
function stdout() {
  out ??= new Socket({ fd: 1, readable: false, writable: true });
  return out;
}
function emit(e) {
  const frames = e.t === "out" ? encodeOutput(e.i, e.s, e.d) : e.t === "setup-out" ? encodeOutput("setup", e.s, e.d) : [encodeEvent(JSON.stringify(e))];
  const sink = stdout();
  let ok = true;
  for (const f of frames) ok = sink.write(f);
  if (ok) return;
  return new Promise((resolve2) => sink.once("drain", resolve2));
}
async function workerMain() {
  const abort = new AbortController();
  for (const s of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(s, () => abort.abort(s));
  let code = 0;
  try {
    const plan = JSON.parse(await consumers().text(process.stdin));
    await runPlan(plan, emit, abort.signal);
  } catch (err) {
    emit({
      t: "fatal",
      kind: err instanceof UsageError ? "usage" : "setup",
      message: actionErrorText(err)
    });
    code = 1;
  }
  await new Promise((resolve2) => stdout().end(resolve2));
  return code;
}
async function cleanupMain(cacheDir) {
  const removed = await cleanupStale(cacheDir);
  process.stdout.write(`nsbox: removed ${removed} leftover(s)
`);
  return 0;
}

// src/action/index.ts
var mode = process.argv[2];
if (mode === "--nsbox-worker") process.exitCode = await workerMain();
else if (mode === "--nsbox-cleanup") process.exitCode = await cleanupMain(process.argv[3]);
else await run();
