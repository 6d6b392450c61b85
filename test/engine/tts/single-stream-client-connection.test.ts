// Connection life of the reference-protocol client: keep-alive, reconnect, fatal codes, half-open (docs/tts-protocol.md §4: 8, 9, 14, 15).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SingleStreamClient } from '../../../electron/engine/tts/single-stream-client.js';
import { ManualClock } from './helpers/manual-clock.js';
import { record, type Recorded } from './helpers/recorder.js';
import { ScriptedServer, tick, until } from './helpers/scripted-server.js';

let server: ScriptedServer;
let client: SingleStreamClient;
let clock: ManualClock;
let rec: Recorded;

beforeEach(async () => {
  server = await ScriptedServer.start();
  clock = new ManualClock();
  client = new SingleStreamClient({ url: server.url, config: { voice_id: 'v1' }, clock, socket: { random: () => 0.5 } });
  rec = record(client);
});

afterEach(async () => {
  await client.close();
  await server.close();
});

describe('keep-alive', () => {
  it('pings about every 15 s', async () => {
    await client.connect();
    const conn = await server.connection(0);
    const timersWithoutPongWait = clock.pendingTimers;
    clock.advance(15_000);
    await until(() => conn.pings === 1);
    // The pong clears the client's pong timer: move time again only once it is back (however slow
    // the machine), or the 10 s pong timeout at 25 s would take the socket for half-open.
    await until(() => clock.pendingTimers === timersWithoutPongWait);
    clock.advance(15_000);
    await until(() => conn.pings === 2);
  });

  it('detects a half-open socket (no pong, no frames) and reconnects', async () => {
    await client.connect();
    const conn = await server.connection(0);
    // The server stops reading: our pings are never answered, like a peer that vanished.
    (conn.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    clock.advance(15_000);
    clock.advance(10_000);
    await until(() => rec.reconnecting.length === 1);
    clock.advance(rec.reconnecting[0]!.delayMs);
    await server.connection(1);
  });
});

describe('reconnect', () => {
  it('honours retry_after on 1012 and replays a turn none of whose audio arrived, config first', async () => {
    await client.connect();
    const conn = await server.connection(0);
    const turn = client.send('Replay me.', { flush: true });
    await conn.next((m) => m.text === 'Replay me.');
    conn.close(1012, JSON.stringify({ retry_after: 2 }));
    await until(() => rec.reconnecting.length === 1);
    expect(rec.reconnecting[0]).toEqual({ attempt: 1, delayMs: 2000 });
    clock.advance(1999);
    await tick(20);
    expect(server.connections).toHaveLength(1);
    clock.advance(1);
    const again = await server.connection(1);
    const first = await again.next();
    expect(first).toMatchObject({ text: 'Replay me.', flush: true, voice_id: 'v1' });
    again.audio(240);
    await until(() => rec.audio.length === 1);
    expect(rec.audio[0]!.turnId).toBe(turn);
  });

  it('does not replay a turn that was partly heard: it ends with TURN_LOST and only the next turn is sent', async () => {
    await client.connect();
    const conn = await server.connection(0);
    const a = client.send('Half heard.', { flush: true });
    const ended = client.endTurn().catch((e: Error) => e);
    await conn.next((m) => m.close === true);
    conn.audio(240);
    await until(() => rec.audio.length === 1);
    conn.terminate(); // 1006
    await until(() => rec.reconnecting.length === 1);
    expect(rec.errors.map((e) => [e.code, e.turnId])).toEqual([['TURN_LOST', a]]);
    expect(((await ended) as unknown as { code: string }).code).toBe('TURN_LOST');
    client.send('Next.');
    clock.advance(rec.reconnecting[0]!.delayMs);
    const again = await server.connection(1);
    const first = await again.next();
    expect(first).toMatchObject({ text: 'Next.', voice_id: 'v1' });
    expect(again.received.some((m) => m.text === 'Half heard.')).toBe(false);
  });

  it('backs off exponentially on repeated transient drops (1013)', async () => {
    await client.connect();
    (await server.connection(0)).close(1013);
    await until(() => rec.reconnecting.length === 1);
    clock.advance(rec.reconnecting[0]!.delayMs);
    (await server.connection(1)).close(1013);
    await until(() => rec.reconnecting.length === 2);
    expect(rec.reconnecting.map((r) => r.delayMs)).toEqual([250, 250]); // reset after a successful open
    clock.advance(250);
    await server.connection(2);
  });

  it('grows the delay while the server stays unreachable, then gives up with a fatal error', async () => {
    const url = server.url;
    await server.close();
    const lonely = new SingleStreamClient({ url, config: {}, clock, socket: { random: () => 0.5, maxReconnectAttempts: 3 } });
    const r = record(lonely);
    lonely.send('Anyone?');
    for (let i = 1; i <= 3; i++) {
      await until(() => r.reconnecting.length === i);
      clock.advance(r.reconnecting[i - 1]!.delayMs);
    }
    await until(() => r.errors.length === 1);
    expect(r.reconnecting.map((x) => x.delayMs)).toEqual([250, 500, 1000]);
    expect(r.errors[0]).toMatchObject({ code: 'RECONNECT_EXHAUSTED', fatal: true });
    expect(() => lonely.send('again')).toThrow(/Could not reach/);
    await lonely.close();
    server = await ScriptedServer.start();
  });

  it('drops a turn cancelled while the socket was down instead of replaying it', async () => {
    await client.connect();
    const conn = await server.connection(0);
    client.send('Cancel me while down.', { flush: true });
    await conn.next();
    conn.close(1012);
    await until(() => rec.reconnecting.length === 1);
    await client.cancelCurrent();
    clock.advance(rec.reconnecting[0]!.delayMs);
    const again = await server.connection(1);
    client.send('Fresh.');
    const first = await again.next();
    expect(first).toMatchObject({ text: 'Fresh.' });
  });
});

describe('fatal close codes', () => {
  for (const [code, name] of [
    [4001, 'AUTH_FAILED'],
    [4003, 'NO_CREDITS'],
    [4029, 'RATE_LIMITED'],
    [4500, 'MODEL_UNAVAILABLE'],
  ] as const) {
    it(`stops on ${code} with ${name}, no retry, and a clear error`, async () => {
      await client.connect();
      const conn = await server.connection(0);
      const ended = client.endTurn();
      client.send('Hello.');
      conn.close(code, 'nope');
      await until(() => rec.errors.length === 1);
      await ended;
      expect(rec.errors[0]).toMatchObject({ code: name, fatal: true, closeCode: code });
      expect(rec.errors[0]!.message).toContain(String(code));
      clock.advance(60_000);
      await tick(30);
      expect(server.connections).toHaveLength(1);
      expect(rec.reconnecting).toHaveLength(0);
      expect(() => client.send('more')).toThrow(rec.errors[0]!.message);
    });
  }

  for (const [status, name] of [
    [402, 'NO_CREDITS'],
    [429, 'RATE_LIMITED'],
  ] as const) {
    it(`treats an HTTP ${status} on upgrade as ${name}, as the SDKs classify it, with no retry`, async () => {
      server.rejectWithStatus = status;
      client.send('Hello.');
      await until(() => rec.errors.length === 1);
      expect(rec.errors[0]).toMatchObject({ code: name, fatal: true });
      expect(rec.errors[0]!.message).toContain(`HTTP ${status}`);
      clock.advance(60_000);
      await tick(30);
      expect(rec.reconnecting).toHaveLength(0);
    });
  }

  it('treats an HTTP 401 on upgrade as a fatal auth failure', async () => {
    server.rejectWithStatus = 401;
    client.send('Hello.');
    await until(() => rec.errors.length === 1);
    expect(rec.errors[0]).toMatchObject({ code: 'AUTH_FAILED', fatal: true });
    await expect(client.connect()).rejects.toThrow(/401/);
  });
});
