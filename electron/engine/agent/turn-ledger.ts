/** Per TTS turn: how much audio arrived, its word timestamps, whether it is complete. */
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

  forget(turnId: string): void {
    this.turns.delete(turnId);
  }
}
