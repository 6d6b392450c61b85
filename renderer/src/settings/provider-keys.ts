/**
 * Which API keys the chosen providers need, by secret-store id. STT and LLM ids are the
 * contract's PROVIDER_SECRET_IDS; a cloud voice provider's key is stored under its own name.
 */
import type { Settings } from '../../../electron/contract/index';

export interface KeyNeed {
  provider: string;
  label: string;
}

const TTS_KEYS: Record<string, string> = { kugel: 'KugelAudio', elevenlabs: 'ElevenLabs', cartesia: 'Cartesia', deepgram: 'Deepgram' };

export function keysNeeded(settings: Settings): KeyNeed[] {
  const needs: KeyNeed[] = [];
  const tts = TTS_KEYS[settings.tts.provider];
  if (tts) needs.push({ provider: settings.tts.provider, label: `${tts} (voice)` });
  const providers = (settings as Partial<Settings>).providers;
  if (providers?.sttProvider === 'deepgram' && !needs.some((n) => n.provider === 'deepgram')) needs.push({ provider: 'deepgram', label: 'Deepgram' });
  if (providers?.sttProvider === 'openai-compatible') needs.push({ provider: 'openai-stt', label: 'speech recognition (OpenAI-compatible)' });
  if (providers?.llmProvider === 'openai-compatible') needs.push({ provider: 'openai-llm', label: 'the language model (OpenAI-compatible)' });
  return needs;
}
