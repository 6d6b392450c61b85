/**
 * Random HTTP request lines and headers, sent to a listener on 127.0.0.1 only, in a bounded
 * loop: `count` requests, `concurrency` at a time, each on its own connection and given up
 * after `quietMs`. Seeded, so a failure can be replayed.
 */
import net from 'node:net';

export interface FuzzOptions {
  port: number;
  count: number;
  seed: number;
  /** Paths the listener really serves: the fuzz mangles these as well as random ones. */
  paths: string[];
  concurrency?: number;
  quietMs?: number;
}

const METHODS = ['GET', 'POST', 'PUT', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE', 'DELETE', 'PATCH', 'G\u00e9T', 'GET GET', '', 'PRI'];
const TARGETS = [
  '/',
  '/%',
  '/%E0%A4%A',
  '//a:99999/',
  'http://[::1',
  '//a:99999/bridge',
  '*',
  'a',
  '/..%2f..%2fetc/passwd',
  '/%00',
  '/\\..\\',
  '/?token=',
  '/index.html?%zz=1',
  'http://127.0.0.1:1/',
  '/\u00ff\u00fe',
  '//',
  '/%c0%af',
  '/' + 'a'.repeat(9000),
];
const HEADER_NAMES = [
  'Host',
  'Upgrade',
  'Connection',
  'Sec-WebSocket-Key',
  'Sec-WebSocket-Version',
  'Origin',
  'Cookie',
  'Authorization',
  'Content-Length',
  'Transfer-Encoding',
  'X-\u00e9',
  'Sec-WebSocket-Extensions',
  'Sec-WebSocket-Protocol',
];
const HEADER_VALUES = [
  'websocket',
  'Upgrade',
  'dGhlIHNhbXBsZSBub25jZQ==',
  '13',
  '8',
  'http://127.0.0.1',
  'null',
  'evil.example',
  '127.0.0.1',
  '[::1',
  'localhost:99999',
  'Bearer x',
  '-1',
  '99999999999999999999',
  'chunked',
  'permessage-deflate; client_max_window_bits=99',
  '\u00ff\u00fe',
  '',
  'a=b; c',
  '%E0%A4%A',
];

export async function fuzzHttp(options: FuzzOptions): Promise<{ sent: number; answered: number }> {
  const rand = mulberry32(options.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const randomText = (n: number) => Array.from({ length: n }, () => String.fromCharCode(Math.floor(rand() * 256))).join('');
  const mangle = (s: string) => {
    const i = Math.floor(rand() * (s.length + 1));
    return s.slice(0, i) + pick(['%', '%E0%A4%A', '//', ':99999', '[', '\u0000', '?', '#', randomText(3)]) + s.slice(i);
  };
  const makeRequest = (): Buffer => {
    const kind = rand();
    if (kind < 0.05) return Buffer.from(randomText(1 + Math.floor(rand() * 200)), 'latin1');
    const target = rand() < 0.5 ? mangle(pick([...options.paths, ...TARGETS])) : pick([...options.paths, ...TARGETS]);
    const lines = [`${pick(METHODS)} ${target} ${pick(['HTTP/1.1', 'HTTP/1.0', 'HTTP/2', 'HTTP/9.9', ''])}`];
    if (rand() < 0.5) lines.push('Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13');
    if (rand() < 0.7)
      lines.push(`Host: ${pick([`127.0.0.1:${options.port}`, `localhost:${options.port}`, `[::1]:${options.port}`, 'evil.example', pick(HEADER_VALUES)])}`);
    const extra = Math.floor(rand() * 6);
    for (let i = 0; i < extra; i++) lines.push(`${rand() < 0.2 ? randomText(5) : pick(HEADER_NAMES)}: ${rand() < 0.2 ? randomText(8) : pick(HEADER_VALUES)}`);
    return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  };

  const concurrency = options.concurrency ?? 32;
  const quietMs = options.quietMs ?? 300;
  let sent = 0;
  let answered = 0;
  const worker = async () => {
    while (sent < options.count) {
      sent++;
      if (await sendOne(options.port, makeRequest(), quietMs)) answered++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { sent, answered };
}

function sendOne(port: number, request: Buffer, quietMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let gotData = false;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(gotData);
    };
    const timer = setTimeout(finish, quietMs);
    socket.on('data', () => {
      gotData = true;
      finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.write(request);
  });
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
