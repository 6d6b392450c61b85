/** What a WebSocket close code means for a TTS session: stop for good, retry, or a normal end. */
import type { TtsErrorCode } from './tts-error.js';

export type CloseVerdict = { kind: 'fatal'; code: TtsErrorCode; message: string } | { kind: 'transient'; retryAfterMs?: number } | { kind: 'normal' };

const FATAL: Record<number, { code: TtsErrorCode; message: string }> = {
  4001: { code: 'AUTH_FAILED', message: 'The voice service rejected the API key (close 4001). Check the key in Settings → Voices and providers.' },
  4003: { code: 'NO_CREDITS', message: 'The voice service account is out of credits (close 4003). Top it up, or choose another voice.' },
  4029: { code: 'RATE_LIMITED', message: 'The voice service is limiting requests from this account (close 4029). Wait a minute and try again.' },
  4500: { code: 'MODEL_UNAVAILABLE', message: 'The voice model is unavailable right now (close 4500). Try again shortly, or choose another voice.' },
};

/**
 * An HTTP status refusing the WebSocket upgrade, as the SDKs classify it (classifyWsHandshakeError):
 * 401/403 a bad key, 402 no credits, 429 rate limited (the same verdicts as closes 4001/4003/4029).
 * Anything else (503 while a replica drains, a proxy's 502) is worth a retry.
 */
const FATAL_UPGRADE: Record<number, { code: TtsErrorCode; say: string }> = {
  401: { code: 'AUTH_FAILED', say: 'The TTS server refused the connection (HTTP 401). Check the API key.' },
  403: { code: 'AUTH_FAILED', say: 'The TTS server refused the connection (HTTP 403). Check the API key.' },
  402: { code: 'NO_CREDITS', say: 'The voice service account is out of credits (HTTP 402). Top it up, or choose another voice.' },
  429: { code: 'RATE_LIMITED', say: 'The voice service is limiting connections from this account (HTTP 429). Wait a minute and try again.' },
};

export function classifyUpgradeRefusal(status: number): CloseVerdict {
  const fatal = FATAL_UPGRADE[status];
  return fatal ? { kind: 'fatal', code: fatal.code, message: fatal.say } : { kind: 'transient' };
}

/**
 * 1000 is a normal close we asked for; everything not known to be fatal is treated as transient
 * (1006 abnormal drop, 1011 internal error, 1012 restart, 1013 try again later, 1001 going away),
 * because a voice agent should recover from a network blip without the person noticing.
 */
export function classifyClose(code: number, reason: string): CloseVerdict {
  const fatal = FATAL[code];
  if (fatal) return { kind: 'fatal', ...fatal, message: reason ? `${fatal.message} Server said: ${reason}` : fatal.message };
  if (code === 1000) return { kind: 'normal' };
  return { kind: 'transient', retryAfterMs: parseRetryAfterMs(reason) };
}

/**
 * `retry_after` in seconds, found in a close reason as JSON (`{"retry_after": 2}`), as
 * `retry_after=2`, or as a bare number. Capped at 60 s so a bad value cannot stall a session forever.
 */
export function parseRetryAfterMs(text: string | undefined): number | undefined {
  if (!text) return undefined;
  let seconds: number | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'number') seconds = parsed;
    else if (parsed && typeof parsed === 'object' && 'retry_after' in parsed) seconds = Number((parsed as { retry_after: unknown }).retry_after);
  } catch {
    const m = /retry[_-]?after\D{0,3}(\d+(?:\.\d+)?)/i.exec(text);
    if (m) seconds = Number(m[1]);
  }
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return undefined;
  return Math.min(seconds * 1000, 60_000);
}
