/**
 * The browser twin's real server and services, started inside the test process so a test can
 * send contract events through the EventHub (AgentEventScript) and see the renderer draw them.
 * `answers` replaces a channel's answer at the transport edge (test code only), e.g. an
 * `agent:status` snapshot that says a session is running. `options.voiceIo` is the sessions'
 * microphone and speaker (e.g. cuedVoiceIo); default: the system devices.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InvokeName, IpcResult } from '../../../electron/contract/index';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import type { VoiceIo } from '../../../electron/services/voice/voice-io';
import { startTwinServer } from '../../../electron/web/twin-server';
import { makeTempDir } from '../../helpers/temp-dir';
import { AgentEventScript } from '../../helpers/agent-events';

export interface InProcessTwin {
  url: string;
  services: AppServices;
  script: AgentEventScript;
  dataDir: string;
  close(): Promise<void>;
}

const RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../out/renderer');

export async function startInProcessTwin(
  answers: Partial<Record<InvokeName, (request: unknown) => IpcResult<unknown>>> = {},
  options: { voiceIo?: VoiceIo } = {},
): Promise<InProcessTwin> {
  const tmp = makeTempDir('interject-e2e-inproc-');
  // No probing for Ollama / LM Studio: what runs on this machine must not change the test.
  const services = createAppServices({ dataDir: tmp.dir, detectLocalServers: async () => [], ...options });
  const registry = {
    handle: (channel: unknown, request: unknown) => {
      const answer = answers[channel as InvokeName];
      return answer ? Promise.resolve(answer(request)) : services.registry.handle(channel, request);
    },
  };
  const twin = await startTwinServer({ services: { ...services, registry } as unknown as AppServices, rendererDir: RENDERER_DIR, port: 0 });
  return {
    url: twin.url,
    services,
    script: new AgentEventScript(services.events),
    dataDir: tmp.dir,
    async close() {
      await twin.close();
      await services.dispose();
      tmp.cleanup();
    },
  };
}
