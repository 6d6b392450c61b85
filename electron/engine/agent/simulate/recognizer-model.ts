/**
 * A SpeechRecognizer that knows the words (the scenario's text for each clip, word i of n ending
 * when (i+1)/n of the clip's voiced time has been spoken, see word-timing.ts) and delivers them with the timing of
 * a real recognizer:
 * - `oracle`: each word the moment it is spoken, the final at once (the old, optimistic timing);
 * - `streaming`: interim text comes in decoding chunks, as a streaming transducer produces it.
 *   Defaults from the sherpa-onnx streaming Zipformer (the "chunk-16-left-128" English models
 *   we ship a link for): the encoder reads `decode_chunk_len` = 32 feature frames (320 ms) per
 *   step and needs `T` = 45 frames (450 ms: 13 frames / 130 ms of right context) before the
 *   first, so a word shows up at the end of the first chunk that covers its last frame, plus
 *   the look-ahead and the compute (~30 ms per chunk on one laptop core): 160-480 ms after the
 *   word ends, ~320 ms on average. The final comes `finalLagMs` after the end of speech (the
 *   last partial chunk is decoded with tail padding);
 * - optional word errors: each word is, with probability `wordErrorRate`, replaced by a common
 *   filler word or dropped (seeded: a run is repeatable).
 * "No recognizer" is not a mode of this class: the session then simply has none.
 */
import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../../clock.js';
import type { SpeechRecognizer, SpeechRecognizerEvents } from '../../stt/types.js';
import { wordEndsMs } from './word-timing.js';

/** The VAD confirms speech well within this after a word ends (minSpeechMs + a window). */
const STALE_WORDS_MS = 1500;
/** What a recognizer most often puts in place of a word it got wrong: short, common words. */
const CONFUSIONS = ['the', 'a', 'and', 'to', 'in', 'it', 'uh', 'that', 'is', 'of'];

export interface RecognizerTiming {
  mode: 'oracle' | 'streaming';
  /** Audio per decoding step (sherpa Zipformer: 32 frames x 10 ms). */
  chunkMs: number;
  /** Right context the encoder needs beyond a chunk (T - decode_chunk_len = 13 frames). */
  lookaheadMs: number;
  /** Compute per step. */
  computeMs: number;
  /** End of speech (endSegment) to the final. */
  finalLagMs: number;
  wordErrorRate: number;
  seed: number;
}

export const STREAMING_ZIPFORMER: RecognizerTiming = {
  mode: 'streaming',
  chunkMs: 320,
  lookaheadMs: 130,
  computeMs: 30,
  finalLagMs: 60,
  wordErrorRate: 0,
  seed: 1,
};

export const ORACLE_TIMING: RecognizerTiming = { ...STREAMING_ZIPFORMER, mode: 'oracle', finalLagMs: 0 };

export interface OracleUtterance {
  text: string;
  voicedStartMs: number;
  voicedEndMs: number;
  /** Start times of the voiced 10 ms blocks (word-timing.ts): words are spread over these, not over pauses. */
  voicedBlocksMs?: readonly number[];
}

interface TimedWord {
  word: string;
  endMs: number;
}

export class SimulatedRecognizer extends EventEmitter<SpeechRecognizerEvents> implements SpeechRecognizer {
  readonly id: string;
  private words: TimedWord[] = [];
  /** Words already shown in this segment (interims are cumulative). */
  private shown: string[] = [];
  private open = false;
  /** Start of the segment's audio (the first pushed sample, prefix included). */
  private audioStartMs = 0;
  private receivedMs = 0;
  private tick: TimerHandle | undefined;
  /** The next chunk to decode (1-based). */
  private nextChunk = 1;
  private pendingFinalText = '';
  private pendingFinal: TimerHandle | undefined;
  private rng: number;

  constructor(
    private readonly clock: Clock,
    private readonly timing: RecognizerTiming = STREAMING_ZIPFORMER,
  ) {
    super();
    this.id = timing.mode;
    this.rng = scramble(timing.seed);
  }

  /** The words of each utterance, with the time each one ends (absolute clock times). */
  schedule(utterances: readonly OracleUtterance[]): void {
    for (const u of utterances) {
      const words = u.text.trim().split(/\s+/).filter(Boolean);
      const span = Math.max(1, u.voicedEndMs - u.voicedStartMs);
      const ends = u.voicedBlocksMs?.length
        ? wordEndsMs(u.voicedBlocksMs, words.length)
        : words.map((_, i) => u.voicedStartMs + ((i + 1) * span) / words.length);
      words.forEach((word, i) => {
        const heard = this.corrupt(word);
        if (heard !== null) this.words.push({ word: heard, endMs: ends[i]! });
      });
    }
    this.words.sort((a, b) => a.endMs - b.endMs);
    // Oracle: each word arrives as it ends (shown at once when a segment is open).
    if (this.timing.mode === 'oracle') {
      for (const w of this.words) this.clock.setTimeout(() => this.decode(), Math.max(0, w.endMs - this.clock.nowMs()));
    }
  }

  push(samples: Float32Array): void {
    const now = this.clock.nowMs();
    if (!this.open) {
      this.open = true;
      this.shown = [];
      this.receivedMs = 0;
      this.audioStartMs = now;
      this.flushFinal();
      // Words of speech the VAD never opened a segment for do not leak into this one.
      this.words = this.words.filter((w) => w.endMs > now - STALE_WORDS_MS);
      this.nextChunk = 1;
    }
    this.receivedMs += (samples.length * 1000) / 16_000;
    this.audioStartMs = Math.min(this.audioStartMs, now - this.receivedMs);
    if (this.timing.mode === 'oracle') this.decode();
    // The prefix arrives in several pushes at the onset: place the chunk grid once it is all in.
    else if (this.nextChunk === 1) {
      this.stopTick();
      this.scheduleTick(1);
    }
  }

  endSegment(): void {
    if (!this.open) {
      this.emit('final', { text: '' });
      return;
    }
    this.open = false;
    this.stopTick();
    const endMs = this.clock.nowMs();
    const text = () => this.take(endMs).join(' ');
    if (this.timing.finalLagMs <= 0) {
      this.emit('final', { text: text() });
      return;
    }
    this.pendingFinalText = text();
    this.pendingFinal = this.clock.setTimeout(() => {
      this.pendingFinal = undefined;
      this.emit('final', { text: this.pendingFinalText });
    }, this.timing.finalLagMs);
  }

  reset(): void {
    this.open = false;
    this.stopTick();
  }

  async close(): Promise<void> {
    this.reset();
    if (this.pendingFinal !== undefined) this.clock.clearTimeout(this.pendingFinal);
  }

  /** A new segment starts before the last final went out: the final goes first, in order. */
  private flushFinal(): void {
    if (this.pendingFinal === undefined) return;
    this.clock.clearTimeout(this.pendingFinal);
    this.pendingFinal = undefined;
    this.emit('final', { text: this.pendingFinalText });
  }

  /** Chunk k (from 1) is decoded once its audio and the look-ahead are in, plus the compute. */
  private scheduleTick(k: number): void {
    const { chunkMs, lookaheadMs, computeMs } = this.timing;
    const at = this.audioStartMs + k * chunkMs + lookaheadMs + computeMs;
    this.tick = this.clock.setTimeout(
      () => {
        this.tick = undefined;
        if (!this.open) return;
        this.nextChunk = k + 1;
        this.showUpTo(this.audioStartMs + k * chunkMs);
        this.scheduleTick(k + 1);
      },
      Math.max(0, at - this.clock.nowMs()),
    );
  }

  private stopTick(): void {
    if (this.tick !== undefined) this.clock.clearTimeout(this.tick);
    this.tick = undefined;
  }

  /** Oracle: everything spoken so far. */
  private decode(): void {
    if (this.open) this.showUpTo(this.clock.nowMs());
  }

  private showUpTo(coveredMs: number): void {
    const fresh = this.take(coveredMs);
    if (fresh.length === 0) return;
    this.shown.push(...fresh);
    this.emit('interim', { text: this.shown.join(' ') });
  }

  /** Removes and returns the words ending by `tMs` (for a final: with those already shown). */
  private take(tMs: number): string[] {
    const due = this.words.filter((w) => w.endMs <= tMs);
    this.words = this.words.filter((w) => w.endMs > tMs);
    if (this.open) return due.map((w) => w.word);
    const all = [...this.shown, ...due.map((w) => w.word)];
    this.shown = [];
    return all;
  }

  private corrupt(word: string): string | null {
    if (this.timing.wordErrorRate <= 0 || this.random() >= this.timing.wordErrorRate) return word;
    // A third of the errors drop the word; the rest put a common short word in its place.
    return this.random() < 1 / 3 ? null : CONFUSIONS[Math.floor(this.random() * CONFUSIONS.length)]!;
  }

  private random(): number {
    // xorshift32: small, seeded, good enough to place errors.
    let x = this.rng;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rng = x >>> 0;
    return this.rng / 0x100000000;
  }
}

/**
 * xorshift32 started from a small seed (the bench uses the case number) gives tiny first values:
 * seed 5 first draws 0.0003, so every first word was an error at any word error rate. A
 * multiply-xorshift hash spreads the seed over all 32 bits first.
 */
function scramble(seed: number): number {
  let x = (seed >>> 0) ^ 0x9e3779b9;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0 || 1;
}
