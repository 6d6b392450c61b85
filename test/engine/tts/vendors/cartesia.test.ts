// Cartesia adapter against a local server scripted from Cartesia's documented WebSocket messages
// (full request per input with continue, cancel; chunk / timestamps / done / error).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MultiContextTtsClient } from '../../../../electron/engine/tts/multi-context-client.js';
import { createCartesiaTts } from '../../../../electron/engine/tts/vendors/cartesia.js';
import type { Recorded } from '../helpers/recorder.js';
import { until, type ScriptedConnection } from '../helpers/scripted-server.js';
import { pcmBase64 as pcm, speakAndCancelLive, startVendorSession, stopVendorSession, type VendorSession } from './helpers/vendor-session.js';

let session: VendorSession<MultiContextTtsClient>;
let client: MultiContextTtsClient, conn: ScriptedConnection, rec: Recorded, cleared: string[];

beforeEach(async () => {
  session = await startVendorSession((parts) => createCartesiaTts({ apiKey: 'ca-key', voiceId: 'v-123', sampleRate: 22050, ...parts }));
  ({ client, conn, rec, cleared } = session);
});
afterEach(() => stopVendorSession(session));

describe('Cartesia adapter', () => {
  it('connects to /tts/websocket with the key and version headers', () => {
    expect(conn.url).toBe('/tts/websocket');
    expect(conn.headers['x-api-key']).toBe('ca-key');
    expect(conn.headers['cartesia-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('sends the full request with continue on every input and ends the turn with continue: false; done ends it', async () => {
    const id = client.send('Hello, ');
    client.send('world.');
    const ended = client.endTurn();
    await conn.next((m) => m.continue === false);
    expect(conn.received.map((m) => [m.transcript, m.continue, m.context_id])).toEqual([
      ['Hello, ', true, id],
      ['world.', true, id],
      ['', false, id],
    ]);
    expect(conn.received[0]).toMatchObject({
      model_id: 'sonic-2',
      voice: { mode: 'id', id: 'v-123' },
      output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 22050 },
      language: 'en',
    });
    conn.send({ type: 'timestamps', context_id: id, done: false, word_timestamps: { words: ['Hello', 'world'], start: [0, 0.5], end: [0.4, 0.9] } });
    conn.send({ type: 'chunk', data: pcm(220), done: false, status_code: 206, context_id: id });
    conn.send({ type: 'done', done: true, status_code: 206, context_id: id });
    await ended;
    expect(rec.audio.map((a) => [a.turnId, a.sampleRate, a.samples.length])).toEqual([[id, 22050, 220]]);
    expect(rec.words[0]!.words).toEqual([
      { word: 'Hello', startMs: 0, endMs: 400 },
      { word: 'world', startMs: 500, endMs: 900 },
    ]);
    expect(rec.finals).toEqual([id]);
  });

  it('barge-in sends cancel for that context; the generation that still finishes is dropped', async () => {
    const a = client.send('A long first answer.');
    await conn.next((m) => m.transcript === 'A long first answer.');
    conn.send({ type: 'chunk', data: pcm(10), context_id: a });
    await until(() => rec.audio.length === 1);
    const cancelling = client.cancelCurrent();
    expect(cleared).toEqual([a]);
    const b = client.send('Sure.');
    const cancel = await conn.next((m) => m.cancel === true);
    expect(cancel).toEqual({ context_id: a, cancel: true });
    conn.send({ type: 'chunk', data: pcm(10), context_id: a }); // the running generation finishes
    conn.send({ type: 'done', done: true, context_id: a });
    conn.send({ type: 'chunk', data: pcm(10, 0.5), context_id: b });
    await cancelling;
    await until(() => rec.audio.length === 2);
    expect(rec.audio.map((x) => x.turnId)).toEqual([a, b]);
    expect(rec.interrupted).toEqual([a]);
    expect(rec.finals).toEqual([]);
  });

  it('reports a Cartesia error for the turn', async () => {
    const id = client.send('Hi.');
    await conn.next((m) => m.transcript === 'Hi.');
    conn.send({
      type: 'error',
      done: true,
      title: 'Invalid model',
      message: 'The model is not valid.',
      error_code: 'model_not_found',
      status_code: 400,
      context_id: id,
    });
    await until(() => rec.errors.length === 1);
    expect(rec.errors[0]!.message).toContain('The model is not valid.');
  });
});

const liveKey = process.env.CARTESIA_API_KEY;
describe('Cartesia live', () => {
  it.skipIf(!liveKey)(`speaks and cancels against the real service${liveKey ? '' : ' (skipped: CARTESIA_API_KEY is not set)'}`, async () => {
    const live = createCartesiaTts({ apiKey: liveKey!, voiceId: process.env.CARTESIA_VOICE_ID ?? 'a0e99841-438c-4a64-b679-ae501e7d6091' });
    await speakAndCancelLive(live, 'Hello from the live test. This sentence is cut off.');
  });
});
