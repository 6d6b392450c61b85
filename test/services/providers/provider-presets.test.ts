import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  matchingPreset,
  parameterApplies,
  PRESET_SECTION,
  PROVIDER_KINDS,
  PROVIDER_PRESETS,
  validateSettings,
  type ProviderPreset,
} from '../../../electron/contract/index.js';

const CHOICE_FIELD = { stt: 'sttProvider', llm: 'llmProvider', tts: 'provider' } as const;

describe('provider presets', () => {
  it('offers the well-known services for each part, where the service offers that part', () => {
    const labels = Object.fromEntries(PROVIDER_KINDS.map((k) => [k, PROVIDER_PRESETS[k].map((p) => p.label)]));
    expect(labels).toEqual({
      stt: ['Built-in', 'OpenAI', 'Deepgram'],
      llm: ['Ollama', 'LM Studio', 'OpenAI', 'Built-in'],
      tts: ['Built-in', 'KugelAudio', 'ElevenLabs', 'Cartesia', 'Deepgram'],
    });
  });

  it('fills the services’ real addresses', () => {
    const llm = Object.fromEntries(PROVIDER_PRESETS.llm.map((p) => [p.id, p.fields.llmEndpoint]));
    expect(llm).toMatchObject({ ollama: 'http://127.0.0.1:11434/v1', lmstudio: 'http://127.0.0.1:1234/v1', openai: 'https://api.openai.com/v1' });
    expect(PROVIDER_PRESETS.stt.find((p) => p.id === 'openai')!.fields).toEqual({
      sttProvider: 'openai-compatible',
      sttEndpoint: 'https://api.openai.com/v1',
      sttModel: 'whisper-1',
    });
  });

  for (const kind of PROVIDER_KINDS) {
    for (const preset of PROVIDER_PRESETS[kind] as readonly ProviderPreset[]) {
      it(`${kind} ${preset.label}: gives valid settings and writes only fields its provider reads`, () => {
        const settings = defaultSettings() as unknown as Record<string, Record<string, unknown>>;
        const section = PRESET_SECTION[kind];
        settings[section] = { ...settings[section], ...preset.fields };
        expect(validateSettings(settings)).toMatchObject({ ok: true });
        const chosen = String((preset.fields as Record<string, unknown>)[CHOICE_FIELD[kind]]);
        for (const field of Object.keys(preset.fields)) {
          if (field === CHOICE_FIELD[kind] || field === 'sampleRate') continue; // every voice reads the rate
          expect(parameterApplies(kind, chosen, field), `${field} is read by ${chosen}`).toBe(true);
        }
        expect(preset.next).toMatch(/\.$/);
        expect(matchingPreset(kind, settings[section]!)?.id).toBe(preset.id);
      });
    }
  }

  it('keeps a preset pressed when only the model or voice changed afterwards, and none for another address', () => {
    const ollama = PROVIDER_PRESETS.llm[0]!.fields;
    expect(matchingPreset('llm', { ...ollama, llmModel: 'llama3.2' })?.id).toBe('ollama');
    expect(matchingPreset('llm', { ...ollama, llmEndpoint: 'http://10.0.0.2:8080/v1' })).toBeUndefined();
    expect(matchingPreset('llm', defaultSettings().providers)).toBeUndefined(); // automatic is no preset
  });
});
