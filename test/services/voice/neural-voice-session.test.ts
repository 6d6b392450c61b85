/**
 * The neural voice from download to session: a Kokoro-shaped voice archive the test makes is
 * installed through the real downloader from a local HTTP server (checked against its sha256),
 * becomes the local voice, and a session speaks with it; a voice that is missing or fails to
 * load leaves the session on flite with a notice in words.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as tar from 'tar';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ModelStatusInfo } from '../../../electron/contract/index';
import { TtsSettingsSchema } from '../../../electron/contract/settings/tts';
import { MODEL_CATALOGUE, type ModelEntry } from '../../../electron/engine/models/catalogue';
import { ModelManager } from '../../../electron/engine/models/model-manager';
import { systemClock } from '../../../electron/engine/clock';
import { nullLogger } from '../../../electron/engine/logger';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { PlainFileSecretStore } from '../../../electron/services/secrets/plain-file-secret-store';
import { resolveNeuralVoice } from '../../../electron/services/voice/neural-voice';
import { openSessionTts } from '../../../electron/services/voice/session-tts';
import { makeTempDir } from '../../helpers/temp-dir';
import { makeCorruptVoice, makeToneVoice, TONE_VOICE_SKIP } from '../../engine/tts/helpers/tone-voice';
import { startModelServer, type ModelServer } from '../models/helpers/model-server';

const KOKORO = MODEL_CATALOGUE.find((m) => m.id === 'tts-kokoro-int8-en-v0_19')!;
const PIPER = MODEL_CATALOGUE.find((m) => m.id === 'tts-piper-en_us-lessac-medium')!;
const work = makeTempDir('interject-voice-archive-');
let server: ModelServer;
let archive: Buffer;

beforeAll(async () => {
  // A Kokoro release's layout, with stand-in bytes: the download path checks names and the checksum, not weights.
  const folder = path.join(work.dir, 'kokoro-int8-en-v0_19');
  fs.mkdirSync(path.join(folder, 'espeak-ng-data'), { recursive: true });
  for (const f of ['model.int8.onnx', 'voices.bin', 'tokens.txt', 'espeak-ng-data/phontab']) fs.writeFileSync(path.join(folder, f), Buffer.alloc(5000, f));
  await tar.create({ gzip: true, file: path.join(work.dir, 'voice.tar.gz'), cwd: work.dir }, ['kokoro-int8-en-v0_19']);
  archive = fs.readFileSync(path.join(work.dir, 'voice.tar.gz'));
  server = await startModelServer({ 'voice.tar.gz': { body: archive } });
});
afterAll(async () => {
  await server.close();
  work.cleanup();
});

describe('downloading the natural voice', () => {
  let services: AppServices | undefined;
  let cleanup = () => {};
  afterEach(async () => {
    await services?.dispose();
    services = undefined;
    cleanup();
  });

  function start(sha256: string): AppServices {
    const tmp = makeTempDir('interject-voice-svc-');
    cleanup = tmp.cleanup;
    const entry: ModelEntry = { ...KOKORO, url: `${server.url}/voice.tar.gz`, sizeBytes: archive.length, format: 'tar.gz', sha256 };
    services = createAppServices({
      dataDir: tmp.dir,
      detectLocalServers: async () => [],
      modelCatalogue: [...MODEL_CATALOGUE.filter((m) => m.purpose !== 'tts'), entry],
      hardware: async () => ({ totalRamBytes: 16 * 1024 ** 3, cpuCores: 8, gpu: 'cpu' }),
    });
    return services;
  }

  const installed = async (s: AppServices) => {
    const r = await s.registry.handle('models:install', { id: KOKORO.id });
    expect(r.ok).toBe(true);
    await vi.waitFor(
      async () =>
        expect(((await s.registry.handle('models:list', undefined)) as { value: ModelStatusInfo[] }).value.find((m) => m.id === KOKORO.id)!.state).toBe(
          'installed',
        ),
      { timeout: 10_000 },
    );
  };

  it('installs through the downloader (sha256 checked) and becomes the local voice', async () => {
    const s = start(createHash('sha256').update(archive).digest('hex'));
    expect(s.settings.get().tts.voice).toBe('slt');
    await installed(s);
    await vi.waitFor(() => expect(s.settings.get().tts.voice).toBe(KOKORO.id), { timeout: 10_000 });
    const readiness = (await s.registry.handle('models:readiness', undefined)) as { value: { recommendation?: { tts: { id: string } } } };
    expect(readiness.value.recommendation?.tts.id).toBe(KOKORO.id);
  });

  it('a download whose checksum does not match is not installed, and the voice setting stays', async () => {
    const s = start('0'.repeat(64));
    await s.registry.handle('models:install', { id: KOKORO.id });
    await vi.waitFor(
      async () => {
        const m = ((await s.registry.handle('models:list', undefined)) as { value: ModelStatusInfo[] }).value.find((x) => x.id === KOKORO.id)!;
        expect(m.error?.code).toBe('checksum');
      },
      { timeout: 10_000 },
    );
    expect(s.settings.get().tts.voice).toBe('slt');
  });

  it('does not replace a neural voice the person already chose', async () => {
    const s = start(createHash('sha256').update(archive).digest('hex'));
    s.settings.update({ tts: { voice: 'tts-piper-en_us-lessac-medium' } });
    await installed(s);
    expect(s.settings.get().tts.voice).toBe('tts-piper-en_us-lessac-medium');
  });
});

describe('which voice a session speaks with', () => {
  const tmp = makeTempDir('interject-voice-session-');
  const models = new ModelManager({ dataDir: tmp.dir });
  const secrets = new PlainFileSecretStore(path.join(tmp.dir, 'secrets.json'));
  afterAll(() => tmp.cleanup());
  const local = (voice: string) => TtsSettingsSchema.parse({ provider: 'local', voice });

  it('a voice that is not downloaded yet is named, and flite speaks', async () => {
    expect(await resolveNeuralVoice(models, 'slt')).toEqual({ kind: 'flite' });
    expect(await resolveNeuralVoice(models, PIPER.id)).toEqual({
      kind: 'unavailable',
      reason: `The voice "${PIPER.title}" is not downloaded yet; the built-in voice speaks until it is (Settings → Voices and providers).`,
    });
    expect((await resolveNeuralVoice(models, 'nobody')).kind).toBe('unavailable');
    const tts = await openSessionTts(local(PIPER.id), {
      clock: systemClock,
      logger: nullLogger,
      secrets,
      neuralVoice: (v) => resolveNeuralVoice(models, v),
    }).catch((e: Error) => e);
    expect(tts).not.toBeInstanceOf(Error);
    if (tts instanceof Error) return;
    expect(tts.description).toBe('local voice slt');
    expect(tts.notice).toMatch(/is not downloaded yet/);
    await tts.close();
  }, 60_000);

  it.skipIf(TONE_VOICE_SKIP !== undefined)(
    'a linked voice speaks; a damaged one falls back to flite with the reason',
    async () => {
      await models.useExisting(PIPER.id, await makeToneVoice(path.join(tmp.dir, 'tone')));
      const choice = await resolveNeuralVoice(models, `${PIPER.id}:lessac`);
      expect(choice).toMatchObject({ kind: 'neural', options: { name: PIPER.id, speakers: ['lessac'] } });
      const good = await openSessionTts(local(PIPER.id), {
        clock: systemClock,
        logger: nullLogger,
        secrets,
        neuralVoice: (v) => resolveNeuralVoice(models, v),
      });
      expect(good.description).toBe(`local voice ${PIPER.id}`);
      expect(good.notice).toBeUndefined();
      await good.close();

      await models.useExisting(PIPER.id, await makeCorruptVoice(path.join(tmp.dir, 'corrupt')));
      const bad = await openSessionTts(local(PIPER.id), { clock: systemClock, logger: nullLogger, secrets, neuralVoice: (v) => resolveNeuralVoice(models, v) });
      expect(bad.description).toBe('local voice slt');
      expect(bad.notice).toMatch(/^The natural voice could not start, so the built-in voice speaks instead\. Could not load the voice model/);
      await bad.close();
    },
    60_000,
  );
});

describe('a session whose natural voice is missing', () => {
  it('speaks with flite and tells the person why, in the status notes and as an app notice', { timeout: 60_000 }, async () => {
    const { encodeWav } = await import('../../../electron/engine/stt/wav');
    const { fileVoiceIo } = await import('../../../electron/services/voice/voice-io');
    const tmp = makeTempDir('interject-voice-missing-');
    const micWav = path.join(tmp.dir, 'silence.wav');
    fs.writeFileSync(micWav, encodeWav(new Float32Array(16_000 * 5), 16_000));
    const services = createAppServices({ dataDir: tmp.dir, voiceIo: fileVoiceIo({ micWav, speaker: 'null' }), detectLocalServers: async () => [] });
    const events: { event: string; payload: unknown }[] = [];
    services.events.subscribe((event, payload) => events.push({ event, payload }));
    try {
      services.settings.update({ tts: { voice: KOKORO.id } });
      const started = await services.registry.handle('agent:start', undefined);
      expect(started.ok).toBe(true);
      const notes = (started as { value: { notes?: string[] } }).value.notes ?? [];
      expect(notes).toContain(`The voice "${KOKORO.title}" is not downloaded yet; the built-in voice speaks until it is (Settings → Voices and providers).`);
      expect(events.find((e) => e.event === 'app:error')?.payload).toMatchObject({ kind: 'other', message: expect.stringContaining('is not downloaded yet') });
      await services.registry.handle('agent:stop', undefined);
    } finally {
      await services.dispose();
      tmp.cleanup();
    }
  });
});
