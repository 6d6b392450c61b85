// Barge-in behaviour of the reference-protocol client against a scripted server (docs/tts-protocol.md §4: 1-7, 10, 13, 14).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SingleStreamClient } from '../../../electron/engine/tts/single-stream-client.js';
import { ManualClock } from './helpers/manual-clock.js';
import { record, audioTurns, type Recorded } from './helpers/recorder.js';
import { ScriptedServer, tick, until, type ScriptedConnection } from './helpers/scripted-server.js';

let server: ScriptedServer;
let client: SingleStreamClient;
let clock: ManualClock;
let rec: Recorded;
const playback = {
  cleared: [] as string[],
  clear(turnId: string) {
    this.cleared.push(turnId);
  },
};

beforeEach(async () => {
  server = await ScriptedServer.start();
  clock = new ManualClock();
  playback.cleared = [];
  client = new SingleStreamClient({ url: server.url, config: { voice_id: 'v1', sample_rate: 24000 }, clock, playback, cancelQuietTimeoutMs: 300 });
  rec = record(client);
});

afterEach(async () => {
  await client.close();
  await server.close();
});

async function connected(): Promise<ScriptedConnection> {
  await client.connect();
  return server.connection(0);
}

describe('cancelCurrent', () => {
  it('clears local playback synchronously, before the cancel frame is even queued', async () => {
    const conn = await connected();
    const turn = client.send('Hello there.', { flush: true });
    await conn.next((m) => m.text === 'Hello there.');
    const pending = client.cancelCurrent();
    expect(playback.cleared).toEqual([turn]);
    expect(conn.received.some((m) => m.cancel === true)).toBe(false);
    await conn.next((m) => m.cancel === true);
    conn.send({ interrupted: true });
    await pending;
    expect(rec.interrupted).toEqual([turn]);
  });

  it('drops chunks of the cancelled turn that arrive before the ack, and delivers the next turn tagged with its own id', async () => {
    const conn = await connected();
    const a = client.send('First answer.', { flush: true });
    await conn.next((m) => m.text === 'First answer.');
    conn.audio(480);
    await until(() => rec.audio.length === 1);
    const cancelled = client.cancelCurrent();
    const b = client.send('Second answer.', { flush: true });
    await conn.next((m) => m.cancel === true);
    conn.audio(480); // stragglers already in flight
    conn.audio(480);
    conn.send({ interrupted: true });
    conn.audio(480, { value: 0.5 }); // the next turn's audio
    await cancelled;
    await until(() => rec.audio.length === 2);
    expect(rec.audio.map((x) => x.turnId)).toEqual([a, b]);
    expect(rec.audio[1]!.samples[0]).toBeCloseTo(0.5, 3);
    expect(client.stats.droppedChunks).toBe(2);
  });

  it('drops a straggler that arrives after the ack when no new turn has started', async () => {
    const conn = await connected();
    client.send('Words.', { flush: true });
    await conn.next((m) => m.text === 'Words.');
    const cancelled = client.cancelCurrent();
    await conn.next((m) => m.cancel === true);
    conn.send({ interrupted: true });
    await cancelled;
    conn.audio(480);
    await tick(30);
    expect(rec.audio).toHaveLength(0);
  });

  it('resolves after the quiet timeout when no ack comes, the timer restarting on every frame', async () => {
    const conn = await connected();
    client.send('No ack from this server.', { flush: true });
    await conn.next((m) => typeof m.text === 'string');
    let done = false;
    const cancelled = client.cancelCurrent().then(() => (done = true));
    await conn.next((m) => m.cancel === true);
    clock.advance(250);
    conn.audio(240); // a straggler restarts the quiet timer
    await until(() => client.stats.droppedChunks === 1);
    clock.advance(250);
    await tick(10);
    expect(done).toBe(false);
    clock.advance(60);
    await cancelled;
    expect(done).toBe(true);
    expect(rec.audio).toHaveLength(0);
  });

  it('on silence after a cancel drops that socket: every cancelled turn ends, nothing more is read from it, the next turn goes over a fresh one', async () => {
    const conn = await connected();
    const a = client.send('First.', { flush: true });
    let firstDone = false;
    let secondDone = false;
    void client.cancelCurrent().then(() => (firstDone = true));
    const b = client.send('Second.', { flush: true });
    void client.cancelCurrent().then(() => (secondDone = true));
    await conn.next((m) => m.text === 'Second.');
    await until(() => conn.received.filter((m) => m.cancel).length === 2);
    clock.advance(300); // the first cancel is never answered
    await until(() => firstDone && secondDone);
    expect(rec.interrupted).toEqual([a, b]);
    const conn2 = await server.connection(1);
    conn.audio(240); // a straggler on the old socket is never read
    const c = client.send('Third.', { flush: true });
    const third = await conn2.next((m) => m.text === 'Third.');
    expect(third).toMatchObject({ voice_id: 'v1' });
    conn2.audio(24);
    await until(() => rec.audio.length === 1);
    expect(rec.audio.map((x) => x.turnId)).toEqual([c]);
  });

  it('never blocks the next turn while waiting for the ack: its text and config go out at once', async () => {
    const conn = await connected();
    client.send('One.', { flush: true });
    await conn.next((m) => m.text === 'One.');
    void client.cancelCurrent();
    client.send('Two.');
    const two = await conn.next((m) => m.text === 'Two.');
    expect(two).toMatchObject({ text: 'Two.', voice_id: 'v1', sample_rate: 24000 });
    const order = conn.received.map((m) => (m.cancel ? 'cancel' : m.text));
    expect(order).toEqual(['One.', 'cancel', 'Two.']);
  });

  it('is a no-op when nothing is being generated', async () => {
    const conn = await connected();
    await client.cancelCurrent();
    client.send('Done soon.');
    const ended = client.endTurn();
    await conn.next((m) => m.close === true);
    conn.send({ final: true });
    await ended;
    await client.cancelCurrent();
    await tick(20);
    expect(conn.received.some((m) => m.cancel)).toBe(false);
    expect(playback.cleared).toEqual([]);
    expect(rec.interrupted).toEqual([]);
  });

  it('cancels an answer whose text is complete but whose audio is still coming (after endTurn)', async () => {
    const conn = await connected();
    const a = client.send('All the text.');
    const ended = client.endTurn();
    await conn.next((m) => m.close === true);
    conn.audio(480);
    await until(() => rec.audio.length === 1);
    const cancelled = client.cancelCurrent();
    expect(playback.cleared).toEqual([a]);
    await conn.next((m) => m.cancel === true);
    conn.audio(480);
    conn.send({ interrupted: true });
    await cancelled;
    await ended; // a cancelled turn's endTurn settles too
    expect(rec.audio).toHaveLength(1);
    expect(rec.finals).toEqual([]);
  });

  it('treats a final that beats the cancel to the server as the end of the cancelled turn', async () => {
    const conn = await connected();
    const a = client.send('Short.');
    void client.endTurn();
    await conn.next((m) => m.close === true);
    const cancelled = client.cancelCurrent();
    conn.audio(240); // last audio, then final instead of an ack
    conn.send({ final: true });
    await cancelled;
    expect(rec.audio).toHaveLength(0);
    expect(rec.finals).toEqual([]);
    expect(rec.interrupted).toEqual([a]);
  });

  it('ignores a late warning (auto-flush) after a cancel: nothing restarts', async () => {
    const conn = await connected();
    client.send('Unfinished sentence without a full stop');
    await conn.next((m) => typeof m.text === 'string');
    const cancelled = client.cancelCurrent();
    await conn.next((m) => m.cancel === true);
    conn.send({ warning: 'auto flush', warning_code: 'AUTO_FLUSH' });
    conn.audio(240);
    conn.send({ interrupted: true });
    await cancelled;
    await tick(20);
    expect(rec.audio).toHaveLength(0);
    expect(client.currentTurnId).toBeNull();
  });
});

describe('turns', () => {
  it('re-sends the session config on the first frame of every new turn, and only there', async () => {
    const conn = await connected();
    client.send('A one.');
    client.send('A two.');
    const endA = client.endTurn();
    await conn.next((m) => m.close === true);
    conn.send({ final: true });
    await endA;
    client.send('B one.');
    await conn.next((m) => m.text === 'B one.');
    const texts = conn.received.filter((m) => typeof m.text === 'string');
    expect(texts.map((m) => 'voice_id' in m)).toEqual([true, false, true]);
  });

  it('never reuses a turn id, not even after a cancel', async () => {
    const conn = await connected();
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      ids.add(client.send(`Turn ${i}.`));
      void client.cancelCurrent();
    }
    await conn.next((m) => m.text === 'Turn 4.').catch(() => undefined);
    expect(ids.size).toBe(5);
  });

  it('accepts a final with zero audio', async () => {
    const conn = await connected();
    const a = client.send('   ');
    const ended = client.endTurn();
    await conn.next((m) => m.close === true);
    conn.send({ final: true });
    await ended;
    expect(rec.finals).toEqual([a]);
    expect(rec.audio).toHaveLength(0);
  });

  it("drops a chunk that arrives after the turn's final", async () => {
    const conn = await connected();
    client.send('Text.');
    const ended = client.endTurn();
    await conn.next((m) => m.close === true);
    conn.audio(240);
    conn.send({ final: true });
    conn.audio(240); // a buggy extra chunk after final
    await ended;
    await tick(20);
    expect(rec.audio).toHaveLength(1);
  });
});

describe('writes and connect', () => {
  it('keeps text, flush, cancel and close frames in the order they were issued', async () => {
    const conn = await connected();
    client.send('a');
    client.send('b', { flush: true });
    client.flush();
    void client.cancelCurrent();
    client.send('c');
    void client.endTurn();
    await conn.next((m) => m.close === true);
    const order = conn.received.map((m) => (m.cancel ? 'cancel' : m.close ? 'close' : m.text !== undefined ? `text:${m.text}` : 'flush'));
    expect(order).toEqual(['text:a', 'text:b', 'flush', 'cancel', 'text:c', 'close']);
  });

  it('honours a cancel issued while still connecting: the cancelled text never reaches the server', async () => {
    const a = client.send('Never spoken.');
    await client.cancelCurrent(); // resolves at once: the server never knew the turn
    expect(playback.cleared).toEqual([a]);
    const b = client.send('Spoken.');
    const conn = await server.connection(0);
    const first = await conn.next();
    expect(first).toMatchObject({ text: 'Spoken.', voice_id: 'v1' });
    expect(conn.received.some((m) => m.text === 'Never spoken.' || m.cancel)).toBe(false);
    expect(a).not.toBe(b);
  });
});

describe('no leaks', () => {
  it('leaves no timers or listeners behind after close', async () => {
    const conn = await connected();
    client.send('x', { flush: true });
    await conn.next();
    void client.cancelCurrent();
    await client.close();
    expect(clock.pendingTimers).toBe(0);
    expect(audioTurns(rec)).toEqual([]);
  });
});
