/**
 * One utterance of the agent: its TTS turn, from the first text sent to it until it played out,
 * was interrupted, or was dropped unheard (the idea of LiveKit agents' SpeechHandle: one object
 * per speech that knows whether it was interrupted, when it is done, and how far it played).
 *
 * It also keeps what the listener can have heard of it (the text sent, the audio and word timings
 * TTS returned), so the cut for the transcript and the model's memory belongs to the handle and
 * goes with it: no table keyed by turn ids that someone must remember to clean up.
 *
 * Ending is the barge-in controller's job: it ends the handle being heard BEFORE it clears
 * playback, so a cleared turn's synchronous `playbackFinished` finds it done and stops nothing.
 */
import type { InterruptReason } from '../../contract/channels/agent.js';
import type { WordTiming } from '../tts/types.js';
import { cutAtPlayed, type HeardCut } from './heard-text.js';

/** Who stopped the agent: the person's voice, or a manual control. */
export type InterruptSource = InterruptReason;

/** `dropped`: never heard (the person took the floor while the agent was thinking, or an early answer was not used). */
export type SpeechOutcome = { kind: 'playedOut' } | { kind: 'interrupted'; source: InterruptSource } | { kind: 'dropped' };

/** Milliseconds of a turn the listener has heard so far (the playback queue's `playedMs`). */
export type PlayoutPosition = (turnId: string) => number;

export class SpeechHandle {
  private outcomeNow: SpeechOutcome | null = null;
  private readonly waiters: Array<(outcome: SpeechOutcome) => void> = [];
  private sent = '';
  private audioMs = 0;
  private readonly words: WordTiming[] = [];
  private audioComplete = false;
  /** The playout position when the utterance ended: the queue forgets a cleared turn, the handle does not. */
  private endedAtMs: number | null = null;

  constructor(
    /** The TTS/playback turn id of this utterance. */
    readonly turnId: string,
    private readonly position: PlayoutPosition,
  ) {}

  get done(): boolean {
    return this.outcomeNow !== null;
  }

  get interrupted(): boolean {
    return this.outcomeNow?.kind === 'interrupted';
  }

  get outcome(): SpeechOutcome | null {
    return this.outcomeNow;
  }

  /** How much of it the listener has heard: live while it plays, fixed once it ended. */
  get playedMs(): number {
    return this.endedAtMs ?? this.position(this.turnId);
  }

  /** The text sent to TTS so far. */
  get text(): string {
    return this.sent;
  }

  // ---- what TTS made of it (fed by the reply that speaks it) ----

  setText(text: string): void {
    this.sent = text;
  }

  addAudio(samples: number, sampleRate: number): void {
    this.audioMs += (samples * 1000) / sampleRate;
  }

  addWords(words: readonly WordTiming[]): void {
    this.words.push(...words);
  }

  /** TTS sent the turn's last audio: the proportional cut may use the total length. */
  markAudioComplete(): void {
    this.audioComplete = true;
  }

  /** What the listener heard of the text at the playout position, cut at a word (heard-text.ts). */
  heard(): HeardCut {
    return cutAtPlayed(this.sent, this.playedMs, { words: this.words, totalAudioMs: this.audioMs, audioComplete: this.audioComplete });
  }

  // ---- outcome ----

  /** Ends the utterance; the first outcome wins (a cut turn that later "finishes" stays cut). Returns whether this call ended it. */
  end(outcome: SpeechOutcome): boolean {
    if (this.outcomeNow !== null) return false;
    this.endedAtMs = this.position(this.turnId);
    this.outcomeNow = outcome;
    for (const resolve of this.waiters.splice(0)) resolve(outcome);
    return true;
  }

  /** Resolves when the utterance played out, was interrupted or was dropped. */
  waitForEnd(): Promise<SpeechOutcome> {
    if (this.outcomeNow) return Promise.resolve(this.outcomeNow);
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
