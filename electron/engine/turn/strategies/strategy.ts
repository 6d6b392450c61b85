/**
 * An interruption strategy (the Pipecat shape, asked early): it is fed the user's audio and
 * the latest transcript hypothesis while the user speaks over the agent, answers
 * `shouldInterrupt()` at every update, and is `reset()` after each decision.
 */
import type { AudioFrame } from '../../audio/frame.js';

export interface InterruptionStrategy {
  /** Short name reported with an interruption ("minWords", "phrases", ...). */
  readonly name: string;
  appendAudio(frame: AudioFrame): void;
  /** The latest transcript of the current user speech (interim hypotheses replace each other); `final` when the recognizer is done with it. */
  setText(text: string, final?: boolean): void;
  shouldInterrupt(): boolean;
  /**
   * Optional veto: true when the speech so far must not interrupt whatever the other
   * strategies say (an utterance made only of acknowledgements).
   */
  vetoes?(): boolean;
  /**
   * Optional: the speech so far is small enough to let the agent go on at a gap in it (the
   * person can still interrupt by going on). Asked only when no word says backchannel.
   */
  backchannelSized?(): boolean;
  /** Optional: its veto rests on words that may still become something else (do not act on it mid-speech). */
  partialVeto?(): boolean;
  /** Optional: whether the person has stopped speaking (the end of the speech segment); a new segment sets it back. */
  setVoiceStopped?(stopped: boolean): void;
  /** Optional: its words decide only once the person stops (a final asked at a pause in the voice: "got" of "got it"). */
  waitsForEnd?(): boolean;
  /** Why it says what it says now, in a person's words ("\"oh wow\" is only surprise"). */
  explain?(): string;
  reset(): void;
}

/**
 * No-op defaults, so a strategy writes only what it uses: one that reads words overrides
 * `setText`, one that reads audio `appendAudio`. `shouldInterrupt` and `reset` are its own.
 */
export abstract class BaseStrategy implements InterruptionStrategy {
  abstract readonly name: string;
  appendAudio(_frame: AudioFrame): void {}
  setText(_text: string, _final?: boolean): void {}
  abstract shouldInterrupt(): boolean;
  abstract reset(): void;
}

export class StrategyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StrategyConfigError';
  }
}
