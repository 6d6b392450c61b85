import { CodedError } from '../coded-error.js';
/**
 * Every way getting a model can fail, as one error type with a code the UI can act on
 * (offer "retry", "free some space", "choose another file") and a message a person can read.
 */
export type ModelErrorCode =
  'unknown-model' | 'offline' | 'http' | 'interrupted' | 'checksum' | 'size-mismatch' | 'extract' | 'disk-space' | 'cancelled' | 'busy' | 'invalid-path';

export class ModelError extends CodedError<ModelErrorCode> {
  override readonly name = 'ModelError';
}

const NETWORK_DOWN_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'ETIMEDOUT']);

/** True for errors that mean "could not reach the host at all" (as opposed to a dropped transfer). */
export function isNetworkDown(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NETWORK_DOWN_CODES.has(code);
}
