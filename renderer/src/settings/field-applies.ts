/**
 * Which provider fields apply to the provider chosen: a field that would be ignored is not
 * shown ("Built-in model threads" with a server model, a WebSocket address for the built-in
 * voice). Fields not named here always apply.
 */
type Draft = Record<string, Record<string, unknown>>;

const RULES: Record<string, (d: Draft) => boolean> = {
  'providers.sttEndpoint': (d) => ['deepgram', 'openai-compatible'].includes(String(d['providers']?.['sttProvider'])),
  'providers.sttModel': (d) => d['providers']?.['sttProvider'] !== 'none',
  'providers.sttLanguage': (d) => d['providers']?.['sttProvider'] !== 'none',
  'providers.llmEndpoint': (d) => d['providers']?.['llmProvider'] === 'openai-compatible',
  'providers.llmModel': (d) => ['openai-compatible', 'auto'].includes(String(d['providers']?.['llmProvider'])),
  'providers.llmMaxTokens': (d) => d['providers']?.['llmProvider'] !== 'none',
  'providers.llmThreads': (d) => ['embedded', 'auto'].includes(String(d['providers']?.['llmProvider'])),
  'tts.endpointUrl': (d) => d['tts']?.['provider'] === 'kugel',
};

export function fieldApplies(path: string, draft: Draft): boolean {
  return RULES[path]?.(draft) ?? true;
}
