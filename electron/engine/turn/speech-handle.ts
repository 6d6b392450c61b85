/**
 * One utterance of the agent, from its first audible sample until it played out or was cut
 * (the idea of LiveKit agents' SpeechHandle). The barge-in controller owns the handle of the
 * utterance being heard; once it ended, nothing about that turn reaches the controller again,
 * so a cleared turn's late or synchronous `playbackFinished` cannot re-enter an interrupt.
 */
import type { InterruptReason } from '../../contract/channels/agent.js';

/** Who stopped the agent: the person's voice, or a manual control. */
export type InterruptSource = InterruptReason;

export type SpeechOutcome = { kind: 'playedOut' } | { kind: 'interrupted'; source: InterruptSource };

export class SpeechHandle {
  private outcomeNow: SpeechOutcome | null = null;
  private readonly waiters: Array<(outcome: SpeechOutcome) => void> = [];

  constructor(
    /** The TTS/playback turn id of this utterance. */
    readonly turnId: string,
    readonly startedAtMs: number,
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

  /** Ends the utterance; the first outcome wins (a cut turn that later "finishes" stays cut). Returns whether this call ended it. */
  end(outcome: SpeechOutcome): boolean {
    if (this.outcomeNow !== null) return false;
    this.outcomeNow = outcome;
    for (const resolve of this.waiters.splice(0)) resolve(outcome);
    return true;
  }

  /** Resolves when the utterance played out or was interrupted. */
  waitForEnd(): Promise<SpeechOutcome> {
    if (this.outcomeNow) return Promise.resolve(this.outcomeNow);
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
