// action.yml as GitHub loads it: a real YAML parser, GitHub's action-metadata rules, the inputs
// the code reads and the defaults it assumes, and the README's Action reference against it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseDocument, stringify } from "yaml";
import { buildPlan } from "../../src/action/plan";
import { DEFAULT_MAX_CONNECTIONS } from "../../src/engine/net/policy";
import { DEFAULT_MIRROR } from "../../src/engine/rootfs/resolve";

const repo = join(import.meta.dirname, "..", "..");
const text = readFileSync(join(repo, "action.yml"), "utf8");

interface Metadata {
  name: string;
  description: string;
  author?: string;
  branding?: { icon?: string; color?: string };
  inputs: Record<string, { description: string; required?: boolean; default?: unknown }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string; post?: string; pre?: string; "post-if"?: string; "pre-if"?: string };
}
const meta = parse(text) as Metadata;
const declared = Object.keys(meta.inputs);
const defaults = Object.fromEntries(declared.map((k) => [k, String(meta.inputs[k]?.default ?? "")]));

describe("action.yml", () => {
  it("is valid YAML that round-trips through the parser without errors or warnings", () => {
    const doc = parseDocument(text, { uniqueKeys: true, strict: true, prettyErrors: true });
    expect(doc.errors.map(String)).toEqual([]);
    expect(doc.warnings.map(String)).toEqual([]);
    expect(parse(stringify(doc.toJS()))).toEqual(meta);
  });

  it("follows GitHub's action-metadata rules for a JavaScript action", () => {
    expect(
      Object.keys(meta).filter(
        (k) => !["name", "author", "description", "inputs", "outputs", "runs", "branding"].includes(k),
      ),
    ).toEqual([]);
    expect(typeof meta.name).toBe("string");
    expect(meta.name.length).toBeGreaterThan(0);
    expect(typeof meta.description).toBe("string");
    expect(meta.description.length).toBeGreaterThan(0);
    expect(meta.runs.using).toBe("node24");
    expect(
      Object.keys(meta.runs).filter(
        (k) => !["using", "main", "pre", "post", "pre-if", "post-if"].includes(k),
      ),
    ).toEqual([]);
    // dist/ is built by `npm run build`; what runs.main/post name must be what the build writes.
    const build = readFileSync(join(repo, "scripts", "build.mjs"), "utf8");
    for (const entry of [meta.runs.main, meta.runs.post]) {
      expect(entry).toMatch(/^dist\/[\w.-]+\.js$/);
      expect(build).toContain(`"${entry?.slice("dist/".length)}"`);
      if (existsSync(join(repo, "dist"))) expect(existsSync(join(repo, entry as string)), entry).toBe(true);
    }
    const colors = ["white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"];
    if (meta.branding?.color) expect(colors).toContain(meta.branding.color);
    for (const [name, input] of Object.entries(meta.inputs)) {
      expect(name, "an input id starts with a letter or _ and holds only alphanumerics, - and _").toMatch(
        /^[A-Za-z_][\w-]*$/,
      );
      expect(
        Object.keys(input).filter(
          (k) => !["description", "required", "default", "deprecationMessage"].includes(k),
        ),
      ).toEqual([]);
      expect(typeof input.description, name).toBe("string");
      expect(input.description.trim(), name).not.toBe("");
      // The runner hands every input to the code as a string: say so in the file (no YAML booleans).
      if ("default" in input) expect(typeof input.default, name).toBe("string");
      if ("required" in input) expect(typeof input.required, name).toBe("boolean");
    }
    for (const [name, output] of Object.entries(meta.outputs)) {
      expect(name).toMatch(/^[A-Za-z_][\w-]*$/);
      expect(typeof output.description, name).toBe("string");
      expect(output.description.trim(), name).not.toBe("");
    }
  });

  // The plan is everything the code makes of its inputs (buildPlan is the only reader of getInput).
  const env = { GITHUB_WORKSPACE: "/home/runner/work/r/r", RUNNER_TOOL_CACHE: "/opt/hostedtoolcache" };
  function plan(values: Record<string, string>) {
    const read = new Set<string>();
    const p = buildPlan((name) => {
      read.add(name);
      return values[name] ?? "";
    }, env);
    return { plan: p, read };
  }

  it("declares every input the code reads, and the code reads every declared input", () => {
    const { read } = plan({ ...defaults, run: "true" });
    expect([...read].sort()).toEqual([...declared].sort());
  });

  it("gives each input the default the code assumes when it is empty", () => {
    const fromDefaults = plan({ ...defaults, run: "true" }).plan;
    const fromEmpty = plan({ run: "true" }).plan;
    // Two defaults are the engine's own, spelled out in action.yml for the reader: the empty input leaves
    // them to the engine, whose values must be the same.
    expect(fromEmpty.session.mirror).toBeUndefined();
    expect(fromEmpty.session.maxConnections).toBeUndefined();
    const engine = (p: typeof fromEmpty) => ({
      ...p,
      session: {
        ...p.session,
        mirror: p.session.mirror ?? DEFAULT_MIRROR,
        maxConnections: p.session.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
      },
    });
    expect(engine(fromDefaults)).toEqual(engine(fromEmpty));
  });

  it("declares no default for a limit: the runner passes a default as if given, and a given limit is strict", () => {
    // The engine refuses a limit asked for that it cannot enforce (rootless, no cgroup controller), and
    // only notes one it defaulted: a default in action.yml would make every rootless step an error.
    const limitInputs = ["memory", "pids", "cpus", "timeout", "cpu-time", "tmpfs-size"];
    expect(limitInputs.filter((name) => defaults[name] !== "")).toEqual([]);
    expect(plan({ ...defaults, run: "true" }).plan.limits).toEqual({});
  });
});

/** A GFM table's rows as cells; `|` inside a code span or escaped does not split. */
function tableRows(lines: string[]): string[][] {
  const cells = (line: string) => {
    const out: string[] = [];
    let cell = "";
    let code = false;
    const body = line.trim().replace(/^\|/, "").replace(/\|$/, "");
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (c === "\\" && body[i + 1] === "|") {
        cell += "|";
        i++;
      } else if (c === "`") {
        code = !code;
        cell += c;
      } else if (c === "|" && !code) {
        out.push(cell.trim());
        cell = "";
      } else cell += c;
    }
    out.push(cell.trim());
    return out;
  };
  const start = lines.findIndex(
    (l, i) => l.trim().startsWith("|") && /^\|?\s*:?-{3,}/.test(lines[i + 1]?.trim() ?? ""),
  );
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.trim().startsWith("|")) break;
    rows.push(cells(line));
  }
  return rows;
}

/** The lines under a heading, up to the next heading of the same or a higher level (code fences skipped). */
function section(markdown: string[], heading: string, level: number): string[] {
  let fenced = false;
  let inside = false;
  const out: string[] = [];
  for (const line of markdown) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    const h = fenced ? null : /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h && (h[1] as string).length <= level) {
      if (inside) break;
      inside = (h[1] as string).length === level && h[2] === heading;
      continue;
    }
    if (inside) out.push(line);
  }
  return out;
}

const code = (cell: string) => cell.replace(/^`([^`]*)`$/, "$1");

describe("the README's Action reference", () => {
  const readme = readFileSync(join(repo, "README.md"), "utf8").split("\n");
  const reference = section(readme, "Action reference", 2);

  it("lists exactly action.yml's inputs, in its order, with the same defaults", () => {
    const rows = tableRows(section(reference, "Inputs", 3));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => code(r[0] as string))).toEqual(declared);
    expect(Object.fromEntries(rows.map((r) => [code(r[0] as string), code(r[1] as string)]))).toEqual(
      defaults,
    );
  });

  it("lists exactly action.yml's outputs, in its order", () => {
    const rows = tableRows(section(reference, "Outputs", 3));
    expect(rows.map((r) => code(r[0] as string))).toEqual(Object.keys(meta.outputs));
  });
});

// The report action (report/action.yml, the actions/cache save/restore pattern). The runner
// resolves `main` against the action's own directory (Path.Combine(ActionDirectory, main)), so
// `../dist/report.js` is the repository's dist/, built by the same `npm run build`.
describe("report/action.yml", () => {
  const reportText = readFileSync(join(repo, "report", "action.yml"), "utf8");
  const report = parse(reportText) as Metadata;
  const source = readFileSync(join(repo, "src", "action", "merge-main.ts"), "utf8");
  const calls = (fn: string) =>
    [...source.matchAll(new RegExp(`core\\.${fn}\\("([^"]+)"`, "g"))].map((m) => m[1]);

  it("is valid YAML with GitHub's action-metadata keys, node24, main in the built dist/", () => {
    const doc = parseDocument(reportText, { uniqueKeys: true, strict: true, prettyErrors: true });
    expect(doc.errors.map(String)).toEqual([]);
    expect(doc.warnings.map(String)).toEqual([]);
    expect(
      Object.keys(report).filter(
        (k) => !["name", "author", "description", "inputs", "outputs", "runs", "branding"].includes(k),
      ),
    ).toEqual([]);
    expect(report.name.length).toBeGreaterThan(0);
    expect(report.description.length).toBeGreaterThan(0);
    expect(Object.keys(report.runs).sort()).toEqual(["main", "using"]);
    expect(report.runs.using).toBe("node24");
    expect(report.runs.main).toMatch(/^\.\.\/dist\/[\w.-]+\.js$/);
    const build = readFileSync(join(repo, "scripts", "build.mjs"), "utf8");
    expect(build).toContain(`"${report.runs.main.slice("../dist/".length)}"`);
    if (existsSync(join(repo, "dist"))) expect(existsSync(join(repo, "report", report.runs.main))).toBe(true);
    for (const [name, input] of Object.entries(report.inputs)) {
      expect(name).toMatch(/^[A-Za-z_][\w-]*$/);
      expect(input.description.trim(), name).not.toBe("");
      expect(typeof input.default, name).toBe("string");
    }
    for (const [name, output] of Object.entries(report.outputs)) {
      expect(name).toMatch(/^[A-Za-z_][\w-]*$/);
      expect(output.description.trim(), name).not.toBe("");
    }
  });

  it("declares exactly the inputs the code reads and the outputs it sets", () => {
    expect([...new Set(calls("getInput"))].sort()).toEqual(Object.keys(report.inputs).sort());
    expect([...new Set(calls("setOutput"))].sort()).toEqual(Object.keys(report.outputs).sort());
  });

  it("is listed in the README's Report action reference with the same inputs, defaults and outputs", () => {
    const readme = readFileSync(join(repo, "README.md"), "utf8").split("\n");
    const reference = section(readme, "Report action reference", 2);
    const inputs = tableRows(section(reference, "Inputs", 3));
    expect(inputs.map((r) => code(r[0] as string))).toEqual(Object.keys(report.inputs));
    expect(Object.fromEntries(inputs.map((r) => [code(r[0] as string), code(r[1] as string)]))).toEqual(
      Object.fromEntries(Object.entries(report.inputs).map(([k, v]) => [k, String(v.default ?? "")])),
    );
    const outputs = tableRows(section(reference, "Outputs", 3));
    expect(outputs.map((r) => code(r[0] as string))).toEqual(Object.keys(report.outputs));
  });
});
