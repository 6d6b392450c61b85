/**
 * The session's voice is opened from the contract's TTS registry: the entry's schema parses
 * the settings for the adapter, its key comes from the secret store, and a new vendor needs
 * only its adapter, its entry and its opener line (the fake vendor below).
 */
import { describe, expect, it, vi } from 'vitest';
import { TTS_VENDORS } from '../../../electron/contract/providers/tts';
import { TtsSettingsSchema, type TtsSettings } from '../../../electron/contract/settings/tts';
import { systemClock } from '../../../electron/engine/clock';
import { nullLogger } from '../../../electron/engine/logger';
import type { SecretStore } from '../../../electron/services/secrets/secret-store';
import { openSessionTts } from '../../../electron/services/voice/session-tts';
import { FakeVendorTts } from '../../helpers/fake-tts-vendor';

vi.mock('../../../electron/contract/providers/tts.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/contract/providers/tts.js')>();
  const { fakeVendorEntry } = await import('../../helpers/fake-tts-vendor');
  return { ...real, TTS_VENDORS: { ...real.TTS_VENDORS, fakevoice: fakeVendorEntry } };
});
vi.mock('../../../electron/services/voice/tts-openers.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/services/voice/tts-openers.js')>();
  const { FakeVendorTts } = await import('../../helpers/fake-tts-vendor');
  const fakevoice = (params: { voice: string; sampleRate: number }, { apiKey }: { apiKey: string }) => {
    const client = new FakeVendorTts({ apiKey, ...params });
    return { client, description: 'Fake Voice', close: () => client.close() };
  };
  return { ...real, TTS_OPENERS: { ...real.TTS_OPENERS, fakevoice } };
});

function secretsWith(keys: Record<string, string>): SecretStore {
  return {
    storage: () => ({ kind: 'plain-file', description: 'test', available: true }),
    set: () => {},
    clear: () => {},
    providers: () => Object.keys(keys).sort(),
    get: (id) => keys[id],
  };
}

function tts(settings: Partial<Record<keyof TtsSettings, unknown>>): TtsSettings {
  return TtsSettingsSchema.parse(settings);
}

const deps = (keys: Record<string, string> = {}) => ({ clock: systemClock, logger: nullLogger, playback: { clear: () => {} }, secrets: secretsWith(keys) });

describe('the TTS registry', () => {
  it('snaps a sample rate ElevenLabs does not offer to the closest one it does', () => {
    expect(TTS_VENDORS.elevenlabs.parameters.parse({ voice: 'v', sampleRate: 48_000 }).sampleRate).toBe(44_100);
    expect(TTS_VENDORS.elevenlabs.parameters.parse({ voice: 'v', sampleRate: 23_000 }).sampleRate).toBe(22_050);
  });
});

describe('opening the session voice', () => {
  it('opens a vendor added by its registry entry and opener, with its parsed parameters and key', async () => {
    const voice = await openSessionTts(tts({ provider: 'fakevoice', voice: 'robin', sampleRate: 16_000 }), deps({ fakevoice: 'k-123' }));
    expect(voice.client).toBeInstanceOf(FakeVendorTts);
    expect((voice.client as FakeVendorTts).options).toEqual({ apiKey: 'k-123', voice: 'robin', sampleRate: 16_000 });
    await voice.close();
    expect((voice.client as FakeVendorTts).closed).toBe(true);
  });

  it('says a vendor needs an API key, by its registry label, and opens nothing', async () => {
    await expect(openSessionTts(tts({ provider: 'fakevoice' }), deps())).rejects.toThrow(
      'Fake Voice needs an API key: add it in Settings → Voices and providers, or choose the local voice.',
    );
  });

  it("refuses a setting the vendor's schema rejects with the entry's own message", async () => {
    const settings = { ...tts({ provider: 'fakevoice' }), voice: '' };
    await expect(openSessionTts(settings, deps({ fakevoice: 'k' }))).rejects.toThrow('Fake Voice needs a voice.');
  });

  it('speaks KugelAudio at the service by default, and asks for a voice number rather than a name', async () => {
    await expect(openSessionTts(tts({ provider: 'kugel' }), deps())).rejects.toThrow('KugelAudio voices are numbers (for example 1071), and "slt" is not one.');
    const voice = await openSessionTts({ ...tts({ provider: 'kugel' }), voice: '1071 — Anna (de, en)' }, deps({ kugel: 'eu-k1' }));
    expect(voice.description).toBe('KugelAudio');
    await voice.close();
  });
});
