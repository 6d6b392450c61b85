// The browser twin as a hostile local client, a web page or a DNS-rebinding attacker meets it.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzHttp } from '../helpers/http-fuzz';
import { get, rawRequest, upgrade } from '../helpers/raw-http';
import { cookieFrom, startTwinFixture, type TwinFixture } from './helpers/twin-fixture';

let twin: TwinFixture;
let cookie = '';
/** The answer to the first (and only good) use of the launch address. */
let launch: { status: number; text: string };

beforeAll(async () => {
  twin = await startTwinFixture();
  // A foreign Host or a HEAD must not spend the one-time token before the person's browser does.
  await get(twin.port, `/?token=${twin.launchToken}`, [], 'evil.example');
  await rawRequest(twin.port, `HEAD /?token=${twin.launchToken} HTTP/1.1\r\nHost: 127.0.0.1:${twin.port}\r\nConnection: close\r\n\r\n`);
  launch = await get(twin.port, new URL(twin.launchUrl).pathname + new URL(twin.launchUrl).search);
  cookie = cookieFrom(launch.text);
}, 60_000);

afterAll(async () => {
  await twin?.close();
});

const origin = () => `http://127.0.0.1:${twin.port}`;

function openBridge(headers: Record<string, string>): Promise<{ ws?: WebSocket; status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${twin.port}/bridge`, { headers });
    ws.once('open', () => resolve({ ws, status: 101 }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.once('error', () => resolve({ status: 0 }));
  });
}

async function stillServes(): Promise<void> {
  expect(twin.server.exited).toBe(false);
  expect((await get(twin.port, '/', [`Cookie: ${cookie}`])).status).toBe(200);
}

describe('browser twin: malformed requests', () => {
  it.each(['/%E0%A4%A', '/%', '//a:99999/', 'http://[::1'])('answers GET %s with 400 and lives', async (target) => {
    expect((await get(twin.port, target, [`Cookie: ${cookie}`])).status).toBe(400);
    await stillServes();
  });

  it('answers an upgrade to //a:99999/bridge with 400 and lives', async () => {
    expect((await upgrade(twin.port, '//a:99999/bridge', [`Origin: ${origin()}`, `Cookie: ${cookie}`])).status).toBe(400);
    await stillServes();
  });

  it('lives through 10,000 random request lines and headers', async () => {
    const { sent } = await fuzzHttp({
      port: twin.port,
      count: 10_000,
      seed: 13,
      paths: ['/', '/bridge', '/assets/app.js', `/?token=${twin.launchToken.slice(0, 4)}`],
    });
    expect(sent).toBe(10_000);
    await stillServes();
  }, 120_000);
});

describe('browser twin: who gets in', () => {
  it('prints a launch address that carries an access token', () => {
    expect(twin.launchToken).toMatch(/^[0-9a-f]{48}$/);
  });

  it('never hands the page or any secret to a GET without the token or the cookie', async () => {
    for (const target of ['/', '/index.html', '/assets/app.js', '/?token=guess']) {
      const res = await get(twin.port, target);
      expect(res.status).toBe(403);
      expect(res.text).not.toContain(twin.launchToken);
      expect(res.text).not.toContain('bridge');
      expect(res.text).not.toMatch(/Set-Cookie/i);
    }
  });

  it('turns the launch token into an HttpOnly SameSite=Strict cookie and a redirect that drops it from the address', async () => {
    const res = launch;
    expect(res.status).toBe(302);
    expect(res.text).toMatch(/\r\nLocation: \/\r\n/i);
    expect(res.text).toMatch(/Set-Cookie: [^\r\n]*HttpOnly/i);
    expect(res.text).toMatch(/Set-Cookie: [^\r\n]*SameSite=Strict/i);
    expect(res.text).not.toContain(twin.launchToken);
    const page = await get(twin.port, '/', [`Cookie: ${cookie}`]);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`ws://127.0.0.1:${twin.port}/bridge`);
    expect(page.text).not.toContain(cookie.split('=')[1]);
  });

  it('opens the twin once per launch token: used again without the session it is refused with a sentence, with the session it just goes in', async () => {
    const again = await get(twin.port, `/?token=${twin.launchToken}`);
    expect(again.status).toBe(403);
    expect(again.text).toContain('This launch address has been used already');
    expect(again.text).not.toMatch(/Set-Cookie/i);
    const sameBrowser = await get(twin.port, `/?token=${twin.launchToken}`, [`Cookie: ${cookie}`]);
    expect(sameBrowser.status).toBe(302);
    expect(sameBrowser.text).toMatch(/\r\nLocation: \/\r\n/i);
    expect(sameBrowser.text).not.toMatch(/Set-Cookie/i);
  });

  it('refuses a foreign Host (DNS rebinding) even with the token or the cookie', async () => {
    for (const host of ['evil.example', `evil.example:${twin.port}`, '127.0.0.1:1', `127.0.0.1.nip.io:${twin.port}`]) {
      expect((await get(twin.port, `/?token=${twin.launchToken}`, [], host)).status).toBe(403);
      expect((await get(twin.port, '/', [`Cookie: ${cookie}`], host)).status).toBe(403);
      expect((await upgrade(twin.port, '/bridge', [`Origin: ${origin()}`, `Cookie: ${cookie}`], host)).status).toBe(403);
    }
    for (const host of [`localhost:${twin.port}`, `[::1]:${twin.port}`]) expect((await get(twin.port, '/', [`Cookie: ${cookie}`], host)).status).toBe(200);
  });

  it('opens the bridge only with the cookie and this server as Origin', async () => {
    expect((await openBridge({ Origin: origin() })).status).toBe(403);
    expect((await openBridge({ Origin: origin(), Cookie: 'interject=guess' })).status).toBe(403);
    expect((await openBridge({ Origin: 'http://127.0.0.1:1', Cookie: cookie })).status).toBe(403);
    expect((await openBridge({ Cookie: cookie })).status).toBe(403);
    const { ws, status } = await openBridge({ Origin: origin(), Cookie: cookie });
    expect(status).toBe(101);
    ws!.close();
  });

  it('rate-limits its refusal log: 500 refused upgrades are not 500 log lines', async () => {
    const before = (twin.server.output.match(/Refused a bridge connection/g) ?? []).length;
    await Promise.all(Array.from({ length: 500 }, () => upgrade(twin.port, '/bridge', ['Origin: http://evil.example'])));
    await new Promise((r) => setTimeout(r, 200));
    const after = (twin.server.output.match(/Refused a bridge connection/g) ?? []).length;
    expect(after - before).toBeLessThanOrEqual(10);
  });
});

describe('browser twin: malformed bridge frames', () => {
  async function exchange(frames: (string | Buffer)[]): Promise<unknown[]> {
    const { ws } = await openBridge({ Origin: origin(), Cookie: cookie });
    const replies: unknown[] = [];
    ws!.on('message', (d) => {
      const m = JSON.parse(String(d));
      if (!('event' in m)) replies.push(m);
    });
    for (const f of frames) ws!.send(f);
    const deadline = Date.now() + 20_000; // returns as soon as every frame is answered; room for a slow, loaded machine
    while (replies.length < frames.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    ws!.close();
    return replies;
  }

  it('answers each malformed frame with a typed error instead of silence', async () => {
    const replies = await exchange([
      '{not json',
      '[1,2]',
      '{"channel":"settings:get"}',
      '{"id":"x","channel":"settings:get"}',
      Buffer.from([1, 2, 3]),
      '{"id":7}',
      '{"id":8,"channel":"no:such"}',
    ]);
    expect(replies).toHaveLength(7);
    for (const r of replies as { id: unknown; result: { ok: boolean; error: { code: string; message: string } } }[]) {
      expect(r.result.ok).toBe(false);
      expect(typeof r.result.error.message).toBe('string');
    }
    expect((replies[0] as { id: unknown }).id).toBeNull();
    expect(replies.map((r) => (r as { id: unknown }).id).slice(5)).toEqual([7, 8]);
  });

  it('answers 2,000 random frames (bytes, broken JSON, odd ids and channels) one reply each, and lives', async () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const frames: (string | Buffer)[] = Array.from({ length: 2000 }, (_, i) => {
      const kind = rand();
      if (kind < 0.2) return Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)));
      if (kind < 0.4) return JSON.stringify({ id: i, channel: 'settings:get' }).slice(0, Math.floor(rand() * 30));
      const id = pick<unknown>([i, -i, 1.5, '1', null, [], {}, 2 ** 60, undefined]);
      return JSON.stringify({
        id,
        channel: pick<unknown>(['settings:get', 'settings:export', 'no:such', '', 7, null, '__proto__', 'constructor']),
        request: pick<unknown>([undefined, {}, [], 'x', { __proto__: 1 }]),
      });
    });
    const replies = await exchange(frames);
    expect(replies).toHaveLength(2000);
    await stillServes();
  }, 60_000);
});
