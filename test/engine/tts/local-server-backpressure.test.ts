// A client of `npm run tts-server` that asks for a long text and never reads (issue 13: five
// of them grew the server by 256 MiB, still there after they left). One client here: with
// five at once the flite workers' own memory (a WebAssembly instance per sentence, freed only
// when the worker collects garbage) grows as much for clients that do read; see the issue note.
import { describe, expect, it } from 'vitest';
import { openNonReadingClient, type NonReadingClient } from '../../helpers/raw-ws';
import { MB, rssSettles, watchRss } from '../../helpers/rss-watch';
import { useTtsServerChild, warmUpTtsServer } from './helpers/tts-server-child';

const TOKEN = 'b'.repeat(32);
const CLIENTS = 1;
const tts = useTtsServerChild(TOKEN);

const longText = (n: number) => 'The quick brown fox jumps over the lazy dog near the river bank. '.repeat(Math.ceil(n / 66)).slice(0, n);

describe('local TTS server: clients that never read', () => {
  it('one with a 19,000-character text is paused, then dropped; it cannot push RSS up by 50 MB, and RSS comes back within 10 s of it leaving', async () => {
    await warmUpTtsServer(tts.port, TOKEN, longText(2000));

    const baseline = tts.server.rssBytes();
    const watch = watchRss(() => tts.server.rssBytes());
    const clients: NonReadingClient[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const c = await openNonReadingClient(tts.port, `/ws/tts/stream?api_key=${TOKEN}`);
      c.sendText(JSON.stringify({ text: longText(19_000) }));
      c.sendText(JSON.stringify({ close: true }));
      clients.push(c);
    }
    // Paused past 512 KiB unsent, dropped after 10 s stalled (or past 4 MiB): it stops costing audio.
    const dropped = Date.now() + 30_000;
    while (!tts.server.output.includes('dropped a client that stopped reading') && Date.now() < dropped) await new Promise((r) => setTimeout(r, 250));
    expect(tts.server.output).toContain('dropped a client that stopped reading');
    const peak = watch.peakBytes();
    watch.stop();
    for (const c of clients) c.close();
    const after = await rssSettles(() => tts.server.rssBytes(), baseline + 20 * MB, 10_000);
    console.log(
      `TTS server RSS: baseline ${(baseline / MB).toFixed(0)} MB, peak +${((peak - baseline) / MB).toFixed(1)} MB, 10 s after leaving +${((after - baseline) / MB).toFixed(1)} MB`,
    );
    expect(peak - baseline).toBeLessThan(50 * MB);
    expect(after - baseline).toBeLessThan(20 * MB);
    expect(tts.server.exited).toBe(false);
  }, 90_000);
});
