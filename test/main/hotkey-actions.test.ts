import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShellActionFailed } from '../../electron/contract/index.js';
import { idleAgentControl, type AgentControl } from '../../electron/main/agent-control.js';
import { createHotkeyActions } from '../../electron/main/hotkey-actions.js';

function fakeControl(overrides: Partial<AgentControl> = {}): AgentControl & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    interrupt: async (reason) => void calls.push(`interrupt:${reason}`),
    toggleMute: () => void calls.push('toggleMute'),
    setPushToTalk: (held) => void calls.push(`pushToTalk:${held}`),
    startStop: async () => void calls.push('startStop'),
    status: () => ({ activity: 'speaking', muted: false }),
    onStatusChange: () => () => {},
    ...overrides,
  };
}

describe('hotkey actions', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('the interrupt hotkey calls the same interrupt() as the button, tagged as a hotkey', async () => {
    const control = fakeControl();
    const failures: ShellActionFailed[] = [];
    createHotkeyActions({ control: () => control, report: (f) => failures.push(f) }).onActivate('interrupt');
    await vi.runAllTimersAsync();
    expect(control.calls).toEqual(['interrupt:hotkey']);
    expect(failures).toEqual([]);
  });

  it("passes interrupt()'s error through unchanged when no session is running", async () => {
    const failures: ShellActionFailed[] = [];
    createHotkeyActions({ control: idleAgentControl, report: (f) => failures.push(f) }).onActivate('interrupt');
    await vi.runAllTimersAsync();
    expect(failures).toEqual([
      { source: 'hotkey', action: 'interrupt', message: 'Failed to send interrupt command: not currently streaming', atMs: expect.any(Number) },
    ]);
  });

  it('reports "no active session" the same way', async () => {
    const failures: ShellActionFailed[] = [];
    const control = fakeControl({ interrupt: () => Promise.reject(new Error('Failed to send interrupt command: no active session')) });
    createHotkeyActions({ control: () => control, report: (f) => failures.push(f) }).onActivate('interrupt');
    await vi.runAllTimersAsync();
    expect(failures.map((f) => f.message)).toEqual(['Failed to send interrupt command: no active session']);
  });

  it('reports nothing when interrupt() is a no-op because the agent is silent', async () => {
    const failures: ShellActionFailed[] = [];
    const control = fakeControl({ interrupt: async () => {} });
    createHotkeyActions({ control: () => control, report: (f) => failures.push(f) }).onActivate('interrupt');
    await vi.runAllTimersAsync();
    expect(failures).toEqual([]);
  });

  it('mute toggles the microphone', async () => {
    const control = fakeControl();
    createHotkeyActions({ control: () => control, report: () => {} }).onActivate('mute');
    await vi.runAllTimersAsync();
    expect(control.calls).toEqual(['toggleMute']);
  });

  it('push-to-talk holds while the OS repeats the key and releases after', async () => {
    const control = fakeControl();
    const actions = createHotkeyActions({ control: () => control, report: () => {} });
    actions.onActivate('pushToTalk');
    await vi.advanceTimersByTimeAsync(500);
    for (let i = 0; i < 10; i++) {
      actions.onActivate('pushToTalk');
      await vi.advanceTimersByTimeAsync(33);
    }
    expect(control.calls).toEqual(['pushToTalk:true']);
    await vi.advanceTimersByTimeAsync(200);
    expect(control.calls).toEqual(['pushToTalk:true', 'pushToTalk:false']);
  });
});
