/**
 * The browser twin: the same services as Electron main, in plain Node, with the renderer
 * served on 127.0.0.1 and the contract bridged over a WebSocket. Every request is parsed
 * without throwing and let in (TwinAccess) before anything else is done; see SECURITY.md.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { AppServices } from '../services/app-services.js';
import { nullLogger, type Logger } from '../engine/logger.js';
import { badRequest, HARDENED_SERVER_OPTIONS, hardenHttpServer } from '../engine/net/harden-http-server.js';
import { rateLimitedWarn } from '../engine/net/refusal-log.js';
import { parseRequestTarget } from '../engine/net/request-target.js';
import { attachBridge, type BridgeConnection } from './bridge-connection.js';
import { BASE_HEADERS, serveRendererFile } from './static-files.js';
import { createTwinAccess, type TwinAccess } from './twin-access.js';
import type { TwinServerMessage } from './twin-protocol.js';

export interface TwinServerOptions {
  services: AppServices;
  /** The built renderer (electron-vite's out/renderer). */
  rendererDir: string;
  port: number;
  host?: string;
  logger?: Logger;
}

export interface TwinServer {
  /** The address to open: it carries the launch token, so print it only to the person who started the twin. */
  url: string;
  port: number;
  /** The launch token (in `url`); it opens the twin once. */
  token: string;
  close(): Promise<void>;
}

/** 1 MiB: settings imports are the largest legitimate request. */
const MAX_MESSAGE_BYTES = 1024 * 1024 + 4096;

const NOT_LET_IN =
  '<!doctype html><meta charset="utf-8"><title>Interject</title><p>This Interject browser twin needs its access token. Open the address that <code>npm run start:web</code> printed (it ends with <code>?token=…</code>).</p>' +
  // A link from another site (webmail, chat) sets the SameSite=Strict cookie, but the browser does not send it on that same navigation; a click from here does.
  '<p>If you have just opened that address from a link on another site, <a href="/">continue to Interject</a>.</p>';
const LAUNCH_TOKEN_USED =
  '<!doctype html><meta charset="utf-8"><title>Interject</title><p>This launch address has been used already. It opens the browser twin once, in the browser that opened it first; to open the twin in another browser, restart <code>npm run start:web</code> for a new address.</p>';

export async function startTwinServer(options: TwinServerOptions): Promise<TwinServer> {
  const logger = options.logger ?? nullLogger;
  const host = options.host ?? '127.0.0.1';
  const indexPath = path.join(options.rendererDir, 'index.html');
  if (!fs.existsSync(indexPath)) {
    throw new Error(`The renderer is not built: ${indexPath} is missing. Run "npm run build" first.`);
  }
  let access: TwinAccess | undefined;
  const refusals = rateLimitedWarn(logger);

  const server = http.createServer(HARDENED_SERVER_OPTIONS, (req, res) => {
    const target = parseRequestTarget(req.url);
    const allowedHost = access?.allowedHost(req);
    if (!target) return plain(res, 400, 'Bad request');
    if (!access || !allowedHost) {
      refusals('Refused a request with a foreign Host', { host: String(req.headers.host ?? '').slice(0, 100) });
      return plain(res, 403, 'Forbidden: this server answers only to 127.0.0.1, localhost and [::1] with its port.');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed');
    if (target.query.has('token')) {
      // A browser that already holds the session (the launch address opened again) just goes in.
      if (access.hasSession(req)) return void res.writeHead(302, { ...BASE_HEADERS, Location: '/' }).end();
      // Only a page load spends the token, not a HEAD (a link checker, say).
      if (req.method !== 'GET') return html(res, 403, NOT_LET_IN);
      const redeemed = access.redeemLaunchToken(target.query.get('token'));
      if (redeemed !== 'opened') {
        refusals(redeemed === 'used' ? 'Refused a launch token that was used already' : 'Refused a wrong launch token');
        return html(res, 403, redeemed === 'used' ? LAUNCH_TOKEN_USED : NOT_LET_IN);
      }
      // The token leaves the address bar (and history) at once; the cookie carries the session.
      res.writeHead(302, { ...BASE_HEADERS, Location: '/', 'Set-Cookie': access.sessionCookie() }).end();
      return;
    }
    if (!access.hasSession(req)) return html(res, 403, NOT_LET_IN);
    serveRendererFile(res, options.rendererDir, target.pathname, allowedHost);
  });
  hardenHttpServer(server);

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => {});
    const target = parseRequestTarget(req.url);
    if (!target) return badRequest(socket);
    if (!access || !access.allowedHost(req) || !access.originAllowed(req) || !access.hasSession(req) || target.pathname !== '/bridge') {
      refusals('Refused a bridge connection', { origin: String(req.headers.origin ?? '').slice(0, 100), path: target.pathname.slice(0, 100) });
      if (socket.writable) socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const connections = new Map<import('ws').WebSocket, BridgeConnection>();
  const unsubscribe = options.services.events.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload } satisfies TwinServerMessage);
    for (const connection of connections.values()) connection.send(text);
  });

  wss.on('connection', (ws) => {
    connections.set(ws, attachBridge(ws, options.services.registry, logger));
    ws.on('close', () => connections.delete(ws));
    ws.on('error', (error) => logger.warn('Bridge socket error', { error: String(error) }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      const address = server.address();
      access = createTwinAccess(typeof address === 'object' && address ? address.port : options.port, host);
      resolve();
    });
  });
  const port = typeof server.address() === 'object' ? (server.address() as { port: number }).port : options.port;

  return {
    url: `http://${host}:${port}/?token=${access!.launchToken}`,
    port,
    token: access!.launchToken,
    async close() {
      unsubscribe();
      for (const ws of connections.keys()) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function plain(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end(text);
}

function html(res: http.ServerResponse, status: number, body: string): void {
  res
    .writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'", Connection: 'close' })
    .end(body);
}
