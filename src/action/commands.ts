// Pure: the `commands` input — one command per line, or a YAML list of {name, run} items (block
// scalars `run: |` allowed). No YAML dependency: this small, strict subset is all the input takes.
import { UsageError } from "../engine/types";

export interface NamedCommand {
  name: string;
  run: string;
}

export function parseCommands(text: string): NamedCommand[] {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const isList = lines.some((l) => /^\s*-\s/.test(l) || /^\s*-$/.test(l));
  if (!isList) {
    return lines
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"))
      .map((run) => ({ name: run, run }));
  }
  return parseList(lines);
}

function parseList(lines: string[]): NamedCommand[] {
  const items: Array<Partial<NamedCommand>> = [];
  let current: Partial<NamedCommand> | null = null;
  let block: { key: "name" | "run"; indent: number; lines: string[] } | null = null;
  const flush = () => {
    if (block && current) current[block.key] = `${block.lines.join("\n").replace(/\n+$/, "")}\n`;
    block = null;
  };
  for (const [i, raw] of lines.entries()) {
    if (block) {
      const indent = raw.length - raw.trimStart().length;
      if (raw.trim() === "" || indent >= block.indent) {
        block.lines.push(raw.slice(Math.min(block.indent, raw.length)));
        continue;
      }
      flush();
    }
    if (raw.trim() === "" || raw.trim().startsWith("#")) continue;
    const item = /^(\s*)-\s*(.*)$/.exec(raw);
    let rest = raw.trim();
    let indent = raw.length - raw.trimStart().length;
    if (item) {
      current = {};
      items.push(current);
      rest = (item[2] ?? "").trim();
      indent = (item[1] ?? "").length + 2;
      if (!rest) continue;
    }
    const kv = /^(name|run):\s*(.*)$/.exec(rest);
    if (!current || !kv) {
      throw new UsageError(
        `commands: line ${i + 1} ('${raw.trim()}') is not '- name: ...' or 'run: ...'; use a YAML list of {name, run} or one command per line`,
      );
    }
    const key = kv[1] as "name" | "run";
    const value = (kv[2] ?? "").trim();
    if (value === "|" || value === "|-") block = { key, indent: indent + 2, lines: [] };
    else current[key] = unquote(value);
  }
  flush();
  return items.map((it, n) => {
    if (!it.run?.trim())
      throw new UsageError(`commands: item ${n + 1} has no run; give each item a run: line`);
    return { name: it.name?.trim() || firstLine(it.run), run: it.run };
  });
}

function unquote(v: string): string {
  const m = /^(["'])(.*)\1$/.exec(v);
  return m ? (m[2] ?? "") : v;
}

function firstLine(s: string): string {
  return s.trim().split("\n")[0] ?? s;
}
