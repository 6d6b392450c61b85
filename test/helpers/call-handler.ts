import type { AppServices } from '../../electron/services/app-services';

/** Calls one contract channel on the app's handler registry; a refusal throws with its code and message. */
export async function callHandler<T>(services: AppServices, channel: string, request?: unknown): Promise<T> {
  const result = await services.registry.handle(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
