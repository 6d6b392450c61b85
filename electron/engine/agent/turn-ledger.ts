/** Per TTS turn: how much audio arrived, its word timestamps, whether it is complete. */
import { cutAtPlayed, type HeardCut } from './heard-text.js';
import type { WordTiming } from './ports.js';

export interface TurnRecord {
  audioMs: number;
  words: WordTiming[];
  final: boolean;
}

export class TurnLedger {
  private readonly turns = new Map<string, TurnRecord>();

  get(turnId: string): TurnRecord {
    let r = this.turns.get(turnId);
    if (!r) {
      r = { audioMs: 0, words: [], final: false };
      this.turns.set(turnId, r);
    }
    return r;
  }

  addAudio(turnId: string, samples: number, sampleRate: number): void {
    this.get(turnId).audioMs += (samples * 1000) / sampleRate;
  }

  addWords(turnId: string, words: readonly WordTiming[]): void {
    this.get(turnId).words.push(...words);
  }

  markFinal(turnId: string): void {
    this.get(turnId).final = true;
  }

  /** What was heard of `text`, the turn's text, once `playedMs` of it played (heard-text.ts). */
  cut(turnId: string, text: string, playedMs: number): HeardCut {
    const r = this.get(turnId);
    return cutAtPlayed(text, playedMs, { words: r.words, totalAudioMs: r.audioMs, audioComplete: r.final });
  }

  forget(turnId: string): void {
    this.turns.delete(turnId);
  }
}
