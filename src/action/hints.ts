// The Action's wording of the fixes the engine leaves to a front end: each names the Action's own input
// (never a CLI flag: test/unit/front-end-hints.test.ts walks every key).
import { errorText, type HintKey, type RunError, runErrorText, UsageError } from "../engine/index";

/** What to do about an engine error that carries a hint (engine/types.ts HINT_KEYS). */
export const ACTION_FIX_HINTS: Readonly<Record<HintKey, string>> = {
  "best-effort": "run the job as root or with passwordless sudo, or set best-effort: true",
  "cgroup-busy":
    "run the job's processes in a cgroup of their own: move that cgroup's processes into a child (a leaf) before the step, or set best-effort: true",
  mirror: "check the mirror input, or give a local minirootfs tarball in the rootfs input",
  release:
    "check the alpine-version and mirror inputs, or give a local minirootfs tarball in the rootfs input",
  tarball: "give the rootfs input an Alpine minirootfs tarball (alpine-minirootfs-<version>-<arch>.tar.gz)",
  // The Action has no pool input: its sandboxes always use the engine's default pool.
  pool: "the Action's sandbox network needs that range free; use network: none on this runner",
  "pool-full": "lower the parallel input, or run fewer jobs with network: nat on this runner at once",
  "env-pair": "give the env input one NAME=value per line",
  hostname: "use letters, digits and '-' like test-1",
  "scratch-memory": "set scratch: memory on this runner",
  "scratch-space":
    "free space on the runner's disk, set a smaller tmpfs-size (the layer's cap), or set scratch: memory",
  // Every command (and the setup) is a script run by /bin/sh: a command of its own that is missing is
  // the shell's exit 127, so only a rootfs whose /bin/sh cannot be run leaves the Action's sandbox no command.
  command:
    "the Action runs each command with /bin/sh: give the rootfs input an Alpine minirootfs tarball whose /bin/sh works, or leave it empty",
  workdir:
    "set working-directory to a directory that exists in the sandbox: in the rootfs, or in /workspace (where a relative path points; none with workspace: none)",
};

/**
 * The engine's names for the values it refuses (a message starts `<name>: '<value>' …`) where the Action's
 * input is spelled otherwise. The engine speaks of one value (the CLI's repeatable `--repository`); the
 * Action's input holds the list, and a user looks for the name as action.yml spells it.
 */
const INPUT_NAMES: Readonly<Record<string, string>> = {
  alpine: "alpine-version",
  repository: "repositories",
  "repository-key": "repository-keys",
};

/** A result's error (the sandbox could not start) as the Action reports it. */
export function actionRunErrorText(error: RunError): string {
  return runErrorText(error, ACTION_FIX_HINTS);
}

/** An error as the Action reports it: its inputs named as action.yml spells them. */
export function actionErrorText(err: unknown): string {
  const text = errorText(err, ACTION_FIX_HINTS);
  if (!(err instanceof UsageError)) return text;
  const name = /^([a-z-]+): /.exec(text)?.[1] ?? "";
  return Object.hasOwn(INPUT_NAMES, name) ? `${INPUT_NAMES[name]}${text.slice(name.length)}` : text;
}
