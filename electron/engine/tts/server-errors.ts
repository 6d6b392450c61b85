/**
 * A server `error` frame in the person's words, classified by its `error_code` as the
 * KugelAudio SDKs do (classifyWsFrame): a bad key, no credits, rate limited, model down, an
 * unknown voice. Anything else is a plain server error that names what the server said.
 */
import { TtsError, type TtsErrorCode } from './tts-error.js';

const BY_CODE: Record<string, { code: TtsErrorCode; say: (detail: string) => string }> = {
  UNAUTHORIZED: { code: 'AUTH_FAILED', say: () => 'The voice service rejected the API key. Check the key in Settings → Voices and providers.' },
  INSUFFICIENT_CREDITS: { code: 'NO_CREDITS', say: () => 'The voice service account is out of credits. Top it up, or choose another voice.' },
  RATE_LIMITED: { code: 'RATE_LIMITED', say: () => 'The voice service is limiting requests from this account. Wait a minute and try again.' },
  TOO_MANY_CONTEXTS: { code: 'TOO_MANY_CONTEXTS', say: (d) => `The voice service has too many open streams for this connection (${d}).` },
  MODEL_UNAVAILABLE: { code: 'MODEL_UNAVAILABLE', say: () => 'The voice model is unavailable right now. Try again shortly, or choose another voice.' },
  NOT_FOUND: {
    code: 'UNKNOWN_VOICE',
    say: (d) => `The voice service does not know this voice (${d}). Pick one of its voices: Settings → Voices and providers → Test lists them.`,
  },
  MISSING_VOICE_ID: { code: 'UNKNOWN_VOICE', say: () => 'No voice was chosen for the voice service. Pick one in Settings → Voices and providers.' },
};

export function serverErrorOf(msg: Record<string, unknown>, turnId?: string): TtsError {
  const detail = String(msg.error);
  const known = typeof msg.error_code === 'string' ? BY_CODE[msg.error_code] : undefined;
  if (known) return new TtsError(known.code, known.say(detail), { turnId });
  return new TtsError('SERVER_ERROR', `TTS server error: ${detail}${msg.error_code ? ` (${String(msg.error_code)})` : ''}`, { turnId });
}
