import { AgentSession } from '../../../../electron/engine/agent/agent-session.js';
import type { AgentSessionOptions } from '../../../../electron/engine/agent/agent-session-options.js';
import { PlaybackQueue } from '../../../../electron/engine/audio/playback-queue.js';
import { RecordingSink } from '../../../../electron/engine/audio/recording-sink.js';
import { systemClock } from '../../../../electron/engine/clock.js';
import { ConversationSettingsSchema, type ConversationSettings } from '../../../../electron/contract/settings/conversation.js';
import { ScriptedLlm, ScriptedRecognizer, ScriptedTts, ScriptedVad } from './scripted.js';

/** A session on the real PlaybackQueue + RecordingSink with scripted VAD/STT/LLM/TTS (use fake timers). */
export function makeSession(conversation: Partial<ConversationSettings> = {}, replies: string[] = ['Sure.'], options: Partial<AgentSessionOptions> = {}) {
  const clock = systemClock;
  const sink = new RecordingSink({ clock, sampleRate: 16000 });
  const playback = new PlaybackQueue({ output: sink, clock });
  const vad = new ScriptedVad();
  const stt = new ScriptedRecognizer();
  const llm = new ScriptedLlm(replies);
  const tts = new ScriptedTts(clock);
  const session = new AgentSession({
    sessionId: 's1',
    clock,
    vad,
    stt,
    llm,
    tts,
    playback,
    conversation: ConversationSettingsSchema.parse({ echoGuard: false, ...conversation }),
    prefixPaddingMs: 300,
    ...options,
  });
  const events: { type: string; tMs: number; payload: unknown }[] = [];
  for (const type of [
    'state',
    'interrupted',
    'falseInterruption',
    'bargeIn',
    'metric',
    'agentStartedSpeaking',
    'agentStoppedSpeaking',
    'userSpeechWhileOff',
    'error',
  ] as const) {
    session.on(type, (payload: unknown) => events.push({ type, tMs: clock.nowMs(), payload }));
  }
  const states = () => events.filter((e) => e.type === 'state').map((e) => (e.payload as { state: string }).state);

  /** The user says `text` starting now, lasting `ms`; interim words spread over the span. */
  function userSays(text: string, ms: number): Promise<void> {
    const t0 = clock.nowMs();
    vad.emit('speechStart', { tMs: t0 });
    const words = text.split(' ');
    words.forEach((_, i) => {
      clock.setTimeout(() => stt.emit('interim', { text: words.slice(0, i + 1).join(' ') }), ((i + 1) * ms) / (words.length + 1));
    });
    stt.finalText = text;
    return new Promise((resolve) => {
      clock.setTimeout(() => {
        vad.emit('speechEnd', { tMs: clock.nowMs() });
        resolve();
      }, ms);
    });
  }

  /** Samples written to the sink after `tMs` that are not silence. */
  function audibleSamplesAfter(tMs: number): number {
    return sink.frames.filter((f) => f.writtenAtMs > tMs).reduce((n, f) => n + f.data.filter((v) => Math.abs(v) > 1e-4).length, 0);
  }

  return { session, sink, playback, vad, stt, llm, tts, events, states, userSays, audibleSamplesAfter };
}
