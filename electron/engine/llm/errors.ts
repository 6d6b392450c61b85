/** Why a language model could not answer, with a code the UI can act on and a readable message. */
export type LlmErrorCode =
  | 'unauthorized'
  | 'rate-limited'
  | 'not-found'
  | 'server'
  | 'bad-response'
  | 'disconnected'
  | 'offline'
  | 'timeout'
  | 'model-load';

export class LlmError extends Error {
  override readonly name = 'LlmError';
  constructor(
    readonly code: LlmErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
