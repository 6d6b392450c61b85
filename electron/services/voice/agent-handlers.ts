import type { HandlerRegistry } from '../handler-registry.js';
import type { VoiceService } from './voice-service.js';

export function registerAgentHandlers(registry: HandlerRegistry, voice: VoiceService): void {
  registry.registerAll({
    'agent:start': () => voice.start(),
    'agent:stop': () => voice.stop(),
    'agent:interrupt': (request) => voice.interrupt(request?.reason ?? 'api'),
    'agent:mute': ({ muted }) => voice.mute(muted),
    'agent:practice': ({ action }) => voice.practice(action),
    'agent:status': () => voice.status(),
    'agent:retry': () => voice.retry(),
  });
}
