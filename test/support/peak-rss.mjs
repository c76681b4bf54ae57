// Preloaded (NODE_OPTIONS=--import) into the Action's node process by tests: on exit it writes its own
// peak resident set size (VmHWM, kB) to $NSBOX_PEAK_RSS_DIR/<script>-<pid>. Only that process: sudo
// clears NODE_OPTIONS, so the privileged worker does not load it.
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

process.on("exit", () => {
  const dir = process.env.NSBOX_PEAK_RSS_DIR;
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
  if (dir && kb) writeFileSync(join(dir, `${basename(process.argv[1] ?? "node")}-${process.pid}`), `${kb}\n`);
});
