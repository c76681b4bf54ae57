// Waiting for what a test expects to happen soon: one poll loop and one deadline for every suite.

/**
 * How long a test waits for an eventual condition: 5 s on a real CPU, 30 s in the VM lanes, whose software
 * emulation makes fork+exec ~40× slower and a loaded machine slower still. A longer wait costs time only when
 * the condition never comes, that is, when the test fails anyway.
 */
export const EVENTUALLY_MS = process.env.NSBOX_VM_LANE === "1" ? 30_000 : 5_000;

/** Resolves once `cond()` holds; throws, naming the condition, if it still does not after `ms`. */
export async function until(cond: () => boolean, ms = EVENTUALLY_MS): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`still not true after ${ms} ms: ${cond.toString()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
