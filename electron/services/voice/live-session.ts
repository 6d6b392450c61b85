/**
 * One running voice session with real parts: microphone → VAD → session ← STT/LLM, and
 * session → TTS → PlaybackQueue → speaker. Built from the settings at start; `dispose`
 * releases every device, socket and worker in the reverse order.
 */
import { randomUUID } from 'node:crypto';
import type { PriorTurn } from '../../engine/agent/chat-history.js';
import type { Settings } from '../../contract/index.js';
import { AgentSession } from '../../engine/agent/agent-session.js';
import { MicPathWarmer } from '../../engine/agent/mic-path-warm-up.js';
import { ttsPort, vadPort } from '../../engine/agent/ports.js';
import { PracticeModel, type PracticeCommand } from '../../engine/llm/practice-model.js';
import type { LanguageModel } from '../../engine/llm/types.js';
import type { AudioFrame } from '../../engine/audio/frame.js';
import { PlaybackQueue } from '../../engine/audio/playback-queue.js';
import type { AudioDeviceError, AudioInput, AudioOutput } from '../../engine/audio/ports.js';
import { loadResamplerFactory } from '../../engine/audio/resampler.js';
import type { Clock } from '../../engine/clock.js';
import { DisposableStore } from '../../engine/disposables.js';
import type { Logger } from '../../engine/logger.js';
import { SileroVadModel } from '../../engine/vad/silero-vad-model.js';
import { loadBundledPhraseModel } from '../../engine/turn/backchannel/model/load.js';
import { VadProcessor } from '../../engine/vad/vad-processor.js';
import type { ResolvedProviders } from './provider-resolver.js';
import type { NeuralVoiceChoice } from './neural-voice.js';
import { openSessionTts, type SessionTts } from './session-tts.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { VoiceIo } from './voice-io.js';

export interface LiveSessionDeps {
  settings: Settings;
  io: VoiceIo;
  providers: ResolvedProviders;
  /** Vendor voices' API keys. */
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  systemPrompt: string;
  /** A saved conversation being continued (heard parts only). */
  priorTurns?: readonly PriorTurn[];
  /** The level meter's frame, once per microphone frame: raw, silent (muted) or as voice detection hears it (see the rule below). */
  onMicFrame: (frame: AudioFrame) => void;
  onDeviceError: (error: AudioDeviceError, which: 'input' | 'output') => void;
  /** Which neural voice a local voice setting names. */
  neuralVoice?: (voice: string) => Promise<NeuralVoiceChoice>;
  /** Something the person should know about this session (e.g. the voice fell back to flite). */
  onNotice?: (message: string) => void;
}

export interface LiveSession {
  session: AgentSession;
  /** Set when no language model or recognizer is ready: the agent reads passages. */
  practice: PracticeModel | null;
  /** Practice mode's Next / Continue: the text to read, given what was heard of the passage. */
  practiceText(command: PracticeCommand): string;
  muted: boolean;
  /** VAD and turn-taking settings apply at once, mid-session. */
  applyLive(next: Settings): void;
  /** True when `next` changes something only a new session picks up (devices, voice, providers, turn-taking). */
  needsRestartFor(next: Settings): boolean;
  /** Opens the microphone and starts the conversation (practice: reads the first passage). Call once listeners are attached. */
  /** False while no speaker takes the agent's audio (nothing it says is heard). */
  outputConnected(): boolean;
  begin(): Promise<void>;
  dispose(): Promise<void>;
}

/** The process's: once the mic path's code is warm, it stays so for every later session. */
const micPathWarmer = new MicPathWarmer();

/** Sections a running session reads only at start (devices, voice, providers). */
const RESTART_SECTIONS = ['audio', 'tts', 'providers'] as const;

export async function openLiveSession(deps: LiveSessionDeps): Promise<LiveSession> {
  const { settings, io, clock, logger } = deps;
  // Everything opened so far, released last-first by dispose() or when a later step fails.
  const opened = new DisposableStore((error) => logger.warn('Closing a session part failed', { error: String(error) }));
  try {
    // Not awaited: the backchannel model's words are read while the session opens; the rules decide until they are.
    void loadBundledPhraseModel(logger);
    const [resamplers, model] = await Promise.all([loadResamplerFactory(), SileroVadModel.load()]);
    const vad = new VadProcessor({ model, options: settings.vad });

    const output: AudioOutput = await io.createOutput(settings.audio.outputDeviceId, clock, logger);
    opened.add(() => output.close());
    output.on('error', (e) => deps.onDeviceError(e, 'output'));
    const playback = new PlaybackQueue({ output, clock, resamplers, logger });
    opened.add(() => playback.dispose());
    // While the voice starts (mostly in its own threads): the mic path's code is optimized and the
    // VAD's first inference done before the mic opens, not on the user's first words. Never fails,
    // bounded; in a later session of this process (a settings restart) only the new model's first inference.
    const warming = micPathWarmer.start({
      model,
      output,
      resamplers,
      echoCancellation: settings.audio.echoCancellation,
      conversation: settings.conversation,
      vad: settings.vad,
      prefixPaddingMs: settings.vad.prefixPaddingMs,
      clock,
      logger,
    });
    opened.add(async () => void (await warming.wait()));

    const notice = (m: string) => deps.onNotice?.(m);
    // The barge-in controller alone clears playback.
    const tts: SessionTts = await openSessionTts(settings.tts, {
      clock,
      logger,
      secrets: deps.secrets,
      onNotice: notice,
      ...(deps.neuralVoice ? { neuralVoice: deps.neuralVoice } : {}),
    });
    if (tts.notice) notice(tts.notice);
    opened.add(() => tts.close());
    // Open the voice's WebSocket now: the first answer must not wait for the handshake (a
    // cloud voice's TLS + upgrade is 100-300 ms). A failure here is reported by the first send.
    tts.client.connect().catch((e: unknown) => logger.warn('Could not open the voice connection ahead of the first answer', { error: String(e) }));

    await warming.wait();

    const { stt } = deps.providers;
    if (stt) opened.add(() => stt.close());
    const practice = deps.providers.llm && stt ? null : new PracticeModel();
    const llm: LanguageModel = practice ?? deps.providers.llm!;
    if (!practice && llm.close) opened.add(() => llm.close!());

    const session = new AgentSession({
      sessionId: randomUUID(),
      clock,
      vad: vadPort(vad),
      stt,
      llm,
      tts: ttsPort(tts.client),
      playback,
      conversation: settings.conversation,
      prefixPaddingMs: settings.vad.prefixPaddingMs,
      echoCancellation: settings.audio.echoCancellation,
      resamplers,
      systemPrompt: deps.systemPrompt,
      ...(deps.priorTurns ? { priorTurns: deps.priorTurns } : {}),
      logger,
    });
    opened.add(() => session.stop());
    // What the person heard of the passage being read: "continue" picks up after it.
    let heardOfPassage = '';
    if (practice) {
      session.on('interrupted', (e) => (heardOfPassage = e.heardText));
      session.on('agentStoppedSpeaking', (e) => {
        if (!e.interrupted) heardOfPassage = practice.source.current().text;
      });
    }

    const live: LiveSession = {
      session,
      outputConnected: () => output.connected !== false,
      practice,
      muted: false,
      practiceText: (command) => {
        if (!practice) throw new Error('Not in practice mode.');
        const text = practice.textFor(command, heardOfPassage);
        heardOfPassage = '';
        return text;
      },
      applyLive: (next) => {
        try {
          vad.updateOptions(next.vad);
          session.updateConversation(next.conversation);
        } catch (error) {
          logger.warn('Settings not applied to the running session', { error: String(error) });
        }
      },
      needsRestartFor: (next) => RESTART_SECTIONS.some((k) => JSON.stringify(next[k]) !== JSON.stringify(settings[k])),
      begin: async () => {
        session.start();
        await input.start();
        logger.info('Voice session started', { io: io.description, tts: tts.description, practice: practice !== null });
        if (practice) session.speak(practice.source.current().text);
      },
      dispose: () => opened.dispose(),
    };
    const input: AudioInput = io.createInput(settings.audio.inputDeviceId, clock, logger);
    input.on('error', (e) => deps.onDeviceError(e, 'input'));
    // The level meter's one rule, for each mic frame: with echo cancellation, while the session
    // streams, it shows what voice detection hears (the agent's voice removed), which the session
    // emits during pushMicFrame; otherwise the frame the session is given. Muted, that is the
    // silence the session hears, not the room the VAD's gaps are refilled with.
    const meterShowsProcessed = () => settings.audio.echoCancellation && !live.muted && session.isStreaming();
    session.on('micProcessed', (f) => meterShowsProcessed() && deps.onMicFrame(f));
    input.on('frame', (frame) => {
      // Muted: the session hears silence (so VAD ends any speech cleanly), the meter shows it.
      const heard = live.muted ? { ...frame, data: new Float32Array(frame.data.length) } : frame;
      if (!meterShowsProcessed()) deps.onMicFrame(heard);
      void session.pushMicFrame(heard).catch((error: unknown) => logger.error('Mic frame failed', { error: String(error) }));
    });
    opened.add(() => input.stop());
    opened.add(() => {
      input.removeAllListeners('frame');
    });

    return live;
  } catch (error) {
    await opened.dispose();
    throw error;
  }
}
