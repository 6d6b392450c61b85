/**
 * The microphone's path as a session builds it: echo canceller (when on), echo guard (when on)
 * and the UserInput that runs them, the comfort noise, the voice end and the VAD. One factory for
 * the session and the mic-path warm-up, so the warm-up always runs the path the session runs.
 */
import type { ConversationSettings } from '../../contract/settings/conversation.js';
import { EchoCanceller } from '../audio/aec/echo-canceller.js';
import type { ResamplerFactory } from '../audio/resampler.js';
import { EchoGuard } from '../turn/echo-guard.js';
import type { SpeechRecognizer } from '../stt/types.js';
import type { VoiceActivityDetector } from './ports.js';
import { UserInput } from './user-input.js';

export interface MicPathOptions {
  vad: VoiceActivityDetector;
  stt: SpeechRecognizer | null;
  echoCancellation?: boolean;
  resamplers?: ResamplerFactory;
  /** The guard's settings; `echoGuard: false` leaves it out. */
  conversation: Pick<ConversationSettings, 'echoGuard' | 'echoMarginDb' | 'echoMaxDelayMs'>;
  prefixPaddingMs: number;
  earlyFinal?: boolean;
}

export interface MicPath {
  input: UserInput;
  /** Null when echo cancellation is off; the owner disposes it. */
  canceller: EchoCanceller | null;
  echoGuard: EchoGuard | null;
}

export function buildMicPath(o: MicPathOptions): MicPath {
  const c = o.conversation;
  const echoGuard = c.echoGuard ? new EchoGuard({ marginDb: c.echoMarginDb, maxDelayMs: c.echoMaxDelayMs }) : null;
  const canceller = o.echoCancellation ? new EchoCanceller({ ...(o.resamplers ? { resamplers: o.resamplers } : {}) }) : null;
  const input = new UserInput({
    vad: o.vad,
    stt: o.stt,
    canceller,
    echoGuard,
    prefixPaddingMs: o.prefixPaddingMs,
    earlyFinal: o.earlyFinal,
  });
  return { input, canceller, echoGuard };
}
