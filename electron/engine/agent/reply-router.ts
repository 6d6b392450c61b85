/**
 * The agent's replies and where their output goes: the reply being given, and with preemptive
 * generation one started before the end of the turn was certain, held unheard
 * (preemptive-reply.ts). The current reply's TTS goes to playback (its words and audio into its
 * SpeechHandle, for the heard-text cut), the early one's into its hold, any other turn's nowhere.
 * The session decides when to start, adopt or drop; this object does it and reports the moments
 * to the latency hooks. Dropping an early answer goes through `abandon` (the barge-in controller:
 * the one owner of TTS cancels).
 */
import type { ConversationSettings } from '../../contract/settings/conversation.js';
import type { Logger } from '../logger.js';
import type { LatencyHooks } from './latency-hooks.js';
import type { AgentPlayback, AgentTts } from './ports.js';
import { PreemptiveReply, shouldPreempt, type HeldTtsEvent } from './preemptive-reply.js';
import type { SpeechHandle } from '../turn/speech-handle.js';
import { ReplyRunner, type ReplySource } from './reply-runner.js';

export type PreemptiveOutcome = 'started' | 'used' | 'dropped';

export interface ReplyRouterOptions {
  tts: AgentTts;
  playback: AgentPlayback;
  latency: LatencyHooks;
  logger: Logger;
  /** The current reply's text so far (for the transcript). */
  onText(speech: SpeechHandle, text: string): void;
  /** A reply failed (an early one only if it had been adopted). */
  onError(error: Error, reply: ReplyRunner): void;
  onPreemptive(outcome: PreemptiveOutcome): void;
  /** An unheard reply's TTS turn must stop (null: it sent no text yet); the barge-in controller does it. */
  abandon(speech: SpeechHandle | null): void;
}

export class ReplyRouter {
  private reply: ReplyRunner | null = null;
  private early: PreemptiveReply | null = null;

  constructor(private readonly o: ReplyRouterOptions) {}

  /** The reply being given (thinking or speaking), if any. */
  get current(): ReplyRunner | null {
    return this.reply;
  }

  get hasEarly(): boolean {
    return this.early !== null;
  }

  /** Starts `source` as the current reply (the previous one stops); `onStarted` runs before it does anything. */
  start(source: ReplySource, onStarted: () => void): void {
    this.reply?.abort();
    if (source.kind === 'text') this.o.latency.noTurn(); // a greeting or a script: no user turn to measure
    const reply = this.create(source, false);
    this.reply = reply;
    this.o.latency.replyRequested();
    onStarted();
    void reply.run();
  }

  /** The current reply is over (played, cut or failed); whoever ended it has aborted it if needed. */
  clear(): void {
    this.reply = null;
  }

  /** The session stops: no reply goes on, and an early one is dropped. */
  stopAll(): void {
    this.reply?.abort();
    this.reply = null;
    this.dropEarly();
  }

  /** Starts answering `userText` early and unheard, unless one is held already or the words trail off. */
  maybeStartEarly(c: ConversationSettings, userText: string, source: ReplySource & { kind: 'llm' }): void {
    if (this.early || !shouldPreempt(c, userText)) return;
    const reply = this.create(source, true);
    this.early = new PreemptiveReply(reply, userText);
    this.o.onPreemptive('started');
    void reply.run();
  }

  /**
   * The turn ended with `turnText`: if the early answer was for exactly these words it becomes
   * the current reply, `onAdopted` runs (the state moves on), then what it held goes out in order.
   */
  adoptEarly(turnText: string, onAdopted: () => void): boolean {
    const p = this.early;
    if (!p?.fits(turnText)) return false;
    this.early = null;
    this.reply = p.reply;
    this.o.latency.replyRequested();
    this.o.onPreemptive('used');
    onAdopted();
    p.release({ text: (speech, text) => this.o.onText(speech, text), tts: (turnId, e) => this.onTts(turnId, e) });
    return true;
  }

  /** Drops the held early answer: its model stops, its TTS turn is cancelled, nothing of it was played or kept. */
  dropEarly(): void {
    if (!this.early) return;
    const speech = this.early.drop();
    this.early = null;
    // Nothing of it is in playback; the cancel stops the synthesis (and drops its stragglers).
    if (speech !== null) this.o.abandon(speech);
    this.o.latency.earlyReplyDropped();
    this.o.onPreemptive('dropped');
  }

  /** TTS output: a held early reply keeps it; the current reply's goes to playback; any other turn's is dropped. */
  onTts(turnId: string, e: HeldTtsEvent): void {
    if (e.kind === 'audio') this.o.latency.ttsAudio(turnId);
    if (this.early?.owns(turnId)) return this.early.onTts(turnId, e);
    const speech = this.reply?.speechFor(turnId);
    if (!speech) return; // a cancelled or foreign turn: never played, nothing of it kept
    if (e.kind === 'words') return speech.addWords(e.words);
    if (e.kind === 'final') {
      speech.markAudioComplete();
      return this.o.playback.endTurn(turnId);
    }
    speech.addAudio(e.samples.length, e.sampleRate);
    this.o.playback.enqueue(turnId, e.samples, e.sampleRate);
  }

  private create(source: ReplySource, early: boolean): ReplyRunner {
    const reply = new ReplyRunner(this.o.tts, source, (turnId) => this.o.playback.playedMs(turnId));
    if (source.kind === 'llm') this.o.latency.replyCreated(reply, early);
    reply.on('text', ({ speech, text }) => {
      if (this.reply === reply) this.o.onText(speech, text);
    });
    reply.on('error', (e) => {
      if (early && this.reply !== reply) return this.o.logger.warn('An early answer failed; the turn asks again', { error: e.message });
      this.o.onError(e, reply);
    });
    return reply;
  }
}
