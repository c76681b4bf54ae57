// The CLI's wording of the fixes the engine leaves to a front end: each names the CLI's own flag.
import { errorText, type HintKey, type RunError, runErrorText } from "../engine/index";

/** What to do about an engine error that carries a hint (engine/types.ts HINT_KEYS). */
export const CLI_FIX_HINTS: Readonly<Record<HintKey, string>> = {
  "best-effort": "run as root or pass --best-effort",
  // cgroup v2 lets only a leaf hold processes: e.g. a container's init in its cgroup namespace's root.
  "cgroup-busy":
    "start nsbox in a cgroup of its own: move that cgroup's processes into a child (a leaf) and run nsbox from there, or pass --best-effort",
  mirror: "check --mirror or use --rootfs with a local tarball",
  // The version may be one the mirror never had, or the mirror not an Alpine mirror at all.
  release: "check --alpine and --mirror, or use --rootfs with a local tarball",
  tarball: "give --rootfs an Alpine minirootfs tarball (alpine-minirootfs-<version>-<arch>.tar.gz)",
  pool: "choose another with --pool",
  "pool-full": "give a larger --pool, or run fewer nsbox processes with --network nat at once",
  "env-pair": "use --env NAME=value",
  hostname: "use --hostname with letters, digits and '-' like test-1",
  "scratch-memory": "use --scratch memory on this host",
  "scratch-space": "free space there, give a smaller --tmpfs-size (the layer's cap), or use --scratch memory",
  // The rootfs is Alpine's minirootfs: busybox and apk, and little else (no bash, git, python).
  command:
    "check its name, or install the Alpine package that has it with --packages <pkg> (the rootfs is a minirootfs)",
  workdir: "give --workdir a directory that exists inside the sandbox (in the rootfs or a --mount)",
};

/** A result's error (the sandbox could not start) as the CLI prints it. */
export function cliRunErrorText(error: RunError): string {
  return runErrorText(error, CLI_FIX_HINTS);
}

/** An error as the CLI prints it. */
export function cliErrorText(err: unknown): string {
  return errorText(err, CLI_FIX_HINTS);
}
