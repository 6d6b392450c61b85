import { DEFAULT_MIC_TEST_MS } from '../../contract/index.js';
import type { Clock } from '../../engine/clock.js';
import type { Logger } from '../../engine/logger.js';
import type { EventHub } from '../event-hub.js';
import type { HandlerRegistry } from '../handler-registry.js';
import { playTestTone, startMicTest } from './device-tests.js';
import type { VoiceIo } from './voice-io.js';

export function registerDevicesHandlers(registry: HandlerRegistry, deps: { io: VoiceIo; clock: Clock; logger: Logger; events: EventHub }): void {
  registry.registerAll({
    'devices:list': () => deps.io.listDevices(),
    'devices:testSpeaker': ({ deviceId }) => playTestTone(deps.io, deviceId, deps.clock, deps.logger),
    'devices:testMicrophone': ({ deviceId, durationMs }) => startMicTest(deps.io, deviceId, durationMs ?? DEFAULT_MIC_TEST_MS, deps),
  });
}
