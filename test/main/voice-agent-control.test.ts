import { describe, expect, it, vi } from 'vitest';
import { IpcFailure, type AgentStatus, type ManualInterruptSource } from '../../electron/contract/index.js';
import { agentControlFromVoice, type VoiceControls } from '../../electron/main/voice-agent-control.js';
import { EventHub } from '../../electron/services/event-hub.js';

/** A stand-in with VoiceService's manual-interrupt contract. */
function fakeVoice(state: AgentStatus['state'] = 'idle', muted = false) {
  const calls: string[] = [];
  const voice: VoiceControls & { state: AgentStatus['state']; muted: boolean } = {
    state,
    muted,
    status: () => ({ state: voice.state, muted: voice.muted }),
    start: async () => {
      calls.push('start');
      voice.state = 'listening';
    },
    stop: async () => {
      calls.push('stop');
      voice.state = 'idle';
    },
    interrupt: (source: ManualInterruptSource) => {
      calls.push(`interrupt:${source}`);
      if (voice.state === 'idle') throw new IpcFailure({ code: 'not_streaming', message: 'Failed to send interrupt command: not currently streaming' });
      return { interrupted: voice.state === 'speaking' };
    },
    mute: (m: boolean) => {
      calls.push(`mute:${m}`);
      voice.muted = m;
      return { muted: m };
    },
  };
  return { voice, calls };
}

describe('AgentControl over the voice service', () => {
  it('interrupt is the voice service interrupt, tagged with its source', async () => {
    const { voice, calls } = fakeVoice('speaking');
    await agentControlFromVoice(voice, new EventHub()).interrupt('tray');
    expect(calls).toEqual(['interrupt:tray']);
  });

  it('passes the "not currently streaming" error through unchanged', async () => {
    const { voice } = fakeVoice('idle');
    await expect(agentControlFromVoice(voice, new EventHub()).interrupt('hotkey')).rejects.toThrow('Failed to send interrupt command: not currently streaming');
  });

  it('is a no-op, not an error, while the agent is silent', async () => {
    const { voice } = fakeVoice('listening');
    await expect(agentControlFromVoice(voice, new EventHub()).interrupt('hotkey')).resolves.toBeUndefined();
  });

  it('toggles mute and tells the tray', () => {
    const { voice } = fakeVoice('listening');
    const control = agentControlFromVoice(voice, new EventHub());
    const seen = vi.fn();
    control.onStatusChange(seen);
    control.toggleMute();
    expect(voice.muted).toBe(true);
    expect(seen).toHaveBeenLastCalledWith({ activity: 'listening', muted: true });
  });

  it('start/stop starts a session when idle and stops a running one', async () => {
    const { voice, calls } = fakeVoice('idle');
    const control = agentControlFromVoice(voice, new EventHub());
    await control.startStop();
    await control.startStop();
    expect(calls).toEqual(['start', 'stop']);
  });

  it('maps agent states to tray states (thinking shows as listening) on agent:state events', () => {
    const { voice } = fakeVoice('idle');
    const events = new EventHub();
    const control = agentControlFromVoice(voice, events);
    const seen: unknown[] = [];
    control.onStatusChange((s) => seen.push(s));
    for (const state of ['listening', 'thinking', 'speaking'] as const) {
      voice.state = state;
      events.emit('agent:state', { state, atMs: 1 });
    }
    expect(seen).toEqual([
      { activity: 'listening', muted: false },
      { activity: 'listening', muted: false },
      { activity: 'speaking', muted: false },
    ]);
  });

  it('push to talk takes the floor: interrupts a speaking agent, opens a muted mic, restores it on release', () => {
    const { voice, calls } = fakeVoice('speaking', true);
    const control = agentControlFromVoice(voice, new EventHub());
    void control.setPushToTalk(true);
    expect(calls).toEqual(['interrupt:hotkey', 'mute:false']);
    void control.setPushToTalk(false);
    expect(voice.muted).toBe(true);
  });

  it('push to talk leaves an open mic open on release', () => {
    const { voice, calls } = fakeVoice('listening', false);
    const control = agentControlFromVoice(voice, new EventHub());
    void control.setPushToTalk(true);
    void control.setPushToTalk(false);
    expect(calls).toEqual([]);
  });
});
