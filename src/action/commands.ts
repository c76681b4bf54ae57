// Pure: the `commands` input, read by a real YAML parser (`yaml`). Either one command per line (plain
// text that is not a YAML list; `#` comments skipped), or a YAML list whose items are strings or
// mappings {name, run, env, timeout, memory, pids, cpus, working-directory}. The failsafe schema keeps
// every scalar a string, so `timeout: 10` or `- yes` are never turned into a number or a boolean.
import { createRequire } from "node:module";
import type { Node, YAMLError } from "yaml";
import { isEnvName, parseEnvPairs, UsageError } from "../engine/index";
import { lines } from "./list-input";

/** A command's own values; absent ones come from the step's inputs (plan.ts merges them). */
export interface CommandSpec {
  name: string;
  run: string;
  env?: Record<string, string>;
  timeout?: string;
  memory?: string;
  pids?: string;
  cpus?: string;
  workingDirectory?: string;
}

type Yaml = typeof import("yaml");
let yaml: Yaml | null = null;

/**
 * Loads the YAML parser (~250 KB, a separate chunk of the bundle) only for a `commands` input that needs it
 * (needsYaml): the Action awaits this before buildPlan. Unbundled callers (tests) get it synchronously.
 */
export async function loadYaml(): Promise<void> {
  // yaml's CommonJS build: its exports are the namespace's default (named ones only when not bundled).
  const mod = (await import("yaml")) as unknown as Yaml & { default?: Yaml };
  yaml ??= mod.default ?? mod;
}

function yamlModule(): Yaml {
  yaml ??= createRequire(import.meta.url)("yaml") as Yaml;
  return yaml;
}

const LIMIT_KEYS = ["timeout", "memory", "pids", "cpus"] as const;
const KEYS = ["name", "run", "env", ...LIMIT_KEYS, "working-directory"];

/**
 * Whether `text` may be a YAML list, so that the parser must read it. A YAML document's top node is a list
 * only when its first token starts one (`-`, `[`) or may come before one (a directive `%`, a tag `!`, an
 * anchor `&`, an alias `*`); any other document is a scalar or a mapping, which parseCommands reads as one
 * command per line all the same. So such text is taken without loading yaml (~4 ms of the Action's start).
 */
export function needsYaml(text: string): boolean {
  const first = firstContentLine(text);
  return first !== undefined && "-[%!&*".includes(first[0] as string);
}

/** The first line that is neither blank nor a comment, trimmed (trim() takes a byte order mark too). */
function firstContentLine(text: string): string | undefined {
  return text
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith("#"));
}

export function parseCommands(text: string): CommandSpec[] {
  if (!text.trim()) return [];
  if (!needsYaml(text)) return onePerLine(text);
  const { isAlias, isSeq, parseDocument } = yamlModule();
  const doc = parseDocument(text, { schema: "failsafe", uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    // A block list with a mistake in it is meant as a list: say where. Anything else is lines.
    if (startsLikeBlockList(text)) throw yamlError(error);
    return onePerLine(text);
  }
  if (!isSeq(doc.contents)) return onePerLine(text);
  // An item given as an alias (`- *common`) is the node it names: read as an item, not refused as "a list".
  return doc.contents.items.map((item, i) =>
    parseItem((isAlias(item) ? item.resolve(doc) : item) as Node | null, i + 1),
  );
}

function onePerLine(text: string): CommandSpec[] {
  return lines(text, /\n/).map((run) => ({ name: run, run }));
}

function startsLikeBlockList(text: string): boolean {
  const first = firstContentLine(text);
  return first !== undefined && /^-(\s|$)/.test(first);
}

function yamlError(error: YAMLError): UsageError {
  const line = error.linePos?.[0].line;
  const what = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
  return new UsageError(
    `commands: YAML error${line ? ` on line ${line}` : ""} (${what}); fix the list or give one command per line`,
  );
}

function parseItem(node: Node | null, n: number): CommandSpec {
  const { isMap, isScalar } = yamlModule();
  if (node === null || isScalar(node)) {
    const run = node === null ? "" : String(node.value ?? "");
    if (!run.trim()) throw new UsageError(`commands: item ${n} is empty; give it a command or remove it`);
    return { name: firstLine(run), run };
  }
  if (!isMap(node)) {
    throw new UsageError(`commands: item ${n} is a list; give a command string or a {name, run} mapping`);
  }
  const raw = node.toJSON() as Record<string, unknown>;
  const label =
    typeof raw.name === "string" && raw.name.trim() ? `item ${n} ('${raw.name.trim()}')` : `item ${n}`;
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) {
      throw new UsageError(
        `commands: ${label} has an unknown key '${key}'; use ${KEYS.slice(0, -1).join(", ")} or ${KEYS.at(-1)}`,
      );
    }
  }
  const str = (key: string): string | undefined => {
    const v = raw[key];
    if (v === undefined) return undefined;
    if (typeof v !== "string") throw new UsageError(`commands: ${label}: ${key} must be a string`);
    return v;
  };
  const run = str("run");
  if (!run?.trim()) throw new UsageError(`commands: ${label} has no run; give each item a run: line`);
  const spec: CommandSpec = { name: str("name")?.trim() || firstLine(run), run };
  for (const key of LIMIT_KEYS) {
    const v = str(key)?.trim();
    if (v) spec[key] = v;
  }
  const wd = str("working-directory")?.trim();
  if (wd) spec.workingDirectory = wd;
  if (raw.env !== undefined) spec.env = parseItemEnv(raw.env, label);
  return spec;
}

/** `env:` as a mapping (NAME: value) or as K=V lines, read as the step's env input is. */
function parseItemEnv(value: unknown, label: string): Record<string, string> {
  const badEntry = (entry: string) =>
    `commands: ${label}: env entry '${entry}' is not NAME=value; use NAME: value`;
  if (typeof value === "string") {
    // One entry at a time, so the error names the item's entry in the Action's own words.
    const env: Record<string, string> = {};
    for (const entry of lines(value, /\n/)) {
      try {
        Object.assign(env, parseEnvPairs([entry]));
      } catch (err) {
        if (err instanceof UsageError && err.hint === "env-pair") throw new UsageError(badEntry(entry));
        throw err;
      }
    }
    return env;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`commands: ${label}: env must be a mapping of NAME: value or K=V lines`);
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!isEnvName(k) || typeof v !== "string") throw new UsageError(badEntry(k));
    env[k] = v;
  }
  return env;
}

function firstLine(s: string): string {
  return s.trim().split("\n")[0] ?? s;
}
