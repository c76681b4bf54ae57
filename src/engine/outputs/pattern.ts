// Pure-ish glob matching over a directory tree without following symlinks: `*` and `?` within one
// component, `**` any number of components. Those are the only glob characters: `[`, `]`, `{`… are
// literal (a file named `report[1].xml` is matched by its own name). Names are bytes (Buffers): a
// sandbox may write any name.
import { lstatSync, readdirSync } from "node:fs";
import { UsageError } from "../types";

/** An output path or glob inside the sandbox: absolute, no `..` (it could climb out of a layer). */
export function parseOutputPattern(what: string, p: string): string {
  const v = p.trim();
  if (!v.startsWith("/") || v.split("/").includes("..")) {
    throw new UsageError(
      `${what}: '${p}' is not an absolute path inside the sandbox without '..'; use one like /tmp/junit.xml`,
    );
  }
  return v;
}

export type Segment = { kind: "literal"; name: string } | { kind: "glob"; re: RegExp } | { kind: "any" };

export function splitPattern(rel: readonly string[]): Segment[] {
  return rel.map((c) => {
    if (c === "**") return { kind: "any" };
    if (!/[*?]/.test(c)) return { kind: "literal", name: c };
    const re = c
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, "[^/]*")
      .replace(/\?/g, "[^/]");
    return { kind: "glob", re: new RegExp(`^${re}$`, "s") };
  });
}

function isRealDir(p: Buffer): boolean {
  try {
    return lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}

function children(p: Buffer): Buffer[] {
  try {
    return readdirSync(p, { encoding: "buffer" }).sort(Buffer.compare);
  } catch {
    return [];
  }
}

const join = (a: Buffer, b: Buffer) => Buffer.concat([a, Buffer.from("/"), b]);

/** Relative paths (as component lists) under base matching the segments; no symlink is traversed. */
export function matchPattern(base: string, segs: readonly Segment[]): Buffer[][] {
  const out: Buffer[][] = [];
  const walk = (dir: Buffer, rel: Buffer[], i: number) => {
    if (i === segs.length) {
      out.push(rel);
      return;
    }
    const seg = segs[i] as Segment;
    if (seg.kind === "any") {
      // `**` last: the directory itself (copied whole). Otherwise zero or more levels.
      if (i === segs.length - 1) {
        out.push(rel);
        return;
      }
      walk(dir, rel, i + 1);
      for (const c of children(dir)) if (isRealDir(join(dir, c))) walk(join(dir, c), [...rel, c], i);
      return;
    }
    const last = i === segs.length - 1;
    if (seg.kind === "literal") {
      const c = Buffer.from(seg.name);
      const p = join(dir, c);
      try {
        lstatSync(p);
      } catch {
        return;
      }
      if (last || isRealDir(p)) walk(p, [...rel, c], i + 1);
      return;
    }
    for (const c of children(dir)) {
      if (!seg.re.test(c.toString())) continue;
      const p = join(dir, c);
      if (last || isRealDir(p)) walk(p, [...rel, c], i + 1);
    }
  };
  if (isRealDir(Buffer.from(base))) walk(Buffer.from(base), [], 0);
  return out;
}

/**
 * Where a pattern can stand after its start's walk crossed `names` (a mount's target below the start):
 * the indices i such that segs.slice(i) is what applies inside it. `**` may take any number of them.
 */
export function statesAfter(segs: readonly Segment[], names: readonly string[]): number[] {
  // `**` also matches no component: standing before one is standing after it too.
  const closed = (states: Set<number>) => {
    for (let i = 0; i < segs.length; i++) if (states.has(i) && segs[i]?.kind === "any") states.add(i + 1);
    return states;
  };
  let states = closed(new Set([0]));
  for (const name of names) {
    const next = new Set<number>();
    for (const i of states) {
      const seg = segs[i];
      if (seg === undefined) continue;
      if (seg.kind === "any") next.add(i);
      else if (seg.kind === "literal" ? seg.name === name : seg.re.test(name)) next.add(i + 1);
    }
    states = closed(next);
  }
  return [...states].sort((a, b) => a - b);
}
