// Multi-context endpoint: per-context barge-in, the context cap, creation before flush, keep-alive (docs/tts-protocol.md §4: 2, 6, 7).
import { afterEach, describe, expect, it } from 'vitest';
import { MultiContextTtsClient } from '../../../electron/engine/tts/multi-context-client.js';
import { ManualClock } from './helpers/manual-clock.js';
import { record } from './helpers/recorder.js';
import { ScriptedServer, tick, until, type ScriptedConnection } from './helpers/scripted-server.js';

let server: ScriptedServer;
let client: MultiContextTtsClient;
const cleared: string[] = [];

async function setup(options: { maxContexts?: number } = {}) {
  server = await ScriptedServer.start();
  const clock = new ManualClock();
  cleared.length = 0;
  client = new MultiContextTtsClient({
    url: server.url,
    config: { voice_id: 'v1', sample_rate: 24000 },
    clock,
    playback: { clear: (id) => cleared.push(id) },
    ...options,
  });
  const rec = record(client);
  await client.connect();
  const conn = await server.connection(0);
  return { clock, rec, conn };
}

/** Answers every creation at once, like a well-behaved server. */
function autoCreate(conn: ScriptedConnection): void {
  conn.ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as Record<string, unknown>;
    if (m.text === ' ' && typeof m.context_id === 'string') conn.send({ context_created: true, context_id: m.context_id });
  });
}

afterEach(async () => {
  await client?.close();
  await server?.close();
});

describe('multi-context client', () => {
  it('holds text and flush until the server has created the context', async () => {
    const { conn } = await setup();
    const id = client.send('Hello.', { flush: true });
    const create = await conn.next((m) => m.context_id === id);
    expect(create).toEqual({ text: ' ', context_id: id, sample_rate: 24000, voice_settings: { voice_id: 'v1' } });
    await tick(30);
    expect(conn.received).toHaveLength(1);
    conn.send({ context_created: true, context_id: id });
    const text = await conn.next((m) => m.text === 'Hello.');
    expect(text).toMatchObject({ context_id: id, flush: true });
  });

  it('uses a fresh context id for every turn, and tags audio with it exactly', async () => {
    const { conn, rec } = await setup();
    autoCreate(conn);
    const a = client.send('One.');
    const endA = client.endTurn();
    const b = client.send('Two.');
    expect(a).not.toBe(b);
    await conn.next((m) => m.text === 'Two.');
    conn.audio(10, { extra: { context_id: b } });
    conn.audio(10, { extra: { context_id: a } });
    conn.send({ final: true, context_id: a });
    conn.send({ context_closed: true, context_id: a });
    await endA;
    await until(() => rec.audio.length === 2);
    expect(rec.audio.map((x) => x.turnId)).toEqual([b, a]);
    expect(rec.finals).toEqual([a]);
  });

  it('closeContext(id, {immediate}) silences that context only: playback cleared first, stragglers dropped, others continue', async () => {
    const { conn, rec } = await setup();
    autoCreate(conn);
    const a = client.send('Context A.');
    void client.endTurn();
    const b = client.send('Context B.');
    await conn.next((m) => m.text === 'Context B.');
    const closing = client.closeContext(a, { immediate: true });
    expect(cleared).toEqual([a]);
    const close = await conn.next((m) => m.close_context === true && m.immediate === true);
    expect(close.context_id).toBe(a);
    conn.audio(10, { extra: { context_id: a } }); // straggler before the ack
    conn.send({ context_closed: true, context_id: a });
    conn.audio(10, { extra: { context_id: a } }); // and after it
    conn.audio(10, { extra: { context_id: b } });
    await closing;
    await until(() => rec.audio.length === 1);
    expect(rec.audio[0]!.turnId).toBe(b);
    expect(rec.interrupted).toEqual([a]);
    expect(client.stats.droppedChunks).toBe(2);
  });

  it('enforces the context cap: a new turn waits for a context_closed before asking for its context', async () => {
    const { conn } = await setup({ maxContexts: 2 });
    autoCreate(conn);
    const a = client.send('A.');
    void client.endTurn();
    client.send('B.');
    void client.endTurn();
    const c = client.send('C.');
    await conn.next((m) => m.close_context === true && m.context_id !== a);
    await tick(30);
    expect(conn.received.some((m) => m.context_id === c)).toBe(false);
    expect(client.openContextCount).toBe(2);
    conn.send({ final: true, context_id: a });
    await tick(30);
    expect(conn.received.some((m) => m.context_id === c)).toBe(false); // final alone does not free the slot
    conn.send({ context_closed: true, context_id: a });
    await conn.next((m) => m.context_id === c && m.text === ' ');
  });

  it('reports TOO_MANY_CONTEXTS from the server and releases the refused turn', async () => {
    const { conn, rec } = await setup();
    const id = client.send('Refused.');
    const ended = client.endTurn().catch((e: Error) => e);
    await conn.next((m) => m.context_id === id);
    conn.send({ error: 'too many contexts', error_code: 'TOO_MANY_CONTEXTS', context_id: id });
    expect(await ended).toMatchObject({ code: 'TOO_MANY_CONTEXTS' });
    expect(rec.errors.map((e) => e.code)).toEqual(['TOO_MANY_CONTEXTS']);
    expect(client.openContextCount).toBe(0);
  });

  it('sends a keep-alive for an idle open context about every 10 s', async () => {
    const { conn, clock } = await setup();
    autoCreate(conn);
    const id = client.send('Thinking...');
    await conn.next((m) => m.text === 'Thinking...');
    clock.advance(10_000);
    const ka = await conn.next((m) => m.text === '' && m.context_id === id);
    expect(ka).toEqual({ text: '', context_id: id });
  });

  it('cancelCurrent on a context still being created sends the immediate close once it exists', async () => {
    const { conn, rec } = await setup();
    const id = client.send('Soon cancelled.');
    await conn.next((m) => m.context_id === id);
    const cancelled = client.cancelCurrent();
    expect(cleared).toEqual([id]);
    conn.send({ context_created: true, context_id: id });
    const close = await conn.next((m) => m.close_context === true);
    expect(close).toEqual({ close_context: true, context_id: id, immediate: true });
    expect(conn.received.some((m) => m.text === 'Soon cancelled.')).toBe(false);
    conn.send({ context_closed: true, context_id: id });
    await cancelled;
    expect(rec.interrupted).toEqual([id]);
  });

  it('resolves an immediate close after the quiet timeout when context_closed never comes', async () => {
    const { conn, clock, rec } = await setup();
    autoCreate(conn);
    const id = client.send('Ignored close.');
    await conn.next((m) => m.text === 'Ignored close.');
    let done = false;
    const closing = client.closeContext(id, { immediate: true }).then(() => (done = true));
    await conn.next((m) => m.close_context === true);
    clock.advance(299);
    await tick(10);
    expect(done).toBe(false);
    clock.advance(1);
    await closing;
    expect(rec.interrupted).toEqual([id]);
  });

  it('recreates and replays an unheard context after a reconnect', async () => {
    const { conn, clock, rec } = await setup();
    autoCreate(conn);
    const id = client.send('Replay me.', { flush: true });
    await conn.next((m) => m.text === 'Replay me.');
    conn.close(1012);
    await until(() => rec.reconnecting.length === 1);
    clock.advance(rec.reconnecting[0]!.delayMs);
    const again = await server.connection(1);
    autoCreate(again);
    const create = await again.next((m) => m.context_id === id);
    expect(create.text).toBe(' ');
    await again.next((m) => m.text === 'Replay me.' && m.flush === true);
  });
});
