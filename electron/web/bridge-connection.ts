/**
 * One browser's WebSocket on the twin's bridge: each JSON request is answered through the
 * handler registry; every frame that is not a request gets a typed error reply (id null when
 * the frame has no readable id) instead of silence. Memory per connection is bounded: at
 * most MAX_IN_FLIGHT requests run at once (reading pauses beyond that), and a browser that
 * stops reading is paused, then dropped, by its SendBudget.
 */
import type { WebSocket } from 'ws';
import { fail, type IpcResult } from '../contract/index.js';
import type { Logger } from '../engine/logger.js';
import { SendBudget } from '../engine/net/send-budget.js';
import type { TwinServerMessage } from './twin-protocol.js';

export interface BridgeRegistry {
  handle(channel: unknown, request: unknown): Promise<IpcResult<unknown>>;
}

/** 32 requests in flight: the renderer rarely has more than a handful; a flood waits in the kernel, not in our heap. */
const MAX_IN_FLIGHT = 32;

export interface BridgeConnection {
  /** Sends a server message (an event) to this browser, within its budget. */
  send(text: string): void;
}

export function attachBridge(ws: WebSocket, registry: BridgeRegistry, logger: Logger): BridgeConnection {
  let inFlight = 0;
  let slowReader = false;
  let paused = false;
  const flow = () => {
    const shouldPause = slowReader || inFlight >= MAX_IN_FLIGHT;
    if (shouldPause === paused) return;
    paused = shouldPause;
    if (paused) ws.pause();
    else ws.resume();
  };
  const budget = new SendBudget(ws, {
    onPressure: (p) => {
      slowReader = p;
      flow();
    },
    onDrop: (bytes) => logger.warn('Bridge: dropped a browser that stopped reading', { bufferedBytes: bytes }),
  });
  const send = (text: string) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(text);
    budget.check();
  };
  const reply = (id: number | null, result: IpcResult<unknown>) => send(JSON.stringify({ id, result } satisfies TwinServerMessage));

  ws.on('message', (data, isBinary) => {
    const request = readRequest(isBinary ? undefined : data.toString());
    if ('error' in request) {
      reply(request.id, fail('invalid_request', request.error));
      return;
    }
    inFlight++;
    flow();
    registry
      .handle(request.channel, request.request)
      .catch(() => fail('internal', 'The request failed inside Interject.'))
      .then((result) => {
        inFlight--;
        flow();
        reply(request.id, result);
      });
  });
  return { send };
}

type ReadRequest = { id: number; channel: string; request: unknown } | { id: number | null; error: string };

function readRequest(text: string | undefined): ReadRequest {
  if (text === undefined) return { id: null, error: 'The bridge takes JSON text frames; a binary frame was ignored.' };
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { id: null, error: 'A bridge message was not valid JSON; it was ignored.' };
  }
  if (message === null || typeof message !== 'object' || Array.isArray(message)) {
    return { id: null, error: 'A bridge message must be a JSON object with a numeric "id" and a "channel".' };
  }
  const { id, channel, request } = message as { id?: unknown; channel?: unknown; request?: unknown };
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return { id: null, error: 'A bridge message needs a whole-number "id"; it was ignored.' };
  if (typeof channel !== 'string') return { id, error: 'A bridge message needs a "channel" (a string); it was ignored.' };
  return { id, channel, request };
}
