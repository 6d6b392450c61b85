import type { AudioFrame } from '../../audio/frame.js';
import type { InterruptionStrategy } from './strategy.js';
import type { WordSource } from './voice-shape-strategy.js';

export type Decision = { interrupt: true; strategy: string; reason: string } | { interrupt: false; vetoedBy: string | null; reason: string | null };

/**
 * Asks the strategies in order; the first yes wins unless one vetoes (backchannel-only
 * speech). With no strategies configured, any speech interrupts (strategy "anySpeech").
 */
export class InterruptionDecider {
  constructor(
    private readonly strategies: readonly InterruptionStrategy[],
    /** Where words come from: decides whether the session waits for a final before resuming. */
    readonly words: WordSource = 'streaming',
  ) {}

  get anySpeechInterrupts(): boolean {
    return this.strategies.length === 0;
  }

  appendAudio(frame: AudioFrame): void {
    for (const s of this.strategies) s.appendAudio(frame);
  }

  setText(text: string, final = false): void {
    for (const s of this.strategies) s.setText(text, final);
  }

  /** The person stopped speaking (end of the segment), or started again. */
  setVoiceStopped(stopped: boolean): void {
    for (const s of this.strategies) s.setVoiceStopped?.(stopped);
  }

  /** Some words decide only once the person stops: a gap in the speech is not yet a reason to go on. */
  waitsForEnd(): boolean {
    return this.strategies.some((s) => s.waitsForEnd?.() === true);
  }

  decide(): Decision {
    if (this.strategies.length === 0) return { interrupt: true, strategy: 'anySpeech', reason: 'any speech interrupts (no strategies are set)' };
    const veto = this.vetoer();
    if (veto) return { interrupt: false, vetoedBy: veto.name, reason: veto.explain?.() ?? null };
    const yes = this.strategies.find((s) => s.shouldInterrupt());
    if (yes) return { interrupt: true, strategy: yes.name, reason: yes.explain?.() ?? yes.name };
    // A short sound without words is explained by its shape, not by the words that never came.
    const sized = this.strategies.find((s) => s.backchannelSized?.() === true);
    const said = (sized ?? this.strategies.find((s) => s.explain !== undefined))?.explain?.();
    return { interrupt: false, vetoedBy: null, reason: said ?? null };
  }

  /** Vetoed by words that are a whole backchannel already (not "I" on its way to "I see" or "I need"). */
  wholeBackchannel(): boolean {
    const veto = this.vetoer();
    return veto !== undefined && veto.partialVeto?.() !== true;
  }

  /** Vetoed only by words that may still open a turn of one's own (a lone "sure" that may become "sure, but…"). */
  partialBackchannel(): boolean {
    return this.vetoer()?.partialVeto?.() === true;
  }

  /** The first strategy that vetoes an interruption now (a veto wins over every yes). */
  private vetoer(): InterruptionStrategy | undefined {
    return this.strategies.find((s) => s.vetoes?.() === true);
  }

  /** Nothing says interrupt and something says the speech so far is backchannel-sized (audio only). */
  backchannelSized(): boolean {
    return this.strategies.some((s) => s.backchannelSized?.() === true) && !this.strategies.some((s) => s.shouldInterrupt());
  }

  reset(): void {
    for (const s of this.strategies) s.reset();
  }
}
