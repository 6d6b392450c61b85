/**
 * The barge-in controller's settings, events and phases: what the rest of the engine sees of it
 * (agent-session listens to these events; settings feed BargeInOptions).
 */
import type { InterruptSource, SpeechHandle } from './speech-handle.js';

export interface BargeInOptions {
  interruptions: 'on' | 'off';
  whenOff: 'ignore' | 'append';
  speakingInterruptDurationMs: number;
  interruptDurationMs: number;
  falseInterruptionTimeoutMs: number;
  duckDb: number;
  duckRampMs: number;
}

export interface InterruptedEvent {
  tMs: number;
  /** The utterance that was cut (ended, its playout position fixed at the cut): what was heard of it is `speech.heard()`. */
  speech: SpeechHandle;
  /** The person's voice, or the manual control that stopped the agent. */
  reason: InterruptSource;
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
  /** The paused agent goes on (still ducked) before the attempt ends: every time, also after pausing again in one attempt (falseInterruption is told once). */
  resumed: [{ tMs: number; turnId: string }];
  interrupted: [InterruptedEvent];
  /** `reason`: why the speech was not an interruption, in words ("\"oh wow\" is only surprise"). */
  falseInterruption: [{ tMs: number; turnId: string; resumed: boolean; reason: string | null }];
  /** `withdrawn`: a tentative duck undone because no speech followed. */
  unducked: [{ tMs: number; turnId: string; withdrawn: boolean }];
  /** User speech while the agent is silent lasted `interruptDurationMs`: it is the user's turn now. */
  userSpeechAccepted: [{ tMs: number; onsetMs: number }];
  /** User speech over the agent with interruptions off. */
  userSpeechWhileOff: [{ tMs: number; mode: 'ignore' | 'append' }];
}

/** Where the controller is in the lifecycle. */
export type ControllerPhase =
  | 'agentSilent'
  | 'agentSpeaking'
  /** Ducked on a tentative onset; no attempt yet (strategies are not asked). */
  | 'tentative'
  | 'ducked'
  | 'paused'
  /** The user stopped without a yes: waiting for a late transcript or the false-alarm timeout. */
  | 'settling';
