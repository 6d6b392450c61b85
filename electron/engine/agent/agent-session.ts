/**
 * The agent session: wires user input (echo guard, VAD, STT), the barge-in controller, the
 * end-of-turn detector, replies (LLM -> TTS -> playback), the transcript and the LLM history.
 * Each of those is its own small object (the answer on the speaker: agent-speaking.ts); this file only routes events between them.
 */
import { EventEmitter } from 'node:events';
import type { ConversationSettings } from '../../contract/settings/conversation.js';
import type { AudioFrame } from '../audio/frame.js';
import { nullLogger, type Logger } from '../logger.js';
import { BargeInController, type InterruptSource } from '../turn/barge-in-controller.js';
import type { EchoGuard } from '../turn/echo-guard.js';
import { EndOfTurnDetector } from '../turn/end-of-turn.js';
import type { InterruptTarget } from '../turn/manual-interrupt.js';
import { buildStrategies } from '../turn/strategies/build-strategies.js';
import { describeRules } from '../../contract/settings/barge-in-rules.js';
import { InterruptionDecider } from '../turn/strategies/interruption-decider.js';
import type { WordSource } from '../turn/strategies/voice-shape-strategy.js';
import { AgentStateMachine, type AgentState } from './agent-state.js';
import type { AgentSessionOptions } from './agent-session-options.js';
import { AgentSpeaking } from './agent-speaking.js';
import { followBargeInMarks } from './barge-in-marks.js';
import { ChatHistory } from './chat-history.js';
import type { AgentSessionEvents } from './events.js';
import { LatencyHooks } from './latency-hooks.js';
import { buildMicPath } from './mic-path.js';
import { BargeInTimer } from './metrics.js';
import { PauseTiming } from './pause-timing.js';
import type { ReplyRunner, ReplySource } from './reply-runner.js';
import { ReplyRouter } from './reply-router.js';
import { ConversationTranscript } from './transcript.js';
import { endOfTurnOptions } from './turn-semantics.js';
import { UserInput } from './user-input.js';
import { UserTurn } from './user-turn.js';

export type { AgentSessionOptions } from './agent-session-options.js';

export class AgentSession extends EventEmitter<AgentSessionEvents> implements InterruptTarget {
  readonly transcript: ConversationTranscript;
  readonly history: ChatHistory;
  readonly controller: BargeInController;
  readonly echoGuard: EchoGuard | null;
  private readonly machine: AgentStateMachine;
  private currentConversation: ConversationSettings;
  private readonly input: UserInput;
  private readonly endOfTurn: EndOfTurnDetector;
  private readonly bargeInTimer = new BargeInTimer();
  /** Voice-to-voice latency of the turn being answered (issue 17). */
  private readonly latency: LatencyHooks;
  /** The reply being given, and an early one held unheard until the turn ends (preemptive generation). */
  private readonly replies: ReplyRouter;
  private readonly pauses: PauseTiming;
  /** The answer on the speaker: started, played out, or cut. */
  private readonly speaking: AgentSpeaking;
  private conversation: ConversationSettings;
  private readonly logger: Logger;
  private streaming = false;
  /** The user's words, and speech over the agent that is not (yet) a turn. */
  private readonly userTurn: UserTurn;

  constructor(private readonly options: AgentSessionOptions) {
    super();
    const { clock, conversation: c } = options;
    this.currentConversation = c;
    this.conversation = c;
    const now = () => clock.nowMs();
    this.logger = options.logger ?? nullLogger;
    this.machine = new AgentStateMachine(now);
    this.transcript = new ConversationTranscript(now);
    this.history = new ChatHistory(options.systemPrompt, options.priorTurns);
    this.userTurn = new UserTurn({ transcript: this.transcript, history: this.history });
    const path = buildMicPath({
      vad: options.vad,
      stt: options.stt,
      echoCancellation: options.echoCancellation,
      ...(options.resamplers ? { resamplers: options.resamplers } : {}),
      conversation: c,
      prefixPaddingMs: options.prefixPaddingMs,
      earlyFinal: options.earlyFinal,
    });
    this.echoGuard = path.echoGuard;
    this.input = path.input;
    this.controller = new BargeInController(
      {
        clock,
        playback: options.playback,
        tts: options.tts,
        decider: this.buildDecider(c),
        logger: this.logger,
      },
      c,
    );
    this.endOfTurn = new EndOfTurnDetector(clock, endOfTurnOptions(c));
    this.latency = new LatencyHooks(now);
    this.pauses = new PauseTiming({ input: this.input, endOfTurn: this.endOfTurn, latency: this.latency });
    this.replies = new ReplyRouter({
      tts: options.tts,
      playback: options.playback,
      latency: this.latency,
      logger: this.logger,
      onText: (speech, text) => this.transcript.agentText(speech, text),
      onError: (e, reply) => this.onReplyFailed(e, reply),
      onPreemptive: (outcome) => this.emit('preemptive', { tMs: this.now(), outcome }),
      abandon: (speech) => this.controller.abandonUnheardTurn(speech),
    });
    this.speaking = new AgentSpeaking({
      replies: this.replies,
      machine: this.machine,
      controller: this.controller,
      transcript: this.transcript,
      history: this.history,
      latency: this.latency,
      bargeInTimer: this.bargeInTimer,
      playback: options.playback,
      now,
      events: this,
      listening: () => this.answerAppended(),
    });
    this.wire();
  }

  /** Where words come from decides how the strategies may use them (voice-shape-strategy.ts). */
  get wordSource(): WordSource {
    const stt = this.options.stt;
    return stt === null ? 'none' : stt.streaming === false ? 'afterSpeech' : 'streaming';
  }

  private buildDecider(c: ConversationSettings): InterruptionDecider {
    return new InterruptionDecider(buildStrategies(c.strategies, c, this.wordSource), this.wordSource);
  }

  get state(): AgentState {
    return this.machine.state;
  }

  get sessionId(): string {
    return this.options.sessionId;
  }

  start(): void {
    this.streaming = true;
    this.machine.to('listening');
  }

  /** Ends the session: stops the agent and forgets pending turns. */
  async stop(): Promise<void> {
    if (!this.streaming) return;
    this.controller.interruptNow('api');
    this.replies.stopAll();
    this.endOfTurn.reset();
    this.streaming = false;
    this.machine.to('idle');
  }

  /**
   * Applies changed conversation settings live: timings, strategies, phrase lists, echo guard
   * margin, end-of-turn. An attempt in progress keeps its timers; the next one uses the new values.
   */
  updateConversation(c: ConversationSettings): void {
    this.currentConversation = c;
    this.controller.updateOptions(c);
    this.controller.replaceDecider(this.buildDecider(c));
    this.conversation = c;
    this.endOfTurn.updateOptions(endOfTurnOptions(c));
    this.echoGuard?.updateOptions({ marginDb: c.echoMarginDb, maxDelayMs: c.echoMaxDelayMs });
  }

  /** The agent says a fixed text (a greeting, or the simulate command's script). */
  speak(text: string): void {
    this.startReply({ kind: 'text', text });
  }

  async pushMicFrame(frame: AudioFrame): Promise<void> {
    if (!this.streaming) return;
    await this.input.pushMicFrame(frame);
  }

  // InterruptTarget (manual interrupt: hotkey, button, tray, IPC)
  isStreaming(): boolean {
    return this.streaming;
  }

  activeSessionId(): string | null {
    return this.streaming ? this.options.sessionId : null;
  }

  /**
   * What the person has heard so far of the answer being spoken, from the playback position and
   * the word timings (the same cut an interruption would make), so the transcript follows the voice.
   */
  heardSoFar(): { turnId: string; heardText: string } | null {
    const speech = this.replies.current?.speech;
    if (!speech || this.machine.state !== 'speaking') return null;
    return { turnId: speech.turnId, heardText: speech.heard().heardText };
  }

  /** Asks the language model again for the last user turn, after its answer failed. False when there is nothing to retry. */
  retryReply(): boolean {
    if (this.machine.state !== 'listening' || this.history.messages.at(-1)?.role !== 'user') return false;
    this.startReply({ kind: 'llm', llm: this.options.llm, messages: this.history.snapshot() });
    return true;
  }

  interruptNow(source: InterruptSource): boolean {
    return this.controller.interruptNow(source);
  }

  /** The barge-in rules in force now, in a person's words (settings and practice panels). */
  bargeInRules(): string[] {
    return describeRules(this.currentConversation, this.wordSource);
  }

  private now(): number {
    return this.options.clock.nowMs();
  }

  private wire(): void {
    const { playback, tts } = this.options;
    this.machine.on('changed', (e) => this.emit('state', e));
    this.transcript.on('updated', (e) => this.emit('transcript', e));

    this.input.on('speechLikely', ({ tMs }) => this.controller.onSpeechLikely(tMs));
    this.input.on('speechUnlikely', ({ tMs }) => this.controller.onSpeechUnlikely(tMs));
    this.input.on('speechStart', ({ tMs }) => this.onUserSpeechStart(tMs));
    this.input.on('pause', ({ tMs }) => this.pauses.gap(tMs));
    this.input.on('resume', () => this.onUserGoesOn());
    this.input.on('voicePause', ({ tMs }) => this.controller.onVoicePause(tMs));
    this.input.on('voiceResume', ({ tMs }) => this.controller.onVoiceResume(tMs));
    this.input.on('speechGap', ({ tMs }) => this.controller.onSpeechGap(tMs));
    this.input.on('speechGapEnd', ({ tMs }) => this.controller.onSpeechGapEnd(tMs));
    this.input.on('audio', (f) => this.controller.onUserAudio(f));
    this.input.on('interim', (text) => this.onUserText(text, false));
    this.input.on('final', (text) => this.onUserText(text, true));
    this.input.on('speechEnd', ({ tMs }) => this.onUserSpeechEnd(tMs));
    this.input.on('misfire', () => {
      this.controller.onMisfire();
      this.userTurn.misfire();
    });
    this.input.on('probability', (e) => this.emit('vadProbability', e));
    this.input.on('processed', (f) => this.emit('micProcessed', f));
    this.input.on('error', (e) => this.fail('stt', e));

    const c = this.controller;
    followBargeInMarks(
      c,
      this.bargeInTimer,
      (mark) => this.emit('bargeIn', mark),
      () => this.lastOnsetMs,
    );
    c.on('falseInterruption', ({ tMs, resumed, reason }) => {
      this.userTurn.backchannel(reason);
      this.emit('falseInterruption', { tMs, resumed, reason });
    });
    c.on('interrupted', (e) => this.speaking.interrupted(e));
    c.on('userSpeechAccepted', () => this.onSpeechAcceptedWhileAgentSilent());
    c.on('userSpeechWhileOff', (e) => {
      this.userTurn.speechWhileOff(e.mode);
      this.emit('userSpeechWhileOff', e);
    });
    this.endOfTurn.on('endOfTurn', () => this.onEndOfUserTurn());

    tts.on('audio', ({ turnId, samples, sampleRate }) => this.replies.onTts(turnId, { kind: 'audio', samples, sampleRate }));
    tts.on('wordTimestamps', ({ turnId, words }) => this.replies.onTts(turnId, { kind: 'words', words }));
    tts.on('final', ({ turnId }) => this.replies.onTts(turnId, { kind: 'final' }));
    tts.on('error', (e) => this.fail('tts', e));
    playback.on('written', (f) => this.input.pushReference(f, f.timestampMs + playback.outputLatencyMs));
    playback.on('outputLost', () => this.input.speakerChanged());
    playback.on('playbackStarted', ({ turnId }) => this.speaking.playbackStarted(turnId));
    playback.on('playbackFinished', ({ turnId, interrupted }) => this.speaking.playbackFinished(turnId, interrupted));
  }

  private lastOnsetMs: number | null = null;

  private onUserGoesOn(): void {
    this.replies.dropEarly(); // the early answer is never heard nor kept
    this.pauses.resumed();
  }

  private onUserSpeechStart(tMs: number): void {
    this.lastOnsetMs = tMs;
    this.onUserGoesOn();
    this.emit('userStartedSpeaking', { tMs });
    this.endOfTurn.onSpeechStart();
    // Barge-in counts from where the voice began, not where Silero became sure of it (voice-end.ts).
    this.controller.onSpeechStart(this.input.voiceStartedAt(tMs));
  }

  private onUserText(text: string, final: boolean): void {
    this.controller.onTranscript(text, final);
    const full = this.userTurn.heard(text, final);
    if (full === null) return;
    this.latency.finalTranscript();
    this.endOfTurn.onFinalTranscript(full);
    this.maybeStartPreemptive(full);
  }

  private onUserSpeechEnd(tMs: number): void {
    const silenceFromMs = this.pauses.speechEnded(tMs);
    this.emit('userStoppedSpeaking', { tMs });
    this.controller.onSpeechEnd(tMs, this.input.awaitingFinal);
    if (silenceFromMs !== null) this.endOfTurn.onSpeechEnd(silenceFromMs, this.input.awaitingFinal);
  }

  /** User speech while the agent is thinking: the reply is abandoned, the user keeps the floor. */
  private onSpeechAcceptedWhileAgentSilent(): void {
    const reply = this.replies.current;
    if (this.machine.state !== 'thinking' || !reply) return;
    reply.abort();
    this.controller.abandonUnheardTurn(reply.speech);
    this.replies.clear();
    this.machine.to('listening');
  }

  private onEndOfUserTurn(): void {
    this.latency.endOfTurn();
    const turnText = this.userTurn.take(this.machine.state === 'speaking');
    if (turnText && !this.replies.adoptEarly(turnText, () => this.toThinking())) {
      this.startReply({ kind: 'llm', llm: this.options.llm, messages: this.history.snapshot() });
    }
    this.replies.dropEarly(); // still held: the turn ended with other words, or with no reply
    if (!this.replies.current) this.latency.noTurn();
  }

  /** The words are in and the turn looks complete, but the silence window runs on: start answering now, unheard. */
  private maybeStartPreemptive(userText: string): void {
    const busy = this.replies.current || this.userTurn.pending || (this.input.userSpeaking && !this.input.pausing);
    if (busy || this.machine.state !== 'listening' || !this.latency.recording) return;
    const text = userText.trim();
    const messages = [...this.history.snapshot(), { role: 'user' as const, content: text }];
    this.replies.maybeStartEarly(this.conversation, text, { kind: 'llm', llm: this.options.llm, messages });
  }

  private startReply(source: ReplySource): void {
    this.replies.start(source, () => this.toThinking());
  }

  private toThinking(): void {
    if (this.machine.state !== 'speaking') this.machine.to('thinking');
  }

  private onReplyFailed(e: Error, reply: ReplyRunner): void {
    this.fail('llm', e);
    if (this.replies.current === reply && this.machine.state === 'thinking') {
      this.replies.clear();
      this.machine.to('listening');
    }
  }

  /** Speech appended while interruptions were off is answered now that the agent is done. */
  private answerAppended(): void {
    if (!this.input.userSpeaking && this.userTurn.takeAppended()) {
      this.startReply({ kind: 'llm', llm: this.options.llm, messages: this.history.snapshot() });
    }
  }

  private fail(source: 'stt' | 'llm' | 'tts' | 'vad' | 'session', error: Error): void {
    this.logger.error(`${source} error`, { message: error.message });
    this.emit('error', { tMs: this.now(), source, message: error.message });
  }
}
