/** Turns a failed HTTP exchange with a model server into an LlmError a person can act on. */
import { LlmError } from './errors.js';

export async function errorFromResponse(res: Response, what: string): Promise<LlmError> {
  const detail = await detailOf(res);
  const suffix = detail ? `: ${detail}` : '.';
  if (res.status === 401 || res.status === 403) {
    return new LlmError('unauthorized', `${what} refused the API key (HTTP ${res.status})${suffix} Check the key in Settings, Providers.`);
  }
  if (res.status === 404) return new LlmError('not-found', `${what} does not know this model or address (HTTP 404)${suffix}`);
  if (res.status === 429) return new LlmError('rate-limited', `${what} is rate limiting requests (HTTP 429)${suffix}`);
  return new LlmError('server', `${what} failed with HTTP ${res.status}${suffix}`);
}

async function detailOf(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof message === 'string') return message.slice(0, 300);
  } catch {
    // Not JSON: use the text itself.
  }
  return text.trim().slice(0, 300);
}

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, nowEpochMs: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowEpochMs);
}

export function networkError(e: unknown, url: string): LlmError {
  const cause = (e as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (e as { code?: string }).code;
  if (code && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH/.test(code)) {
    return new LlmError('offline', `Cannot reach ${new URL(url).host} (${code}). Is the server running and the address right?`, { cause: e });
  }
  return new LlmError('disconnected', `The connection to ${new URL(url).host} failed: ${(e as Error).message}`, { cause: e });
}
