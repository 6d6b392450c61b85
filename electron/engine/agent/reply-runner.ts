/**
 * One agent reply: streams the language model's text (or a fixed text) into the TTS turn,
 * clause by clause (ClauseSplitter: sentence ends, and commas after a few words), flushing at
 * each so synthesis starts on the first clause rather than the first sentence, unless the TTS
 * chunks text itself (KugelAudio: no flush per clause), then closes the turn. Its TTS turn is a
 * SpeechHandle, made when the first text goes out, that carries the text sent so far. Aborting
 * stops the model at once; the TTS turn itself is cancelled by the barge-in controller.
 */
import { EventEmitter } from 'node:events';
import { ClauseSplitter } from '../llm/clause-splitter.js';
import type { ChatMessage, LanguageModel } from '../llm/types.js';
import { SpeechHandle, type PlayoutPosition } from '../turn/speech-handle.js';
import type { AgentTts } from './ports.js';

export type ReplySource = { kind: 'llm'; llm: LanguageModel; messages: ChatMessage[] } | { kind: 'text'; text: string };

export class ReplyRunner extends EventEmitter<{
  /** The text sent to TTS so far for its utterance. */
  text: [{ speech: SpeechHandle; text: string }];
  /** Latency marks: the model's first text, and the first text handed to TTS (its turn id). */
  progress: [{ stage: 'firstToken' } | { stage: 'ttsRequest'; turnId: string }];
  error: [Error];
}> {
  private readonly abortController = new AbortController();
  private utterance: SpeechHandle | null = null;
  /** Inside the first tts.send(): TTS may report the new turn's first events before send returns its id. */
  private firstSend = false;
  private gotToken = false;

  constructor(
    private readonly tts: AgentTts,
    private readonly source: ReplySource,
    /** Where playback stands in a turn: the handle reads what was heard from it. */
    private readonly position: PlayoutPosition,
  ) {
    super();
  }

  /** The utterance, once the first text went to TTS. */
  get speech(): SpeechHandle | null {
    return this.utterance;
  }

  /**
   * This reply's utterance if `turnId` is its TTS turn, else null. A TTS client that reports the
   * turn's first events (its word timings) from inside send() meets no utterance yet: it is made
   * here then, so nothing of the turn is lost.
   */
  speechFor(turnId: string): SpeechHandle | null {
    if (this.utterance === null && this.firstSend) this.utterance = new SpeechHandle(turnId, this.position);
    return this.utterance?.turnId === turnId ? this.utterance : null;
  }

  get turnId(): string | null {
    return this.utterance?.turnId ?? null;
  }

  get text(): string {
    return this.utterance?.text ?? '';
  }

  get aborted(): boolean {
    return this.abortController.signal.aborted;
  }

  abort(): void {
    this.abortController.abort();
  }

  async run(): Promise<void> {
    try {
      if (this.source.kind === 'text') {
        this.send(this.source.text, true);
      } else {
        const clauses = new ClauseSplitter();
        for await (const delta of this.source.llm.stream(this.source.messages, { signal: this.abortController.signal })) {
          if (this.aborted) return;
          if (delta && !this.gotToken) {
            this.gotToken = true;
            this.emit('progress', { stage: 'firstToken' });
          }
          for (const clause of clauses.push(delta)) this.send(clause, this.tts.chunksText !== true);
        }
        if (this.aborted) return;
        for (const clause of clauses.flush()) this.send(clause, this.tts.chunksText !== true);
      }
      if (this.aborted) return;
      if (this.utterance !== null) await this.tts.endTurn();
    } catch (error) {
      if (this.aborted) return;
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
    }
  }

  private send(text: string, flush: boolean): void {
    if (!text.trim()) return;
    const before = this.text;
    const first = this.utterance === null;
    this.firstSend = first;
    let turnId: string;
    try {
      // Clauses come trimmed; the server buffers a turn's text as one string, so words stay apart.
      turnId = this.tts.send(before && !/^\s/.test(text) ? ` ${text}` : text, { flush });
    } finally {
      this.firstSend = false;
    }
    const speech = (this.utterance ??= new SpeechHandle(turnId, this.position));
    if (first) this.emit('progress', { stage: 'ttsRequest', turnId });
    if (turnId !== speech.turnId) return; // the turn was cancelled under us: nothing more belongs to it
    const sent = before ? `${before}${/\s$/.test(before) || /^\s/.test(text) ? '' : ' '}${text}` : text;
    speech.setText(sent.replace(/\s+/g, ' '));
    this.emit('text', { speech, text: speech.text.trim() });
  }
}
