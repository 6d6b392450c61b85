/**
 * What the agent session needs from the other engine layers, as narrow ports. The real
 * VadProcessor, TtsClient and PlaybackQueue fit them; tests and the simulate command use
 * scripted ones. STT and LLM use the interfaces in stt/types.ts and llm/types.ts as they are.
 */
import type { AudioFrame } from '../audio/frame.js';
import type { WordTiming } from '../tts/types.js';
import type { PlaybackControl, TtsTurnControl } from '../turn/ports.js';

/** Minimal typed event subscription (node EventEmitter satisfies it). */
export interface Subscribable<E extends Record<string, unknown[]>> {
  on<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): unknown;
  off<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): unknown;
}

export type VoiceActivityEvents = {
  /** A tentative onset (the VAD is unsure yet); a VAD without them never emits it. */
  speechLikely: [{ tMs: number }];
  /** The tentative onset was withdrawn. */
  speechUnlikely: [{ tMs: number }];
  speechStart: [{ tMs: number }];
  /** Quiet inside open speech (the user has probably stopped); a VAD without them never emits it. */
  speechGap: [{ tMs: number }];
  speechGapEnd: [{ tMs: number }];
  speechEnd: [{ tMs: number }];
  /** An onset withdrawn: it was too short to be speech. */
  misfire: [unknown?];
  probability: [{ tMs: number; p: number }];
};

/** The VAD (VadProcessor): fed 16 kHz mono frames in order; events come from within push. */
export interface VoiceActivityDetector extends Subscribable<VoiceActivityEvents> {
  push(frame: AudioFrame): void | Promise<void>;
}

/** A word of the turn's text with its place in the turn's audio: the TTS clients' type. */
export type { WordTiming } from '../tts/types.js';

export type AgentTtsEvents = {
  audio: [{ turnId: string; samples: Float32Array; sampleRate: number }];
  final: [{ turnId: string }];
  wordTimestamps: [{ turnId: string; words: WordTiming[] }];
  error: [Error];
};

export interface AgentTts extends Subscribable<AgentTtsEvents>, TtsTurnControl {
  readonly currentTurnId: string | null;
  /**
   * The server cuts the text into chunks itself (KugelAudio auto-chunks at sentence
   * boundaries): text is sent without a flush per clause, which its SDK says defeats that
   * chunking and adds a model prefill per flush.
   */
  readonly chunksText?: boolean;
  /** Text to speak; returns the turn id (a new one after a cancel or a final). */
  send(text: string, options?: { flush?: boolean }): string;
  /** No more text for this turn; resolves when the server says final. */
  endTurn(): Promise<void>;
}

export type AgentPlaybackEvents = {
  playbackStarted: [{ turnId: string }];
  playbackFinished: [{ turnId: string; interrupted: boolean; playedMs: number }];
  written: [AudioFrame];
};

export interface AgentPlayback extends Subscribable<AgentPlaybackEvents>, PlaybackControl {
  enqueue(turnId: string, samples: Float32Array, sampleRate: number): void;
  endTurn(turnId: string): void;
  readonly outputLatencyMs: number;
}

/**
 * Views any node EventEmitter as a typed Subscribable. Use it to wire emitters whose event
 * maps carry more than the port needs (TypeScript cannot relate two EventEmitter maps).
 */
export function subscribable<E extends Record<string, unknown[]>>(emitter: import('node:events').EventEmitter<never>): Subscribable<E> {
  const raw = emitter as unknown as {
    on(event: string, listener: (...args: unknown[]) => void): unknown;
    off(event: string, listener: (...args: unknown[]) => void): unknown;
  };
  return {
    on: (event, listener) => raw.on(event, listener as (...args: unknown[]) => void),
    off: (event, listener) => raw.off(event, listener as (...args: unknown[]) => void),
  };
}

/** The VadProcessor (or any emitter with speechStart/speechEnd/misfire/probability) as the session's port. */
export function vadPort(vad: { push(frame: AudioFrame): void | Promise<void> }): VoiceActivityDetector {
  return { ...subscribable<VoiceActivityEvents>(vad as never), push: (frame) => vad.push(frame) };
}

/** The TtsClient (or any client with the reference API) as the session's port. */
export function ttsPort(client: {
  readonly currentTurnId: string | null;
  send(text: string, options?: { flush?: boolean }): string;
  endTurn(): Promise<void>;
  cancelCurrent(): Promise<void>;
}): AgentTts {
  return {
    ...subscribable<AgentTtsEvents>(client as never),
    get currentTurnId() {
      return client.currentTurnId;
    },
    send: (text, options) => client.send(text, options),
    endTurn: () => client.endTurn(),
    cancelCurrent: () => client.cancelCurrent(),
  };
}

/** The PlaybackQueue as the session's port. */
export function playbackPort(queue: Omit<AgentPlayback, 'on' | 'off'>): AgentPlayback {
  return {
    ...subscribable<AgentPlaybackEvents>(queue as never),
    get outputLatencyMs() {
      return queue.outputLatencyMs;
    },
    enqueue: (turnId, samples, sampleRate) => queue.enqueue(turnId, samples, sampleRate),
    endTurn: (turnId) => queue.endTurn(turnId),
    duck: (db, rampMs) => queue.duck(db, rampMs),
    unduck: (rampMs) => queue.unduck(rampMs),
    pause: () => queue.pause(),
    resume: () => queue.resume(),
    clear: (turnId) => queue.clear(turnId),
    playedMs: (turnId) => queue.playedMs(turnId),
  };
}
