// A synchronous sleep for the few places that must wait inside a synchronous cleanup (cgroup rmdir retries,
// a dying netns's links): Atomics.wait blocks without spinning.
const sleeper = new Int32Array(new SharedArrayBuffer(4));

export function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
