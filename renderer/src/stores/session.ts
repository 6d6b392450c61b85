/**
 * The voice session: the agent's state and barge-in phase, whether a session runs, mute,
 * and the outcome of the person's last action (start, stop, interrupt, mute) in words.
 * `subscribe` / `unsubscribe` attach to main's events explicitly (the app root calls them).
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AgentState, AgentStatus, BargeInPhase, IpcError, ManualInterruptSource } from '../../../electron/contract/index';
import { getBridge } from '../bridge';
import { Subscriptions } from '../bridge/subscriptions';
import { readableActionError, type ActionError } from '../conversation/action-errors';
import { useMetricsStore } from './metrics';
import { useTranscriptStore } from './transcript';

export type SessionAction = 'start' | 'stop' | 'interrupt' | 'mute';

export const useSessionStore = defineStore('session', () => {
  const state = ref<AgentState>('idle');
  const phase = ref<BargeInPhase>('none');
  /** Speaking into no speaker: nothing the agent says is heard. */
  const silent = ref(false);
  const stateAtMs = ref<number | null>(null);
  const sessionId = ref<string | null>(null);
  const muted = ref(false);
  const busy = ref<SessionAction | null>(null);
  const actionError = ref<ActionError | null>(null);
  /** What the last interrupt did, for the live announcer and the button's feedback. */
  const lastInterrupt = ref<{ interrupted: boolean; seq: number } | null>(null);
  const loaded = ref(false);
  const subscriptions = new Subscriptions();
  let interruptSeq = 0;

  const running = computed(() => sessionId.value !== null);
  const agentSpeaking = computed(() => state.value === 'speaking');

  function applyStatus(status: AgentStatus): void {
    state.value = status.state;
    phase.value = status.phase;
    silent.value = status.silent ?? false;
    sessionId.value = status.sessionId;
    muted.value = status.muted;
    useTranscriptStore().replaceAll(status.transcript);
    useMetricsStore().set(status.metrics);
  }

  function subscribe(): void {
    if (subscriptions.active) return;
    const api = getBridge();
    subscriptions.hold(
      api.on('agent:state', (event) => {
        state.value = event.state;
        phase.value = event.phase ?? (event.state === 'speaking' ? phase.value : 'none');
        silent.value = event.silent ?? false;
        stateAtMs.value = event.atMs;
      }),
    );
  }

  function unsubscribe(): void {
    subscriptions.end();
  }

  function fail(action: SessionAction, error: IpcError): false {
    actionError.value = readableActionError(action, error);
    return false;
  }

  async function load(): Promise<boolean> {
    const result = await getBridge().agent.status();
    if (!result.ok) return fail('start', result.error);
    applyStatus(result.value);
    loaded.value = true;
    return true;
  }

  async function run<T>(
    action: SessionAction,
    call: () => Promise<{ ok: true; value: T } | { ok: false; error: IpcError }>,
    onOk: (value: T) => void,
  ): Promise<boolean> {
    if (busy.value !== null && action !== 'interrupt') return false;
    busy.value = action;
    try {
      const result = await call();
      if (!result.ok) return fail(action, result.error);
      actionError.value = null;
      onOk(result.value);
      return true;
    } finally {
      if (busy.value === action) busy.value = null;
    }
  }

  const startSession = () => run('start', () => getBridge().agent.start(), applyStatus);
  const stopSession = () => run('stop', () => getBridge().agent.stop(), applyStatus);

  /** Harmless when the agent is silent (main answers interrupted: false); no session: a readable error. */
  const interrupt = (reason: ManualInterruptSource = 'button') =>
    run(
      'interrupt',
      () => getBridge().agent.interrupt({ reason }),
      (value) => {
        lastInterrupt.value = { interrupted: value.interrupted, seq: ++interruptSeq };
      },
    );

  const setMuted = (next: boolean) =>
    run(
      'mute',
      () => getBridge().agent.mute({ muted: next }),
      (value) => {
        muted.value = value.muted;
      },
    );

  function dismissActionError(): void {
    actionError.value = null;
  }

  return {
    state,
    phase,
    silent,
    stateAtMs,
    sessionId,
    muted,
    busy,
    actionError,
    lastInterrupt,
    loaded,
    running,
    agentSpeaking,
    subscribe,
    unsubscribe,
    load,
    startSession,
    stopSession,
    interrupt,
    setMuted,
    dismissActionError,
    applyStatus,
  };
});
