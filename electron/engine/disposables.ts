/**
 * Every subscription's end in one place (the idea of VS Code's DisposableStore): what a
 * component opens or subscribes to goes into its store as it is made, and one `dispose()` ends
 * them all, the last first. Adding to a disposed store ends the new item at once, so nothing
 * opened during a shutdown leaks.
 */
import type { EventEmitter } from 'node:events';
import { listen, type EventMap } from './typed-events.js';

/** Ends one thing: a subscription, a socket, a device. */
export type Closer = () => void | Promise<void>;

export interface Disposable {
  dispose(): void | Promise<void>;
}

export class DisposableStore implements Disposable {
  private readonly closers: Closer[] = [];
  private disposed = false;

  /** `onError` hears a closer that threw; the others still run. */
  constructor(private readonly onError: (error: unknown) => void = () => {}) {}

  get isDisposed(): boolean {
    return this.disposed;
  }

  add(item: Closer | Disposable): void {
    const closer = typeof item === 'function' ? item : () => item.dispose();
    if (this.disposed) void this.run(closer);
    else this.closers.push(closer);
  }

  /**
   * Runs every closer once, the last added first. Synchronous closers have all run when this
   * returns (up to the first asynchronous one); the promise settles when every closer has.
   */
  async dispose(): Promise<void> {
    this.disposed = true;
    while (this.closers.length > 0) {
      const pending = this.run(this.closers.pop()!);
      if (pending) await pending;
    }
  }

  private run(closer: Closer): Promise<void> | undefined {
    try {
      const result = closer();
      return result instanceof Promise ? result.catch(this.onError) : undefined;
    } catch (error) {
      this.onError(error);
      return undefined;
    }
  }
}

/** Adds one typed subscription to the store it was made with. */
export type Subscribe<T extends EventMap<T>> = <K extends keyof T & (string | symbol)>(event: K, listener: (...args: T[K]) => void) => void;

/**
 * Typed subscriptions to one emitter, each ended by `store`:
 * `const on = subscriber<SessionEvents>(session, store); on('state', (e) => ...)`.
 * The event map is named, not inferred (TypeScript cannot read it back from a class that
 * extends EventEmitter<T>), so the names and the listeners' arguments are always checked.
 */
export function subscriber<T extends EventMap<T>>(emitter: NoInfer<EventEmitter<T>>, store: DisposableStore): Subscribe<T> {
  return (event, listener) => store.add(listen<T, typeof event>(emitter, event, listener));
}
