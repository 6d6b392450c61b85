// The embedded server's one-shot endpoint /ws/tts: what the SDKs' tts.generate()/stream() speak (pooled socket,
// one JSON request per utterance, audio and word timestamps, then `final` with the utterance's stats).
import { describe, expect, it } from 'vitest';
import { useLocalTtsServer } from '../helpers/local-server.js';
import { RawClient, type Frame } from '../helpers/raw-client.js';
import { checkServerFrame } from './helpers/sdk-spec.js';

const local = useLocalTtsServer();
const oneShotUrl = () => `ws://127.0.0.1:${local().port}/ws/tts?api_key=${local().token}&model_id=kugel-3&sdk=python&sdk_version=2.0.1`;

/** The Python SDK's _stream_frames request (client.py), word timestamps on, 16 kHz. */
const request = (text: string) => ({
  text,
  model_id: 'kugel-3',
  cfg_scale: 2.0,
  max_new_tokens: 2048,
  sample_rate: 16000,
  normalize: true,
  word_timestamps: true,
  speed: 1.0,
  voice_id: 1,
});

describe('KugelAudio conformance: /ws/tts (one-shot generate) on the embedded server', () => {
  it('answers a request with audio, word timestamps and a final carrying total_samples, dur_ms, gen_ms, rtf and usage; the pooled socket serves the next request', async () => {
    const c = await RawClient.open(oneShotUrl());
    c.send(request('One shot, please.'));
    const first = await c.next((f) => f.final === true);
    const from = c.frames.length;
    c.send(request('And a second one.'));
    const second = await c.next((f) => f.final === true, from);
    expect(c.frames.flatMap((f) => checkServerFrame(f))).toEqual([]);
    for (const [final, frames] of [
      [first, c.frames.slice(0, c.frames.indexOf(first))],
      [second, c.frames.slice(from, c.frames.indexOf(second))],
    ] as [Frame, Frame[]][]) {
      const audio = frames.filter((f) => typeof f.audio === 'string');
      const samples = audio.reduce((s, f) => s + (f.samples as number), 0);
      expect(audio.length).toBeGreaterThan(0);
      expect(audio.every((f) => f.sr === 16000)).toBe(true);
      expect(frames.some((f) => Array.isArray(f.word_timestamps) && (f.word_timestamps as Frame[]).length > 0)).toBe(true);
      expect(final).toMatchObject({ total_samples: samples, usage: { audio_seconds: expect.any(Number) } });
      expect(final.dur_ms).toBeCloseTo((samples / 16000) * 1000, 0);
      for (const k of ['gen_ms', 'rtf']) expect(typeof final[k]).toBe('number');
      expect(frames.some((f) => f.session_closed === true)).toBe(false);
    }
    c.close();
  });

  it("puts a multi-sentence request's word timestamps on the whole utterance's time base and text (generate() merges them into one list)", async () => {
    const c = await RawClient.open(oneShotUrl());
    const text = 'First sentence here. And then a second one follows.';
    c.send(request(text));
    const final = await c.next((f) => f.final === true);
    const words = c.frames.filter((f) => Array.isArray(f.word_timestamps)).flatMap((f) => f.word_timestamps as Frame[]);
    expect(c.frames.filter((f) => f.generation_started === true).length).toBeGreaterThan(1);
    expect(words.map((w) => text.slice(w.char_start as number, w.char_end as number))).toEqual(words.map((w) => w.word));
    for (let i = 1; i < words.length; i++) expect(words[i]!.start_ms as number).toBeGreaterThanOrEqual(words[i - 1]!.end_ms as number);
    expect(words.at(-1)!.end_ms as number).toBeLessThanOrEqual((final.dur_ms as number) + 1);
    expect(words.at(-1)!.end_ms as number).toBeGreaterThan((final.dur_ms as number) / 2);
    c.close();
  });

  it('refuses a request without text in words, and keeps the socket for the next one', async () => {
    const c = await RawClient.open(oneShotUrl());
    c.send({ voice_id: 1 });
    const err = await c.next((f) => typeof f.error === 'string');
    expect(err).toMatchObject({ error_code: 'VALIDATION_ERROR' });
    expect(err.error).toMatch(/text/);
    c.send(request('Still here.'));
    await c.next((f) => f.final === true);
    c.close();
  });
});
