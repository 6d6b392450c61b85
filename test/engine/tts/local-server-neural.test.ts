/**
 * The embedded server speaking with a neural voice (sherpa-onnx offline TTS in its own
 * process) over the reference protocol: sentence-level streaming, estimated word timings
 * marked so, cancel acked at once with no audio after the ack, and flite when the neural
 * voice fails to load or dies. The tone model stands in for voice weights (none can be
 * fetched here); INTERJECT_TTS_MODEL_DIR runs the same turn on a real Kokoro or Piper voice.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalTtsServer, type LocalTtsServer } from '../../../electron/engine/tts/local-server/server.js';
import { makeCorruptVoice, makeToneVoice, TONE_VOICE_SKIP } from './helpers/tone-voice.js';
import { RawClient, type Frame } from './helpers/raw-client.js';
import { until } from './helpers/scripted-server.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** The voice processes this test process has started (sherpa-tts-host children). */
const sherpaHostPids = (): number[] =>
  spawnSync('pgrep', ['-P', String(process.pid), '-f', 'sherpa-tts-host'])
    .stdout.toString()
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(Number);
const audio = (frames: Frame[]) => frames.filter((f) => typeof f.audio === 'string');
const LONG = 'The quick brown fox jumps over the lazy dog near the quiet river bank. '.repeat(12);

/** Speaks a long turn, cancels once audio flows, and counts what came after the ack. */
async function cancelMidTurn(url: string, voice: string): Promise<{ ackMs: number; afterAck: number; before: number }> {
  const c = await RawClient.open(url);
  c.send({ text: LONG, voice_id: voice, sample_rate: 24000 });
  c.send({ flush: true });
  await c.next((f) => typeof f.audio === 'string', 0, 60_000);
  const sentAt = performance.now();
  c.send({ cancel: true });
  const ack = await c.next((f) => f.interrupted === true);
  await new Promise((r) => setTimeout(r, 800));
  const i = c.frames.indexOf(ack);
  const result = { ackMs: ack.__t - sentAt, afterAck: audio(c.frames.slice(i + 1)).length, before: audio(c.frames.slice(0, i)).length };
  c.close();
  return result;
}

describe.skipIf(TONE_VOICE_SKIP !== undefined)(`local server with a neural voice${TONE_VOICE_SKIP ? ` (skipped: ${TONE_VOICE_SKIP})` : ''}`, () => {
  let tmp: string;
  let server: LocalTtsServer;
  const notices: string[] = [];
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'interject-neural-server-'));
    const modelDir = await makeToneVoice(path.join(tmp, 'tone'));
    server = await startLocalTtsServer({ voice: 'tone', neural: { modelDir, name: 'tone' }, onNotice: (m) => notices.push(m) });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('speaks a turn sentence by sentence, with word timings marked as estimated', async () => {
    expect(server.voice).toBe('tone');
    expect(server.notice).toBeUndefined();
    const c = await RawClient.open(server.url);
    c.send({ text: 'Hello there. How are you today?', voice_id: 'tone', sample_rate: 16000, word_timestamps: true, close: true });
    const final = await c.next((f) => f.final === true);
    const chunks = audio(c.frames);
    expect(chunks.every((f) => f.sr === 16000 && f.enc === 'pcm_s16le')).toBe(true);
    expect(c.frames.filter((f) => f.chunk_complete === true).map((f) => f.text)).toEqual(['Hello there.', 'How are you today?']);
    const timings = c.frames.filter((f) => Array.isArray(f.word_timestamps));
    expect(timings.length).toBe(2);
    expect(timings.every((f) => f.estimated === true)).toBe(true);
    expect((timings[0]!.word_timestamps as { word: string }[]).map((w) => w.word)).toEqual(['Hello', 'there']);
    expect(final.audio_seconds).toBeGreaterThan(0.5);
    c.close();
  });

  it('cancel is acked at once, and no audio follows the ack', async () => {
    const r = await cancelMidTurn(server.url, 'tone');
    expect(r.before).toBeGreaterThan(0);
    expect(r.afterAck).toBe(0);
    expect(r.ackMs).toBeLessThan(500);
  });

  it('flite voices still speak beside the neural one, and an unknown voice is named with the choices', async () => {
    const c = await RawClient.open(server.url);
    c.send({ text: 'Hi.', voice_id: 'kal16', close: true });
    await c.next((f) => f.final === true);
    expect(audio(c.frames).length).toBeGreaterThan(0);
    c.send({ text: 'Hi.', voice_id: 'tone:7' });
    const err = await c.next((f) => f.error_code === 'NOT_FOUND');
    expect(err.error).toBe('Voice "tone:7" was not found; this server has 1 (slt), 2 (kal16), 3 (awb), 4 (rms), 101 (tone).');
    c.close();
  });

  it('speaks on the multi-context endpoint too, a neural context beside a flite one', async () => {
    const c = await RawClient.open(server.multiUrl);
    c.send({ text: ' ', context_id: 'n', voice_settings: { voice_id: 'tone', sample_rate: 24000 } });
    c.send({ text: ' ', context_id: 'f', voice_settings: { voice_id: 'kal16', sample_rate: 24000 } });
    await c.next((f) => f.context_created === true && f.context_id === 'f');
    for (const id of ['n', 'f']) {
      c.send({ text: 'Hello from a context.', context_id: id });
      c.send({ close_context: true, context_id: id });
    }
    for (const id of ['n', 'f']) await c.next((f) => f.context_closed === true && f.context_id === id);
    for (const id of ['n', 'f']) expect(audio(c.frames).filter((f) => f.context_id === id).length, id).toBeGreaterThan(0);
    c.close();
  });

  it('when the voice process dies, flite speaks the next turn and the session is told once', async () => {
    // The tone voice's process is the server's only sherpa-tts-host child.
    const pids = sherpaHostPids();
    expect(pids.length).toBe(1);
    const pid = pids[0]!;
    process.kill(pid, 'SIGKILL');
    // The server learns of the death when it reaps the process (kill(pid, 0) fails from then on);
    // a turn that reaches it before that goes to the dead process, on a loaded machine too.
    await until(() => !alive(pid), 20_000);
    for (let turn = 0; turn < 2; turn++) {
      const c = await RawClient.open(server.url);
      c.send({ text: 'Are you still there?', voice_id: 'tone', close: true });
      await c.next((f) => f.final === true);
      expect(audio(c.frames).length).toBeGreaterThan(0);
      c.close();
    }
    expect(notices).toEqual(['The neural voice stopped working; the built-in voice (slt) speaks instead.']);
  });
});

describe.skipIf(TONE_VOICE_SKIP !== undefined)('a voice process that dies mid-turn', () => {
  it('loses no sentence: the one it was speaking is spoken again by flite, with no error, and the turn ends', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'interject-neural-mid-'));
    const server = await startLocalTtsServer({ voice: 'tone', neural: { modelDir: await makeToneVoice(path.join(tmp, 'tone')), name: 'tone' } });
    try {
      const c = await RawClient.open(server.url);
      c.send({ text: LONG, voice_id: 'tone', sample_rate: 16000, close: true });
      // The first sentence's audio is out, so the voice's process is speaking the second when it dies.
      await c.next((f) => typeof f.audio === 'string', 0, 60_000);
      for (const pid of sherpaHostPids()) process.kill(pid, 'SIGKILL');
      await c.next((f) => f.final === true, 0, 60_000);
      expect(c.frames.filter((f) => f.error !== undefined || f.error_code !== undefined)).toEqual([]);
      const spoken = new Set(audio(c.frames).map((f) => f.chunk_id));
      expect(spoken.size).toBe(12);
      c.close();
    } finally {
      await server.close();
      await rm(tmp, { recursive: true, force: true });
    }
  }, 120_000);
});

describe.skipIf(TONE_VOICE_SKIP !== undefined)('a voice model that fails to load', () => {
  it('leaves the server on flite and says why', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'interject-neural-bad-'));
    const server = await startLocalTtsServer({ voice: 'natural', neural: { modelDir: await makeCorruptVoice(path.join(tmp, 'bad')), name: 'natural' } });
    try {
      expect(server.voice).toBe('slt');
      expect(server.notice).toMatch(
        /^The natural voice could not start, so the built-in voice speaks instead\. Could not load the voice model in .*bad: its process stopped/,
      );
      const c = await RawClient.open(server.url);
      c.send({ text: 'Still talking.', close: true });
      await c.next((f) => f.final === true);
      expect(audio(c.frames).length).toBeGreaterThan(0);
      c.close();
    } finally {
      await server.close();
      await rm(tmp, { recursive: true, force: true });
    }
  }, 60_000);
});

const REAL = process.env.INTERJECT_TTS_MODEL_DIR;
describe.skipIf(!REAL || !existsSync(REAL))(
  `with a real neural voice (skipped: no voice folder; set INTERJECT_TTS_MODEL_DIR to a Kokoro or Piper folder from the sherpa-onnx tts-models release)`,
  () => {
    let server: LocalTtsServer;
    beforeAll(async () => {
      server = await startLocalTtsServer({ voice: 'neural', neural: { modelDir: REAL!, name: 'neural' } });
    }, 120_000);
    afterAll(() => server?.close());

    it('speaks, and is cancelled mid-sentence with 0 samples after the ack', async () => {
      expect(server.notice).toBeUndefined();
      const r = await cancelMidTurn(server.url, 'neural');
      expect(r.afterAck).toBe(0);
    }, 120_000);
  },
);
