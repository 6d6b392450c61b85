// ElevenLabs multi-context adapter against a local server scripted from ElevenLabs' documented
// multi-stream-input messages (text/context_id, flush, close_context; audio + contextId, isFinal).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MultiContextTtsClient } from '../../../../electron/engine/tts/multi-context-client.js';
import { alignmentToWords, createElevenLabsTts } from '../../../../electron/engine/tts/vendors/elevenlabs.js';
import type { ManualClock } from '../helpers/manual-clock.js';
import type { Recorded } from '../helpers/recorder.js';
import { until, type ScriptedConnection } from '../helpers/scripted-server.js';
import { pcmBase64 as pcm, speakAndCancelLive, startVendorSession, stopVendorSession, type VendorSession } from './helpers/vendor-session.js';

let session: VendorSession<MultiContextTtsClient>;
let client: MultiContextTtsClient, conn: ScriptedConnection, rec: Recorded, clock: ManualClock, cleared: string[];

beforeEach(async () => {
  session = await startVendorSession((parts) => createElevenLabsTts({ apiKey: 'el-key', voiceId: 'voice1', sampleRate: 16000, ...parts }));
  ({ client, conn, rec, clock, cleared } = session);
});
afterEach(() => stopVendorSession(session));

describe('ElevenLabs adapter', () => {
  it('connects to multi-stream-input with model and pcm format in the URL and the key in xi-api-key', () => {
    expect(conn.url).toBe('/v1/text-to-speech/voice1/multi-stream-input?model_id=eleven_flash_v2_5&output_format=pcm_16000&inactivity_timeout=60');
    expect(conn.headers['xi-api-key']).toBe('el-key');
  });

  it('speaks a turn in its own context: init, text ending in a space, flush + close_context, isFinal ends it', async () => {
    const id = client.send('Hello there.');
    const ended = client.endTurn();
    await conn.next((m) => m.close_context === true);
    expect(conn.received).toEqual([
      { text: ' ', context_id: id },
      { text: 'Hello there. ', context_id: id },
      { context_id: id, flush: true },
      { context_id: id, close_context: true },
    ]);
    conn.send({
      audio: pcm(160),
      contextId: id,
      alignment: { chars: ['H', 'i', ' ', 'y', 'o'], charStartTimesMs: [0, 50, 100, 150, 200], charDurationsMs: [50, 50, 50, 50, 50] },
    });
    conn.send({ isFinal: true, contextId: id });
    await ended;
    expect(rec.audio.map((a) => [a.turnId, a.sampleRate, a.samples.length])).toEqual([[id, 16000, 160]]);
    expect(rec.words[0]!.words).toEqual([
      { word: 'Hi', startMs: 0, endMs: 100 },
      { word: 'yo', startMs: 150, endMs: 250 },
    ]);
    expect(rec.finals).toEqual([id]);
  });

  it('barge-in closes only that context; its stragglers are dropped, the next turn plays', async () => {
    const a = client.send('First answer.', { flush: true });
    await conn.next((m) => m.text === 'First answer. ');
    conn.send({ audio: pcm(10), contextId: a });
    await until(() => rec.audio.length === 1);
    const cancelling = client.cancelCurrent();
    expect(cleared).toEqual([a]);
    const b = client.send('Second.');
    await conn.next((m) => m.close_context === true && m.context_id === a);
    conn.send({ audio: pcm(10), contextId: a }); // straggler
    conn.send({ audio: pcm(10, 0.5), contextId: b });
    clock.advance(300); // ElevenLabs sends no close acknowledgement: the quiet timeout ends it
    await cancelling;
    await until(() => rec.audio.length === 2);
    expect(rec.audio.map((x) => x.turnId)).toEqual([a, b]);
    expect(rec.interrupted).toEqual([a]);
    expect(conn.received.find((m) => m.close_context === true && m.context_id === a)).toEqual({ context_id: a, close_context: true });
  });

  it('keeps at most 5 contexts open on the socket', async () => {
    for (let i = 0; i < 6; i++) {
      client.send(`Turn ${i}.`);
      void client.endTurn();
    }
    await until(() => conn.received.filter((m) => m.text === ' ').length === 5);
    expect(client.openContextCount).toBe(5);
  });

  it('groups character alignment into words on the turn timeline', () => {
    expect(alignmentToWords({ chars: ['a', 'b', ' ', 'c'], charStartTimesMs: [0, 10, 20, 30], charDurationsMs: [10, 10, 10, 10] }, 1000)).toEqual([
      { word: 'ab', start_ms: 1000, end_ms: 1020 },
      { word: 'c', start_ms: 1030, end_ms: 1040 },
    ]);
  });
});

const liveKey = process.env.ELEVENLABS_API_KEY;
describe('ElevenLabs live', () => {
  it.skipIf(!liveKey)(`speaks and cancels against the real service${liveKey ? '' : ' (skipped: ELEVENLABS_API_KEY is not set)'}`, async () => {
    const live = createElevenLabsTts({ apiKey: liveKey!, voiceId: process.env.ELEVENLABS_VOICE_ID ?? 'JBFqnCBsd6RMkjVDRZzb' });
    await speakAndCancelLive(live, 'Hello from the live test. This sentence is cut off.', true);
  });
});
