/**
 * Typed subscriptions to Node's typed EventEmitter without casts at the call sites. TypeScript
 * checks an event name and its listener's arguments against a named event map; the untyped
 * EventEmitter underneath does the work (the overloads below are the only place the two meet).
 */
import type { EventEmitter } from 'node:events';
import type { Closer } from './disposables.js';

/** Node's typed-EventEmitter event map: event name -> listener arguments. */
export type EventMap<T> = Record<keyof T, unknown[]>;

/** Minimal typed event subscription. */
export interface Subscribable<E extends EventMap<E>> {
  on<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): unknown;
  off<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): unknown;
}

/**
 * Subscribes `listener` to one event; returns its end (for a DisposableStore). The map is named
 * at the call when the emitter is a class extending EventEmitter<T>: TypeScript cannot read T back from it.
 */
export function listen<T extends EventMap<T>, K extends keyof T & (string | symbol)>(
  emitter: NoInfer<EventEmitter<T>>,
  event: K,
  listener: (...args: T[K]) => void,
): Closer;
export function listen(emitter: EventEmitter, event: string | symbol, listener: (...args: unknown[]) => void): Closer {
  emitter.on(event, listener);
  return () => {
    emitter.off(event, listener);
  };
}

/**
 * Views an emitter as a port's narrower Subscribable: `Source` (the emitter's own map) must
 * hold every event of `Port` with arguments the port's listeners accept, or this fails to compile.
 */
export function subscribable<Port extends EventMap<Port>, Source extends Port>(emitter: NoInfer<EventEmitter<Source>>): Subscribable<Port>;
export function subscribable(emitter: EventEmitter): Subscribable<Record<string, unknown[]>> {
  return {
    on: (event, listener) => emitter.on(event, listener),
    off: (event, listener) => emitter.off(event, listener),
  };
}
