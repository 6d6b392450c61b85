/**
 * The one error type of the TTS layer. `fatal` means the session cannot continue (bad key,
 * no credits, rate limited, model unavailable, too many reconnect attempts): the caller should
 * surface it and stop. Non-fatal errors are reported and the session carries on.
 */
export type TtsErrorCode =
  | 'AUTH_FAILED' // close 4001
  | 'NO_CREDITS' // close 4003
  | 'RATE_LIMITED' // close 4029
  | 'MODEL_UNAVAILABLE' // close 4500
  | 'RECONNECT_EXHAUSTED'
  | 'CONNECT_FAILED'
  | 'UNSUPPORTED_ENCODING'
  | 'BAD_SAMPLE_RATE'
  | 'MALFORMED_FRAME'
  | 'OVERSIZED_FRAME'
  | 'SERVER_ERROR'
  | 'TURN_LOST' // the connection dropped after part of a turn was heard: it cannot be replayed
  | 'TOO_MANY_CONTEXTS'
  | 'UNKNOWN_VOICE' // the server does not have the voice asked for
  | 'CLOSED'
  | 'BAD_INPUT';

export class TtsError extends Error {
  readonly code: TtsErrorCode;
  readonly fatal: boolean;
  readonly turnId?: string;
  readonly closeCode?: number;

  constructor(code: TtsErrorCode, message: string, options: { fatal?: boolean; turnId?: string; closeCode?: number } = {}) {
    super(message);
    this.name = 'TtsError';
    this.code = code;
    this.fatal = options.fatal ?? false;
    this.turnId = options.turnId;
    this.closeCode = options.closeCode;
  }
}
