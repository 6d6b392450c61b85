// A browser-bridge client that sends and never reads (issue 13: 60k settings:export grew the
// twin by 131 MB, still there after it left). Memory must stay bounded and come back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { get } from '../helpers/raw-http';
import { openNonReadingClient } from '../helpers/raw-ws';
import { MB, rssSettles, watchRss } from '../helpers/rss-watch';
import { cookieFrom, startTwinFixture, type TwinFixture } from './helpers/twin-fixture';

let twin: TwinFixture;
let cookie = '';

beforeAll(async () => {
  twin = await startTwinFixture();
  const launch = new URL(twin.launchUrl);
  cookie = cookieFrom((await get(twin.port, launch.pathname + launch.search)).text);
}, 60_000);

afterAll(async () => {
  await twin?.close();
});

/**
 * A reading client first does the same kind of work (5,000 exports): the baseline then holds
 * warmed-up code and a grown young generation, so what is measured is what not reading adds.
 */
async function warmUp(): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${twin.port}/bridge`, { headers: { Origin: `http://127.0.0.1:${twin.port}`, Cookie: cookie } });
  await new Promise((r) => ws.once('open', r));
  let answered = 0;
  ws.on('message', () => answered++);
  for (let round = 0; round < 20; round++) {
    for (let i = 0; i < 250; i++) ws.send(JSON.stringify({ id: round * 250 + i + 1, channel: 'settings:export', request: {} }));
    while (answered < (round + 1) * 250) await new Promise((r) => setTimeout(r, 10));
  }
  ws.close();
}

describe('browser twin: a client that never reads', () => {
  it('cannot push RSS up by 50 MB, and RSS comes back within 10 s of it leaving', async () => {
    await warmUp();
    await new Promise((r) => setTimeout(r, 500));
    const baseline = twin.server.rssBytes();
    const watch = watchRss(() => twin.server.rssBytes());
    const client = await openNonReadingClient(twin.port, '/bridge', [`Origin: http://127.0.0.1:${twin.port}`, `Cookie: ${cookie}`]);
    for (let id = 1; id <= 60_000; id++) client.sendText(JSON.stringify({ id, channel: 'settings:export', request: {} }));
    await new Promise((r) => setTimeout(r, 4000));
    const peak = watch.peakBytes();
    watch.stop();
    client.close();
    const after = await rssSettles(() => twin.server.rssBytes(), baseline + 20 * MB, 10_000);
    console.log(
      `twin RSS: baseline ${(baseline / MB).toFixed(0)} MB, peak +${((peak - baseline) / MB).toFixed(1)} MB, 10 s after leaving +${((after - baseline) / MB).toFixed(1)} MB`,
    );
    expect(peak - baseline).toBeLessThan(50 * MB);
    expect(after - baseline).toBeLessThan(20 * MB);
    expect(twin.server.exited).toBe(false);
  }, 60_000);
});
