/**
 * The AgentControl the hotkeys and tray drive, over the shared VoiceService: the same
 * interrupt the button calls (same errors, same no-op), mute, start/stop, and the state for
 * the tray icon from the `agent:state` events.
 *
 * Push to talk (for when interruptions are off): holding the key takes the floor: it
 * interrupts the agent if it is speaking and opens a muted microphone; releasing restores
 * the mute state from before.
 */
import type { AgentStatus, ManualInterruptSource } from '../contract/index.js';
import type { EventHub } from '../services/event-hub.js';
import type { AgentActivity, AgentControl, AgentShellStatus } from './agent-control.js';

/** The part of VoiceService this needs (structural, so tests can pass a stand-in). */
export interface VoiceControls {
  status(): Pick<AgentStatus, 'state' | 'muted'>;
  start(): Promise<unknown>;
  stop(): Promise<unknown>;
  interrupt(source: ManualInterruptSource): { interrupted: boolean };
  mute(muted: boolean): { muted: boolean };
}

function activityOf(state: AgentStatus['state']): AgentActivity {
  if (state === 'idle') return 'idle';
  return state === 'speaking' ? 'speaking' : 'listening';
}

export function agentControlFromVoice(voice: VoiceControls, events: EventHub): AgentControl {
  const listeners = new Set<(status: AgentShellStatus) => void>();
  const current = (): AgentShellStatus => {
    const s = voice.status();
    return { activity: activityOf(s.state), muted: s.muted };
  };
  const notify = () => {
    const status = current();
    for (const listener of [...listeners]) listener(status);
  };
  let mutedBeforeHold: boolean | null = null;
  return {
    interrupt: async (reason) => {
      voice.interrupt(reason);
    },
    toggleMute: () => {
      voice.mute(!voice.status().muted);
      notify();
    },
    setPushToTalk: (held) => {
      if (held) {
        if (mutedBeforeHold !== null) return;
        const status = voice.status();
        mutedBeforeHold = status.muted;
        if (status.state === 'speaking') voice.interrupt('hotkey');
        if (status.muted) voice.mute(false);
      } else {
        if (mutedBeforeHold === null) return;
        if (mutedBeforeHold) voice.mute(true);
        mutedBeforeHold = null;
      }
      notify();
    },
    startStop: async () => {
      if (voice.status().state === 'idle') await voice.start();
      else await voice.stop();
      notify();
    },
    status: current,
    onStatusChange: (listener) => {
      listeners.add(listener);
      const unsubscribe = events.subscribe((event) => {
        if (event === 'agent:state') listener(current());
      });
      return () => {
        listeners.delete(listener);
        unsubscribe();
      };
    },
  };
}
