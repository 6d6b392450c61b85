/**
 * Stand-ins for the agent and devices channels until the engine session is wired to them
 * (services/handlers/agent-handlers.ts, by the lead). They answer `unavailable` with a
 * sentence the renderer shows, so the UI can be built and tested against the real contract.
 * `agent:status` answers the honest idle snapshot: no session is running.
 * Replace the call to `registerVoicePlaceholderHandlers` in app-services.ts when wiring.
 */
import { IpcFailure, type AgentStatus } from '../../contract/index.js';
import type { HandlerRegistry } from '../handler-registry.js';

export const NOT_WIRED_MESSAGE = 'The voice session is not wired in this build yet';

function notWired(): never {
  throw new IpcFailure({ code: 'unavailable', message: NOT_WIRED_MESSAGE });
}

export function idleAgentStatus(): AgentStatus {
  return {
    state: 'idle',
    phase: 'none',
    sessionId: null,
    muted: false,
    transcript: [],
    metrics: { lastBargeInLatencyMs: null, timeToFirstAudioMs: null, interruptions: 0, falseInterruptions: 0 },
  };
}

export function registerVoicePlaceholderHandlers(registry: HandlerRegistry): void {
  registry.registerAll({
    'agent:start': notWired,
    'agent:stop': notWired,
    'agent:interrupt': notWired,
    'agent:mute': notWired,
    'agent:status': () => idleAgentStatus(),
    'devices:list': notWired,
    'devices:testSpeaker': notWired,
    'devices:testMicrophone': notWired,
  });
}
