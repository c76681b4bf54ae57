// The removals of finished sandboxes, run one turn of the event loop after their results: a caller that
// starts its next sandbox on a result (the Action's next command, a session's next run) sends that one's
// go byte first, and the cgroup rmdirs (the costliest part of a removal on cgroup v1) overlap its run.
// A package layer's leftovers (its staged files, apk's scratch) are removed on libuv's threads.
// Session.close() waits for every one of them and reports the first that failed.

export class DeferredRemovals {
  private readonly pending = new Set<Promise<void>>();
  private failure: Error | null = null;

  /** Runs `remove` on the next turn; the promise resolves once it is done (it never rejects). */
  defer(remove: () => void | Promise<void>): Promise<void> {
    const done = new Promise<void>((resolve) =>
      setImmediate(async () => {
        try {
          await remove();
        } catch (err) {
          this.failure ??= err instanceof Error ? err : new Error(String(err));
        }
        this.pending.delete(done);
        resolve();
      }),
    );
    this.pending.add(done);
    return done;
  }

  /** Waits for every removal deferred so far; throws the first error one of them had. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
    const failure = this.failure;
    this.failure = null;
    if (failure) throw failure;
  }
}
