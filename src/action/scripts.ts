// The step's scripts (run, each commands item, setup) reach their sandboxes as read-only files, never as
// an argument: every local user can read any process's command line (/proc/<pid>/cmdline), and a script
// may hold a secret inlined with ${{ secrets.X }}. The runner's own `run:` steps pass a file too.
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { MountSpec } from "../engine/index";
import type { ActionPlan, PlannedCommand, PlannedSetup } from "./plan";

/** Where a sandbox finds its own script (and only its own): one path, so every command's argv is alike. */
const SCRIPT_PATH = "/run/nsbox/script";
/** As `/bin/sh -ec <script>` ran it: `set -e` from the first line; `$0` is the script's path. */
export const SCRIPT_ARGV = ["/bin/sh", "-e", SCRIPT_PATH];

/**
 * Writes each script of this shard into `<temp>/scripts` and records its host path in the plan. The dir
 * is 0700: no other local user reads a script. The engine takes mount sources as real root (root, sudo)
 * or as the step's user (rootless), so nothing inside needs to traverse it; a file is 0444 because a
 * root-run step's files are no one's inside (unmapped owner, as where an idmapped mount failed), and its
 * mount is read-only.
 */
export function writeScripts(plan: ActionPlan, temp: string): void {
  const dir = join(temp, "scripts");
  mkdirSync(dir, { mode: 0o700 });
  const write = (of: PlannedCommand | PlannedSetup, name: string) => {
    const file = join(dir, name);
    writeFileSync(file, of.script, { flag: "wx" });
    chmodSync(file, 0o444); // whatever the umask
    of.scriptFile = file;
  };
  if (plan.setup) write(plan.setup, "setup");
  for (const c of plan.commands) write(c, String(c.position));
}

/** The mount that shows a command's (or the setup's) script file at SCRIPT_PATH, read-only. */
export function scriptMount(of: PlannedCommand | PlannedSetup): MountSpec {
  if (!of.scriptFile) throw new Error("the script file was not written (writeScripts)");
  return { source: of.scriptFile, target: SCRIPT_PATH, mode: "ro" };
}
