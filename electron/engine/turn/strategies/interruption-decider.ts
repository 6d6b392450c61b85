import type { AudioFrame } from '../../audio/frame.js';
import type { InterruptionStrategy } from './strategy.js';

export type Decision = { interrupt: true; strategy: string } | { interrupt: false; vetoedBy: string | null };

/**
 * Asks the strategies in order; the first yes wins unless one vetoes (acknowledgement-only
 * speech). With no strategies configured, any speech interrupts (strategy "anySpeech").
 */
export class InterruptionDecider {
  constructor(private readonly strategies: readonly InterruptionStrategy[]) {}

  get anySpeechInterrupts(): boolean {
    return this.strategies.length === 0;
  }

  appendAudio(frame: AudioFrame): void {
    for (const s of this.strategies) s.appendAudio(frame);
  }

  setText(text: string, final = false): void {
    for (const s of this.strategies) s.setText(text, final);
  }

  decide(): Decision {
    if (this.strategies.length === 0) return { interrupt: true, strategy: 'anySpeech' };
    const veto = this.strategies.find((s) => s.vetoes?.() === true);
    if (veto) return { interrupt: false, vetoedBy: veto.name };
    const yes = this.strategies.find((s) => s.shouldInterrupt());
    return yes ? { interrupt: true, strategy: yes.name } : { interrupt: false, vetoedBy: null };
  }

  reset(): void {
    for (const s of this.strategies) s.reset();
  }
}
