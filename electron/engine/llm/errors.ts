import { CodedError } from '../coded-error.js';
/** Why a language model could not answer, with a code the UI can act on and a readable message. */
export type LlmErrorCode = 'unauthorized' | 'rate-limited' | 'not-found' | 'server' | 'bad-response' | 'disconnected' | 'offline' | 'timeout' | 'model-load';

export class LlmError extends CodedError<LlmErrorCode> {
  override readonly name = 'LlmError';
}
