/**
 * The local TTS server's HTTP upgrade path, before any WebSocket exists: a malformed
 * request target is a 400, a missing or wrong key a 401 (the KugelAudio SDKs expect the
 * refusal at the upgrade, not an accepted socket closed with 4001), an unknown path a 404.
 * The key is checked before anything else is looked at, and nothing here can throw.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { parseRequestTarget } from '../../net/request-target.js';

export type UpgradeVerdict = { ok: true; pathname: string } | { ok: false; status: 400 | 401 | 404; code: string; message: string };

export function checkUpgrade(req: IncomingMessage, token: string, paths: readonly string[]): UpgradeVerdict {
  const target = parseRequestTarget(req.url);
  if (!target) return { ok: false, status: 400, code: 'BAD_REQUEST', message: 'The request target is malformed.' };
  const header = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
  const given = target.query.get('api_key') ?? header.replace(/^Bearer\s+/i, '');
  if (!tokensMatch(given, token)) return { ok: false, status: 401, code: 'AUTH_FAILED', message: 'invalid api_key' };
  if (!paths.includes(target.pathname)) return { ok: false, status: 404, code: 'NOT_FOUND', message: `No WebSocket endpoint at ${target.pathname}.` };
  return { ok: true, pathname: target.pathname };
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found' };

/** Answers a refused upgrade with a small JSON body and closes the socket. */
export function refuseUpgrade(socket: Duplex, verdict: Extract<UpgradeVerdict, { ok: false }>): void {
  const body = JSON.stringify({ error: verdict.message, error_code: verdict.code });
  const head = [
    `HTTP/1.1 ${verdict.status} ${REASONS[verdict.status]}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ];
  if (verdict.status === 401) head.push('WWW-Authenticate: Bearer');
  if (socket.writable) socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  else socket.destroy();
}

export function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
