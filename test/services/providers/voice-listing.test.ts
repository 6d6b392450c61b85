/**
 * The Voice picker's choices, through the contract channel: each service's own listing asked
 * over real HTTP (servers on 127.0.0.1 answering in the vendors' shapes), with the key from
 * the secret store; without a listing, a note that says why and that a typed id still works.
 */
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../electron/services/app-services.js';
import { startChatServer, status, type ChatServer } from '../../engine/llm/helpers/chat-server.js';
import { useLocalTtsServer } from '../../engine/tts/helpers/local-server.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const local = useLocalTtsServer();
let services: AppServices;
let vendor: ChatServer;
let cleanup: () => void;
beforeEach(async () => {
  const tmp = makeTempDir();
  cleanup = tmp.cleanup;
  vendor = await startChatServer();
  const origin = new URL(vendor.baseUrl).origin;
  services = createAppServices({ dataDir: tmp.dir, detectLocalServers: async () => [], voiceApis: { elevenlabs: origin, cartesia: origin, deepgram: origin } });
});
afterEach(async () => {
  await services.dispose();
  await vendor.close();
  cleanup();
});

async function voices(tts: Record<string, unknown>) {
  const result = await services.registry.handle('providers:voices', { tts });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as { voices: { id: string; label: string }[]; note: string };
}

describe('the voice picker lists', () => {
  it('the built-in voices, by name', async () => {
    const r = await voices({ provider: 'local' });
    expect(r.note).toBe('');
    expect(r.voices.map((v) => v.id)).toEqual(['slt', 'kal16', 'awb', 'rms']);
    expect(r.voices[0]!.label).toBe('slt — US English, female (flite slt)');
  });

  it('a KugelAudio-compatible server’s voices from GET /v1/voices, stored by their number', async () => {
    services.secrets.set('kugel', local().token);
    const r = await voices({ provider: 'kugel', endpointUrl: `ws://127.0.0.1:${local().port}/ws/tts/stream`, voice: '1' });
    expect(r.voices.slice(0, 2)).toEqual([
      { id: '1', label: '1 — slt (en)' },
      { id: '2', label: '2 — kal16 (en)' },
    ]);
  });

  it('ElevenLabs’ voices with the key as xi-api-key', async () => {
    services.secrets.set('elevenlabs', 'el-key');
    vendor.script(
      status(200, {
        voices: [
          { voice_id: '21m00Tcm4TlvDq8ikWAM', name: 'Rachel', labels: { accent: 'american', gender: 'female' } },
          { voice_id: 'pNInz6obpgDQGcFmaJgB', name: 'Adam', labels: {} },
          { name: 'no id, skipped' },
        ],
      }),
    );
    const r = await voices({ provider: 'elevenlabs', voice: '21m00Tcm4TlvDq8ikWAM' });
    expect(r).toEqual({
      voices: [
        { id: '21m00Tcm4TlvDq8ikWAM', label: 'Rachel (american, female)' },
        { id: 'pNInz6obpgDQGcFmaJgB', label: 'Adam' },
      ],
      note: '',
    });
    expect(vendor.received[0]).toMatchObject({ url: '/v1/voices', headers: { 'xi-api-key': 'el-key' } });
  });

  it('Cartesia’s voices, paged ({ data }) or as the older plain array, with its version header', async () => {
    services.secrets.set('cartesia', 'ca-key');
    vendor.script(status(200, { data: [{ id: 'f786b574-daa5-4673-aa0c-cbe3e8534c02', name: 'Katie', language: 'en' }], has_more: false }));
    vendor.script(status(200, [{ id: 'a0e99841', name: 'Old', language: 'de' }]));
    expect((await voices({ provider: 'cartesia', voice: 'x' })).voices).toEqual([{ id: 'f786b574-daa5-4673-aa0c-cbe3e8534c02', label: 'Katie (en)' }]);
    expect((await voices({ provider: 'cartesia', voice: 'x' })).voices).toEqual([{ id: 'a0e99841', label: 'Old (de)' }]);
    expect(vendor.received[0]!.url).toBe('/voices?limit=100');
    expect(vendor.received[0]!.headers).toMatchObject({ 'x-api-key': 'ca-key', 'cartesia-version': expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
  });

  it('Deepgram’s Aura voices from the tts part of GET /v1/models', async () => {
    services.secrets.set('deepgram', 'dg-key');
    vendor.script(
      status(200, {
        stt: [{ name: 'nova-3', canonical_name: 'nova-3' }],
        tts: [{ name: 'thalia', canonical_name: 'aura-2-thalia-en', languages: ['en-US'] }],
      }),
    );
    expect(await voices({ provider: 'deepgram', voice: 'aura-2-thalia-en' })).toEqual({
      voices: [{ id: 'aura-2-thalia-en', label: 'Thalia (en-US)' }],
      note: '',
    });
    expect(vendor.received[0]!.headers.authorization).toBe('Token dg-key');
  });
});

describe('without a listing, the field stays free text and the note says why', () => {
  it('no key yet: asks for it, and asks nothing of the service', async () => {
    for (const [provider, name] of [
      ['elevenlabs', 'ElevenLabs'],
      ['cartesia', 'Cartesia'],
      ['deepgram', 'Deepgram'],
      ['kugel', 'KugelAudio'],
    ]) {
      expect(await voices({ provider, voice: 'x' })).toEqual({
        voices: [],
        note: `Enter your ${name} API key (below) to choose from its voices. You can still type a voice id.`,
      });
    }
    expect(vendor.received).toEqual([]);
  });

  it('a refused key', async () => {
    services.secrets.set('elevenlabs', 'wrong');
    vendor.script(status(401, { detail: { status: 'invalid_api_key' } }));
    expect((await voices({ provider: 'elevenlabs', voice: 'x' })).note).toBe(
      'ElevenLabs refused the API key (HTTP 401), so its voices cannot be listed. Check the key. You can still type a voice id.',
    );
  });

  it('a service that cannot be reached', async () => {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as net.AddressInfo).port;
    await new Promise((r) => s.close(r));
    services.secrets.set('kugel', 'k');
    const r = await voices({ provider: 'kugel', endpointUrl: `ws://127.0.0.1:${port}`, voice: '1' });
    expect(r.voices).toEqual([]);
    expect(r.note).toMatch(new RegExp(`^Cannot reach KugelAudio at 127\\.0\\.0\\.1:${port} .*You can still type a voice id\\.$`));
  });

  it('an empty listing', async () => {
    services.secrets.set('cartesia', 'k');
    vendor.script(status(200, { data: [] }));
    expect((await voices({ provider: 'cartesia', voice: 'x' })).note).toBe('Cartesia lists no voices for this account. You can still type a voice id.');
  });
});
