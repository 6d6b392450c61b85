/**
 * Drive KugelAudio's official JS SDK against `npm run tts-server`.
 *
 * Usage: npx tsx scripts/kugel-js-sdk.ts <SDK_DIR> <http://127.0.0.1:PORT> <TOKEN>
 * SDK_DIR holds the SDK's package.json and src/ (client.ts and what it imports); its `ws`
 * dependency must resolve from there (e.g. SDK_DIR/node_modules/ws).
 *
 * The same cases as scripts/kugel-python-sdk.py, in the JS SDK's callback style: single-stream
 * with word timestamps, an empty flush, cancel with nothing playing, a barge-in mid-speech,
 * updateSettings, endSession; multi-context with two contexts, an empty flush, an immediate
 * close, updateSettings, a graceful close and close_socket; a bad key on both endpoints; voices,
 * models and a one-shot generate. Every wait is bounded well under the SDK's own timeouts. One
 * line per step (figures as key=value), then "ALL OK" or "FAILED n"; exit code 1 when any failed.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [sdkDir, url, key] = process.argv.slice(2);
if (!sdkDir || !url || !key) {
  process.stderr.write('usage: tsx scripts/kugel-js-sdk.ts <SDK_DIR> <http://127.0.0.1:PORT> <TOKEN>\n');
  process.exit(2);
}

/** Above the server's first audio under load, far below the SDK's 5 s / 15 s quiet timeouts. */
const STEP_MS = 8000;
/** An acked cancel returns in milliseconds; the SDK's 5 s quiet timeout is the failure. */
const QUICK_MS = 3000;
const LONG_TEXT = 'This is a long answer that keeps going for a while. '.repeat(6);
const failures: string[] = [];

type Ev = { kind: string; t: number; data?: unknown; ctx?: string };
const events: Ev[] = [];
const now = () => performance.now();
const push = (kind: string, data?: unknown, ctx?: string) => events.push({ kind, t: now(), data, ctx });
const since = (from: number, kind: string, ctx?: string) => events.slice(from).filter((e) => e.kind === kind && (ctx === undefined || e.ctx === ctx));

async function waitFor(pred: () => boolean, ms: number): Promise<void> {
  const end = now() + ms;
  while (!pred()) {
    if (now() > end) throw new Error(`nothing within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function step<T>(name: string, fn: () => Promise<T>, figures?: (r: T, ms: number) => Record<string, unknown>): Promise<T | undefined> {
  const start = now();
  try {
    const r = await fn();
    const ms = now() - start;
    const extra = Object.entries(figures ? figures(r, ms) : {})
      .map(([k, v]) => ` ${k}=${String(v)}`)
      .join('');
    console.log(`ok   ${name} ms=${ms.toFixed(0)}${extra}`);
    return r;
  } catch (e) {
    failures.push(name);
    console.log(`FAIL ${name}: ${(e as Error).name}: ${(e as Error).message}`);
    return undefined;
  }
}

function check(name: string, ok: boolean, detail = ''): void {
  if (ok) console.log(`ok   ${name}`);
  else {
    failures.push(name);
    console.log(`FAIL ${name}: ${detail}`);
  }
}

/** Audio events after `from` that arrive within `ms`. */
async function leftovers(from: number, ms: number, ctx?: string): Promise<number> {
  await new Promise((r) => setTimeout(r, ms));
  return since(from, 'audio', ctx).length;
}

/** What this driver uses of the SDK (its src/client.ts and src/errors.ts), as the SDK declares it. */
type Settings = { cfgScale?: number; speed?: number; temperature?: number | null };
interface StreamSession {
  connect(): Promise<void>;
  send(text: string, flush?: boolean): void;
  cancelCurrent(): Promise<void>;
  updateSettings(s: Settings): Promise<Settings>;
  endSession(): Promise<void>;
  close(): Promise<void>;
  readonly lastUsage: { audioSeconds: number } | null;
}
interface MultiSession {
  connect(callbacks: Record<string, unknown>): Promise<void>;
  createContext(id: string, options?: { voiceId?: number }): void;
  send(id: string, text: string, flush?: boolean): void;
  flush(id: string): void;
  closeContext(id: string, immediate?: boolean): void;
  updateSettings(s: Settings): Promise<Settings>;
  usageFor(id: string): unknown;
  close(): void;
}
interface Client {
  tts: {
    streamingSession(config: Record<string, unknown>, callbacks: Record<string, unknown>): StreamSession;
    createMultiContextSession(config: Record<string, unknown>): MultiSession;
    generate(options: Record<string, unknown>): Promise<{ samples: number; wordTimestamps: unknown[] }>;
  };
  voices: { list(): Promise<{ voices: { id: number; name: string }[]; total: number }>; get(id: number): Promise<{ name: string }> };
  models: { list(): Promise<{ id: string }[]> };
  close(): void;
}
type Words = { word: string; charStart: number; charEnd: number }[];
const sdk = (await import(pathToFileURL(join(sdkDir, 'src', 'client.ts')).href)) as { KugelAudio: new (o: Record<string, unknown>) => Client };
const errors = (await import(pathToFileURL(join(sdkDir, 'src', 'errors.ts')).href)) as { AuthenticationError: new () => Error };
const { KugelAudio } = sdk;
const client = new KugelAudio({ apiKey: key, apiUrl: url, telemetry: false });

async function singleStream(): Promise<void> {
  const words: Words = [];
  const rates: number[] = [];
  const session = client.tts.streamingSession(
    { voiceId: 2, sampleRate: 16000, wordTimestamps: true },
    {
      onChunk: (c: { sampleRate: number }) => {
        rates.push(c.sampleRate);
        push('audio');
      },
      onWordTimestamps: (w: Words) => words.push(...w),
      onChunkComplete: () => push('chunk_complete'),
      onGenerationStarted: () => push('generation_started'),
      onInterrupted: () => push('interrupted'),
      onFinal: () => push('final'),
      onSessionClosed: () => push('session_closed'),
      onError: (e: Error) => push('error', e),
    },
  );
  await step('stream: connect', () => session.connect());
  const turn = async (text: string, completes: number) => {
    const from = events.length;
    const start = now();
    session.send(text, true);
    // Done when every started chunk completed (a flush of N sentences gives N chunk_completes) and the socket stays quiet.
    const settled = () => since(from, 'chunk_complete').length >= Math.max(completes, since(from, 'generation_started').length);
    await waitFor(settled, STEP_MS);
    await waitFor(() => settled() && now() - events[events.length - 1]!.t > 300, STEP_MS);
    const first = since(from, 'audio')[0];
    return { chunks: since(from, 'audio').length, firstAudioMs: first ? (first.t - start).toFixed(0) : 'none' };
  };
  await step(
    'stream: send(text, flush) with word timestamps',
    () => turn('Hello there, friend. How are you today?', 1),
    (r) => ({ chunks: r.chunks, first_audio_ms: r.firstAudioMs }),
  );
  check('stream: audio at the session 16 kHz', rates.length > 0 && rates.every((r) => r === 16000), `rates ${rates.slice(0, 5).join(',')}`);
  check('stream: word timestamps carry char offsets', words.length > 0 && words.every((w) => w.charEnd > w.charStart), JSON.stringify(words.slice(0, 3)));
  await step("stream: send('', flush) with nothing pending (no audio)", async () => {
    const r = await turn('', 1);
    if (r.chunks > 0) throw new Error(`${r.chunks} audio chunks after an empty flush`);
    return r;
  });
  await step(
    'stream: cancelCurrent() with nothing playing (resolves on interrupted)',
    async () => {
      const from = events.length;
      await session.cancelCurrent();
      if (since(from, 'interrupted').length === 0) throw new Error('resolved without an interrupted frame (quiet timeout)');
    },
    undefined,
  );
  let cancelFrom = 0;
  await step(
    'stream: barge-in: first audio, then cancelCurrent()',
    async () => {
      const from = events.length;
      const start = now();
      session.send(LONG_TEXT, true);
      await waitFor(() => since(from, 'audio').length > 0, STEP_MS);
      const cancelAt = now();
      await session.cancelCurrent();
      const acked = since(from, 'interrupted')[0];
      if (!acked) throw new Error('no interrupted frame');
      cancelFrom = events.length;
      return { firstAudio: since(from, 'audio')[0]!.t - start, ack: acked.t - cancelAt };
    },
    (r) => ({ first_audio_ms: r.firstAudio.toFixed(0), cancel_to_ack_ms: r.ack.toFixed(1) }),
  );
  const late = await leftovers(cancelFrom, 1500);
  check(`stream: no audio after the ack (leftovers=${late})`, late === 0, `${late} chunks`);
  const settings = await step('stream: updateSettings({cfgScale, speed})', () => session.updateSettings({ cfgScale: 1.5, speed: 1.1 }));
  if (settings) check('stream: settings_updated echoes the change', settings.cfgScale === 1.5 && settings.speed === 1.1, JSON.stringify(settings));
  await step(
    'stream: next turn after the cancel',
    () => turn('The next turn speaks.', 1),
    (r) => ({ chunks: r.chunks, first_audio_ms: r.firstAudioMs }),
  );
  const endFrom = events.length;
  await step('stream: endSession() (close -> final, session_closed)', async () => {
    await session.endSession();
    if (since(endFrom, 'session_closed').length === 0) throw new Error('resolved without session_closed (quiet timeout)');
  });
  check('stream: final before session_closed', since(endFrom, 'final').length === 1, 'no final');
  check('stream: lastUsage parsed', (session.lastUsage?.audioSeconds ?? 0) > 0, JSON.stringify(session.lastUsage));
  await step('stream: close()', () => session.close());
}

async function multiContext(): Promise<void> {
  const rates: number[] = [];
  const session = client.tts.createMultiContextSession({ defaultVoiceId: 2, sampleRate: 16000 });
  await step('multi: connect', () =>
    session.connect({
      onContextCreated: (id: string) => push('context_created', undefined, id),
      onChunk: (c: { sampleRate: number; contextId: string }) => {
        rates.push(c.sampleRate);
        push('audio', undefined, c.contextId);
      },
      onFinal: (id: string) => push('final', undefined, id),
      onContextClosed: (id: string, usage: unknown) => push('context_closed', usage, id),
      onSessionClosed: (s: unknown) => push('session_closed', s),
      onError: (e: Error, id?: string) => push('error', e, id),
    }),
  );
  const created = (id: string, voiceId?: number) => async () => {
    const from = events.length;
    session.createContext(id, voiceId ? { voiceId } : undefined);
    await waitFor(() => since(from, 'context_created', id).length > 0, STEP_MS);
  };
  await step('multi: createContext(a) (session config)', created('a'));
  await step('multi: createContext(b, voice 3)', created('b', 3));
  const spoken = (id: string, text: string) => async () => {
    const from = events.length;
    const start = now();
    session.send(id, text, true);
    await waitFor(() => since(from, 'final', id).length > 0, STEP_MS);
    const first = since(from, 'audio', id)[0];
    return { chunks: since(from, 'audio', id).length, first: first ? (first.t - start).toFixed(0) : 'none' };
  };
  await step('multi: send(a, text, flush) ends on final', spoken('a', 'First context speaking.'), (r) => ({ chunks: r.chunks, first_audio_ms: r.first }));
  await step('multi: send(b, text, flush)', spoken('b', 'Second context speaking.'), (r) => ({ chunks: r.chunks, first_audio_ms: r.first }));
  check('multi: both contexts at the session 16 kHz', rates.length > 0 && rates.every((r) => r === 16000), `rates ${[...new Set(rates)].join(',')}`);
  await step('multi: flush(a) with nothing pending answers final', async () => {
    const from = events.length;
    session.flush('a');
    await waitFor(() => since(from, 'final', 'a').length > 0, QUICK_MS);
  });
  let closedFrom = 0;
  let barge = 0;
  await step(
    'multi: barge-in on b: first audio, then closeContext(b, immediate)',
    async () => {
      barge = events.length;
      session.send('b', LONG_TEXT, true);
      await waitFor(() => since(barge, 'audio', 'b').length > 0, STEP_MS);
      const closeAt = now();
      session.closeContext('b', true);
      await waitFor(() => since(barge, 'context_closed', 'b').length > 0, QUICK_MS);
      closedFrom = events.length;
      return since(barge, 'context_closed', 'b')[0]!.t - closeAt;
    },
    (ms) => ({ close_to_closed_ms: ms.toFixed(1) }),
  );
  const late = await leftovers(closedFrom, 1500, 'b');
  check(`multi: no audio for b after context_closed (leftovers=${late})`, late === 0, `${late} chunks`);
  check('multi: no final for b on an immediate close', since(barge, 'final', 'b').length === 0, 'final sent');
  const settings = await step('multi: updateSettings({temperature})', () => session.updateSettings({ temperature: 0.3 }));
  if (settings) check('multi: settings_updated echoes the change', settings.temperature === 0.3, JSON.stringify(settings));
  await step('multi: closeContext(a) graceful (final, then context_closed with usage)', async () => {
    const from = events.length;
    session.closeContext('a');
    await waitFor(() => since(from, 'context_closed', 'a').length > 0, STEP_MS);
    if (since(from, 'final', 'a').length === 0) throw new Error('no final before context_closed');
    if (!session.usageFor('a')) throw new Error('no usage on context_closed');
  });
  await step('multi: close() (close_socket)', async () => session.close());
}

async function badKey(): Promise<void> {
  const bad = new KugelAudio({ apiKey: 'wrong-key', apiUrl: url, telemetry: false });
  for (const [name, open] of [
    ['stream', () => bad.tts.streamingSession({ voiceId: 1 }, {}).connect()],
    ['multi', () => bad.tts.createMultiContextSession({ defaultVoiceId: 1 }).connect({})],
  ] as const) {
    try {
      await open();
      failures.push(`${name}: bad key`);
      console.log(`FAIL ${name}: bad key connected`);
    } catch (e) {
      const ok = e instanceof errors.AuthenticationError;
      check(`${name}: bad key refused at the upgrade (${(e as Error).name}, status ${(e as { statusCode?: number }).statusCode})`, ok, String(e));
    }
  }
}

async function rest(): Promise<void> {
  const listing = await step(
    'rest: voices.list()',
    () => client.voices.list(),
    (r) => ({ voices: r.voices.length, total: r.total }),
  );
  if (listing) {
    check(
      'rest: voice ids are integers',
      listing.voices.length > 0 && listing.voices.every((v) => Number.isInteger(v.id)),
      JSON.stringify(listing.voices.map((v) => v.id)),
    );
    await step(
      'rest: voices.get(first)',
      () => client.voices.get(listing.voices[0]!.id),
      (v) => ({ name: v.name }),
    );
  }
  await step(
    'rest: models.list()',
    () => client.models.list(),
    (r) => ({ models: r.map((m) => m.id).join(',') }),
  );
  const audio = await step(
    'one-shot: tts.generate({wordTimestamps})',
    () => client.tts.generate({ text: 'One shot, please.', voiceId: 1, sampleRate: 16000, wordTimestamps: true }),
    (r) => ({ samples: r.samples, words: r.wordTimestamps.length }),
  );
  if (audio) check('one-shot: audio and word timestamps', audio.samples > 0 && audio.wordTimestamps.length > 0, `${audio.samples} samples`);
}

await singleStream();
await multiContext();
await badKey();
await rest();
client.close();
console.log(failures.length === 0 ? 'ALL OK' : `FAILED ${failures.length}: ${failures.join('; ')}`);
process.exit(failures.length === 0 ? 0 : 1);
