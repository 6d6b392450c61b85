/** Messages on the browser twin's WebSocket bridge (JSON text frames). */
export interface TwinInvokeMessage {
  id: number;
  channel: string;
  request?: unknown;
}

/** A reply's id is null when the browser's frame had no readable id (malformed JSON, a binary frame). */
export type TwinServerMessage = { id: number | null; result: unknown } | { event: string; payload: unknown };

/** The page learns where the bridge is from this meta tag, injected by the twin server. */
export const TWIN_META_NAME = 'interject-twin';
