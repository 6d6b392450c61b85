import { expect, it } from 'vitest';
import { AsyncQueue } from '../../../electron/engine/llm/async-queue.js';

it('hands over pushed items in order and ends', async () => {
  const q = new AsyncQueue<string>();
  q.push('a');
  setImmediate(() => {
    q.push('b');
    q.end();
  });
  const out: string[] = [];
  for await (const x of q) out.push(x);
  expect(out).toEqual(['a', 'b']);
});

it('tells the source when the reader stops early (so generation can stop)', async () => {
  let stopped = false;
  const q = new AsyncQueue<string>(() => (stopped = true));
  q.push('a');
  q.push('b');
  for await (const _ of q) break;
  expect(stopped).toBe(true);
});

it('throws away untaken items on discard (an aborted answer is not heard)', async () => {
  const q = new AsyncQueue<string>();
  q.push('heard');
  q.push('not heard');
  const it = q[Symbol.asyncIterator]();
  expect((await it.next()).value).toBe('heard');
  q.discard();
  expect((await it.next()).done).toBe(true);
});

it('rejects the reader with the source failure', async () => {
  const q = new AsyncQueue<string>();
  setImmediate(() => q.fail(new Error('model crashed')));
  await expect(
    (async () => {
      for await (const _ of q) void _;
    })(),
  ).rejects.toThrow('model crashed');
});
