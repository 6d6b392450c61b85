/**
 * How a vendor adapter plugs into the protocol clients: the clients speak the reference
 * protocol internally; a codec turns each reference frame into the vendor's wire frames and
 * each vendor frame back into reference frames. The barge-in logic (turn attribution, cancel
 * accounting, quiet timeouts, replay) is then written once.
 */
export type Frame = Record<string, unknown>;

export interface EncodedFrame {
  /** What goes on the socket (JSON text or binary); none when the vendor has no equivalent. */
  wire: (string | Buffer)[];
  /** Reference frames to feed back as if the server had sent them (e.g. an implicit context_created). */
  local?: Frame[];
}

export interface WireCodec {
  encode(frame: Frame): EncodedFrame;
  decodeJson(msg: Frame): Frame[];
  decodeBinary(data: Buffer): Frame[];
  /**
   * True when the vendor answers every cancel, even one that found nothing to cancel
   * (Deepgram's Clear -> Cleared). The reference protocol treats an idle cancel as a no-op.
   */
  readonly acksEveryCancel?: boolean;
  /**
   * Called once by the client with a way to hand it reference frames at any time, for a codec
   * that answers on its own clock (Cartesia: audio held until an earlier context of the turn
   * is done, or a context that never answers its close).
   */
  attach?(deliver: (frames: Frame[]) => void): void;
}

/**
 * The reference protocol itself (KugelAudio): JSON both ways, no translation. The service
 * answers every cancel with `{"interrupted": true}`, also one that found nothing to cancel (the
 * SDKs wait for it), so a stray ack can never be mistaken for the answer to a later cancel.
 */
export const referenceCodec: WireCodec = {
  acksEveryCancel: true,
  encode: (frame) => ({ wire: [JSON.stringify(frame)] }),
  decodeJson: (msg) => [msg],
  decodeBinary: () => [],
};

/**
 * The multi-context client's context-creation frame (`{text: ' ', context_id, ...}`, as the JS
 * SDK's createContext): the only text frame without a `flush` field (send() always carries one,
 * a keep-alive has empty text).
 */
export function isContextCreation(f: Frame): boolean {
  return f.text === ' ' && !('flush' in f) && typeof f.context_id === 'string';
}
