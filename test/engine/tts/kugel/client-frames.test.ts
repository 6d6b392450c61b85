// The clients' frames, field by field, against what the JS SDK sends (sdk-spec.ts), with a scripted peer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeG711 } from '../../../../electron/engine/tts/g711.js';
import { MultiContextTtsClient } from '../../../../electron/engine/tts/multi-context-client.js';
import { SingleStreamClient } from '../../../../electron/engine/tts/single-stream-client.js';
import { record } from '../helpers/recorder.js';
import { ScriptedServer, until, type ScriptedConnection } from '../helpers/scripted-server.js';
import { checkMultiClientFrame, checkStreamClientFrame, type Frame } from './helpers/sdk-spec.js';

let server: ScriptedServer;
beforeEach(async () => {
  server = await ScriptedServer.start();
});
afterEach(async () => {
  await server.close();
});

/** Every frame checked; a session (turn) starts with the first frame after connect, session_closed or interrupted. */
function streamProblems(frames: Frame[]): string[] {
  let first = true;
  return frames.flatMap((f) => {
    const p = checkStreamClientFrame(f, first);
    if ('text' in f || 'flush' in f) first = false;
    if (f.close === true || f.cancel === true) first = true;
    return p;
  });
}

describe('single-stream client frames = JS SDK StreamingSession frames', () => {
  it('sends {text, flush} with the config on the first frame of each session only, close/cancel bare, no output_format, no close_socket', async () => {
    const client = new SingleStreamClient({ url: server.url, config: { voice_id: 1071, sample_rate: 16000, word_timestamps: true, language: 'en' } });
    client.send('Hello there.');
    client.send(' How are you?', { flush: true });
    const c = await server.connection(0);
    await c.next((m) => m.text === ' How are you?');
    expect(c.received.slice(0, 2)).toEqual([
      { text: 'Hello there.', flush: false, voice_id: 1071, sample_rate: 16000, word_timestamps: true, language: 'en' },
      { text: ' How are you?', flush: true },
    ]);
    const ended = client.endTurn();
    await c.next((m) => m.close === true);
    c.send({ final: true, total_audio_seconds: 0, total_text_chunks: 0, total_audio_chunks: 0 });
    c.send({ session_closed: true, total_audio_seconds: 0, total_text_chunks: 0, total_audio_chunks: 0, usage: { audio_seconds: 0 } });
    await ended;
    client.send('Second session.');
    await c.next((m) => m.text === 'Second session.');
    const cancelled = client.cancelCurrent();
    await c.next((m) => m.cancel === true);
    c.send({ interrupted: true });
    await cancelled;
    const session = client.endSession();
    await session;
    await c.closed();
    expect(c.received.map((m) => Object.keys(m).join('+'))).toEqual([
      'text+flush+voice_id+sample_rate+language+word_timestamps',
      'text+flush',
      'close',
      'text+flush+voice_id+sample_rate+language+word_timestamps',
      'cancel',
    ]);
    expect(streamProblems(c.received)).toEqual([]);
  });

  it('asks for a codec only when one is chosen (ulaw_8000) and decodes its mu-law frames', async () => {
    const client = new SingleStreamClient({ url: server.url, config: { voice_id: 1, output_format: 'ulaw_8000' } });
    const rec = record(client);
    client.send('Hi.');
    const c = await server.connection(0);
    const first = await c.next((m) => m.text === 'Hi.');
    expect(first.output_format).toBe('ulaw_8000');
    expect(streamProblems(c.received)).toEqual([]);
    const tone = new Float32Array(80).map((_, i) => 0.5 * Math.sin(i / 3));
    c.send({ audio: encodeG711(tone, 'mulaw').toString('base64'), enc: 'mulaw', sr: 8000, idx: 0, samples: 80 });
    await until(() => rec.audio.length === 1);
    expect(rec.audio[0]!.sampleRate).toBe(8000);
    const err = Math.max(...rec.audio[0]!.samples.map((s, i) => Math.abs(s - tone[i]!)));
    expect(err).toBeLessThan(0.02);
    await client.close();
  });
});

describe('multi-context client frames = JS SDK MultiContextSession frames', () => {
  async function created(c: ScriptedConnection, n: number): Promise<string> {
    await until(() => c.received.filter((f) => f.text === ' ' && !('flush' in f)).length > n);
    const id = c.received.filter((f) => f.text === ' ' && !('flush' in f))[n]!.context_id as string;
    c.send({ context_created: true, context_id: id });
    return id;
  }

  it('session config on the first context only, voice in voice_settings, {text, context_id, flush}, close_context, immediate barge-in, close_socket', async () => {
    const client = new MultiContextTtsClient({ url: server.url, config: { voice_id: 1071, sample_rate: 16000, word_timestamps: true } });
    const rec = record(client);
    const a = client.send('First answer.');
    const c = await server.connection(0);
    expect(await created(c, 0)).toBe(a);
    await c.next((m) => m.text === 'First answer.');
    const endA = client.endTurn();
    await c.next((m) => m.close_context === true);
    c.send({ final: true, context_id: a }); // a flush's final: not the end of the turn
    await new Promise((r) => setTimeout(r, 30));
    expect(rec.finals).toEqual([]);
    c.send({ final: true, context_id: a });
    c.send({ context_closed: true, context_id: a, usage: { audio_seconds: 1 } });
    await endA;
    expect(rec.finals).toEqual([a]);
    const b = client.send('Second answer.', { flush: true });
    await until(() => c.received.filter((f) => f.text === ' ').length === 2);
    await created(c, 1);
    await c.next((m) => m.text === 'Second answer.');
    const cut = client.cancelCurrent();
    await c.next((m) => m.immediate === true);
    c.send({ context_closed: true, context_id: b, usage: { audio_seconds: 0 } });
    await cut;
    await client.endSession();
    const known = new Set<string>();
    let started = false;
    const problems = c.received.flatMap((f) => {
      const p = checkMultiClientFrame(f, started, known);
      if (f.text === ' ') started = true;
      return p;
    });
    expect(problems).toEqual([]);
    expect(c.received).toEqual([
      { text: ' ', context_id: a, sample_rate: 16000, word_timestamps: true, voice_settings: { voice_id: 1071 } },
      { text: 'First answer.', context_id: a, flush: false },
      { close_context: true, context_id: a },
      { text: ' ', context_id: b, voice_settings: { voice_id: 1071 } },
      { text: 'Second answer.', context_id: b, flush: true },
      { close_context: true, context_id: b, immediate: true },
      { close_socket: true },
    ]);
  });
});
