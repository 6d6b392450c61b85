// 1,000 random interleavings of send / flush / cancel / endTurn / endSession against a server
// with random delays, stragglers and missing acks: no chunk of a cancelled turn ever reaches
// playback, every chunk carries the id of the turn it truly belongs to, no unhandled rejection,
// no listener leak.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SingleStreamClient } from '../../../electron/engine/tts/single-stream-client.js';
import { markerOf, mulberry32, SimulatedServer } from './helpers/simulated-server.js';

const INTERLEAVINGS = 1000;
let server: SimulatedServer;
const unhandled: unknown[] = [];
const warnings: Error[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
const onWarning = (w: Error) => warnings.push(w);

beforeAll(async () => {
  // 1 % of cancels go unacknowledged and the server falls silent for 500 ms, well past the 300 ms quiet timeout.
  server = await SimulatedServer.start(7, { ackProbability: 0.99, silentGapMs: 500 });
  process.on('unhandledRejection', onUnhandled);
  process.on('warning', onWarning);
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  process.off('warning', onWarning);
  await server.close();
});

/** Stands in for the PlaybackQueue: remembers what was cleared and rejects audio of cleared turns. */
class PlaybackSpy {
  readonly cleared = new Set<string>();
  stale = 0;
  misattributed = 0;
  played = 0;
  clear(turnId: string): void {
    this.cleared.add(turnId);
  }
}

describe('stress: random interleavings', () => {
  it(`delivers zero stale chunks over ${INTERLEAVINGS} interleavings`, async () => {
    const rand = mulberry32(42);
    const playback = new PlaybackSpy();
    const turnIndex = new Map<string, number>();
    let nextIndex = 0;
    let client: SingleStreamClient | null = null;
    let clients = 0;
    const pending: Promise<unknown>[] = [];
    const listenerBaseline = process.listenerCount('unhandledRejection');
    const errors: Error[] = [];
    const survivors: SingleStreamClient[] = [];

    const newClient = () => {
      const c = new SingleStreamClient({ url: server.url, config: { voice_id: 'sim' }, playback }); // the default 300 ms quiet timeout
      c.on('audio', ({ turnId, samples }) => {
        if (playback.cleared.has(turnId)) playback.stale += 1;
        if (markerOf(samples) !== turnIndex.get(turnId)) playback.misattributed += 1;
        playback.played += 1;
      });
      c.on('error', (e) => errors.push(e));
      clients += 1;
      return c;
    };

    for (let i = 0; i < INTERLEAVINGS; i++) {
      client ??= newClient();
      const ops = 2 + Math.floor(rand() * 6);
      for (let k = 0; k < ops; k++) {
        const r = rand();
        if (r < 0.45) {
          const index = client.currentTurnId === null ? nextIndex++ : turnIndex.get(client.currentTurnId)!;
          const id = client.send(`T${index}: some words.`, { flush: rand() < 0.5 });
          turnIndex.set(id, index);
        } else if (r < 0.7) {
          pending.push(client.cancelCurrent());
        } else if (r < 0.85) {
          pending.push(client.endTurn());
        } else if (r < 0.9) {
          client.flush();
        } else if (r < 0.95) {
          pending.push(client.endSession());
          survivors.push(client);
          client = null;
          break;
        }
        const wait = rand();
        if (wait < 0.3) await new Promise((res) => setImmediate(res));
        else if (wait < 0.4) await new Promise((res) => setTimeout(res, Math.floor(rand() * 4)));
      }
      if (i % 50 === 49) await Promise.all(pending.splice(0)); // settle in batches so the run stays fast
    }
    if (client) {
      pending.push(client.endSession());
      survivors.push(client);
    }
    await Promise.all(pending);
    await new Promise((res) => setTimeout(res, 50));

    expect(playback.played).toBeGreaterThan(500);
    expect(playback.stale).toBe(0);
    expect(playback.misattributed).toBe(0);
    expect(unhandled).toEqual([]);
    expect(errors).toEqual([]);
    // Every ended client let go of everything: only the two listeners this test added remain.
    for (const c of survivors)
      expect(c.eventNames().map((n) => [n, c.listenerCount(n)])).toEqual([
        ['audio', 1],
        ['error', 1],
      ]);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    expect(process.listenerCount('unhandledRejection')).toBe(listenerBaseline);
    expect(server.openConnections).toBe(0);
    expect(clients).toBeGreaterThan(10);
  }, 120_000);
});
