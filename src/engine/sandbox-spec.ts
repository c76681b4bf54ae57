// What the helper is told about one sandbox: the spec records, the environment built from scratch, the
// stdio it gets.
import { statSync } from "node:fs";
import type { SandboxCgroup } from "./cgroup/index";
import type { SpecRecord } from "./helper";
import type { KeptScratch } from "./layers/scratch";
import { hostsText } from "./net/dns";
import type { SandboxNet } from "./net/index";
import type { SandboxContext, SandboxInternal } from "./sandbox";
import type { StdioSpec } from "./spawn";
import { type AppliedLimits, type MountSpec, type SandboxOptions, SetupError } from "./types";

const BASE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** The environment is built from scratch: a minimal base plus exactly what the caller passes. */
function sandboxEnv(
  hostname: string,
  extra: Record<string, string> = {},
  terminal = process.stdout.isTTY,
): Record<string, string> {
  const term = terminal ? "xterm-256color" : "dumb";
  return { PATH: BASE_PATH, HOME: "/root", TERM: term, HOSTNAME: hostname, ...extra };
}

/** The command's own records: in the spec, or after the go byte for a spare (start_wait=2). */
export function commandRecords(
  opts: Pick<SandboxOptions, "argv" | "env" | "workdir" | "tty">,
  hostname: string,
): SpecRecord[] {
  const records: SpecRecord[] = [["workdir", opts.workdir ?? "/"]];
  const env = sandboxEnv(hostname, opts.env, opts.tty || process.stdout.isTTY);
  for (const [k, v] of Object.entries(env)) records.push(["env", `${k}=${v}`]);
  for (const a of opts.argv) records.push(["arg", a]);
  return records;
}

/** The whole spec; a spare's leaves the command out (commandRecords, sent with its go byte). */
export function specRecords(
  ctx: SandboxContext,
  opts: SandboxOptions,
  applied: AppliedLimits,
  hostname: string,
  cg: SandboxCgroup,
  net: SandboxNet | null,
  kept: KeptScratch | null,
  internal: SandboxInternal,
  spare = false,
): SpecRecord[] {
  const records: SpecRecord[] = [
    ["rootfs", ctx.rootfsDir],
    ...ctx.layers.map((l): SpecRecord => ["layer", l]),
    ["scratch", kept ? kept.dir : ctx.scratchDir],
    ...(kept ? [["scratch_keep", "1"] as SpecRecord] : []),
    ...(internal.setidModes ? [["setid_modes", "1"] as SpecRecord] : []),
    ["tmpfs_size", String(applied.tmpfsBytes)],
    ["tmpfs_inodes", String(applied.tmpfsInodes)],
    ["hostname", hostname],
    ["uid_base", String(ctx.idMap.uidBase)],
    ["gid_base", String(ctx.idMap.gidBase)],
    ["id_count", String(ctx.idMap.count)],
  ];
  if (!spare) records.push(...commandRecords(opts, hostname));
  if (opts.tty) records.push(["tty", "1"]);
  for (const m of opts.mounts ?? []) {
    records.push(["mount_src", m.source], ["mount_dst", m.target]);
    if (ctx.idMap.count > 1 && wantsIdmap(m)) records.push(["mount_idmap", "1"]);
    if (m.mode === "overlay") for (const l of ctx.mountLayers(m)) records.push(["mount_layer", l]);
    records.push(["mount_mode", m.mode]);
  }
  for (const [path, data] of [...checkedFiles(opts.files), ...(internal.files ?? [])])
    records.push(["file_path", path], ["file_data", data]);
  records.push(...cg.helperSpec());
  if (net) {
    records.push(...net.helperSpec());
    for (const [path, data] of ctx.net?.files(hostname) ?? [])
      records.push(["file_path", path], ["file_data", data]);
  } else {
    records.push(["net", "none"]);
    records.push(["file_path", "/etc/hosts"], ["file_data", hostsText(hostname, { ipv6: true })]);
  }
  return records;
}

/**
 * A caller's files: each a name directly in /tmp, which init mounts before it writes them (so they land in
 * the sandbox's private tmpfs, never in its root layer, a kept layer or a caller's mount). A NUL in a text
 * is refused with the rest of the spec (encodeSpec: its values are C strings).
 */
function checkedFiles(files: SandboxOptions["files"]): Array<[string, string]> {
  for (const [path] of files ?? [])
    if (!/^\/tmp\/[^/\0]+$/.test(path) || path === "/tmp/." || path === "/tmp/..")
      throw new SetupError("spec", `files: '${path}' is not a name in /tmp`);
  return files ?? [];
}

/** The files the spec has init write (path → content): nsbox's into the root layer, a caller's into /tmp. */
export function specFiles(records: readonly SpecRecord[]): Map<string, string> {
  const files = new Map<string, string>();
  records.forEach(([key, path], i) => {
    const next = records[i + 1];
    if (key === "file_path" && next?.[0] === "file_data") files.set(path, next[1]);
  });
  return files;
}

/**
 * Host dirs and files get an idmapped mount that makes their owner root inside (root mode only), so that
 * root inside may write a rw or overlay mount and git accepts a repository's owner (the read-only .git of
 * a rw workspace, a submodule's .git file). Never for one owned by host root in ro or rw mode: root inside
 * would be host root there, free to read host root's private files and, rw, to leave setuid-root files on
 * the host; such a source shows as nobody's. An overlay is always mapped: it is the writable copy of a
 * tree (a root-run runner's workspace is root's), its writes stay in the sandbox's tmpfs, and what it
 * shows is what its owner sees, 0600 files included (docs/security.md says so).
 */
function wantsIdmap(m: MountSpec): boolean {
  if (m.mode === "overlay") return true;
  try {
    const st = statSync(m.source);
    return (m.mode === "rw" || st.isDirectory() || st.isFile()) && st.uid !== 0;
  } catch {
    return false; // the helper reports the missing source
  }
}

export function stdioFor(opts: SandboxOptions): [StdioSpec, StdioSpec, StdioSpec] {
  const s = opts.stdio ?? {};
  return [s.stdin ?? "ignore", s.stdout ?? "inherit", s.stderr ?? "inherit"];
}

/** The fd the sandbox's stdin comes from, when it is one of ours (raw mode applies to it). */
export function stdinFd(opts: SandboxOptions): number | null {
  const stdin = opts.stdio?.stdin ?? "ignore";
  return stdin === "inherit" ? 0 : typeof stdin === "number" ? stdin : null;
}
