// Waits. sleepSync for the few places that must wait inside a synchronous cleanup (cgroup rmdir retries, a
// dying netns's links): Atomics.wait blocks without spinning. sleepUnlessAborted for waits between tries.
const sleeper = new Int32Array(new SharedArrayBuffer(4));

export function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Waits ms, or less when the signal aborts (the caller then throws CancelledError). A timer of its own, not
 * node:timers/promises: a module fewer for a run to load.
 */
export function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
