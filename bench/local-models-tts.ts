/**
 * The neural voice's figures: load, first audio through the embedded server, real-time factor
 * (wall and the voice process's own CPU), and cancel -> silence (ack time, audio after the ack).
 * Runs on a real voice when INTERJECT_TTS_MODEL_DIR points at one; the tone stand-in (a real
 * ONNX graph in Piper's shape, see test/fixtures/models/make-tone-vits.py) measures what the
 * pipeline itself costs (process, phonemizer, resampling, protocol), not a voice.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { startLocalTtsServer } from '../electron/engine/tts/local-server/server.js';
import { SherpaTtsEngine } from '../electron/engine/tts/local-server/sherpa-tts-engine.js';
import { makeToneVoice, TONE_VOICE_SKIP } from '../test/engine/tts/helpers/tone-voice.js';
import { median, percentile, type Figure } from './providers-stats.js';

const SENTENCES = [
  'Sure, I can help with that.',
  'The meeting moved to Thursday afternoon, right after lunch.',
  'Honestly, I think the second option is better for you.',
  'Let me check the weather for tomorrow morning in Berlin.',
  'That sounds good to me.',
];
const LONG = SENTENCES.join(' ').repeat(4);

/** CPU time (ms) a process has used so far, from /proc (Linux); undefined elsewhere. */
function processCpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in 100 Hz ticks
  } catch {
    return undefined;
  }
}

interface Frame {
  audio?: string;
  samples?: number;
  interrupted?: boolean;
  final?: boolean;
}

function open(url: string): Promise<{ ws: WebSocket; frames: { f: Frame; t: number }[]; next: (pred: (f: Frame) => boolean) => Promise<number> }> {
  const ws = new WebSocket(url);
  const frames: { f: Frame; t: number }[] = [];
  const waiters: { pred: (f: Frame) => boolean; resolve: (t: number) => void }[] = [];
  ws.on('message', (d) => {
    const f = JSON.parse(d.toString()) as Frame;
    const t = performance.now();
    frames.push({ f, t });
    for (const w of [...waiters]) {
      if (!w.pred(f)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(t);
    }
  });
  const next = (pred: (f: Frame) => boolean) => new Promise<number>((resolve) => waiters.push({ pred, resolve }));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, frames, next }));
    ws.once('error', reject);
  });
}

async function benchVoice(label: string, modelDir: string, runs: number): Promise<Figure[]> {
  const loadStart = performance.now();
  const engine = await SherpaTtsEngine.start({ modelDir, name: 'v' });
  const loadMs = performance.now() - loadStart;
  const wallRtf: number[] = [];
  const cpuRtf: number[] = [];
  for (let i = 0; i < runs; i++) {
    const text = SENTENCES[i % SENTENCES.length]!;
    const cpu0 = processCpuMs(engine.pid);
    const r = await engine.synthesize(text, 'v', 24_000).promise;
    const cpu1 = processCpuMs(engine.pid);
    const audioMs = (r.samples.length / r.sampleRate) * 1000;
    wallRtf.push((100 * r.synthMs) / audioMs);
    if (cpu0 !== undefined && cpu1 !== undefined) cpuRtf.push((100 * (cpu1 - cpu0)) / audioMs);
  }
  await engine.stop();

  const server = await startLocalTtsServer({ voice: 'v', neural: { modelDir, name: 'v' } });
  const firstAudio: number[] = [];
  const ack: number[] = [];
  let afterAck = 0;
  for (let i = 0; i < runs; i++) {
    const c = await open(server.url);
    const sent = performance.now();
    c.ws.send(JSON.stringify({ text: i % 2 ? LONG : SENTENCES[i % SENTENCES.length], voice_id: 'v', sample_rate: 24000 }));
    c.ws.send(JSON.stringify({ flush: true }));
    firstAudio.push((await c.next((f) => typeof f.audio === 'string')) - sent);
    const cancelAt = performance.now();
    c.ws.send(JSON.stringify({ cancel: true }));
    const ackAt = await c.next((f) => f.interrupted === true);
    ack.push(ackAt - cancelAt);
    // Anything still in flight would arrive within a sentence's synthesis time; wait well past it.
    await new Promise((r) => setTimeout(r, 1500));
    afterAck += c.frames.filter((x) => x.t > ackAt && typeof x.f.audio === 'string').length;
    c.ws.close();
  }
  await server.close();
  const fig = (name: string, xs: number[], unit: string, note?: string): Figure => ({
    name: `${label}: ${name}`,
    value: xs.length ? median(xs) : null,
    p95: xs.length ? percentile(xs, 95) : null,
    unit,
    runs: xs.length,
    ...(note ? { note } : {}),
  });
  return [
    { name: `${label}: load`, value: loadMs, unit: 'ms', runs: 1, note: 'process start + model load' },
    fig('first audio (server, text in -> first audio frame)', firstAudio, 'ms', 'one sentence synthesized before its first chunk goes out'),
    fig('real-time factor (wall)', wallRtf, '% of RT', 'synthesis + resampling time / audio length; loaded machine'),
    fig('real-time factor (voice process CPU)', cpuRtf, '% of RT', '1 thread; /proc utime+stime, 10 ms ticks'),
    fig('cancel -> ack', ack, 'ms', 'nothing is sent after the ack'),
    { name: `${label}: audio frames after the ack`, value: afterAck, unit: 'frames', runs, note: 'summed over all runs; must be 0' },
  ];
}

export async function benchNeuralVoices(runs: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  const dir = process.env.INTERJECT_TTS_MODEL_DIR;
  if (dir && existsSync(dir)) figures.push(...(await benchVoice(`neural voice (${path.basename(dir)})`, dir, runs)));
  else
    figures.push({
      name: 'neural voice',
      value: null,
      unit: '',
      runs: 0,
      note: 'no voice weights obtainable here; set INTERJECT_TTS_MODEL_DIR to a Kokoro or Piper folder',
    });
  if (TONE_VOICE_SKIP) {
    figures.push({ name: 'tone stand-in', value: null, unit: '', runs: 0, note: TONE_VOICE_SKIP });
    return figures;
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'interject-bench-tone-'));
  try {
    figures.push(...(await benchVoice('tone stand-in (pipeline only, not a voice)', await makeToneVoice(path.join(tmp, 'tone')), runs)));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return figures;
}
