// The step's scripts (run, each commands item, setup) reach their sandboxes as files, never as an argument:
// every local user can read any process's command line (/proc/<pid>/cmdline), and a script may hold a
// secret inlined with ${{ secrets.X }}. The runner's own `run:` steps pass a file too. The file is written
// by the sandbox's init into the sandbox's own /tmp (its private tmpfs: no host file, no mount, never part
// of a kept layer or an output copy), from the spec the helper reads on its socket.
import type { SandboxOptions } from "../engine/index";

/** Where a sandbox finds its own script (and only its own): one path, so every command's argv is alike. */
const SCRIPT_PATH = "/tmp/.nsbox-script";
/** As `/bin/sh -ec <script>` ran it: `set -e` from the first line; `$0` is the script's path. */
export const SCRIPT_ARGV = ["/bin/sh", "-e", SCRIPT_PATH];

/** The sandbox option that hands a command (or the setup) its script at SCRIPT_PATH. */
export function scriptFiles(script: string): NonNullable<SandboxOptions["files"]> {
  return [[SCRIPT_PATH, script]];
}
