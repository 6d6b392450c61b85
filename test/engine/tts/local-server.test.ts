// The embedded local TTS server (flite in a worker) speaking the reference protocol's single-stream endpoint.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { useLocalTtsServer } from './helpers/local-server.js';
import { SingleStreamClient } from '../../../electron/engine/tts/single-stream-client.js';
import { RawClient } from './helpers/raw-client.js';
import { record } from './helpers/recorder.js';
import { tick, until } from './helpers/scripted-server.js';

const local = useLocalTtsServer();

const audioFrames = (c: RawClient, from = 0) => c.frames.slice(from).filter((f) => typeof f.audio === 'string');

describe('local TTS server', () => {
  it('listens on 127.0.0.1 with a random port and a per-run token in the URL', () => {
    expect(local().url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${local().port}/ws/tts/stream\\?api_key=[0-9a-f]{32}$`));
    expect(local().multiUrl).toContain(`/ws/tts/multi?api_key=${local().token}`);
    expect(local().port).toBeGreaterThan(0);
  });

  it('refuses the wrong token at the upgrade with 401, which the client treats as fatal', async () => {
    const client = new SingleStreamClient({ url: local().url.replace(local().token, 'wrong'), config: {} });
    const rec = record(client);
    client.send('Hello.');
    await until(() => rec.errors.length === 1);
    expect(rec.errors[0]).toMatchObject({ code: 'AUTH_FAILED', fatal: true });
    expect(rec.errors[0]!.message).toContain('HTTP 401');
    expect(() => client.send('again')).toThrow(/401/);
    await client.close();
  });

  it('speaks a turn: audio at the requested rate, then final and session_closed', async () => {
    const c = await RawClient.open(local().url);
    c.send({ text: 'Hello there. How are you today?', sample_rate: 16000, voice_id: 'kal16' });
    c.send({ close: true });
    const final = await c.next((f) => f.final === true);
    await c.next((f) => f.session_closed === true);
    const audio = audioFrames(c);
    expect(audio.length).toBeGreaterThan(3);
    expect(audio.every((f) => f.enc === 'pcm_s16le' && f.sr === 16000)).toBe(true);
    const seconds = audio.reduce((s, f) => s + (f.samples as number), 0) / 16000;
    expect(seconds).toBeGreaterThan(1);
    expect(final.audio_seconds).toBeCloseTo(seconds, 3);
    expect(audio.every((f) => f.__t <= final.__t)).toBe(true);
    c.close();
  });

  it('resamples to the requested sample_rate (44.1 kHz gives the same duration as 16 kHz)', async () => {
    const durations: number[] = [];
    for (const sr of [16000, 44100]) {
      const c = await RawClient.open(local().url);
      c.send({ text: 'One two three.', sample_rate: sr, voice_id: 'kal16', close: true });
      await c.next((f) => f.final === true);
      const audio = audioFrames(c);
      expect(audio.every((f) => f.sr === sr)).toBe(true);
      durations.push(audio.reduce((s, f) => s + (f.samples as number), 0) / sr);
      c.close();
    }
    expect(Math.abs(durations[0]! - durations[1]!)).toBeLessThan(0.01);
  });

  it('streams sentence by sentence: the first sentence is heard before the last one is synthesized', async () => {
    const c = await RawClient.open(local().url);
    c.send({ text: 'First sentence here. Second sentence follows it. Third sentence ends the turn.', voice_id: 'kal16', close: true });
    await c.next((f) => f.final === true);
    const completes = c.frames.filter((f) => f.chunk_complete === true);
    const started = c.frames.filter((f) => f.generation_started === true);
    expect(started.map((f) => f.text)).toEqual(['First sentence here.', 'Second sentence follows it.', 'Third sentence ends the turn.']);
    expect(completes.map((f) => f.chunk_id)).toEqual([0, 1, 2]);
    const firstAudio = audioFrames(c)[0]!;
    expect(firstAudio.__t).toBeLessThan(completes[2]!.__t);
    expect(c.frames[0]).toMatchObject({ generation_started: true });
    c.close();
  });

  it('answers cancel promptly with interrupted, and sends no audio of the turn after it', async () => {
    const c = await RawClient.open(local().url);
    c.send({ text: 'This answer is long. It has many sentences. Each one takes time to say. The person will interrupt it. ', voice_id: 'slt', flush: true });
    await c.next((f) => typeof f.audio === 'string');
    const sentAt = performance.now();
    c.send({ cancel: true });
    const ack = await c.next((f) => f.interrupted === true);
    expect(ack.__t - sentAt).toBeLessThan(500); // generous under CI load; the benchmark measures the real figure
    const after = c.frames.length;
    await tick(600);
    expect(c.frames.slice(after)).toEqual([]);
    expect(c.frames.some((f) => f.final === true)).toBe(false);
    c.close();
  });

  it('starts the next turn at once after a cancel, with the new config', async () => {
    const c = await RawClient.open(local().url);
    c.send({ text: 'A long first answer that will not finish. More words follow. ', voice_id: 'slt', flush: true });
    await c.next((f) => f.generation_started === true);
    c.send({ cancel: true });
    c.send({ text: 'Second.', sample_rate: 8000, voice_id: 'kal16', close: true });
    const ack = await c.next((f) => f.interrupted === true);
    const from = c.frames.indexOf(ack) + 1;
    await c.next((f) => f.final === true, from);
    const audio = audioFrames(c, from);
    expect(audio.length).toBeGreaterThan(0);
    expect(audio.every((f) => f.sr === 8000)).toBe(true);
    c.close();
  });

  it('sends word timestamps when asked, per chunk, ordered and inside the chunk audio', async () => {
    const c = await RawClient.open(local().url);
    c.send({ text: 'Good morning, everyone. Welcome back.', word_timestamps: true, voice_id: 'kal16', close: true });
    const final = await c.next((f) => f.final === true);
    const stamps = c.frames.filter((f) => Array.isArray(f.word_timestamps));
    const words = stamps.flatMap((f) => f.word_timestamps as { word: string; start_ms: number; end_ms: number; score: number }[]);
    expect(words.map((w) => w.word)).toEqual(['Good', 'morning', 'everyone', 'Welcome', 'back']);
    for (const f of stamps) {
      const w = f.word_timestamps as { start_ms: number; end_ms: number }[];
      const chunkMs = (c.frames.find((x) => x.chunk_complete === true && x.chunk_id === f.chunk_id)!.audio_seconds as number) * 1000;
      for (let i = 0; i < w.length; i++) {
        expect(w[i]!.end_ms).toBeGreaterThan(w[i]!.start_ms);
        if (i > 0) expect(w[i]!.start_ms).toBeGreaterThanOrEqual(w[i - 1]!.end_ms);
        expect(w[i]!.end_ms).toBeLessThanOrEqual(chunkMs + 1);
      }
    }
    expect(words.every((w) => w.score < 1)).toBe(true); // estimated, not aligned
    expect(final.total_audio_seconds).toBeGreaterThan(0);
    c.close();
  });

  it('auto-flushes text left without a full stop after flush_timeout_ms, with a warning', async () => {
    const c = await RawClient.open(local().url);
    c.send({ text: 'no full stop here', flush_timeout_ms: 150, voice_id: 'kal16' });
    const warning = await c.next((f) => f.warning_code === 'AUTO_FLUSH');
    expect(String(warning.warning)).toMatch(/No new text/);
    await c.next((f) => typeof f.audio === 'string');
    c.close();
  });

  it('answers bad input with a clear error frame and keeps the connection', async () => {
    const c = await RawClient.open(local().url);
    c.send('{not json');
    c.send({ text: 'Hi.', voice_id: 'nosuchvoice' });
    c.send({ text: 'Hi.', sample_rate: 123 });
    c.send({ text: 42 });
    await c.next((f) => String(f.error).includes('"text" must be a string'));
    expect(c.frames.map((f) => f.error_code)).toEqual(['MALFORMED_JSON', 'NOT_FOUND', 'VALIDATION_ERROR', 'VALIDATION_ERROR']);
    expect(String(c.frames[1]!.error)).toContain('1 (slt), 2 (kal16), 3 (awb), 4 (rms)');
    c.send({ text: 'Still here.', voice_id: 'kal16', close: true });
    await c.next((f) => f.final === true);
    c.close();
  });

  it('works end to end with the client: cancel mid-sentence drops the rest, the next turn plays', async () => {
    const played: string[] = [];
    const client = new SingleStreamClient({
      url: local().url,
      config: { voice_id: 'kal16', sample_rate: 24000 },
      playback: { clear: (id) => played.push(`clear:${id}`) },
    });
    const rec = record(client);
    await client.connect();
    const a = client.send('This sentence is interrupted halfway. And this one is never heard. ', { flush: true });
    await new Promise<void>((resolve) => client.once('audio', () => resolve()));
    await client.cancelCurrent();
    const b = client.send('Sorry, go ahead.');
    await client.endTurn();
    expect(played).toEqual([`clear:${a}`]);
    expect(rec.interrupted).toEqual([a]);
    expect(rec.finals).toEqual([b]);
    const afterCancel = rec.log.slice(rec.log.indexOf(`interrupted:${a}`));
    expect(afterCancel.filter((l) => l === `audio:${a}`)).toEqual([]);
    await client.close();
  });
});

describe('npm run tts-server', () => {
  it('prints its full WebSocket URL, token included, on one line', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/engine/tts/local-server/cli.ts', '--port', '0', '--voice', 'kal16'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        child.once('exit', (code) => reject(new Error(`tts-server exited with ${code}`)));
      });
      expect(line).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws\/tts\/stream\?api_key=[0-9a-f]{32}$/);
      const c = await RawClient.open(line);
      c.send({ text: 'Hi.', close: true });
      await c.next((f) => f.final === true);
      c.close();
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  it('rejects a bad --port with a clear message', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/engine/tts/local-server/cli.ts', '--port', 'abc'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--port must be 0-65535, got "abc"');
  }, 30_000);
});
