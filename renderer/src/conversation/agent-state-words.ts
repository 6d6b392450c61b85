/** Words and icons for the agent's state and barge-in phase: never colour alone. */
import type { AgentState, BargeInPhase } from '../../../electron/contract/index';
import type { IconName } from '../components/icon-paths';

export interface StateWords {
  label: string;
  /** A short second line for the transient barge-in phases. */
  detail: string;
  icon: IconName;
  /** For styling only. */
  tone: 'idle' | 'listening' | 'thinking' | 'speaking' | 'bargein';
}

export function stateWords(state: AgentState, phase: BargeInPhase, running: boolean, silent = false): StateWords {
  if (!running && state === 'idle') return { label: 'Not started', detail: '', icon: 'circle', tone: 'idle' };
  // No speaker takes the audio: saying "Speaking" would claim the person hears it.
  if (state === 'speaking' && silent) return { label: 'Not heard', detail: 'No speaker connected', icon: 'speaker', tone: 'bargein' };
  if (state === 'speaking' && phase === 'ducked') return { label: 'Speaking', detail: 'Turned down: hearing you', icon: 'ear', tone: 'bargein' };
  if (state === 'speaking' && phase === 'paused') return { label: 'Paused', detail: 'Maybe interrupting…', icon: 'pause', tone: 'bargein' };
  if (state === 'speaking' && phase === 'resumed') return { label: 'Speaking', detail: 'Resumed after a false alarm', icon: 'wave', tone: 'speaking' };
  switch (state) {
    case 'listening':
      return { label: 'Listening', detail: '', icon: 'mic', tone: 'listening' };
    case 'thinking':
      return { label: 'Thinking', detail: '', icon: 'dots', tone: 'thinking' };
    case 'speaking':
      return { label: 'Speaking', detail: '', icon: 'wave', tone: 'speaking' };
    default:
      return { label: 'Idle', detail: '', icon: 'circle', tone: 'idle' };
  }
}

/** What a screen reader hears when the state changes. */
export function stateAnnouncement(words: StateWords): string {
  return words.detail ? `Agent ${words.label.toLowerCase()}: ${words.detail}` : `Agent ${words.label.toLowerCase()}`;
}
