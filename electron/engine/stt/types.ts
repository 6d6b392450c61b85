/**
 * Speech recognition behind one streaming interface: push 16 kHz mono frames, get interim
 * and final transcripts (with word timings where the engine gives them).
 */
import type { EventEmitter } from 'node:events';

export interface TranscriptWord {
  word: string;
  /** Relative to the start of the current segment. */
  startMs: number;
  endMs: number;
}

export interface Transcript {
  text: string;
  words?: TranscriptWord[];
  /** How much of the segment's audio (ms from its start) this result covers, where the engine says. */
  audioMs?: number;
}

export interface SpeechRecognizerEvents {
  interim: [Transcript];
  final: [Transcript];
  error: [Error];
}

export interface SpeechRecognizer extends EventEmitter<SpeechRecognizerEvents> {
  readonly id: string;
  /** False for a recognizer that gives no interim words, only a final after the speech (default true). */
  readonly streaming?: boolean;
  /** 16 kHz mono float32 samples of the current speech segment. */
  push(samples: Float32Array): void;
  /** The user stopped speaking (VAD): finish the segment and emit `final` (possibly with empty text). */
  endSegment(): void;
  /** Forget the current segment without a final. */
  reset(): void;
  close(): Promise<void>;
}
