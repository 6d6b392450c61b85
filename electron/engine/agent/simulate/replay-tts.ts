/**
 * An AgentTts that replays pre-synthesized speech on the (virtual) clock, the way a streaming
 * server delivers it: the first chunk after `firstChunkMs`, then 100 ms chunks at twice real
 * time. Cancel stops delivery at once; a cancelled turn never sends another chunk.
 */
import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../../clock.js';
import type { AgentTts, AgentTtsEvents } from '../ports.js';
import type { SynthesizedSpeech } from './synthesize.js';

/** 150 ms: a typical local-TTS time to first audio. */
const FIRST_CHUNK_MS = 150;
const CHUNK_MS = 100;
/** Twice real time: a server keeps ahead of playback. */
const CHUNK_INTERVAL_MS = 50;

export class ReplayTts extends EventEmitter<AgentTtsEvents> implements AgentTts {
  private turnCounter = 0;
  private turn: string | null = null;
  private timers: TimerHandle[] = [];
  private delivering = 0;
  private closeRequested = false;
  private waiters: (() => void)[] = [];
  readonly cancelledTurns: string[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly speech: Map<string, SynthesizedSpeech>,
  ) {
    super();
  }

  get currentTurnId(): string | null {
    return this.turn;
  }

  send(text: string): string {
    const speech = this.speech.get(text.trim());
    if (!speech) throw new Error(`simulate: no synthesized audio for "${text.trim()}" (the scenario's texts are synthesized up front).`);
    if (this.turn === null) {
      this.turn = `sim-turn-${++this.turnCounter}`;
      this.closeRequested = false;
    }
    const turnId = this.turn;
    this.emit('wordTimestamps', { turnId, words: speech.words });
    const perChunk = Math.round((speech.sampleRate * CHUNK_MS) / 1000);
    let i = 0;
    for (let start = 0; start < speech.samples.length; start += perChunk, i++) {
      const samples = speech.samples.slice(start, start + perChunk);
      this.delivering++;
      this.timers.push(
        this.clock.setTimeout(
          () => {
            if (this.turn !== turnId) return;
            this.delivering--;
            this.emit('audio', { turnId, samples, sampleRate: speech.sampleRate });
            this.maybeFinal(turnId);
          },
          FIRST_CHUNK_MS + i * CHUNK_INTERVAL_MS,
        ),
      );
    }
    return turnId;
  }

  endTurn(): Promise<void> {
    if (this.turn === null) return Promise.resolve();
    this.closeRequested = true;
    const turnId = this.turn;
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.maybeFinal(turnId);
    });
  }

  async cancelCurrent(): Promise<void> {
    if (this.turn === null) return;
    this.cancelledTurns.push(this.turn);
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers = [];
    this.delivering = 0;
    this.turn = null;
    this.release();
  }

  private maybeFinal(turnId: string): void {
    if (!this.closeRequested || this.delivering > 0 || this.turn !== turnId) return;
    this.turn = null;
    this.timers = [];
    this.emit('final', { turnId });
    this.release();
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
