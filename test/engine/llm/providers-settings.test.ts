import { describe, expect, it } from 'vitest';
import { defaultSettings, mergeSettings, validateSettings } from '../../../electron/contract/settings/index.js';
import { PROVIDER_SECRET_IDS } from '../../../electron/contract/settings/providers.js';
import { keysNeeded } from '../../../electron/contract/providers/index.js';

describe('provider settings', () => {
  it('default to local models and no endpoint, so a fresh machine needs no account', () => {
    expect(defaultSettings().providers).toEqual({
      sttProvider: 'local',
      sttEndpoint: '',
      sttModel: '',
      sttLanguage: 'en',
      llmProvider: 'auto',
      llmEndpoint: '',
      llmModel: '',
      llmThreads: 0,
      llmMaxTokens: 400,
    });
  });

  it('hold no API keys: keys live in the secret store under these ids', () => {
    expect(Object.keys(defaultSettings().providers).some((k) => /key|secret|token$/i.test(k))).toBe(false);
    expect(PROVIDER_SECRET_IDS).toEqual(['deepgram', 'openai-stt', 'openai-llm']);
  });

  it('accept a local OpenAI-compatible server', () => {
    const result = validateSettings(
      mergeSettings(defaultSettings(), { providers: { llmProvider: 'openai-compatible', llmEndpoint: 'http://127.0.0.1:11434/v1', llmModel: 'llama3.2' } }),
    );
    expect(result.ok).toBe(true);
  });

  it('name the field and the problem for a bad endpoint, provider or language', () => {
    const result = validateSettings(
      mergeSettings(defaultSettings(), { providers: { llmEndpoint: 'ftp://x', sttProvider: 'whisper' as never, sttLanguage: 'English' } }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byPath = Object.fromEntries(result.issues.map((i) => [i.path, i.message]));
    expect(byPath['providers.llmEndpoint']).toBe('Must be an http:// or https:// address, or empty.');
    expect(byPath['providers.sttProvider']).toBeDefined();
    expect(byPath['providers.sttLanguage']).toContain('language code');
  });
});

describe('keysNeeded (from the provider registries)', () => {
  it('names one box per secret-store id, voice first, a shared Deepgram key once', () => {
    expect(keysNeeded({ tts: 'deepgram', stt: 'deepgram', llm: 'openai-compatible' })).toEqual([
      { provider: 'deepgram', label: 'Deepgram (voice)' },
      { provider: 'openai-llm', label: 'the language model (OpenAI-compatible)' },
    ]);
  });

  it('asks for no key for the offline defaults', () => {
    expect(keysNeeded({ tts: 'local', stt: 'local', llm: 'auto' })).toEqual([]);
  });
});
