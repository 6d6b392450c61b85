/**
 * The barge-in lifecycle while the agent speaks (docs/architecture.md):
 *   0. tentative onset (the VAD is unsure yet): duck at once; un-duck if it is withdrawn;
 *   1. onset: duck the output at once (same call stack as the VAD event);
 *   2. candidate: speech lasted `speakingInterruptDurationMs` -> pause, nothing thrown away;
 *   3. decide: strategies are asked on every audio frame and transcript update (and at the end
 *      of the user's speech at the latest); the first yes interrupts, even before step 2;
 *   4. interrupt: clear playback (inaudible now), cancel the TTS turn;
 *   5. false alarm: the user stopped and no strategy said yes: after
 *      `falseInterruptionTimeoutMs` of quiet, resume from the paused position and un-duck;
 *      sooner, still ducked, at a gap in the user's speech when it says backchannel (gap-resume.ts).
 * While the agent is silent, speech is accepted after `interruptDurationMs` (no strategies; AcceptTimer).
 * With interruptions off, speech over the agent is reported as ignored or deferred (append).
 *
 * The controller takes the events and decides (3); the reversible steps (0-2, going on early, 5) are AttemptSteps'
 * (attempt-steps.ts), and the irreversible one (4) is the controller's alone.
 *
 * This controller is the one owner of "make the agent silent": it alone clears playback and
 * cancels the TTS turn, through its private AgentOutput (`silence`). The agent's utterance is a SpeechHandle and each barge-in
 * attempt a BargeInAttempt; both are let go BEFORE playback is cleared, so the queue's
 * synchronous `playbackFinished` for the cleared turn finds nothing left to stop.
 */
import { EventEmitter } from 'node:events';
import type { AudioFrame } from '../audio/frame.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { AcceptTimer } from './accept-timer.js';
import { AgentOutput } from './agent-output.js';
import { AttemptSteps, type EmitBargeIn } from './attempt-steps.js';
import { BargeInAttempt } from './barge-in-attempt.js';
import type { BargeInEvents, BargeInOptions, ControllerPhase } from './barge-in-types.js';
import { goesOnAfterWords, goesOnAtGap, pausesAgainAfterGap, pausesForWordsAtEnd, voicePauseIsGap } from './gap-resume.js';
import { wordsWhilePlayingOn } from './mid-voice.js';
import type { PlaybackControl, TtsTurnControl } from './ports.js';
import { SpeechHandle, type InterruptSource } from './speech-handle.js';
import type { InterruptionDecider } from './strategies/interruption-decider.js';

export type { InterruptSource } from './speech-handle.js';
export type { BargeInEvents, BargeInOptions, ControllerPhase, InterruptedEvent } from './barge-in-types.js';
export { MIN_SPEECH_BEFORE_GAP_MS } from './gap-resume.js';

export class BargeInController extends EventEmitter<BargeInEvents> {
  private options: BargeInOptions;
  /** The agent's utterance being heard; null while the agent is silent. */
  private speech: SpeechHandle | null = null;
  /** Ducked on a tentative onset, before any attempt. */
  private tentative = false;
  private attempt: BargeInAttempt | null = null;
  private userSpeaking = false;
  private readonly acceptTimer: AcceptTimer;
  /** Playback and the TTS turn, as this controller alone drives them. */
  private readonly output: AgentOutput;
  /** Duck, pause, go on, recover: the same output without `silence`. */
  private readonly steps: AttemptSteps;
  /** The strategies; replaced when the conversation settings change (replaceDecider). */
  private decider: InterruptionDecider;

  constructor(
    private readonly deps: {
      clock: Clock;
      playback: PlaybackControl;
      tts: TtsTurnControl;
      decider: InterruptionDecider;
      logger?: Logger;
    },
    options: BargeInOptions,
  ) {
    super();
    this.options = { ...options };
    this.acceptTimer = new AcceptTimer(deps.clock);
    this.output = new AgentOutput(deps.playback, deps.tts, deps.logger);
    this.decider = deps.decider;
    this.steps = new AttemptSteps({
      clock: deps.clock,
      output: this.output,
      // The steps' events only (no 'interrupted'); the emitter itself takes them all, so the cast only narrows.
      emit: this.emit.bind(this) as EmitBargeIn,
      options: () => this.options,
      decider: () => this.decider,
      current: () => this.attempt,
      userSpeaking: () => this.userSpeaking,
    });
  }

  get phase(): ControllerPhase {
    if (this.speech === null) return 'agentSilent';
    if (this.attempt) return this.attempt.phase;
    return this.tentative ? 'tentative' : 'agentSpeaking';
  }

  /** The utterance being heard, if any. */
  get speaking(): SpeechHandle | null {
    return this.speech;
  }

  /** Live settings change; applies from the next user onset. */
  updateOptions(options: Partial<BargeInOptions>): void {
    this.options = { ...this.options, ...options };
  }

  replaceDecider(decider: InterruptionDecider): void {
    this.decider = decider;
  }

  // ---- agent side ----

  /** The turn's first audio is being heard: its utterance becomes the one barge-in acts on. */
  agentStartedSpeaking(speech: SpeechHandle): void {
    // A new turn while the last one was ducked or paused (it drained under us): the queue's
    // duck and pause are global, so the new turn would start ducked. Restore them first.
    this.letGo();
    this.acceptTimer.clear();
    this.speech = speech;
    // Speech already in progress when the agent starts: treat it as an onset now.
    if (this.userSpeaking) this.onSpeechStart(this.deps.clock.nowMs());
  }

  /**
   * The turn finished playing (or was cleared). Only the utterance being heard counts: a turn
   * this controller already ended (cut, replaced) is over for it, so this is a no-op then.
   */
  agentStoppedSpeaking(turnId: string): void {
    const speech = this.speech;
    if (speech === null || speech.turnId !== turnId) return;
    this.letGo();
    this.acceptTimer.clear();
    this.decider.reset();
    speech.end({ kind: 'playedOut' });
  }

  /**
   * A reply the user never heard is dropped (the user took the floor while the agent was
   * thinking, or an early answer was not used): its TTS turn is cancelled and anything of it
   * already queued is cleared. `null`: the reply had sent no text to TTS yet.
   */
  abandonUnheardTurn(speech: SpeechHandle | null): void {
    if (speech !== null && speech === this.speech) return; // heard: that is an interrupt
    speech?.end({ kind: 'dropped' });
    this.output.silence(speech?.turnId ?? null);
  }

  // ---- user side (from the VAD, the recognizer and the mic) ----

  /** The VAD is unsure yet: duck now (cheap, reversible), so a real onset is already ducked. */
  onSpeechLikely(_tMs: number): void {
    if (this.phase !== 'agentSpeaking' || this.options.interruptions === 'off') return;
    this.tentative = true;
    this.steps.duck(this.speech!.turnId, true);
  }

  /** The tentative onset was withdrawn: un-duck. */
  onSpeechUnlikely(_tMs: number): void {
    if (this.phase !== 'tentative') return;
    this.tentative = false;
    this.steps.unduck(this.speech!.turnId, true);
  }

  onSpeechStart(tMs: number): void {
    this.userSpeaking = true;
    const now = this.deps.clock.nowMs();
    const speech = this.speech;
    if (speech === null) {
      this.acceptTimer.start(tMs, this.options.interruptDurationMs, () => {
        if (this.userSpeaking) this.emit('userSpeechAccepted', { tMs: this.deps.clock.nowMs(), onsetMs: tMs });
      });
      return;
    }
    if (this.options.interruptions === 'off') {
      // Interruptions were turned off after a tentative duck: nothing will undo it but this.
      if (this.tentative) this.onSpeechUnlikely(tMs);
      this.emit('userSpeechWhileOff', { tMs: now, mode: this.options.whenOff });
      return;
    }
    let attempt = this.attempt;
    if (attempt === null) {
      this.decider.reset();
      attempt = new BargeInAttempt(speech, tMs, this.deps.clock);
      this.attempt = attempt;
      if (!this.tentative) this.steps.duck(speech.turnId, false, now);
      this.tentative = false;
    } else {
      // From 'settling' the user spoke again: same attempt, the strategies keep what they heard.
      attempt.onsetMs = tMs;
      attempt.cancelTimer();
      this.decider.setVoiceStopped(false);
    }
    attempt.inGap = false;
    attempt.finalHeard = false;
    attempt.phase = attempt.paused ? 'paused' : 'ducked';
    if (!attempt.paused) {
      const current = attempt;
      attempt.schedule(tMs + this.options.speakingInterruptDurationMs - now, () => this.onCandidate(current));
    }
    this.evaluate();
  }

  /** A frame of the user's speech (16 kHz mono), fed while the VAD says speech. */
  onUserAudio(frame: AudioFrame): void {
    if (this.attempt === null) return;
    this.decider.appendAudio(frame);
    this.evaluate();
  }

  /** Interim or final transcript of the current speech segment. */
  onTranscript(text: string, final: boolean): void {
    const attempt = this.attempt;
    if (attempt === null) return;
    const full = attempt.hear(text, final);
    this.decider.setText(full, final);
    // A final with no words is no answer: the recognizer heard nothing there (a pause inside "stop ... talking please",
    // a dropped word). It does not count as the words saying "no interruption"; they may still come.
    const saidWords = final && text.trim() !== '';
    if (saidWords) attempt.finalHeard = true;
    if (this.evaluate()) return;
    const playingOn = wordsWhilePlayingOn(attempt, this.decider);
    // The user is done and the words did not make it an interruption: no reason to keep the agent waiting.
    if (final && attempt.phase === 'settling') this.settle(attempt, 0);
    else if (playingOn === 'more') this.steps.watchForWords(attempt);
    else if (playingOn === 'moved') this.steps.pause(attempt);
    else if (goesOnAfterWords(attempt, this.decider, saidWords)) this.steps.goOnAtGap(attempt);
    else if (pausesForWordsAtEnd(attempt, this.decider)) this.steps.pause(attempt);
  }

  /** `finalOwed`: a final transcript is still to come (false when the one asked at a pause already came). */
  onSpeechEnd(_tMs: number, finalOwed = true): void {
    this.userSpeaking = false;
    this.acceptTimer.clear();
    const attempt = this.attempt;
    if (attempt === null || attempt.phase === 'settling') return;
    attempt.cancelTimer();
    // Words that waited for the person to stop ("no no" at a pause that could have become "no no, go on") decide now.
    this.decider.setVoiceStopped(true);
    if (this.evaluate()) return;
    // A recognizer's final may still say yes (it settles at once otherwise); with no words
    // coming, or no strategies, nothing can change: resume now.
    const nothingMore = this.decider.words === 'none' || (this.decider.anySpeechInterrupts && !attempt.paused) || !finalOwed;
    this.settle(attempt, nothingMore ? 0 : this.options.falseInterruptionTimeoutMs);
  }

  /** The VAD sees a gap in the user's speech: a paused agent may go on, still ducked (gap-resume.ts). */
  onSpeechGap(tMs: number): void {
    const attempt = this.attempt;
    if (attempt !== null && goesOnAtGap(attempt, this.decider, tMs)) this.steps.goOnAtGap(attempt);
  }

  /** The user's pause by the voice's level (user-input.ts); whether it is the gap: gap-resume.ts. */
  onVoicePause(tMs: number): void {
    if (voicePauseIsGap(this.decider)) this.onSpeechGap(tMs);
  }

  /** The voice goes on after `onVoicePause`. */
  onVoiceResume(tMs: number): void {
    if (voicePauseIsGap(this.decider)) this.onSpeechGapEnd(tMs);
  }

  /** The user speaks again after the gap: if the agent went on there, pause again and let the strategies go on. */
  onSpeechGapEnd(_tMs: number): void {
    const attempt = this.attempt;
    if (attempt === null) return;
    // The voice came back while the agent waited after a held opener: it was the comma in "sure, but…"; it never went on.
    if (attempt.confirming) attempt.cancelTimer();
    if (!pausesAgainAfterGap(attempt)) return;
    this.steps.pause(attempt);
    this.evaluate();
  }

  /** The VAD withdrew an onset (too short to be speech): recover at once, paused or not (the recognizer is reset with it: no final can still decide). */
  onMisfire(): void {
    this.userSpeaking = false;
    this.acceptTimer.clear();
    const attempt = this.attempt;
    if (attempt === null || attempt.phase === 'settling') return;
    attempt.cancelTimer();
    this.settle(attempt, 0);
  }

  /**
   * Stops the agent now, skipping duck/pause/decide (button, hotkey, tray, API). Returns false
   * when the agent is not speaking (a no-op).
   */
  interruptNow(source: InterruptSource): boolean {
    if (this.speech === null) return false;
    this.interrupt(source, null);
    return true;
  }

  dispose(): void {
    this.attempt?.cancelTimer();
    this.acceptTimer.clear();
    this.removeAllListeners();
  }

  // ---- internals ----

  private onCandidate(attempt: BargeInAttempt): void {
    if (this.attempt !== attempt || attempt.phase !== 'ducked') return;
    this.steps.pause(attempt);
    if (this.decider.anySpeechInterrupts) {
      this.interrupt('voice', 'anySpeech');
      return;
    }
    this.evaluate();
  }

  /** Asks the strategies; interrupts on a yes. Returns whether it interrupted. */
  private evaluate(): boolean {
    if (this.attempt === null || this.decider.anySpeechInterrupts) return false;
    const decision = this.decider.decide();
    if (!decision.interrupt) return false;
    this.interrupt('voice', decision.strategy);
    return true;
  }

  private settle(attempt: BargeInAttempt, delayMs: number): void {
    attempt.phase = 'settling';
    // A later segment of this attempt starts its own pause timer; a gap resume does not carry over.
    attempt.resumedInGap = false;
    attempt.schedule(delayMs, () => this.recover(attempt));
  }

  /** A false alarm: the attempt ends, playback goes on where it stood. */
  private recover(attempt: BargeInAttempt): void {
    if (this.attempt !== attempt || attempt.phase !== 'settling') return;
    this.attempt = null;
    this.steps.recover(attempt);
  }

  private interrupt(source: InterruptSource, strategy: string | null): void {
    const speech = this.speech;
    if (speech === null) return;
    const attempt = this.attempt;
    const playedMs = speech.playedMs;
    // Let the utterance and the attempt go first: clearing playback announces the cleared turn
    // synchronously, and that announcement must find nothing left to stop.
    this.speech = null;
    this.attempt = null;
    this.tentative = false;
    attempt?.cancelTimer();
    this.acceptTimer.clear();
    speech.end({ kind: 'interrupted', source });
    this.output.silence(speech.turnId);
    // The queue's pause/duck are global: restore them so the next turn plays normally.
    this.output.restore(attempt?.paused ?? false);
    this.decider.reset();
    this.emit('interrupted', {
      tMs: this.deps.clock.nowMs(),
      speech,
      reason: source,
      strategy,
      onsetMs: source === 'voice' ? (attempt?.onsetMs ?? null) : null,
      playedMs,
    });
  }

  /** The utterance ends for barge-in (played out, or replaced): drop the attempt, restore the queue. */
  private letGo(): void {
    const attempt = this.attempt;
    const wasDucked = attempt !== null || this.tentative;
    attempt?.cancelTimer();
    this.attempt = null;
    this.tentative = false;
    this.speech = null;
    if (wasDucked) this.output.restore(attempt?.paused ?? false);
  }
}
