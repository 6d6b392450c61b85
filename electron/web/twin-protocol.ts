/** Messages on the browser twin's WebSocket bridge (JSON text frames). */
export interface TwinInvokeMessage {
  id: number;
  channel: string;
  request?: unknown;
}

export type TwinServerMessage =
  | { id: number; result: unknown }
  | { event: string; payload: unknown };

/** The page learns where the bridge is from this meta tag, injected by the twin server. */
export const TWIN_META_NAME = 'interject-twin';
