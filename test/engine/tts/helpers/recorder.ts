/** Records everything a TTS client emits, in order, for assertions. */
import type { TtsError } from '../../../../electron/engine/tts/tts-error.js';
import type { StreamingTts } from '../../../../electron/engine/tts/types.js';

export interface Recorded {
  audio: { turnId: string; samples: Float32Array; sampleRate: number }[];
  finals: string[];
  interrupted: string[];
  errors: TtsError[];
  reconnecting: { attempt: number; delayMs: number }[];
  words: { turnId: string; words: { word: string; startMs: number; endMs: number }[] }[];
  cleared: string[];
  log: string[];
}

export function record(client: StreamingTts): Recorded {
  const r: Recorded = { audio: [], finals: [], interrupted: [], errors: [], reconnecting: [], words: [], cleared: [], log: [] };
  client.on('audio', (a) => {
    r.audio.push(a);
    r.log.push(`audio:${a.turnId}`);
  });
  client.on('final', (f) => {
    r.finals.push(f.turnId);
    r.log.push(`final:${f.turnId}`);
  });
  client.on('interrupted', (f) => {
    r.interrupted.push(f.turnId);
    r.log.push(`interrupted:${f.turnId}`);
  });
  client.on('error', (e) => {
    r.errors.push(e);
    r.log.push(`error:${e.code}`);
  });
  client.on('reconnecting', (x) => r.reconnecting.push(x));
  client.on('wordTimestamps', (w) => r.words.push(w));
  return r;
}

export function audioTurns(r: Recorded): string[] {
  return [...new Set(r.audio.map((a) => a.turnId))];
}
