// No stale audio without turn ids: a scripted server sends the cancelled turn's leftovers 0.3, 1
// and 2 s after the cancel, with and without an ack, while the next turn speaks. Not one sample
// of them may be played (delivered as audio) as part of the next turn.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MultiContextTtsClient } from '../../../../electron/engine/tts/multi-context-client.js';
import { SingleStreamClient } from '../../../../electron/engine/tts/single-stream-client.js';
import { record, type Recorded } from '../helpers/recorder.js';
import { ScriptedServer, until, type ScriptedConnection } from '../helpers/scripted-server.js';

const LEFTOVER = 0.9; // the cancelled turn's samples; the next turn's are 0.25
const LEFTOVER_AT_MS = [300, 1000, 2000];
let server: ScriptedServer;
beforeEach(async () => {
  server = await ScriptedServer.start();
});
afterEach(async () => {
  await server.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const leftoverSamples = (rec: Recorded) => rec.audio.reduce((n, a) => n + a.samples.filter((s) => Math.abs(s - LEFTOVER) < 0.01).length, 0);
const samplesOf = (rec: Recorded, turnId: string) => rec.audio.filter((a) => a.turnId === turnId).reduce((n, a) => n + a.samples.length, 0);

/** Answers a turn like the service: generation_started, audio of `value`, word timestamps, then final/session_closed on close. */
function answer(c: ScriptedConnection, extra: Record<string, unknown> = {}): void {
  c.send({ generation_started: true, chunk_id: 0, text: 'Next.', ...extra });
  c.audio(2400, { value: 0.25, extra: { idx: 0, chunk_id: 0, ...extra } });
}

type Ack = 'never' | 'after the leftovers' | 'at once';

describe('single-stream: leftovers of a cancelled turn are never played in the next one', () => {
  for (const ack of ['never', 'after the leftovers', 'at once'] as Ack[]) {
    it(`ack ${ack}: 0 leftover samples played, the next turn plays`, async () => {
      const client = new SingleStreamClient({ url: server.url, config: { voice_id: 1 } });
      const rec = record(client);
      const a = client.send('A long answer.', { flush: true });
      const old = await server.connection(0);
      await old.next((m) => m.text === 'A long answer.');
      old.send({ generation_started: true, chunk_id: 1, text: 'A long answer.' });
      old.audio(2400, { value: 0.5, extra: { idx: 0, chunk_id: 1 } });
      await until(() => rec.audio.length === 1);
      const cancelled = client.cancelCurrent();
      await old.next((m) => m.cancel === true);
      const cancelAt = performance.now();
      if (ack === 'at once') old.send({ interrupted: true });
      await sleep(100); // the person's reply comes quickly
      const b = client.send('Next.');
      void client.endTurn();
      // The old socket, if still trusted, answers B in order: after its ack.
      if (ack === 'at once') {
        await old.next((m) => m.text === 'Next.');
        answer(old);
      }
      for (const at of LEFTOVER_AT_MS) {
        await sleep(Math.max(0, cancelAt + at - performance.now()));
        old.audio(2400, { value: LEFTOVER, extra: { idx: 1, chunk_id: 1 } });
      }
      if (ack === 'after the leftovers') old.send({ interrupted: true });
      await cancelled;
      if (ack !== 'at once') {
        // The unacknowledged cancel made that socket dirty: B went out again on a fresh one.
        const fresh = await server.connection(1);
        await fresh.next((m) => m.text === 'Next.');
        answer(fresh);
      }
      await until(() => samplesOf(rec, b) === 2400);
      await sleep(100);
      expect(leftoverSamples(rec)).toBe(0);
      expect(rec.interrupted).toEqual([a]);
      expect(rec.audio.filter((x) => x.turnId === a).length).toBe(1);
      await client.close();
    }, 10_000);
  }
});

describe('multi-context: leftovers of a closed context are never played', () => {
  for (const ack of ['never', 'after the leftovers'] as Ack[]) {
    it(`context_closed ${ack}: 0 leftover samples played, the next context plays`, async () => {
      const client = new MultiContextTtsClient({ url: server.url, config: { voice_id: 1 } });
      const rec = record(client);
      const a = client.send('A long answer.', { flush: true });
      const c = await server.connection(0);
      await c.next((m) => m.context_id === a);
      c.send({ context_created: true, context_id: a });
      await c.next((m) => m.text === 'A long answer.');
      c.audio(2400, { value: 0.5, extra: { context_id: a, idx: 0 } });
      await until(() => rec.audio.length === 1);
      const cancelled = client.cancelCurrent();
      await c.next((m) => m.immediate === true);
      const cancelAt = performance.now();
      await sleep(100);
      const b = client.send('Next.', { flush: true });
      await c.next((m) => m.context_id === b);
      c.send({ context_created: true, context_id: b });
      await c.next((m) => m.text === 'Next.');
      answer(c, { context_id: b });
      for (const at of LEFTOVER_AT_MS) {
        await sleep(Math.max(0, cancelAt + at - performance.now()));
        c.audio(2400, { value: LEFTOVER, extra: { context_id: a, idx: 1 } });
      }
      if (ack === 'after the leftovers') c.send({ context_closed: true, context_id: a });
      await cancelled;
      await until(() => samplesOf(rec, b) === 2400);
      expect(leftoverSamples(rec)).toBe(0);
      expect(rec.interrupted).toEqual([a]);
      await client.close();
    }, 10_000);
  }
});
