// The host paths the Action writes to after its commands ran, checked before anything runs: one found
// unusable only at the end would cost the commands' whole time, and fail the step for nothing.
import { checkWritableDir, defaultCacheDir } from "../engine/index";
import { checkReportPath } from "../results/write";
import type { ActionPlan } from "./plan";
import type { Privilege } from "./privilege";

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

/**
 * The cache the engine makes its rootfs in, for the process that will write it: the step's own user, root
 * or rootless (a sudo worker is root, and may write where the user may not). A tool cache the user cannot
 * write (a self-hosted runner's, made by root) failed at the first download with a bare EACCES.
 */
export function checkCacheDir(plan: ActionPlan, privilege: Privilege): void {
  if (privilege === "sudo") return;
  const dir = plan.session.cacheDir ?? defaultCacheDir();
  const what = plan.session.cacheDir ? "RUNNER_TOOL_CACHE" : "the cache dir";
  const hint =
    privilege === "rootless"
      ? "give the job's user a writable RUNNER_TOOL_CACHE, or run the job as root or with passwordless sudo"
      : "point RUNNER_TOOL_CACHE at a writable directory";
  checkWritableDir(what, dir, hint);
}
