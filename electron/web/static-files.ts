/**
 * Serves the built renderer's files to a request that has already been let in. Only regular
 * files inside the renderer folder; the page itself gets the bridge address in a meta tag
 * (no secret in it: the bridge is opened with the HttpOnly session cookie) and a strict CSP.
 */
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { TWIN_META_NAME } from './twin-protocol.js';

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

/** Headers every twin answer carries: no sniffing, no caching, no referrer, not embeddable elsewhere. */
export const BASE_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function serveRendererFile(res: ServerResponse, rendererDir: string, pathname: string, host: string): void {
  const root = path.resolve(rendererDir);
  const indexPath = path.join(root, 'index.html');
  const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = path.resolve(root, rel);
  let stat: fs.Stats | undefined;
  try {
    stat = file.startsWith(root + path.sep) ? fs.statSync(file) : undefined;
  } catch {
    stat = undefined;
  }
  if (!stat?.isFile()) {
    res.writeHead(404, { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const headers: Record<string, string> = { ...BASE_HEADERS, 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' };
  if (file === indexPath) {
    const wsOrigin = `ws://${host}`;
    headers['Content-Security-Policy'] =
      `default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; media-src 'self' data: blob:; connect-src 'self' ${wsOrigin}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
    const html = fs.readFileSync(file, 'utf8').replace('<head>', `<head>\n    <meta name="${TWIN_META_NAME}" content="${wsOrigin}/bridge">`);
    res.writeHead(200, headers).end(html);
    return;
  }
  res.writeHead(200, headers);
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
