/** What an agent session is built from: its id, clock, the audio and model parts, and the settings. */
import type { ConversationSettings } from '../../contract/settings/conversation.js';
import type { ResamplerFactory } from '../audio/resampler.js';
import type { Clock } from '../clock.js';
import type { LanguageModel } from '../llm/types.js';
import type { Logger } from '../logger.js';
import type { SpeechRecognizer } from '../stt/types.js';
import type { PriorTurn } from './chat-history.js';
import type { AgentPlayback, AgentTts, VoiceActivityDetector } from './ports.js';

export interface AgentSessionOptions {
  sessionId: string;
  clock: Clock;
  vad: VoiceActivityDetector;
  /** Null: no recognition (speech still barges in by duration; turns have no text). */
  stt: SpeechRecognizer | null;
  llm: LanguageModel;
  tts: AgentTts;
  playback: AgentPlayback;
  conversation: ConversationSettings;
  /** Audio kept before the onset for recognition (vad.prefixPaddingMs). */
  prefixPaddingMs: number;
  /** Cancel the agent's echo from the mic (settings audio.echoCancellation); off unless asked. */
  echoCancellation?: boolean;
  /** For an echo reference at the output device's rate. */
  resamplers?: ResamplerFactory;
  /** Ask for the final transcript at the VAD's gap (default true; see user-input.ts). */
  earlyFinal?: boolean;
  systemPrompt?: string;
  /** A saved conversation being continued: the agent remembers what the person heard of it. */
  priorTurns?: readonly PriorTurn[];
  logger?: Logger;
}
