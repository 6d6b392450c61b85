/** The interface every streaming TTS client (reference protocol, multi-context, vendor adapters) gives the engine. */
import type { EventEmitter } from 'node:events';
import type { TtsError } from './tts-error.js';

export interface WordTiming {
  word: string;
  /** From the start of the turn's audio. */
  startMs: number;
  endMs: number;
  /** [charStart, charEnd) in the text sent for the turn, when the server gives char offsets. */
  charStart?: number;
  charEnd?: number;
  /** Alignment confidence 0-1 (KugelAudio's `score`). */
  score?: number;
  /** Whitespace-separated tokens of the turn's text said once this word is: the exact heard-text cut. */
  textTokens?: number;
}

export type TtsClientEvents = {
  /** Mono float samples of a live (never cancelled) turn. */
  audio: [{ turnId: string; samples: Float32Array; sampleRate: number }];
  /** The server finished the turn normally (after endTurn). Not emitted for cancelled turns. */
  final: [{ turnId: string }];
  /** A cancelled turn is over on the server (ack, or the quiet timeout). */
  interrupted: [{ turnId: string }];
  wordTimestamps: [{ turnId: string; words: WordTiming[] }];
  error: [TtsError];
  reconnecting: [{ attempt: number; delayMs: number }];
};

/** What cancelCurrent() stops first: the PlaybackQueue of the audio engine, or anything with `clear`. */
export interface PlaybackClearer {
  clear(turnId: string): void;
}

/**
 * Session config sent with the first text frame of each turn, in KugelAudio's field names and
 * types (JS SDK StreamingSession.writeFrame): voice_id is an integer on the service (a name is
 * accepted by the local server), output_format is absent for PCM16 or a codec-rate token
 * (pcm_8000, ulaw_8000, alaw_8000).
 */
export interface TtsSessionConfig {
  voice_id?: number | string;
  model_id?: string;
  sample_rate?: number;
  output_format?: string;
  language?: string;
  speed?: number;
  word_timestamps?: boolean;
  flush_timeout_ms?: number;
  [field: string]: unknown;
}

export interface StreamingTts extends EventEmitter<TtsClientEvents> {
  readonly currentTurnId: string | null;
  /** The server chunks the text itself (KugelAudio): callers should not flush every clause. */
  readonly chunksText?: boolean;
  connect(): Promise<void>;
  send(text: string, options?: { flush?: boolean }): string;
  flush(): void;
  endTurn(): Promise<void>;
  endSession(): Promise<void>;
  cancelCurrent(): Promise<void>;
  close(): Promise<void>;
}

/**
 * How long cancelCurrent() / an immediate close waits for the server to go quiet when no
 * acknowledgement comes; restarted on every frame. 300 ms: a healthy server acks in tens of
 * ms, and playback is already silent, so this only bounds how long stragglers are attributed
 * to the old turn. Shared by the single-stream and multi-context clients.
 */
export const DEFAULT_CANCEL_QUIET_TIMEOUT_MS = 300;

/**
 * However busy the socket, a cancel unanswered this long after it was sent leaves a dirty
 * socket (it is replaced). 2 s: KugelAudio's own barge-in test tolerates leftover audio up to
 * 1.5 s after a cancel; a server that keeps talking past that without acking is not trusted.
 */
export const CANCEL_ACK_DEADLINE_MS = 2000;

/** Session config defaults: 24 kHz is the SDKs' default rate; no output_format means PCM16 (the SDKs send none by default). */
export const DEFAULT_SESSION_CONFIG: TtsSessionConfig = { sample_rate: 24_000 };

/** The frame encoding and rate an output_format token implies (`ulaw_8000` -> mulaw at 8 kHz); PCM16 at sample_rate without one. */
export function expectedAudio(config: TtsSessionConfig): { enc: string; sampleRate: number } {
  const m = typeof config.output_format === 'string' ? /^(pcm|ulaw|alaw)_(\d+)$/.exec(config.output_format) : null;
  const sampleRate = Number(config.sample_rate ?? 24_000);
  if (!m) return { enc: 'pcm_s16le', sampleRate };
  return { enc: m[1] === 'ulaw' ? 'mulaw' : m[1] === 'alaw' ? 'alaw' : 'pcm_s16le', sampleRate: Number(m[2]) };
}

/** The order StreamingSession.writeFrame (JS SDK) attaches config fields in. */
const SDK_CONFIG_ORDER = [
  'voice_id',
  'model_id',
  'cfg_scale',
  'temperature',
  'max_new_tokens',
  'sample_rate',
  'output_format',
  'flush_timeout_ms',
  'max_buffer_length',
  'normalize',
  'language',
  'word_timestamps',
  'auto_mode',
  'chunk_length_schedule',
  'speed',
  'project_id',
  'dictionary_ids',
];

/** The config as the JS SDK puts it on a frame: its field order, unset fields left out, word_timestamps only when true. */
export function sdkConfigFields(config: TtsSessionConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = [...SDK_CONFIG_ORDER.filter((k) => k in config), ...Object.keys(config).filter((k) => !SDK_CONFIG_ORDER.includes(k))];
  for (const k of keys) {
    const v = config[k];
    if (v === undefined || (k === 'word_timestamps' && v !== true)) continue;
    out[k] = v;
  }
  return out;
}
