// Cartesia expires a context ~1 s after its last input. A turn whose text pauses longer than
// that (an LLM thinking between clauses) must go on over a fresh context: no text lost, audio in
// order, one turn for the client, and a barge-in still silences all of it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MultiContextTtsClient } from '../../../../electron/engine/tts/multi-context-client.js';
import { CARTESIA_CONTEXT_EXPIRY_MS, FRESH_CONTEXT_AFTER_MS, STALE_CLOSE_ANSWER_MS } from '../../../../electron/engine/tts/vendors/cartesia-contexts.js';
import { createCartesiaTts } from '../../../../electron/engine/tts/vendors/cartesia.js';
import type { ManualClock } from '../helpers/manual-clock.js';
import { RawClient } from '../helpers/raw-client.js';
import type { Recorded } from '../helpers/recorder.js';
import { until, type ScriptedConnection } from '../helpers/scripted-server.js';
import { ExpiringCartesiaContexts } from './helpers/cartesia-expiring-contexts.js';
import { pcmBase64, startVendorSession, stopVendorSession, type VendorSession } from './helpers/vendor-session.js';

const SAMPLE_RATE = 22050;
const OLD = 0.25; // sample value of audio from the turn's first context
const NEW = 0.5; // ... and from the fresh one

let session: VendorSession<MultiContextTtsClient>;
let client: MultiContextTtsClient, conn: ScriptedConnection, rec: Recorded, clock: ManualClock, cleared: string[];
let cartesia: ExpiringCartesiaContexts;

beforeEach(async () => {
  session = await startVendorSession((parts) => createCartesiaTts({ apiKey: 'ca-key', voiceId: 'v-123', sampleRate: SAMPLE_RATE, ...parts }));
  ({ client, conn, rec, clock, cleared } = session);
  cartesia = new ExpiringCartesiaContexts(conn, clock);
});
afterEach(() => stopVendorSession(session));

const inputs = () => conn.received.filter((m) => typeof m.transcript === 'string').map((m) => [m.transcript, m.context_id, m.continue]);
const chunk = (contextId: unknown, value: number, samples = 100) =>
  conn.send({ type: 'chunk', data: pcmBase64(samples, value), done: false, status_code: 206, context_id: contextId });
const done = (contextId: unknown) => conn.send({ type: 'done', done: true, status_code: 206, context_id: contextId });
const heardValues = () => rec.audio.map((a) => Math.round(a.samples[0]! * 100) / 100);

/** Speaks a first clause, waits `pauseMs` on the clock, speaks a second; returns the turn id and the second clause's context id. */
async function twoClausesWithPause(pauseMs: number): Promise<{ turn: string; second: unknown }> {
  const turn = client.send('First clause, ');
  await conn.next((m) => m.transcript === 'First clause, ');
  clock.advance(pauseMs);
  expect(client.send('second clause.')).toBe(turn);
  const second = await conn.next((m) => m.transcript === 'second clause.');
  return { turn, second: second.context_id };
}

describe('the scripted Cartesia service', () => {
  it(`takes input ${CARTESIA_CONTEXT_EXPIRY_MS - 1} ms after the last one and refuses it at ${CARTESIA_CONTEXT_EXPIRY_MS} ms`, async () => {
    const raw = await RawClient.open(`${session.server.baseUrl}/tts/websocket`);
    const service = new ExpiringCartesiaContexts(await session.server.connection(1), clock);
    const input = (transcript: string) => raw.send({ context_id: 'c1', transcript, continue: true });
    input('One, ');
    await until(() => service.accepted === 1);
    clock.advance(CARTESIA_CONTEXT_EXPIRY_MS - 1);
    input('two, ');
    await until(() => service.accepted === 2);
    clock.advance(CARTESIA_CONTEXT_EXPIRY_MS);
    input('three.');
    const refusal = await raw.next((f) => f.type === 'error');
    expect(refusal).toMatchObject({ context_id: 'c1', done: true });
    expect(service.refused).toEqual(['c1']);
    raw.close();
  });
});

describe('Cartesia turn across a pause longer than a context lives', () => {
  it(`keeps a pause of ${FRESH_CONTEXT_AFTER_MS - 1} ms on the turn's own context`, async () => {
    const { turn, second } = await twoClausesWithPause(FRESH_CONTEXT_AFTER_MS - 1);
    expect(second).toBe(turn);
    expect(inputs()).toEqual([
      ['First clause, ', turn, true],
      ['second clause.', turn, true],
    ]);
  });

  it(`after a pause of ${FRESH_CONTEXT_AFTER_MS} ms closes the old context and sends the text to a fresh one, which the service accepts`, async () => {
    const { turn, second } = await twoClausesWithPause(FRESH_CONTEXT_AFTER_MS);
    expect(second).not.toBe(turn);
    expect(inputs()).toEqual([
      ['First clause, ', turn, true],
      ['', turn, false],
      ['second clause.', second, true],
    ]);
    expect(cartesia.refused).toEqual([]);
  });

  it('plays the fresh context only after the old one is done, all tagged with the turn, and ends the turn once', async () => {
    const { turn, second } = await twoClausesWithPause(FRESH_CONTEXT_AFTER_MS);
    chunk(second, NEW); // the fresh context is quicker than the old one's tail
    chunk(turn, OLD);
    await until(() => rec.audio.length === 1);
    expect(heardValues()).toEqual([OLD]);
    done(turn); // the old context (still alive) answers its close
    await until(() => rec.audio.length === 2);
    const ended = client.endTurn();
    const close = await conn.next((m) => m.transcript === '' && m.context_id === second);
    expect(close.continue).toBe(false);
    done(second);
    await ended;
    expect(heardValues()).toEqual([OLD, NEW]);
    expect(rec.audio.every((a) => a.turnId === turn)).toBe(true);
    expect(rec.finals).toEqual([turn]);
    expect(rec.errors).toEqual([]);
  });

  it('takes the service refusing the close of an expired context as its end: no error, the fresh context plays', async () => {
    const { turn, second } = await twoClausesWithPause(CARTESIA_CONTEXT_EXPIRY_MS + 500);
    expect(cartesia.refused).toEqual([turn]); // the close reached a context that had expired
    chunk(second, NEW);
    await until(() => rec.audio.length === 1);
    expect(rec.audio[0]!.turnId).toBe(turn);
    expect(rec.errors).toEqual([]);
  });

  it(`takes an old context that never answers its close as done after ${STALE_CLOSE_ANSWER_MS} ms, not ${STALE_CLOSE_ANSWER_MS - 1} ms`, async () => {
    cartesia.onLateInput = 'ignore';
    const { second } = await twoClausesWithPause(CARTESIA_CONTEXT_EXPIRY_MS + 500);
    chunk(second, NEW);
    chunk(second, NEW);
    chunk('no-such-context', OLD); // dropped on arrival: once it is counted, the two chunks before it are in (and held)
    await until(() => client.stats.droppedChunks === 1);
    clock.advance(STALE_CLOSE_ANSWER_MS - 1);
    expect(rec.audio).toEqual([]);
    clock.advance(1);
    expect(heardValues()).toEqual([NEW, NEW]);
  });

  it("moves the fresh context's word timestamps onto the turn's timeline", async () => {
    const { turn, second } = await twoClausesWithPause(FRESH_CONTEXT_AFTER_MS);
    chunk(turn, OLD, SAMPLE_RATE); // one second of audio
    done(turn);
    conn.send({ type: 'timestamps', context_id: second, done: false, word_timestamps: { words: ['second'], start: [0.1], end: [0.5] } });
    await until(() => rec.words.length === 1);
    expect(rec.words[0]).toEqual({ turnId: turn, words: [{ word: 'second', startMs: 1100, endMs: 1500 }] });
  });

  it('ends the turn when endTurn comes long after the last text, though its context has expired', async () => {
    const turn = client.send('Only clause.');
    await conn.next((m) => m.transcript === 'Only clause.');
    chunk(turn, OLD);
    await until(() => rec.audio.length === 1);
    clock.advance(CARTESIA_CONTEXT_EXPIRY_MS + 500);
    await client.endTurn();
    expect(cartesia.refused).toEqual([turn]);
    expect(rec.finals).toEqual([turn]);
    expect(rec.errors).toEqual([]);
  });

  it('after the service ends the current context with an error, reports it and speaks the next text on a fresh context', async () => {
    const turn = client.send('First clause, ');
    await conn.next((m) => m.transcript === 'First clause, ');
    conn.send({ type: 'error', done: true, status_code: 500, title: 'Internal error', message: 'Generation failed.', context_id: turn });
    await until(() => rec.errors.length === 1);
    expect(client.send('second clause.')).toBe(turn);
    const second = await conn.next((m) => m.transcript === 'second clause.');
    expect(second.context_id).not.toBe(turn);
    chunk(second.context_id, NEW);
    await until(() => rec.audio.length === 1);
    expect(rec.audio[0]!.turnId).toBe(turn);
    const ended = client.endTurn();
    await conn.next((m) => m.transcript === '' && m.context_id === second.context_id);
    done(second.context_id);
    await ended;
    expect(rec.finals).toEqual([turn]);
  });

  it('ends the turn when the service ended its only context with an error before endTurn', async () => {
    const turn = client.send('Only clause.');
    await conn.next((m) => m.transcript === 'Only clause.');
    conn.send({ type: 'error', done: true, status_code: 500, title: 'Internal error', message: 'Generation failed.', context_id: turn });
    await until(() => rec.errors.length === 1);
    await client.endTurn();
    expect(rec.finals).toEqual([turn]);
    expect(conn.received.filter((m) => m.continue === false)).toEqual([]);
  });

  it('barge-in cancels the old and the fresh context and drops everything of the turn; the next turn plays', async () => {
    const { turn, second } = await twoClausesWithPause(FRESH_CONTEXT_AFTER_MS);
    chunk(turn, OLD);
    await until(() => rec.audio.length === 1);
    const cancelling = client.cancelCurrent();
    expect(cleared).toEqual([turn]);
    await conn.next((m) => m.cancel === true && m.context_id === second);
    expect(conn.received.filter((m) => m.cancel === true).map((m) => m.context_id)).toEqual([turn, second]);
    chunk(turn, OLD);
    chunk(second, NEW);
    done(turn);
    done(second);
    await cancelling;
    const next = client.send('Sure.');
    await conn.next((m) => m.transcript === 'Sure.');
    chunk(next, NEW);
    await until(() => rec.audio.length === 2);
    expect(rec.audio.map((a) => a.turnId)).toEqual([turn, next]);
    expect(rec.interrupted).toEqual([turn]);
    expect(rec.finals).toEqual([]);
  });
});
