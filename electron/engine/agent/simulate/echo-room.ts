/**
 * Builds the simulated echo path (EchoPath) from a scenario's `echo` section: loads
 * `rirWav` (any rate, first channel) or generates the old synthetic room, for the start and
 * for the path change.
 */
import { resampleAll, type ResamplerFactory } from '../../audio/resampler.js';
import { readWavFile } from '../../audio/wav-reader.js';
import { EchoPath, type EchoRoom } from './echo-path.js';
import { pathChanges, type Scenario } from './scenario.js';

const RATE = 16_000;
/** An impulse response longer than this is cut (2 s: RT60 1.5 s decays well below audibility). */
const MAX_RESPONSE_MS = 2000;

export type EchoSection = NonNullable<Scenario['echo']>;

export async function loadEchoPath(echo: EchoSection, resamplers: ResamplerFactory): Promise<EchoPath> {
  const room = await roomOf(echo, resamplers, 12345);
  const changes: { atMs: number; room: EchoRoom }[] = [];
  for (const [i, change] of pathChanges(echo.pathChange).entries()) {
    // Without a new response named, another synthetic room (other reflections): the laptop moved.
    const rt60Ms = change.rt60Ms ?? (echo.rirWav === undefined && echo.rt60Ms ? echo.rt60Ms : 300);
    const changed = await roomOf(
      { gainDb: change.gainDb ?? echo.gainDb, delayMs: change.delayMs ?? echo.delayMs, rt60Ms, rirWav: change.rirWav },
      resamplers,
      777 + 1000 * i,
    );
    changes.push({ atMs: change.atMs, room: changed });
  }
  return new EchoPath({
    room,
    ...(echo.nonlinearity ? { driveDb: echo.nonlinearity.driveDb, shape: echo.nonlinearity.shape ?? 'soft' } : {}),
    ...(echo.driftPpm ? { driftPpm: echo.driftPpm } : {}),
    ...(changes.length > 0 ? { changes } : {}),
  });
}

async function roomOf(e: { gainDb: number; delayMs: number; rt60Ms?: number; rirWav?: string }, resamplers: ResamplerFactory, seed: number): Promise<EchoRoom> {
  if (e.rirWav === undefined) return roomFromTaps(roomTaps(e.rt60Ms ?? 0, seed), e.gainDb, e.delayMs);
  const wav = await readWavFile(e.rirWav);
  let response = wav.channels > 1 ? firstChannel(wav.samples, wav.channels) : wav.samples;
  if (wav.sampleRate !== RATE) response = resampleAll(resamplers, response, wav.sampleRate, RATE);
  response = response.subarray(0, Math.round((MAX_RESPONSE_MS * RATE) / 1000));
  if (!response.some((v) => v !== 0)) throw new Error(`${e.rirWav}: the impulse response is silent.`);
  return roomFromResponse(response, e.gainDb, e.delayMs);
}

function firstChannel(samples: Float32Array, channels: number): Float32Array {
  const out = new Float32Array(Math.floor(samples.length / channels));
  for (let i = 0; i < out.length; i++) out[i] = samples[i * channels]!;
  return out;
}

/**
 * A synthetic room: the direct path, then a sparse tail of random-sign reflections (one per
 * half millisecond) decaying 60 dB over `rt60Ms`, scaled so the tail carries about as much
 * energy as the direct path. Deterministic (fixed seed) so runs repeat exactly.
 */
export function roomTaps(rt60Ms: number, seed = 12345): { offset: number; gain: number }[] {
  const taps = [{ offset: 0, gain: 1 }];
  if (rt60Ms <= 0) return taps;
  const step = RATE / 2000;
  const count = Math.floor((rt60Ms * RATE) / 1000 / step);
  const raw: { offset: number; gain: number }[] = [];
  for (let k = 1; k <= count; k++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const sign = seed / 2147483648 < 0.5 ? -1 : 1;
    const tMs = (k * step * 1000) / RATE;
    raw.push({ offset: k * step, gain: sign * 10 ** ((-60 * tMs) / rt60Ms / 20) });
  }
  const energy = raw.reduce((e, t) => e + t.gain * t.gain, 0);
  const scale = energy > 0 ? Math.sqrt(1 / energy) : 0;
  return taps.concat(raw.map((t) => ({ offset: t.offset, gain: t.gain * scale })));
}

/** A measured or generated impulse response scaled to unit energy, then by `gainDb`. */
export function roomFromResponse(response: Float32Array, gainDb: number, delayMs: number): EchoRoom {
  let energy = 0;
  for (const v of response) energy += v * v;
  const scale = energy > 0 ? 10 ** (gainDb / 20) / Math.sqrt(energy) : 0;
  return { response: response.map((v) => v * scale), delaySamples: Math.round((delayMs * RATE) / 1000) };
}

/** The synthetic room (see roomTaps) as a response at `gainDb`: not normalized, as the old simulated echo was. */
export function roomFromTaps(taps: { offset: number; gain: number }[], gainDb: number, delayMs: number): EchoRoom {
  const length = Math.max(...taps.map((t) => t.offset)) + 1;
  const response = new Float32Array(length);
  const g = 10 ** (gainDb / 20);
  for (const t of taps) response[t.offset]! += g * t.gain;
  return { response, delaySamples: Math.round((delayMs * RATE) / 1000) };
}
