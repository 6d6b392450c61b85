/**
 * The embedded local TTS server: the reference protocol (single-stream and multi-context
 * endpoints) on 127.0.0.1, a random port and a per-run token, synthesizing with flite in a
 * worker thread. The default voice when no cloud TTS is configured.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { nullLogger, type Logger } from '../../logger.js';
import { FliteEngine, type FliteVoice } from './flite-engine.js';
import { MultiContextSession } from './multi-context-session.js';
import { handleRestRequest } from './rest-api.js';
import { DEFAULT_FLUSH_TIMEOUT_MS, type StreamConfig } from './session-config.js';
import { SingleStreamSession } from './single-stream-session.js';

export const STREAM_PATH = '/ws/tts/stream';
export const MULTI_PATH = '/ws/tts/multi';

export interface LocalTtsServerOptions {
  port?: number;
  host?: string;
  voice?: FliteVoice;
  /** Fixed token (tests, the CLI's --token); a random one per run otherwise. */
  token?: string;
  logger?: Logger;
  /** Multi-context idle timeout; see CONTEXT_IDLE_TIMEOUT_MS. */
  contextIdleTimeoutMs?: number;
}

export interface LocalTtsServer {
  url: string;
  multiUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/** Largest client frame. 256 KiB holds any sane text frame; a bigger one closes that socket with 1009 (ws). */
const MAX_CLIENT_FRAME_BYTES = 256 * 1024;

export async function startLocalTtsServer(options: LocalTtsServerOptions = {}): Promise<LocalTtsServer> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? nullLogger;
  const token = options.token ?? randomBytes(16).toString('hex');
  const defaults: StreamConfig = { voice: options.voice ?? 'slt', sampleRate: 24_000, encoding: 'pcm_s16le', wordTimestamps: false, flushTimeoutMs: DEFAULT_FLUSH_TIMEOUT_MS };
  const engine = new FliteEngine(defaults.voice, defaults.sampleRate);
  await engine.start();

  const http = createServer((req, res) => {
    // KugelAudio's REST paths (voices, models) so the SDKs' voices.list() works here too.
    if (handleRestRequest(req, res, { authorized: (given) => tokensMatch(given, token), sampleRate: defaults.sampleRate })) return;
    res.writeHead(426, { 'content-type': 'text/plain' }).end('This is a WebSocket TTS server.\n');
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  const sockets = new Set<WebSocket>();

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname !== STREAM_PATH && url.pathname !== MULTI_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const given = url.searchParams.get('api_key') ?? (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      if (!tokensMatch(given, token)) {
        // The protocol's auth failure is close 4001 (clients treat it as fatal, no retries).
        ws.close(4001, 'invalid api_key');
        return;
      }
      sockets.add(ws);
      const session =
        url.pathname === MULTI_PATH
          ? new MultiContextSession(ws, engine, defaults, logger, options.contextIdleTimeoutMs)
          : new SingleStreamSession(ws, engine, defaults, logger);
      ws.on('message', (data, isBinary) => {
        if (isBinary) return sendError(ws, 'BINARY_NOT_SUPPORTED', 'Send JSON text frames.');
        let msg: unknown;
        try {
          msg = JSON.parse(data.toString());
        } catch {
          return sendError(ws, 'MALFORMED_JSON', 'A frame was not valid JSON; it was skipped.');
        }
        if (!msg || typeof msg !== 'object' || Array.isArray(msg)) return sendError(ws, 'MALFORMED_FRAME', 'A frame must be a JSON object.');
        try {
          session.handle(msg as Record<string, unknown>);
        } catch (err) {
          logger.error('local TTS: frame handling failed', { message: (err as Error).message });
          sendError(ws, 'INTERNAL', 'The server failed to handle a frame.');
        }
      });
      ws.on('close', () => {
        sockets.delete(ws);
        session.dispose();
      });
      ws.on('error', (err) => logger.debug('local TTS socket error', { message: err.message }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const base = `ws://${host}:${port}`;
  logger.info('local TTS server listening', { port });

  return {
    url: `${base}${STREAM_PATH}?api_key=${token}`,
    multiUrl: `${base}${MULTI_PATH}?api_key=${token}`,
    token,
    port,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await engine.stop();
    },
  };
}

function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendError(ws: WebSocket, code: string, message: string): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ error: message, error_code: code }));
}
