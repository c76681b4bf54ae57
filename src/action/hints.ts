// The Action's wording of the fixes the engine leaves to a front end: each names the Action's own input
// (never a CLI flag: test/unit/front-end-hints.test.ts walks every key).
import { errorText, type HintKey } from "../engine/index";

/** What to do about an engine error that carries a hint (engine/types.ts HINT_KEYS). */
export const ACTION_FIX_HINTS: Readonly<Record<HintKey, string>> = {
  "best-effort": "run the job as root or with passwordless sudo, or set best-effort: true",
  mirror: "check the mirror input, or give a local minirootfs tarball in the rootfs input",
  // The Action has no pool input: its sandboxes always use the engine's default pool.
  pool: "the Action's sandbox network needs that range free; use network: none on this runner",
  "env-pair": "give the env input one NAME=value per line",
  hostname: "use letters, digits and '-' like test-1",
  "scratch-memory": "set scratch: memory on this runner",
};

/** An error as the Action reports it. */
export function actionErrorText(err: unknown): string {
  return errorText(err, ACTION_FIX_HINTS);
}
