/** Waiting for the next of many tasks to settle, without a reaction per task per wait. */

/**
 * Wakes the reconcile loop when any task settles (and rethrows the first failure). `Promise.race` over all
 * tasks in flight, once per round, would add a reaction to each of them every round: with 1,000 resources,
 * a million reactions held until the tasks settle (most of the deploying process's memory, measured).
 */
export class Settled {
  private pending = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;

  /**
   * Follows `task` (its rejection is handled here and rethrown by {@link Settled.next}).
   *
   * @example
   * ```ts
   * const settled = new Settled();
   * settled.watch(applyOne());
   * await settled.next(); // once applyOne() settled
   * ```
   */
  watch(task: Promise<void>): void {
    const poke = (): void => {
      this.pending = true;
      this.wake?.();
    };
    task.then(poke, (error: unknown) => {
      this.failure ??= { error };
      poke();
    });
  }

  /** Resolves once a task settled since the last call (at once if one did); rejects with a task's failure. */
  async next(): Promise<void> {
    if (!this.pending) await new Promise<void>((resolve) => (this.wake = resolve));
    this.pending = false;
    this.wake = undefined;
    if (this.failure) throw this.failure.error;
  }
}
