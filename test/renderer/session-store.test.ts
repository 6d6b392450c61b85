import { describe, expect, it } from 'vitest';
import { NO_ACTIVE_SESSION_MESSAGE, NOT_STREAMING_MESSAGE } from '../../electron/contract/index';
import { useMetricsStore } from '../../renderer/src/stores/metrics';
import { useSessionStore } from '../../renderer/src/stores/session';
import { useTranscriptStore } from '../../renderer/src/stores/transcript';
import { runningStatus } from './helpers/direct-bridge';
import { useBridgePerTest } from './helpers/bridge-per-test';

const bridge = useBridgePerTest({ stop: () => useSessionStore().unsubscribe() });

describe('session store', () => {
  it('loads the idle snapshot when no session runs', async () => {
    bridge.answers['agent:status'] = () => ({
      ok: true,
      value: { ...(runningStatus().ok ? (runningStatus() as { value: object }).value : {}), state: 'idle', sessionId: null },
    });
    const session = useSessionStore();
    expect(await session.load()).toBe(true);
    expect(session.state).toBe('idle');
    expect(session.running).toBe(false);
  });

  it('hands the snapshot transcript and metrics to their stores', async () => {
    bridge.answers['agent:status'] = () =>
      runningStatus({
        transcript: [{ id: 'u1', speaker: 'user', text: 'hello', interim: false }],
        metrics: { lastBargeInLatencyMs: 180, timeToFirstAudioMs: 500, interruptions: 2, falseInterruptions: 0 },
      });
    await useSessionStore().load();
    expect(useTranscriptStore().entries.map((e) => e.text)).toEqual(['hello']);
    expect(useMetricsStore().metrics.interruptions).toBe(2);
    expect(useSessionStore().running).toBe(true);
  });

  it('follows the agent state and barge-in phase from main', () => {
    const session = useSessionStore();
    session.subscribe();
    bridge.script.state('speaking');
    expect(session.state).toBe('speaking');
    bridge.script.state('speaking', 'paused');
    expect(session.phase).toBe('paused');
    bridge.script.state('listening');
    expect(session.phase).toBe('none');
  });

  it('stops following after unsubscribe', () => {
    const session = useSessionStore();
    session.subscribe();
    session.unsubscribe();
    bridge.script.state('thinking');
    expect(session.state).toBe('idle');
  });

  it('says in words why a session could not start', async () => {
    bridge.answers['agent:start'] = () => ({ ok: false, error: { code: 'unavailable', message: 'No microphone was found' } });
    const session = useSessionStore();
    expect(await session.startSession()).toBe(false);
    expect(session.actionError?.code).toBe('unavailable');
    expect(session.actionError?.title).toBe('Could not start the session. No microphone was found.');
    expect(session.busy).toBeNull();
  });

  it('starts a session and takes the status main answers', async () => {
    bridge.answers['agent:start'] = () => runningStatus();
    const session = useSessionStore();
    expect(await session.startSession()).toBe(true);
    expect(session.sessionId).toBe('session-1');
    expect(session.state).toBe('listening');
  });

  it('shows the not-streaming interrupt error readably and keeps the exact message', async () => {
    bridge.answers['agent:interrupt'] = () => ({ ok: false, error: { code: 'not_streaming', message: NOT_STREAMING_MESSAGE } });
    const session = useSessionStore();
    await session.interrupt('button');
    expect(session.actionError).toEqual({
      code: 'not_streaming',
      title: 'Nothing to interrupt: no session is running. Start a session first.',
      detail: NOT_STREAMING_MESSAGE,
    });
  });

  it('shows the no-active-session interrupt error readably', async () => {
    bridge.answers['agent:interrupt'] = () => ({ ok: false, error: { code: 'no_session', message: NO_ACTIVE_SESSION_MESSAGE } });
    const session = useSessionStore();
    await session.interrupt('button');
    expect(session.actionError?.title).toBe('Nothing to interrupt: the session has not started yet.');
    expect(session.actionError?.detail).toBe(NO_ACTIVE_SESSION_MESSAGE);
  });

  it('treats an interrupt of a silent agent as a harmless no-op', async () => {
    bridge.answers['agent:interrupt'] = () => ({ ok: true, value: { interrupted: false } });
    const session = useSessionStore();
    expect(await session.interrupt('button')).toBe(true);
    expect(session.actionError).toBeNull();
    expect(session.lastInterrupt?.interrupted).toBe(false);
  });

  it('sends the interrupt with where it came from', async () => {
    bridge.answers['agent:interrupt'] = () => ({ ok: true, value: { interrupted: true } });
    await useSessionStore().interrupt('hotkey');
    expect(bridge.calls.at(-1)).toEqual({ channel: 'agent:interrupt', request: { reason: 'hotkey' } });
  });

  it('mutes the microphone as main confirms', async () => {
    bridge.answers['agent:mute'] = (request) => ({ ok: true, value: { muted: (request as { muted: boolean }).muted } });
    const session = useSessionStore();
    await session.setMuted(true);
    expect(session.muted).toBe(true);
  });
});
