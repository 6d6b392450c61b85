// The embedded server's /ws/tts/multi against KugelAudio's SDK expectations (sdk-spec.ts).
import { describe, expect, it } from 'vitest';
import { useLocalTtsServer } from '../helpers/local-server.js';
import { RawClient } from '../helpers/raw-client.js';
import { checkServerFrame } from './helpers/sdk-spec.js';

const local = useLocalTtsServer();

const problems = (c: RawClient) => c.frames.flatMap((f) => checkServerFrame(f));
const audioOf = (c: RawClient, id: string) => c.frames.filter((f) => typeof f.audio === 'string' && f.context_id === id);

/** The Python SDK's _start_session frame: session config on the first context, voice in voice_settings. */
function startSession(c: RawClient, id: string): void {
  c.send({
    text: ' ',
    context_id: id,
    sample_rate: 16000,
    normalize: true,
    word_timestamps: true,
    voice_settings: { voice_id: 2, cfg_scale: 2.0, max_new_tokens: 2048 },
  });
}

describe('KugelAudio conformance: /ws/tts/multi on the embedded server', () => {
  it('fixes the session config with the first context: a later context (voice only) speaks at the session rate, with timestamps', async () => {
    const c = await RawClient.open(local().multiUrl);
    startSession(c, 'a');
    await c.next((f) => f.context_created === true && f.context_id === 'a');
    c.send({ text: ' ', context_id: 'b', model_id: 'kugel-3', voice_settings: { voice_id: 3, cfg_scale: 2.0, max_new_tokens: 2048 } });
    await c.next((f) => f.context_created === true && f.context_id === 'b');
    c.send({ text: 'Second context speaking.', context_id: 'b', flush: true });
    await c.next((f) => f.final === true && f.context_id === 'b');
    expect(audioOf(c, 'b').length).toBeGreaterThan(0);
    expect(audioOf(c, 'b').every((f) => f.sr === 16000)).toBe(true);
    const ts = c.frames.find((f) => 'word_timestamps' in f && f.context_id === 'b');
    expect(ts).toBeDefined();
    expect(problems(c)).toEqual([]);
    c.close();
  });

  it('answers every flush with a final after its audio, also a flush with nothing pending, and final comes before context_closed', async () => {
    const c = await RawClient.open(local().multiUrl);
    startSession(c, 'a');
    await c.next((f) => f.context_created === true);
    c.send({ text: 'One sentence here.', context_id: 'a', flush: true });
    const first = await c.next((f) => f.final === true);
    expect(audioOf(c, 'a').every((f) => f.__t <= first.__t)).toBe(true);
    const sentEmpty = performance.now();
    c.send({ flush: true, context_id: 'a' });
    const second = await c.next((f) => f.final === true, c.frames.indexOf(first) + 1, 2000);
    expect(second.__t - sentEmpty).toBeLessThan(500);
    c.send({ text: 'And a last one.', context_id: 'a' });
    c.send({ close_context: true, context_id: 'a' });
    const closed = await c.next((f) => f.context_closed === true);
    const finals = c.frames.filter((f) => f.final === true);
    expect(finals.length).toBe(3);
    expect(finals.at(-1)!.__t).toBeLessThanOrEqual(closed.__t);
    expect(closed.usage).toMatchObject({ audio_seconds: expect.any(Number) });
    expect(problems(c)).toEqual([]);
    c.close();
  });

  it('closes a context immediately (barge-in): context_closed, no final, no audio after it', async () => {
    const c = await RawClient.open(local().multiUrl);
    startSession(c, 'a');
    await c.next((f) => f.context_created === true);
    c.send({ text: 'A long answer that goes on. With more sentences. And more.', context_id: 'a', flush: true });
    await c.next((f) => typeof f.audio === 'string');
    c.send({ close_context: true, context_id: 'a', immediate: true });
    const closed = await c.next((f) => f.context_closed === true);
    await new Promise((r) => setTimeout(r, 300));
    expect(c.frames.filter((f) => f.__t > closed.__t && (typeof f.audio === 'string' || f.final === true))).toEqual([]);
    c.close();
  });

  it('answers update_settings with settings_updated', async () => {
    const c = await RawClient.open(local().multiUrl);
    c.send({ update_settings: { temperature: 0.3, language: 'de' } });
    const ack = await c.next((f) => f.settings_updated === true);
    expect(ack.settings).toMatchObject({ temperature: 0.3, language: 'de' });
    c.close();
  });

  it('answers close_socket with context_closed for open contexts, then session_closed with totals, then a normal close', async () => {
    const c = await RawClient.open(local().multiUrl);
    startSession(c, 'a');
    await c.next((f) => f.context_created === true);
    c.send({ text: 'Hi.', context_id: 'a', flush: true });
    await c.next((f) => f.final === true);
    c.send({ close_socket: true });
    const closed = await c.next((f) => f.session_closed === true);
    expect(c.frames.find((f) => f.context_closed === true)!.__t).toBeLessThanOrEqual(closed.__t);
    expect(closed).toMatchObject({ total_audio_seconds: expect.any(Number), total_text_chunks: 1, usage: { audio_seconds: expect.any(Number) } });
    expect(closed.total_audio_seconds as number).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(c.closeCode).toBe(1000);
    expect(problems(c)).toEqual([]);
  });
});
