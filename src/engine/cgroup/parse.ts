// Pure parsers for the kernel's text files (/proc/self/mountinfo, /proc/self/cgroup, cgroup stat files).

/**
 * `key value` lines: cpu.stat, memory.events, pids.events, cpuacct.stat, memory.oom_control.
 * Values that are not plain numbers (e.g. "max") are skipped.
 */
export function parseKeyed(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    const [key, value, extra] = line.trim().split(/\s+/);
    if (key && value !== undefined && extra === undefined && /^\d+$/.test(value)) out.set(key, Number(value));
  }
  return out;
}

/** cgroup.procs / tasks: one pid per line. */
export function parsePids(text: string): number[] {
  const out: number[] = [];
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (/^\d+$/.test(t)) out.push(Number(t));
  }
  return out;
}

/** A single-number file (pids.current, memory.peak, memory.max_usage_in_bytes); null for "max"/garbage. */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

export interface MountEntry {
  root: string; // the path inside the filesystem that is mounted (field 4)
  mountPoint: string;
  fsType: string;
  superOptions: string[];
}

// mountinfo escapes space, tab, newline and backslash as \ooo octal.
function unescapeOctal(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
}

/** /proc/self/mountinfo, cgroup and cgroup2 mounts only. */
export function parseCgroupMounts(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split("\n")) {
    const sep = line.indexOf(" - ");
    if (sep < 0) continue;
    const pre = line.slice(0, sep).split(" ");
    const post = line.slice(sep + 3).split(" ");
    const fsType = post[0] ?? "";
    if (fsType !== "cgroup" && fsType !== "cgroup2") continue;
    out.push({
      root: unescapeOctal(pre[3] ?? "/"),
      mountPoint: unescapeOctal(pre[4] ?? ""),
      fsType,
      superOptions: (post[2] ?? "").split(","),
    });
  }
  return out;
}

export interface ProcCgroup {
  v2Path: string | null; // the `0::/path` line
  v1: Map<string, string>; // controller (or "name=systemd") → path
}

/** /proc/self/cgroup: `hierarchy-id:controller,list:/path`. */
export function parseProcCgroup(text: string): ProcCgroup {
  const res: ProcCgroup = { v2Path: null, v1: new Map() };
  for (const line of text.split("\n")) {
    const m = /^(\d+):([^:]*):(.*)$/.exec(line.trim());
    if (!m) continue;
    const [, id, ctrls, path] = m as unknown as [string, string, string, string];
    if (id === "0" && ctrls === "") res.v2Path = path;
    else for (const c of ctrls.split(",")) if (c) res.v1.set(c, path);
  }
  return res;
}

/** Kernel cgroup path → directory, allowing for a mount of a sub-tree (mountinfo root ≠ "/"). */
export function cgroupDir(mountPoint: string, mountRoot: string, path: string): string | null {
  const root = mountRoot === "/" ? "" : mountRoot.replace(/\/+$/, "");
  if (root && path !== root && !path.startsWith(`${root}/`)) return null; // our cgroup is not visible here
  const rel = path.slice(root.length).replace(/^\/+/, "");
  return rel ? `${mountPoint.replace(/\/+$/, "")}/${rel}` : mountPoint;
}

/**
 * The user/system split of v1's tick-sampled counters applied to cpuacct.usage, the scheduler's exact
 * runtime (what v2's cpu.stat does, the kernel's cputime_adjust): the total is the one --cpu-time is
 * enforced on, so a report never shows less than the limit that ended it. No ticks at all: user, as there.
 */
export function splitLikeTicks(totalMs: number, userMs: number, systemMs: number): [number, number] {
  const ticks = userMs + systemMs;
  const user = ticks === 0 ? totalMs : (totalMs * userMs) / ticks;
  return [user, totalMs - user];
}
