// Deepgram Aura adapter against a local server scripted from Deepgram's documented messages
// (Speak / Flush -> Flushed / Clear -> Cleared / Close, binary linear16 audio).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SingleStreamClient } from '../../../../electron/engine/tts/single-stream-client.js';
import { createDeepgramTts, DEEPGRAM_MAX_SPEAK_CHARS, splitForSpeak } from '../../../../electron/engine/tts/vendors/deepgram.js';
import type { Recorded } from '../helpers/recorder.js';
import { until, type ScriptedConnection } from '../helpers/scripted-server.js';
import { speakAndCancelLive, startVendorSession, stopVendorSession, type VendorSession } from './helpers/vendor-session.js';

let session: VendorSession<SingleStreamClient>;
let client: SingleStreamClient, conn: ScriptedConnection, rec: Recorded, cleared: string[];

beforeEach(async () => {
  session = await startVendorSession((parts) => createDeepgramTts({ apiKey: 'dg-test-key', sampleRate: 16000, ...parts }));
  ({ client, conn, rec, cleared } = session);
});
afterEach(() => stopVendorSession(session));

describe('Deepgram adapter', () => {
  it('connects with the config in the URL and the key in the Authorization header', () => {
    expect(conn.url).toBe('/v1/speak?model=aura-2-thalia-en&encoding=linear16&sample_rate=16000');
    expect(conn.headers.authorization).toBe('Token dg-test-key');
  });

  it('speaks a turn: Speak frames, Flush at the end, binary audio tagged with the turn, Flushed ends it', async () => {
    const turn = client.send('Hello there.');
    const ended = client.endTurn();
    await conn.next((m) => m.type === 'Flush');
    expect(conn.received).toEqual([{ type: 'Speak', text: 'Hello there.' }, { type: 'Flush' }]);
    conn.binaryAudio(160);
    conn.send({ type: 'Metadata', request_id: 'r1' });
    conn.send({ type: 'Flushed', sequence_id: 0 });
    await ended;
    expect(rec.audio.map((a) => [a.turnId, a.sampleRate, a.samples.length])).toEqual([[turn, 16000, 160]]);
    expect(rec.finals).toEqual([turn]);
  });

  it('a mid-turn flush answer does not end the turn', async () => {
    const turn = client.send('First part.', { flush: true });
    const ended = client.endTurn();
    await conn.next((m) => m.type === 'Flush' && conn.received.filter((x) => x.type === 'Flush').length === 2);
    conn.binaryAudio(10);
    conn.send({ type: 'Flushed', sequence_id: 0 });
    conn.binaryAudio(10);
    await until(() => rec.audio.length === 2);
    expect(rec.finals).toEqual([]);
    conn.send({ type: 'Flushed', sequence_id: 1 });
    await ended;
    expect(rec.finals).toEqual([turn]);
  });

  it('barge-in: playback cleared first, Clear sent, stragglers before Cleared dropped, next turn plays', async () => {
    const a = client.send('A long answer.', { flush: true });
    await conn.next((m) => m.type === 'Flush');
    conn.binaryAudio(10);
    await until(() => rec.audio.length === 1);
    const cancelling = client.cancelCurrent();
    expect(cleared).toEqual([a]);
    const b = client.send('Okay.');
    await conn.next((m) => m.type === 'Clear');
    conn.binaryAudio(10); // straggler: "the running generation" per docs/tts-protocol.md
    conn.send({ type: 'Cleared', sequence_id: 1 });
    conn.binaryAudio(10, 0.5);
    await cancelling;
    await until(() => rec.audio.length === 2);
    expect(rec.audio.map((x) => x.turnId)).toEqual([a, b]);
    expect(rec.interrupted).toEqual([a]);
  });

  it('absorbs the Cleared Deepgram sends for a Clear that found the turn already flushed', async () => {
    const a = client.send('Done.');
    void client.endTurn();
    await conn.next((m) => m.type === 'Flush');
    const cancelling = client.cancelCurrent(); // the person interrupts just as the audio ends
    await conn.next((m) => m.type === 'Clear');
    conn.binaryAudio(10);
    conn.send({ type: 'Flushed', sequence_id: 0 }); // the turn ended before the Clear arrived
    await cancelling;
    const b = client.send('Next answer.');
    await conn.next((m) => m.text === 'Next answer.');
    conn.send({ type: 'Cleared', sequence_id: 1 }); // Deepgram answers the Clear anyway
    conn.binaryAudio(10, 0.5);
    await until(() => rec.audio.length === 1);
    expect(rec.audio[0]!.turnId).toBe(b);
    expect(rec.interrupted).toEqual([a]);
    expect(client.currentTurnId).toBe(b);
  });

  it('splits text longer than 2,000 characters into several Speak frames at spaces', async () => {
    const long = 'word '.repeat(900);
    expect(splitForSpeak(long).every((p) => p.length <= DEEPGRAM_MAX_SPEAK_CHARS)).toBe(true);
    client.send(long);
    await until(() => conn.received.length === 3);
    expect(conn.received.map((m) => m.type)).toEqual(['Speak', 'Speak', 'Speak']);
    expect(conn.received.map((m) => m.text).join('')).toBe(long);
  });

  it('reports Deepgram warnings without acting on them', async () => {
    client.send('Hi.');
    conn.send({ type: 'Warning', description: 'Too many flushes', code: 'W1' });
    conn.binaryAudio(10);
    await until(() => rec.audio.length === 1);
    expect(rec.errors).toEqual([]);
  });
});

const liveKey = process.env.DEEPGRAM_API_KEY;
describe('Deepgram live', () => {
  it.skipIf(!liveKey)(`speaks and cancels against the real service${liveKey ? '' : ' (skipped: DEEPGRAM_API_KEY is not set)'}`, async () => {
    const live = createDeepgramTts({ apiKey: liveKey!, sampleRate: 24000 });
    await speakAndCancelLive(live, 'Hello from the live test. This sentence will be cut off before it ends.', true);
  });
});
