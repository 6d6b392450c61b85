// The KugelAudio provider as a user meets it: the service's address by default, an eu- key to
// the EU host, integer voices, the voice picker filled from the REST listing, errors in words.
import { describe, expect, it } from 'vitest';
import { TtsSettingsSchema } from '../../../electron/contract/settings/tts.js';
import { systemClock } from '../../../electron/engine/clock.js';
import { nullLogger } from '../../../electron/engine/logger.js';
import { kugelEndpoints, kugelVoiceId, listKugelVoices } from '../../../electron/engine/tts/kugel-service.js';
import { testVoice } from '../../../electron/services/providers/provider-test.js';
import type { SecretStore } from '../../../electron/services/secrets/secret-store.js';
import { useLocalTtsServer } from '../../engine/tts/helpers/local-server.js';

const local = useLocalTtsServer();
const secrets = (key?: string): SecretStore => ({
  storage: () => ({ kind: 'plain-file', description: 'test', available: true }),
  set: () => {},
  clear: () => {},
  providers: () => (key ? ['kugel'] : []),
  get: (id) => (id === 'kugel' ? key : undefined),
});
const deps = (key?: string) => ({ secrets: secrets(key), clock: systemClock, logger: nullLogger, models: {} as never, timeoutMs: 8000 });
const kugel = (fields: Record<string, unknown>) => TtsSettingsSchema.parse({ provider: 'kugel', ...fields });

describe('KugelAudio provider', () => {
  it('speaks to the service by default (EU host for an eu- key, prefix stripped), and to a given server otherwise', () => {
    expect(kugelEndpoints('', 'k1')).toEqual({
      wsUrl: 'wss://api.kugelaudio.com/ws/tts/stream?api_key=k1',
      restBase: 'https://api.kugelaudio.com',
      apiKey: 'k1',
    });
    expect(kugelEndpoints('', 'eu-k2').wsUrl).toBe('wss://api.eu.kugelaudio.com/ws/tts/stream?api_key=k2');
    expect(kugelEndpoints('ws://127.0.0.1:9000', undefined)).toEqual({ wsUrl: 'ws://127.0.0.1:9000/ws/tts/stream', restBase: 'http://127.0.0.1:9000' });
    expect(() => kugelEndpoints('https://x', 'k')).toThrow('must start with ws:// or wss://');
  });

  it('reads integer voice ids, a picked "1071 — Anna" entry too, and says why a name is not one', () => {
    expect(kugelVoiceId('1071')).toBe(1071);
    expect(kugelVoiceId('1071 — Anna (de, en)')).toBe(1071);
    expect(() => kugelVoiceId('slt')).toThrow(/KugelAudio voices are numbers \(for example 1071\), and "slt" is not one/);
  });

  it('lists voices from GET /v1/voices with the key, and words a refused key', async () => {
    const base = `http://127.0.0.1:${local().port}`;
    expect((await listKugelVoices(base, local().token)).slice(0, 2)).toEqual([
      { id: 1, name: 'slt', languages: ['en'] },
      { id: 2, name: 'kal16', languages: ['en'] },
    ]);
    await expect(listKugelVoices(base, 'wrong')).rejects.toThrow(
      'KugelAudio refused the API key (HTTP 401). Check the key in Settings → Voices and providers.',
    );
  });

  it('Test fills the voice picker from the listing, then speaks with the chosen voice', async () => {
    const endpointUrl = `ws://127.0.0.1:${local().port}/ws/tts/stream`;
    const first = await testVoice(kugel({ endpointUrl, voice: 'slt' }), deps(local().token));
    expect(first).toMatchObject({ ok: false, summary: 'KugelAudio has 4 voices for this key; pick one in the Voice field, then Test again.' });
    expect(first.models).toEqual(['1 — slt (en)', '2 — kal16 (en)', '3 — awb (en)', '4 — rms (en)']);
    const second = await testVoice(kugel({ endpointUrl, voice: first.models[1] }), deps(local().token));
    expect(second.ok).toBe(true);
    expect(second.summary).toMatch(
      /^KugelAudio-compatible server at 127\.0\.0\.1:\d+ spoke with voice "2 — kal16 \(en\)" \(first audio after \d+ ms\)\. 4 voices to choose from; model kugel-3\.$/,
    );
    const refused = await testVoice(kugel({ endpointUrl, voice: '2' }), deps('wrong'));
    expect(refused).toMatchObject({ ok: false, summary: 'KugelAudio refused the API key (HTTP 401). Check the key in Settings → Voices and providers.' });
  });

  it('names an unknown voice in words when the server does not have it', async () => {
    const endpointUrl = `ws://127.0.0.1:${local().port}/ws/tts/stream`;
    const result = await testVoice(kugel({ endpointUrl, voice: '1071' }), deps(local().token));
    expect(result.ok).toBe(false);
    expect(result.summary).toMatch(/^The voice service does not know this voice \(Voice 1071 was not found; this server has 1 \(slt\)/);
  });
});
