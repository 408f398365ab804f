/**
 * A bound on the requests one client has in flight. A deploy of 1,000 resources starts 1,000 applies at
 * once; sent together they queue in the API server's priority-and-fairness queues and the client's sockets,
 * and a small request that must be on time (the lease renewal) waits behind all of them. Requests beyond
 * the bound wait here, in order, for at most their own deadline.
 */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  /**
   * Waits for a free slot; resolves with the function that gives it back, or with `undefined` when
   * `deadline` passed or `signal` aborted first.
   *
   * @example
   * ```ts
   * const release = await slots.take(Date.now() + 5_000);
   * try { await send(); } finally { release?.(); }
   * ```
   */
  take(deadline: number, signal?: AbortSignal): Promise<(() => void) | undefined> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => {
      const granted = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', giveUp);
        resolve(this.releaser());
      };
      const giveUp = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', giveUp);
        const index = this.waiting.indexOf(granted);
        if (index >= 0) this.waiting.splice(index, 1);
        resolve(undefined);
      };
      const timer = setTimeout(giveUp, Math.max(0, deadline - Date.now()));
      signal?.addEventListener('abort', giveUp, { once: true });
      this.waiting.push(granted);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}
