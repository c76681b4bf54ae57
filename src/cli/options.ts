// Pure: the one option loop every verb shares: `--name value` or `--name=value`, flags, and where options
// end. A value is refused here, in one place, when it is missing, empty or another option (`--cache-dir
// --json` is a forgotten value, not a directory named --json).
import { UsageError } from "../engine/index";

export interface OptionSpec {
  /** The verb as typed (`nsbox cleanup`) and the fix named for an option it does not know. */
  verb: string;
  unknownFix: string;
  valued: ReadonlySet<string>;
  flags: ReadonlySet<string>;
  /**
   * What an argument that is not an option is: the command (options end there: `nsbox run`), one of the
   * operands (`nsbox report`'s files, between options too), or a mistake.
   */
  positional: "command" | "operands" | "none";
  /** What a valued option takes, in its "needs ..." sentence (default "a value"). */
  valueNoun?: string;
}

export interface ParsedOptions {
  /** `--help`/`-h` among the options: the caller shows the help, whatever else was given. */
  help: boolean;
  values: ReadonlyMap<string, string[]>;
  flags: ReadonlySet<string>;
  /** The command, or the operands (after `--`, all the rest). */
  rest: string[];
  /** The value of an option that may be given once. */
  one(name: string): string | undefined;
}

export function parseOptions(args: readonly string[], spec: OptionSpec): ParsedOptions {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const rest: string[] = [];
  let help = false;
  const unknown = (arg: string) =>
    new UsageError(`'${arg}' is not an option of ${spec.verb}; ${spec.unknownFix}`);
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") {
      i++;
      break;
    }
    if (!arg.startsWith("-")) {
      if (spec.positional === "command") break;
      if (spec.positional === "none") throw unknown(arg);
      rest.push(arg);
      continue;
    }
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (spec.flags.has(name)) {
      if (eq > 0) throw new UsageError(`${name} takes no value; give ${name} alone`);
      flags.add(name);
      continue;
    }
    if (!spec.valued.has(name)) throw unknown(arg);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    const needs = `${name} needs ${spec.valueNoun ?? "a value"}`;
    if (value === undefined) throw new UsageError(`${needs}; see nsbox help`);
    if (value === "") throw new UsageError(`${needs}, and '' is empty; give ${name} one`);
    // A blank value would become a file or directory named ' ', or a list of nothing.
    if (value.trim() === "") throw new UsageError(`${needs}, and '${value}' is blank; give ${name} one`);
    if (value.startsWith("--"))
      throw new UsageError(`${needs}, and '${value}' is an option; give ${name} one`);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  rest.push(...args.slice(i));
  if (spec.positional === "none" && rest.length > 0) throw unknown(rest[0] as string);
  return {
    help,
    values,
    flags,
    rest,
    one(name) {
      const v = values.get(name);
      if (v && v.length > 1) throw new UsageError(`${name} was given ${v.length} times; give it once`);
      return v?.[0];
    },
  };
}
