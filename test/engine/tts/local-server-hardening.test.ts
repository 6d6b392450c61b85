// `npm run tts-server` as a hostile local client meets it: malformed upgrades, a wrong key,
// 10,000 random requests. The process must answer each with an HTTP error and live.
import net from 'node:net';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { fuzzHttp } from '../../helpers/http-fuzz';
import { get, upgrade } from '../../helpers/raw-http';
import { useTtsServerChild } from './helpers/tts-server-child';

const TOKEN = 'a'.repeat(32);
const tts = useTtsServerChild(TOKEN);

/** The server still speaks: a proper upgrade with the key opens a socket. */
async function stillServes(): Promise<void> {
  expect(tts.server.exited).toBe(false);
  const ws = new WebSocket(`ws://127.0.0.1:${tts.port}/ws/tts/stream?api_key=${TOKEN}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.close();
}

describe('local TTS server: slow clients', () => {
  it('cuts off 50 clients that trickle their request headers (slowloris) within 15 s (the 10 s header timeout, checked each second), and lives', async () => {
    // The header timeout is 10 s; Node checked it only every 30 s, so such sockets lived up to 40 s.
    const startedAt = Date.now();
    const closedAfterMs: number[] = [];
    const sockets = Array.from({ length: 50 }, () => {
      const socket = net.connect({ host: '127.0.0.1', port: tts.port });
      socket.on('error', () => {});
      socket.on('close', () => closedAfterMs.push(Date.now() - startedAt));
      socket.write('GET /ws/tts/stream HTTP/1.1\r\n');
      return socket;
    });
    const trickle = setInterval(() => sockets.forEach((s) => !s.destroyed && s.write('X-Slow: 1\r\n')), 1000);
    while (closedAfterMs.length < sockets.length && Date.now() - startedAt < 25_000) await new Promise((r) => setTimeout(r, 250));
    clearInterval(trickle);
    for (const s of sockets) s.destroy();
    expect(closedAfterMs).toHaveLength(50);
    expect(Math.max(...closedAfterMs)).toBeLessThan(15_000);
    await stillServes();
  }, 40_000);
});

describe('local TTS server: the HTTP upgrade path', () => {
  it.each(['//a:99999/ws/tts/stream', '/%E0%A4%A', '/%', 'http://[::1'])('answers an upgrade to %s with 400 and lives', async (target) => {
    const res = await upgrade(tts.port, target, [`Authorization: Bearer ${TOKEN}`]);
    expect(res.status).toBe(400);
    await stillServes();
  });

  it('refuses a wrong key at the upgrade with 401, before any socket exists (what the KugelAudio SDKs expect)', async () => {
    const res = await upgrade(tts.port, '/ws/tts/stream?api_key=wrong');
    expect(res.status).toBe(401);
    expect(res.text).toContain('"error_code":"AUTH_FAILED"');
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${tts.port}/ws/tts/multi`, { headers: { Authorization: 'Bearer nope' } });
      ws.once('unexpected-response', (_req, r) => resolve(r.statusCode ?? 0));
      ws.once('open', () => resolve(101));
      ws.once('error', () => {});
    });
    expect(status).toBe(401);
  });

  it('checks the key before the path: an unknown path without a key is a 401, with the key a 404', async () => {
    expect((await upgrade(tts.port, '/nope')).status).toBe(401);
    expect((await upgrade(tts.port, `/nope?api_key=${TOKEN}`)).status).toBe(404);
  });

  it('answers plain HTTP with a malformed target and lives', async () => {
    for (const target of ['/%E0%A4%A', '//a:99999/', 'http://[::1']) expect((await get(tts.port, target)).status).toBeGreaterThanOrEqual(400);
    await stillServes();
  });

  it('lives through 10,000 random request lines and headers', async () => {
    const { sent, answered } = await fuzzHttp({
      port: tts.port,
      count: 10_000,
      seed: 13,
      paths: ['/ws/tts/stream', '/ws/tts/multi', `/ws/tts/stream?api_key=${TOKEN}`],
    });
    expect(sent).toBe(10_000);
    expect(answered).toBeGreaterThan(5_000);
    await stillServes();
  }, 120_000);
});
