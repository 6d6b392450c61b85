/** DisposableStore and typed subscriptions: every subscription's end in one place. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { DisposableStore, subscriber } from '../../electron/engine/disposables';
import { listen, subscribable } from '../../electron/engine/typed-events';

type Events = { ping: [{ n: number }]; done: [] };

describe('DisposableStore', () => {
  it('ends everything once, the last added first', async () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.add(() => void order.push('socket'));
    store.add({ dispose: () => void order.push('device') });
    store.add(() => void order.push('listener'));
    await store.dispose();
    await store.dispose();
    expect(order).toEqual(['listener', 'device', 'socket']);
  });

  it('has run the synchronous closers when dispose() returns, and waits for the asynchronous ones in order', async () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.add(async () => {
      await new Promise((r) => setTimeout(r, 5));
      order.push('slow');
    });
    store.add(() => void order.push('sync'));
    const done = store.dispose();
    expect(order).toEqual(['sync']);
    await done;
    expect(order).toEqual(['sync', 'slow']);
  });

  it('reports a closer that fails and still runs the others', async () => {
    const failures: unknown[] = [];
    const ran: string[] = [];
    const store = new DisposableStore((e) => failures.push(e));
    store.add(() => void ran.push('first'));
    store.add(() => {
      throw new Error('busy');
    });
    store.add(async () => Promise.reject(new Error('gone')));
    await store.dispose();
    expect(ran).toEqual(['first']);
    expect(failures.map((e) => (e as Error).message)).toEqual(['gone', 'busy']);
  });

  it('ends at once what is added after it was disposed, so nothing opened during shutdown leaks', async () => {
    const store = new DisposableStore();
    await store.dispose();
    let closed = false;
    store.add(() => void (closed = true));
    expect(closed).toBe(true);
    expect(store.isDisposed).toBe(true);
  });
});

describe('typed subscriptions', () => {
  it('subscriber: listeners hear their events until the store is disposed', async () => {
    const emitter = new EventEmitter<Events>();
    const store = new DisposableStore();
    const heard: number[] = [];
    const on = subscriber<Events>(emitter, store);
    on('ping', (e) => heard.push(e.n));
    on('done', () => heard.push(-1));
    emitter.emit('ping', { n: 1 });
    await store.dispose();
    emitter.emit('ping', { n: 2 });
    emitter.emit('done');
    expect(heard).toEqual([1]);
    expect(emitter.listenerCount('ping') + emitter.listenerCount('done')).toBe(0);
  });

  it('listen returns the end of one subscription', () => {
    const emitter = new EventEmitter<Events>();
    const heard: number[] = [];
    const off = listen<Events, 'ping'>(emitter, 'ping', (e) => heard.push(e.n));
    emitter.emit('ping', { n: 1 });
    void off();
    emitter.emit('ping', { n: 2 });
    expect(heard).toEqual([1]);
  });

  it('subscribable: a narrower port over an emitter with more events', () => {
    const emitter = new EventEmitter<Events & { extra: [string] }>();
    const port = subscribable<Events, Events & { extra: [string] }>(emitter);
    const heard: number[] = [];
    const listener = (e: { n: number }) => heard.push(e.n);
    port.on('ping', listener);
    emitter.emit('ping', { n: 3 });
    port.off('ping', listener);
    emitter.emit('ping', { n: 4 });
    expect(heard).toEqual([3]);
  });
});
