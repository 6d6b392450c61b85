/**
 * What every vendor adapter test sets up the same way: a scripted vendor server on 127.0.0.1
 * port 0, the adapter's client pointed at it (manual clock, playback clears recorded),
 * connected, with every event it emits recorded. Each test file only says how to create its
 * vendor's client and what that vendor's messages look like.
 */
import { expect } from 'vitest';
import { encodePcmS16le } from '../../../../../electron/engine/tts/pcm.js';
import type { PlaybackClearer, StreamingTts } from '../../../../../electron/engine/tts/types.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { record, type Recorded } from '../../helpers/recorder.js';
import { ScriptedServer, type ScriptedConnection } from '../../helpers/scripted-server.js';

/** What the adapter under test is created with: where the scripted server is, and the test's clock and playback. */
export interface VendorClientParts {
  baseUrl: string;
  clock: ManualClock;
  playback: PlaybackClearer;
}

export interface VendorSession<C extends StreamingTts> {
  server: ScriptedServer;
  client: C;
  /** The client's (first) connection as the server sees it. */
  conn: ScriptedConnection;
  rec: Recorded;
  clock: ManualClock;
  /** Turn ids whose playback the client cleared, in order. */
  cleared: string[];
}

export async function startVendorSession<C extends StreamingTts>(create: (parts: VendorClientParts) => C): Promise<VendorSession<C>> {
  const server = await ScriptedServer.start();
  const clock = new ManualClock();
  const cleared: string[] = [];
  const client = create({ baseUrl: server.baseUrl, clock, playback: { clear: (id) => cleared.push(id) } });
  const rec = record(client);
  await client.connect();
  const conn = await server.connection(0);
  return { server, client, conn, rec, clock, cleared };
}

export async function stopVendorSession(session: VendorSession<StreamingTts> | undefined): Promise<void> {
  await session?.client.close();
  await session?.server.close();
}

/** `n` samples at `value` as base64 pcm_s16le, the way JSON vendors carry audio. */
export function pcmBase64(n: number, value = 0.25): string {
  return encodePcmS16le(new Float32Array(n).fill(value)).toString('base64');
}

/** The live check every vendor gets when its key is set: speak, barge in on the first audio, speak again to the end. */
export async function speakAndCancelLive(live: StreamingTts, firstText: string, flush = false): Promise<void> {
  const r = record(live);
  live.send(firstText, flush ? { flush: true } : {});
  await new Promise<void>((resolve) => live.once('audio', () => resolve()));
  await live.cancelCurrent();
  live.send('Done.');
  await live.endTurn();
  expect(r.finals).toHaveLength(1);
  await live.close();
}
