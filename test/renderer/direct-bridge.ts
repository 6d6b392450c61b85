/**
 * A bridge for component tests that calls the real services directly (real handler registry,
 * real settings file in a temp dir): only the transport is skipped.
 */
import { INVOKE_CHANNELS, namespaced, type BridgeApi, type InterjectApi } from '../../electron/contract/index';
import { createAppServices, type AppServices } from '../../electron/services/app-services';
import { makeTempDir } from '../helpers/temp-dir';

export interface DirectBridge {
  api: InterjectApi;
  services: AppServices;
  dispose(): Promise<void>;
}

export function createDirectBridge(): DirectBridge {
  const tmp = makeTempDir('interject-renderer-');
  const services = createAppServices({ dataDir: tmp.dir });
  const invoke = (channel: string, request: unknown) => services.registry.handle(channel, request);
  const on: BridgeApi['on'] = (event, handler) =>
    services.events.subscribe((name, payload) => {
      if (name === event) (handler as (p: unknown) => void)(payload);
    });
  const api = { kind: 'twin', invoke: invoke as BridgeApi['invoke'], on, ...namespaced(invoke, INVOKE_CHANNELS) } as InterjectApi;
  return {
    api,
    services,
    async dispose() {
      await services.dispose();
      tmp.cleanup();
    },
  };
}
