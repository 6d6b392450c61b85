/**
 * One barge-in attempt: from the user's onset over the agent until it interrupts, or is found
 * a false alarm, or the agent's utterance ends. Everything that belongs to the attempt lives
 * here and is dropped with it, so nothing has to be reset by hand in several places.
 */
import type { Clock, TimerHandle } from '../clock.js';
import { HELD_GAP_CONFIRM_MS } from './gap-resume.js';
import { MID_VOICE_WORDS_MS } from './mid-voice.js';
import type { SpeechHandle } from './speech-handle.js';
import { wordCount } from './text.js';

/**
 * ducked: the output is turned down, the strategies listen;
 * paused: speech lasted speakingInterruptDurationMs, playback waits (nothing thrown away);
 * settling: the user stopped without a yes: a late transcript or the false-alarm timeout decides.
 */
export type AttemptPhase = 'ducked' | 'paused' | 'settling';

export class BargeInAttempt {
  phase: AttemptPhase = 'ducked';
  /** Playback is paused by this attempt (the queue's pause is global: undo it when the attempt ends). */
  paused = false;
  /** Playback resumed at a gap after an acknowledgement; speech after the gap pauses it again. */
  resumedInGap = false;
  /** How many words the attempt's text has now (finals of earlier segments and the latest hypothesis). */
  words = 0;
  /** Playing on in mid-voice (mid-voice.ts): the words there were when it went on, or at the last backchannel words since. */
  watchedWords: number | null = null;
  /** The VAD sees a gap in the speech now (the person has probably stopped). */
  inGap = false;
  /** The final for the speech so far came with words (asked at a pause in it): another comes only if the person goes on. An empty final is not one. */
  finalHeard = false;
  /** Finals of earlier segments of this attempt, so "no ... wait" counts as one utterance. */
  priorText = '';
  private falseAlarmReported = false;
  private timer: TimerHandle | undefined;
  /** What the pending timer is for: only the held-opener wait at a gap is asked about (`confirming`). */
  private timerKind: 'step' | 'confirm' = 'step';

  constructor(
    readonly speech: SpeechHandle,
    /** The detected onset of the attempt's latest speech segment. */
    public onsetMs: number,
    private readonly clock: Clock,
  ) {}

  /** The full text of the attempt with the current segment's hypothesis. */
  textWith(segment: string): string {
    return [this.priorText, segment].filter((t) => t.trim().length > 0).join(' ');
  }

  /** The current segment's latest hypothesis (`final`: the recognizer is done with it): the attempt's full text now. */
  hear(segment: string, final: boolean): string {
    const full = this.textWith(segment);
    this.words = wordCount(full);
    if (final) this.priorText = full;
    return full;
  }

  /** True once per attempt: the false alarm is reported at most once (at a gap or at the end). */
  claimFalseAlarm(): boolean {
    if (this.falseAlarmReported) return false;
    this.falseAlarmReported = true;
    return true;
  }

  /** One timer at a time: the pause timer while ducked, the held-opener wait while paused in a gap (`waitInGap`), the recover timer while settling. */
  schedule(delayMs: number, fn: () => void, kind: 'step' | 'confirm' = 'step'): void {
    this.cancelTimer();
    this.timerKind = kind;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        fn();
      },
      Math.max(0, delayMs),
    );
  }

  /** After a held opener at the gap: `fn` in HELD_GAP_CONFIRM_MS, unless the voice comes back first (`cancelTimer`). A wait under way goes on as it is. */
  waitInGap(fn: () => void): void {
    if (!this.confirming) this.schedule(HELD_GAP_CONFIRM_MS, fn, 'confirm');
  }

  /** Playing on in mid-voice: `fn` in MID_VOICE_WORDS_MS unless more backchannel words come first (this is called again then). */
  watchForWords(fn: () => void): void {
    this.watchedWords = this.words;
    this.schedule(MID_VOICE_WORDS_MS, fn);
  }

  /** The agent waits, paused in the user's gap, to see whether the voice comes back after a held opener (gap-resume.ts). */
  get confirming(): boolean {
    return this.timer !== undefined && this.timerKind === 'confirm';
  }

  cancelTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
