// The embedded server's /ws/tts/stream and REST paths against KugelAudio's SDK expectations (sdk-spec.ts).
import { describe, expect, it } from 'vitest';
import { useLocalTtsServer } from '../helpers/local-server.js';
import { RawClient, type Frame } from '../helpers/raw-client.js';
import { checkServerFrame } from './helpers/sdk-spec.js';

const local = useLocalTtsServer();

/** The Python SDK's StreamConfig.to_dict() defaults on the first frame, with word timestamps on. */
const PY_CONFIG = {
  cfg_scale: 2.0,
  max_new_tokens: 2048,
  sample_rate: 16000,
  flush_timeout_ms: 500,
  max_buffer_length: 1000,
  normalize: true,
  word_timestamps: true,
  speed: 1.0,
  voice_id: 2,
};
const problems = (c: RawClient) => c.frames.flatMap((f) => checkServerFrame(f));

describe('KugelAudio conformance: /ws/tts/stream on the embedded server', () => {
  it('speaks a session as the SDKs read it: per-chunk generation_started, audio, word timestamps, chunk_complete, then final and session_closed with totals', async () => {
    const c = await RawClient.open(local().url);
    const text = 'Hello there, friend. How are you today?';
    c.send({ text, flush: false, ...PY_CONFIG });
    c.send({ close: true });
    const closed = await c.next((f) => f.session_closed === true);
    expect(problems(c)).toEqual([]);
    const audio = c.frames.filter((f) => typeof f.audio === 'string');
    const final = c.frames.find((f) => f.final === true)!;
    expect(final.__t).toBeLessThanOrEqual(closed.__t);
    expect(audio.map((f) => f.idx)).toEqual(audio.map((_, i) => i));
    const samples = audio.reduce((s, f) => s + (f.samples as number), 0);
    expect(final.total_audio_chunks).toBe(audio.length);
    expect(final.total_audio_seconds).toBeCloseTo(samples / 16000, 2);
    expect(closed).toMatchObject({ total_audio_chunks: audio.length, usage: { audio_seconds: final.total_audio_seconds } });
    const starts = c.frames.filter((f) => f.generation_started === true);
    expect(starts.length).toBe(final.total_text_chunks);
    // Each chunk's word timestamps are relative to that chunk: char offsets index its text, times lie within its audio.
    for (const start of starts) {
      const ts = c.frames.find((f) => 'word_timestamps' in f && f.chunk_id === start.chunk_id)!;
      const chunkSeconds = c.frames.find((f) => f.chunk_complete === true && f.chunk_id === start.chunk_id)!.audio_seconds as number;
      for (const w of ts.word_timestamps as Frame[]) {
        expect((start.text as string).slice(w.char_start as number, w.char_end as number)).toBe(w.word);
        expect(w.end_ms as number).toBeLessThanOrEqual(chunkSeconds * 1000 + 1);
      }
    }
    c.close();
  });

  it('acknowledges a cancel with {"interrupted": true} even when nothing is generating', async () => {
    const c = await RawClient.open(local().url);
    const sent = performance.now();
    c.send({ cancel: true });
    const ack = await c.next((f) => f.interrupted === true, 0, 2000);
    expect(ack.__t - sent).toBeLessThan(500);
    c.close();
  });

  it('cancels a turn mid-speech: the ack comes, and no audio after it', async () => {
    const c = await RawClient.open(local().url);
    c.send({ text: 'This is a long answer that keeps going. It has several sentences. And then some more words.', flush: true, ...PY_CONFIG });
    await c.next((f) => typeof f.audio === 'string');
    c.send({ cancel: true });
    const ack = await c.next((f) => f.interrupted === true);
    await new Promise((r) => setTimeout(r, 400));
    expect(c.frames.filter((f) => typeof f.audio === 'string' && f.__t > ack.__t)).toEqual([]);
    c.close();
  });

  it('answers update_settings with settings_updated (the echo), and refuses a field fixed for the connection', async () => {
    const c = await RawClient.open(local().url);
    c.send({ update_settings: { cfg_scale: 1.5, speed: 1.1 } });
    const ack = await c.next((f) => f.settings_updated === true);
    expect(ack.settings).toMatchObject({ cfg_scale: 1.5, speed: 1.1, normalize: true, max_new_tokens: 2048 });
    expect(checkServerFrame(ack)).toEqual([]);
    c.send({ update_settings: { voice_id: 3 } });
    const err = await c.next((f) => typeof f.error === 'string');
    expect(err.error).toMatch(/voice_id is fixed for the connection/);
    c.close();
  });

  it('answers a flush with nothing pending at once (an empty chunk_complete), so an SDK waiting on it returns', async () => {
    const c = await RawClient.open(local().url);
    c.send({ flush: true, ...PY_CONFIG });
    const done = await c.next((f) => f.chunk_complete === true, 0, 1000);
    expect(done).toMatchObject({ audio_seconds: 0 });
    c.close();
  });

  it('takes integer voice ids, still takes flite names, and names the voices for an unknown id', async () => {
    for (const voice_id of [1, 'kal16']) {
      const c = await RawClient.open(local().url);
      c.send({ text: 'Hi.', flush: false, voice_id, close: true });
      await c.next((f) => f.final === true);
      expect(c.frames.some((f) => 'error' in f)).toBe(false);
      c.close();
    }
    const c = await RawClient.open(local().url);
    c.send({ text: 'Hi.', flush: false, voice_id: 1071 });
    const err = await c.next((f) => typeof f.error === 'string');
    expect(err).toMatchObject({ error_code: 'NOT_FOUND' });
    expect(err.error).toMatch(/1071.*1 \(slt\)/);
    c.close();
  });

  it('serves codec-rate output formats: pcm_8000 and ulaw_8000 (enc mulaw); a bad token is refused clearly', async () => {
    for (const [fmt, enc] of [
      ['pcm_8000', 'pcm_s16le'],
      ['ulaw_8000', 'mulaw'],
    ]) {
      const c = await RawClient.open(local().url);
      c.send({ text: 'Hi there.', flush: false, output_format: fmt, close: true });
      await c.next((f) => f.final === true);
      const audio = c.frames.filter((f) => typeof f.audio === 'string');
      expect(audio.every((f) => f.sr === 8000 && f.enc === enc)).toBe(true);
      c.close();
    }
    const c = await RawClient.open(local().url);
    c.send({ text: 'Hi.', flush: false, output_format: 'mp3_44100' });
    expect((await c.next((f) => typeof f.error === 'string')).error).toMatch(/output_format "mp3_44100" is not supported/);
    c.close();
  });

  it('lists voices and models on the service REST paths, with the SDKs auth headers', async () => {
    const base = `http://127.0.0.1:${local().port}`;
    const ok = await fetch(`${base}/v1/voices?limit=2`, { headers: { 'X-API-Key': local().token, Authorization: `Bearer ${local().token}` } });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { voices: Frame[]; total: number; limit: number; offset: number };
    expect(body).toMatchObject({ total: 4, limit: 2, offset: 0 });
    expect(body.voices[0]).toMatchObject({ id: 1, name: 'slt', category: 'premade', sex: 'female', supported_languages: ['en'], is_public: true });
    const models = (await (await fetch(`${base}/v1/models`, { headers: { Authorization: `Bearer ${local().token}` } })).json()) as { models: Frame[] };
    expect(models.models[0]).toMatchObject({ id: 'kugel-3', sample_rate: 24000 });
    const refused = await fetch(`${base}/v1/voices`, { headers: { 'X-API-Key': 'wrong' } });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error_code: 'UNAUTHORIZED' });
  });
});
