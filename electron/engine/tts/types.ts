/** The interface every streaming TTS client (reference protocol, multi-context, vendor adapters) gives the engine. */
import type { EventEmitter } from 'node:events';
import type { TtsError } from './tts-error.js';

export interface WordTiming {
  word: string;
  /** From the start of the turn's audio. */
  startMs: number;
  endMs: number;
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

/** Session config sent with the first text frame of each turn (reference protocol field names). */
export interface TtsSessionConfig {
  voice_id?: string;
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

/** Session config defaults of the reference protocol (24 kHz is its default rate). */
export const DEFAULT_SESSION_CONFIG: TtsSessionConfig = { sample_rate: 24_000, output_format: 'pcm_s16le' };
