/**
 * A scripted stand-in for Deepgram's live transcription WebSocket on 127.0.0.1 (port 0),
 * speaking its documented messages: binary linear16 audio up; `Results` (interim and final,
 * `from_finalize` after a `Finalize`), `Metadata` down; `KeepAlive`, `Finalize`, `CloseStream` up.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface DeepgramServer {
  url: string;
  /** Query parameters and headers of each connection. */
  connections: { query: URLSearchParams; authorization?: string }[];
  /** Audio bytes received on the current connection. */
  audioBytes(): number;
  controlMessages: string[];
  /** Sends a Results message; times in seconds of audio. */
  results(r: {
    transcript: string;
    start: number;
    duration: number;
    isFinal?: boolean;
    fromFinalize?: boolean;
    words?: { word: string; start: number; end: number }[];
  }): void;
  sendRaw(text: string): void;
  /** What to send when a Finalize arrives (default: nothing). */
  onFinalize: ((server: DeepgramServer) => void) | undefined;
  /** Refuse upgrades with this HTTP status (e.g. 401). */
  refuseWith: number | undefined;
  /** Every upgrade request, accepted or refused. */
  upgradeAttempts: number;
  dropConnection(): void;
  waitForAudioBytes(n: number): Promise<void>;
  waitForControl(type: string): Promise<void>;
  close(): Promise<void>;
}

export async function startDeepgramServer(): Promise<DeepgramServer> {
  const http_ = http.createServer();
  const wss = new WebSocketServer({ noServer: true });
  let socket: WebSocket | undefined;
  let bytes = 0;
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((w) => w());
  const waitUntil = (check: () => boolean) =>
    new Promise<void>((resolve) => {
      const test = () => (check() ? resolve() : waiters.push(test));
      test();
    });

  const server: DeepgramServer = {
    url: '',
    connections: [],
    controlMessages: [],
    onFinalize: undefined,
    refuseWith: undefined,
    upgradeAttempts: 0,
    audioBytes: () => bytes,
    results: ({ transcript, start, duration, isFinal = false, fromFinalize, words = [] }) => {
      socket?.send(
        JSON.stringify({
          type: 'Results',
          channel_index: [0, 1],
          start,
          duration,
          is_final: isFinal,
          speech_final: isFinal,
          ...(fromFinalize ? { from_finalize: true } : {}),
          channel: { alternatives: [{ transcript, confidence: 0.98, words: words.map((w) => ({ ...w, confidence: 0.9, punctuated_word: w.word })) }] },
          metadata: { request_id: 'test', model_info: { name: 'test', version: '1', arch: 'test' }, model_uuid: 'test' },
        }),
      );
    },
    sendRaw: (text) => socket?.send(text),
    dropConnection: () => socket?.terminate(),
    waitForAudioBytes: (n) => waitUntil(() => bytes >= n),
    waitForControl: (type) => waitUntil(() => server.controlMessages.some((m) => JSON.parse(m).type === type)),
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        http_.closeAllConnections();
        http_.close(() => resolve());
      }),
  };

  http_.on('upgrade', (req, sock, head) => {
    server.upgradeAttempts++;
    if (server.refuseWith) {
      sock.end(`HTTP/1.1 ${server.refuseWith} Unauthorized\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, sock, head, (ws) => {
      server.connections.push({ query: new URL(req.url ?? '/', 'http://x').searchParams, authorization: req.headers.authorization });
      socket = ws;
      bytes = 0;
      ws.on('message', (data, isBinary) => {
        if (isBinary) bytes += (data as Buffer).length;
        else {
          const text = data.toString();
          server.controlMessages.push(text);
          const type = (JSON.parse(text) as { type: string }).type;
          if (type === 'Finalize') server.onFinalize?.(server);
          if (type === 'CloseStream') {
            ws.send(JSON.stringify({ type: 'Metadata', request_id: 'test', duration: 0, channels: 1 }));
            ws.close(1000);
          }
        }
        notify();
      });
    });
  });
  await new Promise<void>((resolve) => http_.listen(0, '127.0.0.1', resolve));
  server.url = `ws://127.0.0.1:${(http_.address() as AddressInfo).port}/v1/listen`;
  return server;
}
