/**
 * The reversible steps of a barge-in attempt on the agent's output: duck (0, 1), pause (2), go on before the user is
 * done (at the gap, after a held opener's wait, or in mid-voice), pause again when the mid-voice wait runs out, and
 * recover at the end of a false alarm (5); each with the event the app sees. The controller decides when
 * (barge-in-controller.ts, with the rules of gap-resume.ts and mid-voice.ts); these do it. Making the agent silent is
 * not among them: the steps get the output without `silence`, so the controller stays its one owner.
 */
import type { Clock } from '../clock.js';
import type { AgentOutput } from './agent-output.js';
import type { BargeInAttempt } from './barge-in-attempt.js';
import type { BargeInEvents, BargeInOptions } from './barge-in-types.js';
import { goesOnAfterWait, waitsAtGap } from './gap-resume.js';
import { pausesForNoWords } from './mid-voice.js';
import type { InterruptionDecider } from './strategies/interruption-decider.js';

/** The output short of silence: turned down, paused and resumed, never cleared. */
export type ReversibleOutput = Pick<AgentOutput, 'duck' | 'unduck' | 'pause' | 'resume'>;

/** The events of the steps: never `interrupted`, which only the controller's irreversible step tells. */
type StepEvents = Pick<BargeInEvents, 'ducked' | 'unducked' | 'paused' | 'resumed' | 'falseInterruption'>;
export type EmitBargeIn = <K extends keyof StepEvents>(event: K, ...args: StepEvents[K]) => boolean;

export interface AttemptStepsDeps {
  clock: Clock;
  output: ReversibleOutput;
  /** The controller's emitter: the events are the controller's. */
  emit: EmitBargeIn;
  /** The controller's live settings and strategies (both may be replaced between calls). */
  options: () => BargeInOptions;
  decider: () => InterruptionDecider;
  /** The controller's attempt now: a timer of an attempt that has ended does nothing. */
  current: () => BargeInAttempt | null;
  userSpeaking: () => boolean;
}

export class AttemptSteps {
  private readonly deps: Omit<AttemptStepsDeps, 'output'>;
  /** The four steps alone, not the object given: the controller hands over its whole AgentOutput, `silence` and all. */
  private readonly output: ReversibleOutput;

  constructor({ output, ...deps }: AttemptStepsDeps) {
    this.deps = deps;
    this.output = {
      duck: (db, rampMs) => output.duck(db, rampMs),
      unduck: (rampMs) => output.unduck(rampMs),
      pause: () => output.pause(),
      resume: () => output.resume(),
    };
  }

  /** Turns the agent down (`tentative`: the VAD is unsure yet, undone if it withdraws the onset). */
  duck(turnId: string, tentative: boolean, tMs = this.deps.clock.nowMs()): void {
    const { duckDb, duckRampMs } = this.deps.options();
    this.output.duck(duckDb, duckRampMs);
    this.deps.emit('ducked', { tMs, turnId, tentative });
  }

  /** Back to full level (`withdrawn`: a tentative duck with no speech after it). */
  unduck(turnId: string, withdrawn: boolean): void {
    this.output.unduck(this.deps.options().duckRampMs);
    this.deps.emit('unducked', { tMs: this.deps.clock.nowMs(), turnId, withdrawn });
  }

  pause(attempt: BargeInAttempt): void {
    this.output.pause();
    attempt.paused = true;
    attempt.phase = 'paused';
    this.deps.emit('paused', { tMs: this.deps.clock.nowMs(), turnId: attempt.speech.turnId, playedMs: attempt.speech.playedMs });
  }

  /** At the gap (or words in it): the agent goes on now, or after a held opener once the voice stays away (gap-resume.ts). */
  goOnAtGap(attempt: BargeInAttempt): void {
    if (waitsAtGap(this.deps.decider())) {
      attempt.waitInGap(() => {
        if (this.deps.current() === attempt && goesOnAfterWait(attempt, this.deps.decider())) this.goOn(attempt);
      });
      return;
    }
    attempt.cancelTimer();
    this.goOn(attempt);
  }

  /** Gone on while the voice still runs: it pauses again unless the voice brings more backchannel words in time (mid-voice.ts). */
  watchForWords(attempt: BargeInAttempt): void {
    attempt.watchForWords(() => {
      if (this.deps.current() === attempt && pausesForNoWords(attempt, this.deps.userSpeaking())) this.pause(attempt);
    });
  }

  /** The attempt has ended as a false alarm (the controller let it go): playback goes on where it stood, at full level. */
  recover(attempt: BargeInAttempt): void {
    if (attempt.paused) {
      this.output.resume();
      this.reportFalseAlarm(attempt);
    }
    this.deps.decider().reset();
    this.unduck(attempt.speech.turnId, false);
  }

  /** The agent goes on, still ducked, before the user is done: a false alarm so far. */
  private goOn(attempt: BargeInAttempt): void {
    this.output.resume();
    attempt.paused = false;
    attempt.resumedInGap = true;
    attempt.phase = 'ducked';
    this.deps.emit('resumed', { tMs: this.deps.clock.nowMs(), turnId: attempt.speech.turnId });
    this.reportFalseAlarm(attempt);
    if (!attempt.inGap && this.deps.userSpeaking()) this.watchForWords(attempt);
  }

  private reportFalseAlarm(attempt: BargeInAttempt): void {
    if (!attempt.claimFalseAlarm()) return;
    const reason = this.deps.decider().decide().reason;
    this.deps.emit('falseInterruption', { tMs: this.deps.clock.nowMs(), turnId: attempt.speech.turnId, resumed: true, reason });
  }
}
