// Issue 13: five clients each asking `npm run tts-server` for a 19,000-character text grew the
// server by ~140 MB RSS, still +93..195 MB 10 s after they left. The main heap stayed small: it
// was the flite workers' WebAssembly memory (an instance per sentence, freed only when that
// worker happened to collect garbage). Here five clients read audio for a while, then leave
// mid-text (so their sentences are cancelled), and the server's RSS must stay bounded.
// Known miss (issue 13 stays open for it): on an idle machine the workers synthesize faster and the
// cancels at the end add surplus workers, so the growth measured there was +60 MB at the peak and
// +96 MB 10 s after the clients left (+3..12 MB on a loaded machine). The bound below holds the
// improvement over the old +250 MB; the 50 MB target of a single slow client is its own test.
import { describe, expect, it } from 'vitest';
import { MB, rssSettles, watchRss } from '../../helpers/rss-watch';
import { RawClient } from './helpers/raw-client.js';
import { useTtsServerChild, warmUpTtsServer } from './helpers/tts-server-child';

const TOKEN = 'f'.repeat(32);
const CLIENTS = 5;
/** Long enough for many sentences per client on a loaded 2-core machine, short enough for a ~40 s test. */
const READ_MS = 12_000;
const tts = useTtsServerChild(TOKEN);

const longText = (n: number) => 'The quick brown fox jumps over the lazy dog near the river bank. '.repeat(Math.ceil(n / 66)).slice(0, n);
const url = () => `ws://127.0.0.1:${tts.port}/ws/tts/stream?api_key=${TOKEN}`;

describe('local TTS server: flite memory with five long texts at once', () => {
  it('five clients reading 19,000-character texts grow RSS by under 150 MB (the old code: +250 MB), also 10 s after they leave', async () => {
    await warmUpTtsServer(tts.port, TOKEN, longText(2000));

    const baseline = tts.server.rssBytes();
    const watch = watchRss(() => tts.server.rssBytes());
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => RawClient.open(url())));
    for (const c of clients) c.send({ text: longText(19_000), close: true });
    await new Promise((r) => setTimeout(r, READ_MS));
    const heard = clients.map((c) => c.frames.filter((f) => typeof f.audio === 'string').length);
    for (const c of clients) c.close();
    await new Promise((r) => setTimeout(r, 300));
    const peak = watch.peakBytes();
    watch.stop();
    const after = await rssSettles(() => tts.server.rssBytes(), baseline + 50 * MB, 10_000);
    const BOUND = 150 * MB;
    console.log(
      `TTS server RSS with ${CLIENTS} long texts: baseline ${(baseline / MB).toFixed(0)} MB, peak +${((peak - baseline) / MB).toFixed(1)} MB, ` +
        `10 s after leaving +${((after - baseline) / MB).toFixed(1)} MB; audio chunks per client ${heard.join(',')}`,
    );
    for (const n of heard) expect(n).toBeGreaterThan(0);
    expect(peak - baseline).toBeLessThan(BOUND);
    expect(after - baseline).toBeLessThan(BOUND);
    expect(tts.server.exited).toBe(false);
  }, 90_000);
});
