/**
 * Turns callbacks (push, end, fail) into an async iterable, for engines that report text
 * through callbacks. Consumers that stop iterating early call `onReturn` (to abort the source).
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void) | undefined;
  private failWaiting: ((e: unknown) => void) | undefined;
  private ended = false;
  private error: unknown;

  constructor(private readonly onReturn?: () => void) {}

  push(item: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const w = this.waiting;
      this.clearWaiting();
      w({ value: item, done: false });
    } else this.items.push(item);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.waiting) {
      const w = this.waiting;
      this.clearWaiting();
      w({ value: undefined, done: true });
    }
  }

  /** Ends now and throws away what was not yet taken (an aborted answer must not be heard). */
  discard(): void {
    this.items.length = 0;
    this.end();
  }

  fail(error: unknown): void {
    if (this.ended) return;
    this.error = error;
    this.ended = true;
    if (this.failWaiting) {
      const f = this.failWaiting;
      this.clearWaiting();
      f(error);
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.items.length > 0) return Promise.resolve({ value: this.items.shift()!, done: false });
        if (this.error !== undefined) return Promise.reject(this.error);
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          this.waiting = resolve;
          this.failWaiting = reject;
        });
      },
      return: () => {
        this.onReturn?.();
        this.items.length = 0;
        this.ended = true;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  private clearWaiting(): void {
    this.waiting = undefined;
    this.failWaiting = undefined;
  }
}
