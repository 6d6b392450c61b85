import { describe, expect, it } from 'vitest';
import { InterruptCommandError, sendInterrupt, type InterruptTarget } from '../../../electron/engine/turn/manual-interrupt.js';

function target(over: Partial<{ streaming: boolean; id: string | null; speaking: boolean }> = {}) {
  const state = { streaming: true, id: 'session-1' as string | null, speaking: true, interrupts: 0, sources: [] as string[], ...over };
  const t: InterruptTarget = {
    isStreaming: () => state.streaming,
    activeSessionId: () => state.id,
    interruptNow: (source) => {
      state.sources.push(source);
      if (!state.speaking) return false;
      state.interrupts++;
      return true;
    },
  };
  return { t, state };
}

describe('manual interrupt', () => {
  it('fails with the exact text when no session is streaming', () => {
    expect(() => sendInterrupt(null)).toThrow('Failed to send interrupt command: not currently streaming');
    expect(() => sendInterrupt(target({ streaming: false }).t)).toThrow('Failed to send interrupt command: not currently streaming');
  });

  it('fails with the exact text when there is no active session id', () => {
    try {
      sendInterrupt(target({ id: null }).t);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InterruptCommandError);
      expect((error as InterruptCommandError).code).toBe('NO_ACTIVE_SESSION');
      expect((error as Error).message).toBe('Failed to send interrupt command: no active session');
    }
  });

  it('is a no-op without error when the agent is not speaking', () => {
    const { t, state } = target({ speaking: false });
    expect(sendInterrupt(t)).toEqual({ interrupted: false, sessionId: 'session-1' });
    expect(state.interrupts).toBe(0);
  });

  it('stops a speaking agent', () => {
    const { t, state } = target();
    expect(sendInterrupt(t)).toEqual({ interrupted: true, sessionId: 'session-1' });
    expect(state.interrupts).toBe(1);
  });

  it('carries the control that asked (an unnamed caller is the API)', () => {
    const { t, state } = target();
    sendInterrupt(t, 'tray');
    sendInterrupt(t);
    expect(state.sources).toEqual(['tray', 'api']);
  });
});
