import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeepgramRecognizer, type DeepgramOptions } from '../../../electron/engine/stt/deepgram-streaming.js';
import { SttError } from '../../../electron/engine/stt/errors.js';
import type { Transcript } from '../../../electron/engine/stt/types.js';
import { startDeepgramServer, type DeepgramServer } from './helpers/deepgram-server.js';
import { beckett, frames } from './helpers/speech.js';

let server: DeepgramServer;
let speech: Float32Array;
const open: DeepgramRecognizer[] = [];
/** A real socket round trip: vi.waitFor's 1 s default is too little for a loaded, slow machine. */
const SOCKET_WAIT = { timeout: 10_000 };
beforeEach(async () => {
  server = await startDeepgramServer();
  speech = (await beckett()).subarray(0, 16_000);
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
  await server.close();
});

function recognizer(extra: Partial<DeepgramOptions> = {}): DeepgramRecognizer {
  const r = new DeepgramRecognizer({ apiKey: 'dg-key', url: server.url, model: 'nova-3', language: 'en', ...extra });
  open.push(r);
  return r;
}

async function speak(r: DeepgramRecognizer, samples = speech): Promise<void> {
  for (const f of frames(samples)) r.push(f);
  await server.waitForAudioBytes(samples.length * 2);
}

describe('streaming to Deepgram', () => {
  it('opens one socket with linear16 16 kHz interim results and the key as a Token header', async () => {
    const r = recognizer();
    await speak(r);
    expect(server.connections).toHaveLength(1);
    const { query, authorization } = server.connections[0]!;
    expect(authorization).toBe('Token dg-key');
    expect(Object.fromEntries(query)).toMatchObject({
      encoding: 'linear16',
      sample_rate: '16000',
      channels: '1',
      interim_results: 'true',
      model: 'nova-3',
      language: 'en',
    });
    expect(server.audioBytes()).toBe(speech.length * 2);
  });

  it('emits interim text as finalized pieces plus the newest interim piece', async () => {
    const r = recognizer();
    const interims: string[] = [];
    r.on('interim', (t) => interims.push(t.text));
    await speak(r);
    server.results({ transcript: 'hello', start: 0, duration: 0.4 });
    server.results({ transcript: 'hello there', start: 0, duration: 0.8, isFinal: true });
    server.results({ transcript: 'how', start: 0.8, duration: 0.2 });
    await vi.waitFor(() => expect(interims).toEqual(['hello', 'hello there', 'hello there how']), SOCKET_WAIT);
  });

  it('sends Finalize when the segment ends and emits the final with word timings on from_finalize', async () => {
    const r = recognizer();
    server.onFinalize = (s) =>
      s.results({
        transcript: 'stop now',
        start: 0,
        duration: 1,
        isFinal: true,
        fromFinalize: true,
        words: [
          { word: 'stop', start: 0.1, end: 0.4 },
          { word: 'now', start: 0.5, end: 0.8 },
        ],
      });
    await speak(r);
    r.endSegment();
    const [final] = (await once(r, 'final')) as [Transcript];
    expect(final).toEqual({
      text: 'stop now',
      words: [
        { word: 'stop', startMs: 100, endMs: 400 },
        { word: 'now', startMs: 500, endMs: 800 },
      ],
    });
  });

  it('emits the final after the finalize wait when Deepgram sends no from_finalize result', async () => {
    const r = recognizer({ finalizeWaitMs: 50 });
    await speak(r);
    server.results({ transcript: 'okay', start: 0, duration: 0.5, isFinal: true });
    await once(r, 'interim');
    r.endSegment();
    const [final] = (await once(r, 'final')) as [Transcript];
    expect(final.text).toBe('okay');
  });

  it('keeps a late result of an ended segment out of the next one', async () => {
    const r = recognizer({ finalizeWaitMs: 5000 });
    await speak(r);
    r.endSegment();
    await speak(r); // the next segment starts at 1.0 s of audio
    const interims: string[] = [];
    r.on('interim', (t) => interims.push(t.text));
    const final = once(r, 'final');
    server.results({ transcript: 'first segment', start: 0, duration: 1, isFinal: true, fromFinalize: true });
    server.results({ transcript: 'second', start: 1, duration: 0.3 });
    expect(((await final) as [Transcript])[0].text).toBe('first segment');
    await vi.waitFor(() => expect(interims).toEqual(['second']), SOCKET_WAIT);
  });

  it('drops results for audio before a reset', async () => {
    const r = recognizer();
    await speak(r);
    r.reset();
    await speak(r);
    const interims: string[] = [];
    r.on('interim', (t) => interims.push(t.text));
    server.results({ transcript: 'forgotten', start: 0, duration: 1 });
    server.results({ transcript: 'kept', start: 1, duration: 0.5 });
    await vi.waitFor(() => expect(interims).toEqual(['kept']), SOCKET_WAIT);
  });

  it('emits an empty final at once for a segment with no audio', async () => {
    const r = recognizer();
    r.endSegment();
    expect(((await once(r, 'final')) as [Transcript])[0]).toEqual({ text: '' });
  });

  it('sends KeepAlive while no audio flows, so Deepgram does not close the socket', async () => {
    const r = recognizer({ keepAliveMs: 30 });
    await speak(r);
    await server.waitForControl('KeepAlive');
  });

  it('sends CloseStream on close and waits for the socket to close', async () => {
    const r = recognizer();
    await speak(r);
    await r.close();
    expect(server.controlMessages.map((m) => JSON.parse(m).type)).toContain('CloseStream');
  });
});

describe('when Deepgram fails', () => {
  it('reports a refused key (HTTP 401 on the upgrade)', async () => {
    server.refuseWith = 401;
    const r = recognizer();
    const [error] = (await once(r, 'error')) as [SttError];
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain('refused the API key (HTTP 401)');
  });

  it('waits before reconnecting after a refusal instead of retrying on every frame', async () => {
    server.refuseWith = 401;
    const r = recognizer({ reconnectDelayMs: 60_000 });
    await once(r, 'error');
    for (const f of frames(speech)) r.push(f);
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.connections).toHaveLength(0);
    expect(server.upgradeAttempts).toBe(1);
  });

  it('refuses to start without a key', () => {
    expect(() => new DeepgramRecognizer({ apiKey: '', url: server.url })).toThrow(/needs an API key/);
  });

  it('names a message that is not JSON', async () => {
    const r = recognizer();
    await speak(r);
    server.sendRaw('garbage{');
    const [error] = (await once(r, 'error')) as [SttError];
    expect(error.code).toBe('bad-response');
    expect(error.message).toContain('not JSON: "garbage{"');
  });

  it('passes on an Error message from Deepgram', async () => {
    const r = recognizer();
    await speak(r);
    server.sendRaw(JSON.stringify({ type: 'Error', description: 'Failed to decode audio', message: 'DATA-0000' }));
    const [error] = (await once(r, 'error')) as [SttError];
    expect(error.message).toContain('Failed to decode audio');
  });

  it('reports a dropped connection, flushes the ended segment, and reconnects on the next audio', async () => {
    const r = recognizer({ finalizeWaitMs: 5000, reconnectDelayMs: 0 });
    await speak(r);
    server.results({ transcript: 'partly', start: 0, duration: 0.5, isFinal: true });
    await once(r, 'interim');
    r.endSegment();
    const final = once(r, 'final');
    const error = once(r, 'error');
    server.dropConnection();
    expect(((await final) as [Transcript])[0].text).toBe('partly');
    expect(((await error) as [SttError])[0].code).toBe('disconnected');
    for (const f of frames(speech)) r.push(f);
    await vi.waitFor(() => expect(server.connections).toHaveLength(2), SOCKET_WAIT);
    await server.waitForAudioBytes(speech.length * 2);
  });
});
