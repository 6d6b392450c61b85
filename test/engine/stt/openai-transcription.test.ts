import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeWav } from '../../../electron/engine/audio/wav-reader.js';
import { SttError } from '../../../electron/engine/stt/errors.js';
import { OpenAiTranscriptionRecognizer } from '../../../electron/engine/stt/openai-transcription.js';
import type { Transcript } from '../../../electron/engine/stt/types.js';
import { beckett, frames } from './helpers/speech.js';
import { json, startTranscriptionServer, type TranscriptionServer } from './helpers/transcription-server.js';

let server: TranscriptionServer;
let speech: Float32Array;
beforeEach(async () => {
  server = await startTranscriptionServer();
  speech = (await beckett()).subarray(0, 16_000 * 2);
});
afterEach(async () => {
  await server.close();
});

function recognizer(extra: Partial<ConstructorParameters<typeof OpenAiTranscriptionRecognizer>[0]> = {}) {
  return new OpenAiTranscriptionRecognizer({ baseUrl: server.baseUrl, model: 'whisper-1', ...extra });
}

function pushAll(r: OpenAiTranscriptionRecognizer, samples: Float32Array): void {
  for (const f of frames(samples)) r.push(f);
}

describe('transcribing a segment with an OpenAI-compatible endpoint', () => {
  it('uploads the segment as a 16 kHz WAV when it ends and emits the final text', async () => {
    server.script(json(200, { text: ' Hello there. ' }));
    const r = recognizer({ apiKey: 'sk-abc', language: 'en' });
    pushAll(r, speech);
    r.endSegment();
    const [final] = (await once(r, 'final')) as [Transcript];
    expect(final).toEqual({ text: 'Hello there.' });
    const upload = server.uploads[0]!;
    expect(upload.fields).toMatchObject({ model: 'whisper-1', language: 'en', response_format: 'json' });
    expect(upload.authorization).toBe('Bearer sk-abc');
    const wav = decodeWav(upload.file!.bytes);
    expect(wav.sampleRate).toBe(16_000);
    expect(wav.samples.length).toBe(speech.length);
    await r.close();
  });

  it('asks for and returns word timings in milliseconds when enabled', async () => {
    server.script(
      json(200, {
        text: 'Hi you',
        words: [
          { word: 'Hi', start: 0.1, end: 0.32 },
          { word: 'you', start: 0.4, end: 0.61 },
        ],
      }),
    );
    const r = recognizer({ wordTimings: true });
    pushAll(r, speech);
    r.endSegment();
    const [final] = (await once(r, 'final')) as [Transcript];
    expect(final.words).toEqual([
      { word: 'Hi', startMs: 100, endMs: 320 },
      { word: 'you', startMs: 400, endMs: 610 },
    ]);
    expect(server.uploads[0]!.fields).toMatchObject({ response_format: 'verbose_json', 'timestamp_granularities[]': 'word' });
  });

  it('emits an empty final for an empty segment without calling the server', async () => {
    const r = recognizer();
    r.endSegment();
    const [final] = (await once(r, 'final')) as [Transcript];
    expect(final).toEqual({ text: '' });
    expect(server.uploads).toHaveLength(0);
  });

  it('keeps finals in segment order even when the second answer comes first', async () => {
    server.script(json(200, { text: 'first' }, 150), json(200, { text: 'second' }));
    const r = recognizer();
    const finals: string[] = [];
    const both = new Promise<void>((resolve) =>
      r.on('final', (t) => {
        finals.push(t.text);
        if (finals.length === 2) resolve();
      }),
    );
    pushAll(r, speech);
    r.endSegment();
    pushAll(r, speech);
    r.endSegment();
    await both;
    expect(finals).toEqual(['first', 'second']);
  });

  it('forgets the segment on reset', async () => {
    server.script(json(200, { text: 'after reset' }));
    const r = recognizer();
    pushAll(r, speech);
    r.reset();
    r.push(speech.subarray(0, 320));
    r.endSegment();
    await once(r, 'final');
    expect(decodeWav(server.uploads[0]!.file!.bytes).samples.length).toBe(320);
  });
});

describe('when transcription fails', () => {
  async function errorFor(reply: Parameters<TranscriptionServer['script']>[0]): Promise<SttError> {
    server.script(reply);
    const r = recognizer();
    pushAll(r, speech);
    r.endSegment();
    const [error] = (await once(r, 'error')) as [SttError];
    expect(error).toBeInstanceOf(SttError);
    return error;
  }

  it('reports a refused key', async () => {
    const e = await errorFor(json(401, { error: { message: 'Invalid API key' } }));
    expect(e.code).toBe('unauthorized');
    expect(e.message).toContain('(HTTP 401): Invalid API key');
  });

  it('reports a server failure', async () => {
    const e = await errorFor((res) => res.writeHead(500).end('whisper crashed'));
    expect(e.code).toBe('server');
    expect(e.message).toContain('HTTP 500: whisper crashed');
  });

  it('names an answer that is not JSON', async () => {
    const e = await errorFor((res) => res.writeHead(200).end('<html>'));
    expect(e.code).toBe('bad-response');
  });

  it('names an answer without text', async () => {
    const e = await errorFor(json(200, { transcript: 'wrong field' }));
    expect(e.message).toContain('without a "text" field');
  });

  it('says when the server cannot be reached', async () => {
    const gone = await startTranscriptionServer();
    await gone.close();
    const r = new OpenAiTranscriptionRecognizer({ baseUrl: gone.baseUrl, model: 'x' });
    r.push(speech);
    r.endSegment();
    const [error] = (await once(r, 'error')) as [SttError];
    expect(error.code).toBe('offline');
  });

  it('refuses samples that are not a Float32Array', () => {
    expect(() => recognizer().push([0.1, 0.2] as unknown as Float32Array)).toThrow(/Float32Array samples, not \[object Array\]/);
  });

  it('refuses audio after close', async () => {
    const r = recognizer();
    await r.close();
    expect(() => r.push(speech)).toThrow(/closed/);
  });
});
