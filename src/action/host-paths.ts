// The host paths the Action writes to after its commands ran, checked before anything runs: one found
// unusable only at the end would cost the commands' whole time, and fail the step for nothing.
import { checkWritableDir } from "../engine/index";
import { checkReportPath } from "../results/write";
import type { ActionPlan } from "./plan";

/** Throws UsageError (one sentence naming the input and its fix) for a path the Action could not write. */
export function checkHostPaths(plan: ActionPlan): void {
  if (plan.junitFile) {
    const hint = "set junit to a new or regular file in a writable directory, not through a symbolic link";
    // As writeReportFile will write it: never through a symbolic link.
    checkReportPath(plan.junitFile, "junit", hint, true);
  }
  // Only with outputs: without them nothing is written there (and artifacts-dir is empty).
  if (plan.outputs) {
    const hint = "set output-dir to a writable directory (a relative one is in the workspace)";
    checkWritableDir("output-dir", plan.outputs.dir, hint);
  }
}
