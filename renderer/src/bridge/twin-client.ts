/**
 * The browser twin's side of the bridge: the same facade as the Electron preload, over the
 * WebSocket the twin server names in a <meta> tag. Requests made while the socket is down
 * wait for it (bounded), then fail with a typed `unavailable` error; nothing hangs.
 */
import { INVOKE_CHANNELS, namespaced, type BridgeApi, type InterjectApi } from '../../../electron/contract/index';

type Pending = { resolve: (value: unknown) => void; timer: ReturnType<typeof setTimeout> };

/** A request unanswered this long is failed: long enough for a slow handler, short enough to surface a dead twin. */
const REQUEST_TIMEOUT_MS = 35_000;
/** Reconnect backoff after the twin goes away (e.g. restarted during development). */
const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 4000];

export function createTwinBridge(url: string): InterjectApi {
  let socket: WebSocket | undefined;
  let nextId = 1;
  let attempt = 0;
  const pending = new Map<number, Pending>();
  const outbox: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      while (outbox.length > 0 && ws.readyState === WebSocket.OPEN) ws.send(outbox.shift()!);
      listeners.get('__bridge:open')?.forEach((h) => h(undefined));
    };
    ws.onmessage = (message) => {
      let data: { id?: number; result?: unknown; event?: string; payload?: unknown };
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (typeof data.id === 'number') {
        const entry = pending.get(data.id);
        if (entry) {
          clearTimeout(entry.timer);
          pending.delete(data.id);
          entry.resolve(data.result);
        }
      } else if (typeof data.event === 'string') {
        listeners.get(data.event)?.forEach((h) => h(data.payload));
      }
    };
    ws.onclose = () => {
      const delay = RECONNECT_DELAYS_MS[Math.min(attempt++, RECONNECT_DELAYS_MS.length - 1)]!;
      setTimeout(connect, delay);
    };
  };
  connect();

  const invoke = (channel: string, request: unknown): Promise<unknown> =>
    new Promise((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve({ ok: false, error: { code: 'unavailable', message: 'Interject did not answer. Is the app still running?' } });
      }, REQUEST_TIMEOUT_MS);
      pending.set(id, { resolve, timer });
      const text = JSON.stringify({ id, channel, request });
      if (socket?.readyState === WebSocket.OPEN) socket.send(text);
      else outbox.push(text);
    });

  const on: BridgeApi['on'] = (event, handler) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const h = handler as (payload: unknown) => void;
    set.add(h);
    return () => {
      set.delete(h);
    };
  };

  return { kind: 'twin', invoke: invoke as BridgeApi['invoke'], on, ...namespaced(invoke, INVOKE_CHANNELS) };
}
