/**
 * The browser twin: the same services as Electron main, in plain Node, with the renderer
 * served on 127.0.0.1 and the contract bridged over a WebSocket. The bridge accepts only
 * connections whose Origin is this server and that carry this run's token.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { fail } from '../contract/index.js';
import type { AppServices } from '../services/app-services.js';
import { nullLogger, type Logger } from '../engine/logger.js';
import { TWIN_META_NAME, type TwinServerMessage } from './twin-protocol.js';

export interface TwinServerOptions {
  services: AppServices;
  /** The built renderer (electron-vite's out/renderer). */
  rendererDir: string;
  port: number;
  host?: string;
  logger?: Logger;
}

export interface TwinServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wav': 'audio/wav',
};

/** 1 MiB: settings imports are the largest legitimate request. */
const MAX_MESSAGE_BYTES = 1024 * 1024 + 4096;

export async function startTwinServer(options: TwinServerOptions): Promise<TwinServer> {
  const logger = options.logger ?? nullLogger;
  const host = options.host ?? '127.0.0.1';
  const token = randomBytes(24).toString('hex');
  const indexPath = path.join(options.rendererDir, 'index.html');
  if (!fs.existsSync(indexPath)) {
    throw new Error(`The renderer is not built: ${indexPath} is missing. Run "npm run build" first.`);
  }
  const root = path.resolve(options.rendererDir);
  let origin = '';

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const rel = decodeURIComponent(url.pathname) === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const headers: Record<string, string> = {
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    };
    if (file === indexPath) {
      const wsUrl = `${origin.replace('http', 'ws')}/bridge?token=${token}`;
      headers['Content-Security-Policy'] = `default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; media-src 'self' data: blob:; connect-src 'self' ${origin.replace('http', 'ws')}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
      const html = fs.readFileSync(file, 'utf8').replace('<head>', `<head>\n    <meta name="${TWIN_META_NAME}" content="${wsUrl}">`);
      res.writeHead(200, headers).end(html);
      return;
    }
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname !== '/bridge' || req.headers.origin !== origin || url.searchParams.get('token') !== token) {
      logger.warn('Refused a bridge connection', { origin: req.headers.origin, path: url.pathname });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const sockets = new Set<WebSocket>();
  const unsubscribe = options.services.events.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload } satisfies TwinServerMessage);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', (error) => logger.warn('Bridge socket error', { error: String(error) }));
    ws.on('message', (data, isBinary) => {
      void answer(ws, isBinary ? undefined : data.toString());
    });
  });

  async function answer(ws: WebSocket, text: string | undefined): Promise<void> {
    let message: { id?: unknown; channel?: unknown; request?: unknown };
    try {
      message = JSON.parse(text ?? '');
    } catch {
      logger.warn('Bridge: malformed message skipped');
      return;
    }
    if (typeof message !== 'object' || message === null || typeof message.id !== 'number') return;
    const result = typeof message.channel === 'string'
      ? await options.services.registry.handle(message.channel, message.request)
      : fail('unknown_channel', 'Missing channel');
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id, result } satisfies TwinServerMessage));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  origin = `http://${host}:${port}`;

  return {
    url: `${origin}/`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
