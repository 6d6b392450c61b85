/**
 * What the agent session needs from the other engine layers, as narrow ports. The real
 * VadProcessor, SingleStreamClient and PlaybackQueue fit them; tests and the simulate command use
 * scripted ones. STT and LLM use the interfaces in stt/types.ts and llm/types.ts as they are.
 */
import type { EventEmitter } from 'node:events';
import type { AudioFrame } from '../audio/frame.js';
import type { PlaybackQueueEvents } from '../audio/playback-queue.js';
import type { StreamingTts, TtsClientEvents, WordTiming } from '../tts/types.js';
import { subscribable, type Subscribable } from '../typed-events.js';
import type { VadProcessorEvents } from '../vad/vad-processor.js';
import type { PlaybackControl, TtsTurnControl } from '../turn/ports.js';

export type { Subscribable };

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
  /** The probability below which a window is quiet, and a window's length: a VAD without them is only heard through its events. */
  readonly releaseThreshold?: number;
  readonly windowMs?: number;
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
  outputLost: [];
};

export interface AgentPlayback extends Subscribable<AgentPlaybackEvents>, PlaybackControl {
  enqueue(turnId: string, samples: Float32Array, sampleRate: number): void;
  endTurn(turnId: string): void;
  readonly outputLatencyMs: number;
}

/** The VadProcessor as the session's port. */
export function vadPort(
  vad: EventEmitter<VadProcessorEvents> & {
    push(frame: AudioFrame): void | Promise<void>;
    readonly currentOptions: { releaseThreshold: number };
    readonly windowMs: number;
  },
): VoiceActivityDetector {
  return {
    ...subscribable<VoiceActivityEvents, VadProcessorEvents>(vad),
    push: (frame) => vad.push(frame),
    get releaseThreshold() {
      return vad.currentOptions.releaseThreshold;
    },
    windowMs: vad.windowMs,
  };
}

/** A TTS client (reference, multi-context or a vendor's: any StreamingTts) as the session's port. */
export function ttsPort(client: StreamingTts): AgentTts {
  return {
    ...subscribable<AgentTtsEvents, TtsClientEvents>(client),
    get currentTurnId() {
      return client.currentTurnId;
    },
    send: (text, options) => client.send(text, options),
    endTurn: () => client.endTurn(),
    cancelCurrent: () => client.cancelCurrent(),
  };
}

/** The PlaybackQueue as the session's port. */
export function playbackPort(queue: EventEmitter<PlaybackQueueEvents> & Omit<AgentPlayback, 'on' | 'off'>): AgentPlayback {
  return {
    ...subscribable<AgentPlaybackEvents, PlaybackQueueEvents>(queue),
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
