/** Scripted stand-ins for the VAD, recognizer, language model and TTS server (clock-driven). */
import { EventEmitter } from 'node:events';
import { systemClock, type Clock, type TimerHandle } from '../../../../electron/engine/clock.js';
import type { AgentTts, AgentTtsEvents, VoiceActivityEvents, WordTiming } from '../../../../electron/engine/agent/ports.js';
import type { ChatMessage, GenerateOptions, LanguageModel } from '../../../../electron/engine/llm/types.js';
import type { SpeechRecognizer, SpeechRecognizerEvents } from '../../../../electron/engine/stt/types.js';

export class ScriptedVad extends EventEmitter<VoiceActivityEvents> {
  frames = 0;
  push(): void {
    this.frames++;
  }
}

export class ScriptedRecognizer extends EventEmitter<SpeechRecognizerEvents> implements SpeechRecognizer {
  readonly id = 'scripted';
  pushed = 0;
  /** What the next final says. */
  finalText = '';
  push(samples: Float32Array): void {
    this.pushed += samples.length;
  }
  endSegment(): void {
    const text = this.finalText;
    this.finalText = '';
    queueMicrotask(() => this.emit('final', { text }));
  }
  reset(): void {}
  async close(): Promise<void> {}
}

export class ScriptedLlm implements LanguageModel {
  readonly id = 'scripted';
  calls: ChatMessage[][] = [];
  constructor(private readonly replies: string[]) {}
  async *stream(messages: ChatMessage[], options: GenerateOptions): AsyncIterable<string> {
    this.calls.push(messages.map((m) => ({ ...m })));
    const reply = this.replies.shift() ?? 'Okay.';
    for (const word of reply.split(/(?<= )/)) {
      if (options.signal.aborted) return;
      await Promise.resolve();
      yield word;
    }
  }
}

/**
 * A TTS that speaks 300 ms per word as a 16 kHz tone, in 100 ms chunks delivered every 50 ms
 * (faster than real time, like a real server), with word timestamps.
 */
export class ScriptedTts extends EventEmitter<AgentTtsEvents> implements AgentTts {
  static readonly WORD_MS = 300;
  cancels = 0;
  private turnCounter = 0;
  private turn: string | null = null;
  private audioMs = 0;
  private pendingChunks = 0;
  private timers: TimerHandle[] = [];
  private closeRequested = false;
  private resolveEnd: (() => void) | null = null;

  constructor(private readonly clock: Clock = systemClock) {
    super();
  }

  get currentTurnId(): string | null {
    return this.turn;
  }

  send(text: string): string {
    if (this.turn === null) {
      this.turn = `turn-${++this.turnCounter}`;
      this.audioMs = 0;
      this.closeRequested = false;
    }
    const turnId = this.turn;
    const words: WordTiming[] = [];
    for (const word of text.trim().split(/\s+/)) {
      words.push({ word, startMs: this.audioMs, endMs: this.audioMs + ScriptedTts.WORD_MS });
      this.audioMs += ScriptedTts.WORD_MS;
    }
    const chunks = (words.length * ScriptedTts.WORD_MS) / 100;
    this.emit('wordTimestamps', { turnId, words });
    for (let i = 0; i < chunks; i++) {
      this.pendingChunks++;
      const delay = 50 * this.pendingChunks;
      this.timers.push(
        this.clock.setTimeout(() => {
          if (this.turn !== turnId) return;
          const samples = new Float32Array(1600);
          for (let k = 0; k < samples.length; k++) samples[k] = 0.3 * Math.sin((2 * Math.PI * 300 * k) / 16000);
          this.emit('audio', { turnId, samples, sampleRate: 16000 });
          this.pendingChunks--;
          this.maybeFinal(turnId);
        }, delay),
      );
    }
    return turnId;
  }

  endTurn(): Promise<void> {
    this.closeRequested = true;
    const turnId = this.turn;
    return new Promise((resolve) => {
      this.resolveEnd = resolve;
      if (turnId) this.maybeFinal(turnId);
      else resolve();
    });
  }

  async cancelCurrent(): Promise<void> {
    if (this.turn === null) return;
    this.cancels++;
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers = [];
    this.pendingChunks = 0;
    this.turn = null;
    this.resolveEnd?.();
  }

  private maybeFinal(turnId: string): void {
    if (!this.closeRequested || this.pendingChunks > 0 || this.turn !== turnId) return;
    this.turn = null;
    this.emit('final', { turnId });
    this.resolveEnd?.();
    this.resolveEnd = null;
  }
}
