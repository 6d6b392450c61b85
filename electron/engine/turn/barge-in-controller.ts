/**
 * The barge-in lifecycle while the agent speaks (architecture.md):
 *   0. tentative onset (the VAD is unsure yet): duck at once; un-duck if it is withdrawn;
 *   1. onset: duck the output at once (same call stack as the VAD event);
 *   2. candidate: speech lasted `speakingInterruptDurationMs` -> pause, nothing thrown away;
 *   3. decide: strategies are asked on every audio frame and transcript update (and at the end
 *      of the user's speech at the latest); the first yes interrupts, even before step 2;
 *   4. interrupt: clear playback (inaudible now), cancel the TTS turn;
 *   5. false alarm: the user stopped and no strategy said yes: after
 *      `falseInterruptionTimeoutMs` of quiet, resume from the paused position and un-duck.
 *      Sooner when the words so far are only an acknowledgement ("okay"): playback resumes
 *      (still ducked) at the VAD's first gap in the speech, and pauses again if the user goes on.
 * While the agent is silent, speech is accepted after `interruptDurationMs` (no strategies).
 * With interruptions off, speech over the agent is reported as ignored or deferred (append).
 */
import { EventEmitter } from 'node:events';
import type { AudioFrame } from '../audio/frame.js';
import type { Clock, TimerHandle } from '../clock.js';
import { nullLogger, type Logger } from '../logger.js';
import type { PlaybackControl, TtsTurnControl } from './ports.js';
import type { InterruptionDecider } from './strategies/interruption-decider.js';

export interface BargeInOptions {
  interruptions: 'on' | 'off';
  whenOff: 'ignore' | 'append';
  speakingInterruptDurationMs: number;
  interruptDurationMs: number;
  falseInterruptionTimeoutMs: number;
  duckDb: number;
  duckRampMs: number;
}

export type InterruptReason = 'voice' | 'manual';

export interface InterruptedEvent {
  tMs: number;
  turnId: string;
  reason: InterruptReason;
  /** The strategy that said yes ("anySpeech" when none is configured); null for manual. */
  strategy: string | null;
  /** Detected onset of the user's speech (null for manual). */
  onsetMs: number | null;
  /** What the listener had heard of the turn when it stopped. */
  playedMs: number;
}

export interface BargeInEvents {
  /** `tentative`: on a tentative onset, undone if the VAD withdraws it. */
  ducked: [{ tMs: number; turnId: string; tentative: boolean }];
  paused: [{ tMs: number; turnId: string; playedMs: number }];
  interrupted: [InterruptedEvent];
  falseInterruption: [{ tMs: number; turnId: string; resumed: boolean }];
  /** `withdrawn`: a tentative duck undone because no speech followed. */
  unducked: [{ tMs: number; turnId: string; withdrawn: boolean }];
  /** User speech while the agent is silent lasted `interruptDurationMs`: it is the user's turn now. */
  userSpeechAccepted: [{ tMs: number; onsetMs: number }];
  /** User speech over the agent with interruptions off. */
  userSpeechWhileOff: [{ tMs: number; mode: 'ignore' | 'append' }];
}

/** Where the controller is in the lifecycle. */
export type BargeInPhase =
  | 'agentSilent'
  | 'agentSpeaking'
  /** Ducked on a tentative onset; no attempt yet (strategies are not asked). */
  | 'tentative'
  | 'ducked'
  | 'paused'
  /** The user stopped without a yes: waiting for a late transcript or the false-alarm timeout. */
  | 'settling';

export class BargeInController extends EventEmitter<BargeInEvents> {
  private options: BargeInOptions;
  private phaseNow: BargeInPhase = 'agentSilent';
  private agentTurnId: string | null = null;
  private userSpeaking = false;
  private onsetMs: number | null = null;
  private wasPaused = false;
  /** Playback resumed at a gap after an acknowledgement; speech again pauses it again. */
  private resumedInGap = false;
  /** This attempt already said it was a false alarm (at a gap): one event per attempt. */
  private falseAlarmReported = false;
  /** Finals of earlier segments within this barge-in attempt, so "no ... wait" counts as one utterance. */
  private priorText = '';
  private pauseTimer: TimerHandle | undefined;
  private recoverTimer: TimerHandle | undefined;
  private acceptTimer: TimerHandle | undefined;

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
  }

  get phase(): BargeInPhase {
    return this.phaseNow;
  }

  get speakingTurnId(): string | null {
    return this.agentTurnId;
  }

  /** Live settings change; applies from the next user onset. */
  updateOptions(options: Partial<BargeInOptions>): void {
    this.options = { ...this.options, ...options };
  }

  replaceDecider(decider: InterruptionDecider): void {
    (this.deps as { decider: InterruptionDecider }).decider = decider;
  }

  // ---- agent side ----

  agentStartedSpeaking(turnId: string): void {
    // A new turn while the last one was ducked or paused (it drained under us): the queue's
    // duck and pause are global, so the new turn would start ducked. Restore them first.
    if (this.phaseNow !== 'agentSpeaking' && this.phaseNow !== 'agentSilent') this.restoreQueue();
    this.clearTimers();
    this.agentTurnId = turnId;
    this.phaseNow = 'agentSpeaking';
    // Speech already in progress when the agent starts: treat it as an onset now.
    if (this.userSpeaking) this.onSpeechStart(this.deps.clock.nowMs());
  }

  /** The turn finished playing (or was cleared). Ignored for any other turn than the speaking one. */
  agentStoppedSpeaking(turnId: string): void {
    if (turnId !== this.agentTurnId) return;
    const wasDucked = this.phaseNow !== 'agentSpeaking' && this.phaseNow !== 'agentSilent';
    this.clearTimers();
    this.agentTurnId = null;
    this.phaseNow = 'agentSilent';
    this.deps.decider.reset();
    if (wasDucked) this.restoreQueue();
  }

  /** Un-pauses and un-ducks the queue at once; the attempt's playback flags go with it. */
  private restoreQueue(): void {
    if (this.wasPaused) this.deps.playback.resume();
    this.deps.playback.unduck(0);
    this.wasPaused = false;
    this.resumedInGap = false;
  }

  // ---- user side (from the VAD, the recognizer and the mic) ----

  /** The VAD is unsure yet: duck now (cheap, reversible), so a real onset is already ducked. */
  onSpeechLikely(_tMs: number): void {
    if (this.phaseNow !== 'agentSpeaking' || this.agentTurnId === null || this.options.interruptions === 'off') return;
    this.phaseNow = 'tentative';
    this.deps.playback.duck(this.options.duckDb, this.options.duckRampMs);
    this.emit('ducked', { tMs: this.deps.clock.nowMs(), turnId: this.agentTurnId, tentative: true });
  }

  /** The tentative onset was withdrawn: un-duck. */
  onSpeechUnlikely(_tMs: number): void {
    if (this.phaseNow !== 'tentative' || this.agentTurnId === null) return;
    this.phaseNow = 'agentSpeaking';
    this.deps.playback.unduck(this.options.duckRampMs);
    this.emit('unducked', { tMs: this.deps.clock.nowMs(), turnId: this.agentTurnId, withdrawn: true });
  }

  onSpeechStart(tMs: number): void {
    this.userSpeaking = true;
    this.onsetMs = tMs;
    const now = this.deps.clock.nowMs();
    if (this.agentTurnId === null) {
      this.clearTimer('acceptTimer');
      this.acceptTimer = this.deps.clock.setTimeout(() => {
        this.acceptTimer = undefined;
        if (this.userSpeaking) this.emit('userSpeechAccepted', { tMs: this.deps.clock.nowMs(), onsetMs: tMs });
      }, Math.max(0, tMs + this.options.interruptDurationMs - now));
      return;
    }
    if (this.options.interruptions === 'off') {
      // Interruptions were turned off after a tentative duck: nothing will undo it but this.
      if (this.phaseNow === 'tentative') this.onSpeechUnlikely(tMs);
      this.emit('userSpeechWhileOff', { tMs: now, mode: this.options.whenOff });
      return;
    }
    const turnId = this.agentTurnId;
    if (this.phaseNow === 'agentSpeaking' || this.phaseNow === 'tentative') {
      this.deps.decider.reset();
      this.priorText = '';
      this.wasPaused = false;
      this.resumedInGap = false;
      this.falseAlarmReported = false;
      if (this.phaseNow === 'agentSpeaking') {
        this.deps.playback.duck(this.options.duckDb, this.options.duckRampMs);
        this.emit('ducked', { tMs: now, turnId, tentative: false });
      }
    }
    // From 'settling' the user spoke again: same attempt, the strategies keep what they heard.
    this.clearTimer('recoverTimer');
    this.phaseNow = this.wasPaused ? 'paused' : 'ducked';
    if (!this.wasPaused) {
      this.clearTimer('pauseTimer');
      this.pauseTimer = this.deps.clock.setTimeout(
        () => this.onCandidate(),
        Math.max(0, tMs + this.options.speakingInterruptDurationMs - now),
      );
    }
    this.evaluate();
  }

  /** A frame of the user's speech (16 kHz mono), fed while the VAD says speech. */
  onUserAudio(frame: AudioFrame): void {
    if (!this.inAttempt()) return;
    this.deps.decider.appendAudio(frame);
    this.evaluate();
  }

  /** Interim or final transcript of the current speech segment. */
  onTranscript(text: string, final: boolean): void {
    if (!this.inAttempt()) return;
    const full = [this.priorText, text].filter((t) => t.trim().length > 0).join(' ');
    this.deps.decider.setText(full, final);
    if (final) this.priorText = full;
    if (this.evaluate()) return;
    // The user is done and said only an acknowledgement: no reason to keep the agent waiting.
    if (final && this.phaseNow === 'settling' && this.deps.decider.decide().interrupt === false && this.vetoed()) {
      this.settle(0);
    }
  }

  private vetoed(): boolean {
    const d = this.deps.decider.decide();
    return !d.interrupt && d.vetoedBy !== null;
  }

  onSpeechEnd(_tMs: number): void {
    this.userSpeaking = false;
    this.clearTimer('acceptTimer');
    if (this.phaseNow !== 'ducked' && this.phaseNow !== 'paused') return;
    this.clearTimer('pauseTimer');
    if (this.evaluate()) return;
    // With strategies a late final transcript may still say yes; with none nothing can change.
    this.settle(this.deps.decider.anySpeechInterrupts && !this.wasPaused ? 0 : this.options.falseInterruptionTimeoutMs);
  }

  /**
   * The VAD sees a gap in the user's speech. If the agent is paused and the words so far are
   * only an acknowledgement, resume now (still ducked) rather than at the end of the segment.
   */
  onSpeechGap(_tMs: number): void {
    if (this.phaseNow !== 'paused' || this.agentTurnId === null || !this.vetoed()) return;
    this.deps.playback.resume();
    this.wasPaused = false;
    this.resumedInGap = true;
    this.phaseNow = 'ducked';
    this.reportFalseAlarm(this.agentTurnId);
  }

  /** The user speaks again after the gap: pause again, and let the strategies go on. */
  onSpeechGapEnd(_tMs: number): void {
    if (!this.resumedInGap || this.phaseNow !== 'ducked' || this.agentTurnId === null) return;
    this.resumedInGap = false;
    this.pauseNow(this.agentTurnId);
    this.evaluate();
  }

  /** The VAD withdrew an onset (too short to be speech): recover at once. */
  onMisfire(): void {
    this.userSpeaking = false;
    this.clearTimer('acceptTimer');
    if (this.phaseNow !== 'ducked' && this.phaseNow !== 'paused') return;
    this.clearTimer('pauseTimer');
    this.settle(this.wasPaused ? this.options.falseInterruptionTimeoutMs : 0);
  }

  /**
   * Stops the agent now, skipping duck/pause/decide (manual interrupt). Returns false when the
   * agent is not speaking (a no-op).
   */
  interruptNow(reason: InterruptReason = 'manual'): boolean {
    if (this.agentTurnId === null) return false;
    this.interrupt(reason, null);
    return true;
  }

  dispose(): void {
    this.clearTimers();
    this.removeAllListeners();
  }

  // ---- internals ----

  private inAttempt(): boolean {
    return this.phaseNow === 'ducked' || this.phaseNow === 'paused' || this.phaseNow === 'settling';
  }

  private onCandidate(): void {
    this.pauseTimer = undefined;
    if (this.phaseNow !== 'ducked' || this.agentTurnId === null) return;
    this.pauseNow(this.agentTurnId);
    if (this.deps.decider.anySpeechInterrupts) {
      this.interrupt('voice', 'anySpeech');
      return;
    }
    this.evaluate();
  }

  private reportFalseAlarm(turnId: string): void {
    if (this.falseAlarmReported) return;
    this.falseAlarmReported = true;
    this.emit('falseInterruption', { tMs: this.deps.clock.nowMs(), turnId, resumed: true });
  }

  private pauseNow(turnId: string): void {
    this.deps.playback.pause();
    this.wasPaused = true;
    this.phaseNow = 'paused';
    this.emit('paused', { tMs: this.deps.clock.nowMs(), turnId, playedMs: this.deps.playback.playedMs(turnId) });
  }

  /** Asks the strategies; interrupts on a yes. Returns whether it interrupted. */
  private evaluate(): boolean {
    if (!this.inAttempt() || this.deps.decider.anySpeechInterrupts) return false;
    const decision = this.deps.decider.decide();
    if (!decision.interrupt) return false;
    this.interrupt('voice', decision.strategy);
    return true;
  }

  private settle(delayMs: number): void {
    this.phaseNow = 'settling';
    // A later segment of this attempt starts its own pause timer; a gap resume does not carry over.
    this.resumedInGap = false;
    this.clearTimer('recoverTimer');
    this.recoverTimer = this.deps.clock.setTimeout(() => this.recover(), delayMs);
  }

  private recover(): void {
    this.recoverTimer = undefined;
    const turnId = this.agentTurnId;
    if (this.phaseNow !== 'settling' || turnId === null) return;
    const now = this.deps.clock.nowMs();
    this.deps.decider.reset();
    this.priorText = '';
    this.phaseNow = 'agentSpeaking';
    this.resumedInGap = false;
    if (this.wasPaused) {
      this.deps.playback.resume();
      this.reportFalseAlarm(turnId);
    }
    this.wasPaused = false;
    this.deps.playback.unduck(this.options.duckRampMs);
    this.emit('unducked', { tMs: now, turnId, withdrawn: false });
  }

  private interrupt(reason: InterruptReason, strategy: string | null): void {
    const turnId = this.agentTurnId;
    if (turnId === null) return;
    const { playback, tts, clock } = this.deps;
    const playedMs = playback.playedMs(turnId);
    // Inaudible first: the queue drops the turn before anything else can write another sample.
    playback.clear(turnId);
    tts.cancelCurrent().catch((error: unknown) => {
      (this.deps.logger ?? nullLogger).warn('TTS cancel failed', { error: String(error) });
    });
    // The queue's pause/duck are global: restore them so the next turn plays normally.
    this.restoreQueue();
    this.clearTimers();
    this.agentTurnId = null;
    this.phaseNow = 'agentSilent';
    this.priorText = '';
    this.deps.decider.reset();
    this.emit('interrupted', {
      tMs: clock.nowMs(),
      turnId,
      reason,
      strategy,
      onsetMs: reason === 'voice' ? this.onsetMs : null,
      playedMs,
    });
  }

  private clearTimer(name: 'pauseTimer' | 'recoverTimer' | 'acceptTimer'): void {
    if (this[name] !== undefined) this.deps.clock.clearTimeout(this[name]);
    this[name] = undefined;
  }

  private clearTimers(): void {
    this.clearTimer('pauseTimer');
    this.clearTimer('recoverTimer');
    this.clearTimer('acceptTimer');
  }
}
