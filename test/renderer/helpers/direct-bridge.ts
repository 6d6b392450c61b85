/**
 * A bridge for component tests that calls the real services directly (real handler registry,
 * real settings file in a temp dir): only the transport is skipped. `answers` replaces what a
 * channel answers (e.g. the interrupt errors a running engine would give) without touching
 * product code; `script` sends agent events through the real EventHub.
 */
import { INVOKE_CHANNELS, namespaced, type BridgeApi, type InterjectApi, type InvokeName, type IpcResult } from '../../../electron/contract/index';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { AgentEventScript } from '../../helpers/agent-events';
import { makeTempDir } from '../../helpers/temp-dir';

export type Answers = Partial<Record<InvokeName, (request: unknown) => IpcResult<unknown>>>;

export interface DirectBridge {
  api: InterjectApi;
  services: AppServices;
  script: AgentEventScript;
  /** Every invoke the renderer made, in order. */
  calls: Array<{ channel: string; request: unknown }>;
  answers: Answers;
  dispose(): Promise<void>;
}

export function createDirectBridge(answers: Answers = {}): DirectBridge {
  const tmp = makeTempDir('interject-renderer-');
  // No probing for Ollama / LM Studio on this machine: tests must not depend on what runs here.
  const services = createAppServices({ dataDir: tmp.dir, detectLocalServers: async () => [] });
  const calls: DirectBridge['calls'] = [];
  const bridge = { answers } as DirectBridge;
  const invoke = async (channel: string, request: unknown) => {
    calls.push({ channel, request });
    const answer = bridge.answers[channel as InvokeName];
    return answer ? answer(request) : services.registry.handle(channel, request);
  };
  const on: BridgeApi['on'] = (event, handler) =>
    services.events.subscribe((name, payload) => {
      if (name === event) (handler as (p: unknown) => void)(payload);
    });
  const api = { kind: 'twin', invoke: invoke as BridgeApi['invoke'], on, ...namespaced(invoke, INVOKE_CHANNELS) } as InterjectApi;
  return Object.assign(bridge, {
    api,
    services,
    calls,
    script: new AgentEventScript(services.events),
    async dispose() {
      await services.dispose();
      tmp.cleanup();
    },
  });
}

/** A running session's status, for `answers['agent:status']` / `agent:start`. */
export function runningStatus(overrides: Record<string, unknown> = {}): IpcResult<unknown> {
  return {
    ok: true,
    value: {
      state: 'listening',
      phase: 'none',
      sessionId: 'session-1',
      muted: false,
      transcript: [],
      metrics: { lastBargeInLatencyMs: null, timeToFirstAudioMs: null, interruptions: 0, falseInterruptions: 0 },
      ...overrides,
    },
  };
}
