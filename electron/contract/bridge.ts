/**
 * The facade the renderer talks to: the same shape whether it is the Electron preload
 * (contextBridge) or the browser twin (WebSocket). Namespaced by domain:
 * `api.settings.update(patch)`; `api.on(event, handler)` returns an unsubscribe function.
 */
import type { EventName, EventPayload, InvokeName, InvokeRequest, InvokeResponse } from './channels/index.js';
import type { IpcResult } from './result.js';

export type Invoke = <C extends InvokeName>(channel: C, request: InvokeRequest<C>) => Promise<IpcResult<InvokeResponse<C>>>;

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type VerbOf<C extends string, D extends string> = C extends `${D}:${infer V}` ? V : never;

/** `{ settings: { get(): ..., update(patch): ... }, ... }` derived from the channel names. */
export type NamespacedApi = {
  [D in DomainOf<InvokeName>]: {
    [V in VerbOf<InvokeName, D>]: `${D}:${V}` extends infer C extends InvokeName
      ? undefined extends InvokeRequest<C>
        ? (request?: InvokeRequest<C>) => Promise<IpcResult<InvokeResponse<C>>>
        : (request: InvokeRequest<C>) => Promise<IpcResult<InvokeResponse<C>>>
      : never;
  };
};

export interface BridgeApi {
  invoke: Invoke;
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
  /** 'electron' or 'twin', for the few places the UI says which (e.g. where secrets are kept). */
  readonly kind: 'electron' | 'twin';
}

export type InterjectApi = BridgeApi & NamespacedApi;

/** Builds the namespaced part from a plain `invoke`, for both the preload and the twin. */
export function namespaced(invoke: (channel: string, request: unknown) => Promise<unknown>, names: readonly string[]): NamespacedApi {
  const api: Record<string, Record<string, (req?: unknown) => Promise<unknown>>> = {};
  for (const name of names) {
    const [domain, verb] = name.split(':') as [string, string];
    (api[domain] ??= {})[verb] = (request?: unknown) => invoke(name, request);
  }
  return api as unknown as NamespacedApi;
}
