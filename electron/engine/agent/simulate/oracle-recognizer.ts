/**
 * A SpeechRecognizer that knows the words: the scenario's oracle text for each clip is
 * delivered word by word over the clip's voiced span (word i of n when (i+1)/n of the span has
 * been spoken), as interim hypotheses while a segment is open; endSegment gives the final.
 */
import { EventEmitter } from 'node:events';
import type { Clock } from '../../clock.js';
import type { SpeechRecognizer, SpeechRecognizerEvents } from '../../stt/types.js';

/** The VAD confirms speech well within this after a word ends (minSpeechMs + a window). */
const STALE_WORDS_MS = 1500;

export interface OracleUtterance {
  text: string;
  voicedStartMs: number;
  voicedEndMs: number;
}

export class OracleRecognizer extends EventEmitter<SpeechRecognizerEvents> implements SpeechRecognizer {
  readonly id = 'oracle';
  /** Words whose time has come, not yet in a final. */
  private due: string[] = [];
  private lastArrivalMs = -Infinity;
  private open = false;

  constructor(private readonly clock: Clock) {
    super();
  }

  /** Schedules the words of each utterance (absolute clock times). */
  schedule(utterances: readonly OracleUtterance[]): void {
    const clock = this.clock;
    for (const u of utterances) {
      const words = u.text.trim().split(/\s+/).filter(Boolean);
      const span = Math.max(1, u.voicedEndMs - u.voicedStartMs);
      words.forEach((word, i) => {
        const at = u.voicedStartMs + ((i + 1) * span) / words.length;
        clock.setTimeout(() => this.arrive(word), Math.max(0, at - clock.nowMs()));
      });
    }
  }

  push(_samples: Float32Array): void {
    if (!this.open) {
      this.open = true;
      // Words of speech the VAD never opened a segment for do not leak into this one.
      if (this.clock.nowMs() - this.lastArrivalMs > STALE_WORDS_MS) this.due = [];
      if (this.due.length > 0) this.emit('interim', { text: this.due.join(' ') });
    }
  }

  endSegment(): void {
    this.open = false;
    const text = this.due.join(' ');
    this.due = [];
    this.emit('final', { text });
  }

  reset(): void {
    this.open = false;
  }

  async close(): Promise<void> {}

  private arrive(word: string): void {
    this.lastArrivalMs = this.clock.nowMs();
    this.due.push(word);
    if (this.open) this.emit('interim', { text: this.due.join(' ') });
  }
}
