// The embedded server's multi-context endpoint, alone and with the multi-context client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalTtsServer, type LocalTtsServer } from '../../../electron/engine/tts/local-server/server.js';
import { MultiContextTtsClient } from '../../../electron/engine/tts/multi-context-client.js';
import { RawClient } from './helpers/raw-client.js';
import { record } from './helpers/recorder.js';
import { tick } from './helpers/scripted-server.js';

let server: LocalTtsServer;

beforeAll(async () => {
  server = await startLocalTtsServer({ port: 0, voice: 'kal16' });
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('local server, multi-context endpoint', () => {
  it('creates a context, speaks it, and closes it gracefully: final, then context_closed', async () => {
    const c = await RawClient.open(server.multiUrl);
    c.send({ text: ' ', context_id: 'c1', voice_settings: { voice_id: 'kal16', sample_rate: 16000 } });
    await c.next((f) => f.context_created === true && f.context_id === 'c1');
    c.send({ text: 'Hello from context one.', context_id: 'c1' });
    c.send({ close_context: true, context_id: 'c1' });
    const closed = await c.next((f) => f.context_closed === true);
    const final = c.frames.find((f) => f.final === true)!;
    expect(final.context_id).toBe('c1');
    expect(final.__t).toBeLessThanOrEqual(closed.__t);
    const audio = c.frames.filter((f) => typeof f.audio === 'string');
    expect(audio.length).toBeGreaterThan(0);
    expect(audio.every((f) => f.context_id === 'c1' && f.sr === 16000)).toBe(true);
    c.close();
  });

  it('closes one context immediately (context_closed only, no final) while another keeps speaking', async () => {
    const c = await RawClient.open(server.multiUrl);
    for (const id of ['a', 'b']) c.send({ text: ' ', context_id: id });
    await c.next((f) => f.context_created === true && f.context_id === 'b');
    // No flush for a: a flush is answered by a final once its audio is out, and on a fast machine that can
    // come before the immediate close arrives. The unfinished clause keeps a's turn open until the close.
    c.send({ text: 'Context a talks for quite a long time. It has more to say, and then', context_id: 'a' });
    c.send({ text: 'Context b finishes.', context_id: 'b' });
    await c.next((f) => typeof f.audio === 'string' && f.context_id === 'a');
    c.send({ close_context: true, context_id: 'a', immediate: true });
    c.send({ close_context: true, context_id: 'b' });
    const aClosed = await c.next((f) => f.context_closed === true && f.context_id === 'a');
    await c.next((f) => f.context_closed === true && f.context_id === 'b');
    expect(c.frames.some((f) => f.final === true && f.context_id === 'a')).toBe(false);
    expect(c.frames.some((f) => f.final === true && f.context_id === 'b')).toBe(true);
    const aAfter = c.frames.slice(c.frames.indexOf(aClosed)).filter((f) => f.context_id === 'a' && typeof f.audio === 'string');
    expect(aAfter).toEqual([]);
    c.close();
  });

  it('refuses a 21st context with TOO_MANY_CONTEXTS', async () => {
    const c = await RawClient.open(server.multiUrl);
    for (let i = 0; i < 21; i++) c.send({ text: ' ', context_id: `k${i}` });
    const err = await c.next((f) => f.error_code === 'TOO_MANY_CONTEXTS');
    expect(err.context_id).toBe('k20');
    expect(c.frames.filter((f) => f.context_created === true)).toHaveLength(20);
    c.close();
  });

  it('times out an idle context, and a keep-alive (empty text) prevents it', async () => {
    // Keep-alives every 150 ms against a 2 s timeout: a loaded machine may stall this process (and the
    // server in it) for a while; with 400 ms a 450 ms stall timed out the kept context too.
    const shortLived = await startLocalTtsServer({ port: 0, voice: 'kal16', contextIdleTimeoutMs: 2000 });
    const c = await RawClient.open(shortLived.multiUrl);
    c.send({ text: ' ', context_id: 'idle' });
    c.send({ text: ' ', context_id: 'kept' });
    const keep = setInterval(() => c.send({ text: '', context_id: 'kept' }), 150);
    await c.next((f) => f.context_timeout === true && f.context_id === 'idle');
    await tick(300);
    clearInterval(keep);
    expect(c.frames.some((f) => f.context_timeout === true && f.context_id === 'kept')).toBe(false);
    c.close();
    await shortLived.close();
  });

  it('works with the multi-context client: a cancelled turn goes silent, the next one plays', async () => {
    const cleared: string[] = [];
    const client = new MultiContextTtsClient({ url: server.multiUrl, config: { voice_id: 'kal16' }, playback: { clear: (id) => cleared.push(id) } });
    const rec = record(client);
    const a = client.send('This turn is cut off. Nobody hears the end of it. ', { flush: true });
    await new Promise<void>((resolve) => client.once('audio', () => resolve()));
    await client.cancelCurrent();
    const b = client.send('Next turn.');
    await client.endTurn();
    expect(cleared).toEqual([a]);
    expect(rec.interrupted).toEqual([a]);
    expect(rec.finals).toEqual([b]);
    const afterCancel = rec.log.slice(rec.log.indexOf(`interrupted:${a}`));
    expect(afterCancel.filter((l) => l === `audio:${a}`)).toEqual([]);
    await client.endSession();
  });
});
