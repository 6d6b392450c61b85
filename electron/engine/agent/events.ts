/** Events the session emits for the renderer (mapped onto contract events by the services layer). */
import type { InterruptSource } from '../turn/speech-handle.js';
import type { AudioFrame } from '../audio/frame.js';
import type { AgentState } from './agent-state.js';
import type { LatencyBudget } from './latency-budget.js';
import type { TranscriptRecord } from './transcript.js';

export type AgentSessionEvents = {
  state: [{ state: AgentState; previous: AgentState; tMs: number }];
  userStartedSpeaking: [{ tMs: number }];
  userStoppedSpeaking: [{ tMs: number }];
  agentStartedSpeaking: [{ tMs: number; turnId: string }];
  agentStoppedSpeaking: [{ tMs: number; turnId: string; interrupted: boolean }];
  interrupted: [
    {
      tMs: number;
      turnId: string;
      heardText: string;
      unheardText: string;
      playedMs: number;
      reason: InterruptSource;
      strategy: string | null;
      cutMethod: 'wordTimestamps' | 'proportional' | 'speakingRate';
    },
  ];
  /** The agent went on: `reason` says why the speech was not an interruption. */
  falseInterruption: [{ tMs: number; resumed: boolean; reason: string | null }];
  /**
   * Lifecycle marks for timelines and debugging: ducked (`tentative` on a tentative VAD onset),
   * paused, unducked (`withdrawn` when a tentative duck is undone because no speech followed).
   */
  bargeIn: [{ tMs: number; type: 'ducked' | 'paused' | 'resumed' | 'unducked'; tentative?: boolean; withdrawn?: boolean }];
  /** User speech over the agent while interruptions are off. */
  userSpeechWhileOff: [{ tMs: number; mode: 'ignore' | 'append' }];
  transcript: [TranscriptRecord];
  metric: [{ tMs: number; name: 'bargeInLatencyMs' | 'timeToFirstAudioMs'; valueMs: number }];
  /** Voice-to-voice latency of a reply, stage by stage; at its first sample written. */
  latencyBudget: [{ tMs: number; budget: LatencyBudget }];
  /** An early answer (preemptive generation) was started, used at the end of the turn, or dropped unheard. */
  preemptive: [{ tMs: number; outcome: 'started' | 'used' | 'dropped' }];
  vadProbability: [{ tMs: number; p: number }];
  /** Every mic frame as voice detection gets it (echo cancelled / gated): the level meter, simulate's mic-cancelled.wav. */
  micProcessed: [AudioFrame];
  error: [{ tMs: number; source: 'stt' | 'llm' | 'tts' | 'vad' | 'session'; message: string }];
};
