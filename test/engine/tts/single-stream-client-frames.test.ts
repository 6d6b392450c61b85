// What the client accepts from the wire: enc/sr checks, decoding, garbage (docs/tts-protocol.md §4: 11, 12, 16).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodePcmS16le } from '../../../electron/engine/tts/pcm.js';
import { SingleStreamClient } from '../../../electron/engine/tts/single-stream-client.js';
import { ManualClock } from './helpers/manual-clock.js';
import { record, type Recorded } from './helpers/recorder.js';
import { ScriptedServer, until, type ScriptedConnection } from './helpers/scripted-server.js';

let server: ScriptedServer;
let client: SingleStreamClient;
let rec: Recorded;
let conn: ScriptedConnection;
let turn: string;

beforeEach(async () => {
  server = await ScriptedServer.start();
  client = new SingleStreamClient({ url: server.url, config: { sample_rate: 24000 }, clock: new ManualClock(), socket: { maxFrameBytes: 64 * 1024 } });
  rec = record(client);
  await client.connect();
  conn = await server.connection(0);
  turn = client.send('Hello.', { flush: true });
  await conn.next();
});

afterEach(async () => {
  await client.close();
  await server.close();
});

describe('audio chunks', () => {
  it('decodes pcm_s16le base64 to float samples with the turn id and the chunk rate', async () => {
    const samples = new Float32Array([0, 0.5, -0.5, 1, -1]);
    conn.send({ audio: encodePcmS16le(samples).toString('base64'), enc: 'pcm_s16le', sr: 16000 });
    await until(() => rec.audio.length === 1);
    expect(rec.audio[0]!.turnId).toBe(turn);
    expect(rec.audio[0]!.sampleRate).toBe(16000); // passed on; the playback queue resamples to the device
    expect([...rec.audio[0]!.samples].map((x) => Math.round(x * 100) / 100)).toEqual([0, 0.5, -0.5, 1, -1]);
  });

  it('rejects an unknown encoding with a clear error and skips only that chunk', async () => {
    conn.send({ audio: 'AAAA', enc: 'mp3', sr: 24000 });
    conn.audio(10);
    await until(() => rec.audio.length === 1);
    expect(rec.errors).toHaveLength(1);
    expect(rec.errors[0]).toMatchObject({ code: 'UNSUPPORTED_ENCODING', fatal: false });
    expect(rec.errors[0]!.message).toMatch(/"mp3" is not supported/);
  });

  it('rejects an impossible sample rate', async () => {
    conn.send({ audio: 'AAAA', enc: 'pcm_s16le', sr: 'fast' });
    conn.send({ audio: 'AAAA', enc: 'pcm_s16le', sr: 0 });
    conn.audio(10);
    await until(() => rec.audio.length === 1);
    expect(rec.errors.map((e) => e.code)).toEqual(['BAD_SAMPLE_RATE', 'BAD_SAMPLE_RATE']);
  });

  it('falls back to the requested format and rate when a chunk omits enc and sr', async () => {
    conn.send({ audio: encodePcmS16le(new Float32Array(4)).toString('base64') });
    await until(() => rec.audio.length === 1);
    expect(rec.audio[0]!.sampleRate).toBe(24000);
  });

  it('skips a torn chunk (odd byte count) and a non-base64 one', async () => {
    conn.send({ audio: Buffer.from([1, 2, 3]).toString('base64'), enc: 'pcm_s16le', sr: 24000 });
    conn.send({ audio: '!!not base64!!', enc: 'pcm_s16le', sr: 24000 });
    conn.audio(10);
    await until(() => rec.audio.length === 1);
    expect(rec.errors.map((e) => e.code)).toEqual(['MALFORMED_FRAME', 'MALFORMED_FRAME']);
  });

  it('emits word timestamps in ms for the live turn (seconds or ms on the wire)', async () => {
    conn.send({ word_timestamps: [{ word: 'Hello', start: 0.1, end: 0.4 }, { word: 'there', start_ms: 400, end_ms: 700 }, { bogus: true }] });
    await until(() => rec.words.length === 1);
    expect(rec.words[0]).toEqual({
      turnId: turn,
      words: [
        { word: 'Hello', startMs: 100, endMs: 400 },
        { word: 'there', startMs: 400, endMs: 700 },
      ],
    });
  });
});

describe('garbage', () => {
  it('logs and skips malformed JSON, non-object JSON, unknown fields and oversized frames, then carries on', async () => {
    conn.sendRaw('{"audio": ');
    conn.sendRaw('[1,2,3]');
    conn.send({ something_new: { nested: true } });
    conn.sendRaw(JSON.stringify({ audio: 'A'.repeat(70 * 1024) }));
    conn.audio(10);
    await until(() => rec.audio.length === 1);
    expect(rec.errors.map((e) => e.code)).toEqual(['MALFORMED_FRAME', 'MALFORMED_FRAME', 'OVERSIZED_FRAME']);
    expect(rec.errors.every((e) => !e.fatal)).toBe(true);
    expect(server.connections).toHaveLength(1);
  });

  it('reports a server error frame without ending the session', async () => {
    conn.send({ error: 'voice not found', error_code: 'INVALID_VOICE', request_id: 'r1' });
    conn.audio(10);
    await until(() => rec.audio.length === 1);
    expect(rec.errors[0]).toMatchObject({ code: 'SERVER_ERROR', fatal: false, turnId: turn });
    expect(rec.errors[0]!.message).toContain('voice not found');
  });

  it('rejects a non-string send() with a clear error', () => {
    expect(() => client.send(42 as unknown as string)).toThrow(/needs a string/);
  });
});
