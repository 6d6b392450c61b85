/**
 * The set-up every renderer test file shares: each test gets a fresh direct bridge (real
 * services in a temp dir) and a fresh Pinia, and both are torn down after it. A file names
 * only what differs: which stores follow main during a test, what else to load or undo.
 */
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach } from 'vitest';
import { setBridge } from '../../../renderer/src/bridge';
import { createDirectBridge, type DirectBridge } from './direct-bridge';

/** A store that follows main's events while subscribed. */
interface SubscribingStore {
  subscribe(): void;
  unsubscribe(): void;
}

export interface BridgePerTestHooks {
  /** Stores subscribed before each test and unsubscribed after it. */
  subscribed?: () => SubscribingStore[];
  /** Runs once the bridge, Pinia and the subscribed stores are in place (e.g. load settings). */
  start?: () => void | Promise<void>;
  /** Runs first after each test (stores the test subscribed itself, restoring mocks). */
  stop?: () => void;
}

/**
 * Registers the beforeEach/afterEach pair and returns the running test's bridge. The returned
 * object forwards to whichever bridge the current test has, so a file can hold it in a const.
 */
export function useBridgePerTest(hooks: BridgePerTestHooks = {}): DirectBridge {
  let current: DirectBridge | undefined;
  const live = (): DirectBridge => {
    if (!current) throw new Error('The direct bridge exists only while a test runs (inside it, beforeEach or afterEach).');
    return current;
  };
  beforeEach(async () => {
    current = createDirectBridge();
    setBridge(current.api);
    setActivePinia(createPinia());
    for (const store of hooks.subscribed?.() ?? []) store.subscribe();
    await hooks.start?.();
  });
  afterEach(async () => {
    hooks.stop?.();
    for (const store of hooks.subscribed?.() ?? []) store.unsubscribe();
    setBridge(undefined);
    await live().dispose();
    current = undefined;
  });
  return new Proxy({} as DirectBridge, {
    get: (_target, key) => Reflect.get(live(), key),
    set: (_target, key, value) => Reflect.set(live(), key, value),
  });
}
