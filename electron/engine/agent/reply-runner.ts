/**
 * One agent reply: streams the language model's text (or a fixed text) into the TTS turn,
 * clause by clause (ClauseSplitter: sentence ends, and commas after a few words), flushing at
 * each so synthesis starts on the first clause rather than the first sentence, unless the TTS
 * chunks text itself (KugelAudio: no flush per clause), then closes the turn. Aborting stops
 * the model at once; the TTS turn itself is cancelled by the barge-in controller.
 */
import { EventEmitter } from 'node:events';
import { ClauseSplitter } from '../llm/clause-splitter.js';
import type { ChatMessage, LanguageModel } from '../llm/types.js';
import type { AgentTts } from './ports.js';

export type ReplySource = { kind: 'llm'; llm: LanguageModel; messages: ChatMessage[] } | { kind: 'text'; text: string };

export class ReplyRunner extends EventEmitter<{
  /** The text sent to TTS so far for this turn. */
  text: [{ turnId: string; text: string }];
  /** Latency marks: the model's first text, and the first text handed to TTS (its turn id). */
  progress: [{ stage: 'firstToken' } | { stage: 'ttsRequest'; turnId: string }];
  error: [Error];
}> {
  private readonly abortController = new AbortController();
  private turn: string | null = null;
  private sent = '';
  private gotToken = false;

  constructor(
    private readonly tts: AgentTts,
    private readonly source: ReplySource,
  ) {
    super();
  }

  get turnId(): string | null {
    return this.turn;
  }

  get text(): string {
    return this.sent;
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
      if (this.turn !== null) await this.tts.endTurn();
    } catch (error) {
      if (this.aborted) return;
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
    }
  }

  private send(text: string, flush: boolean): void {
    if (!text.trim()) return;
    // Clauses come trimmed; the server buffers a turn's text as one string, so words stay apart.
    const turnId = this.tts.send(this.sent && !/^\s/.test(text) ? ` ${text}` : text, { flush });
    if (this.turn === null) {
      this.turn = turnId;
      this.emit('progress', { stage: 'ttsRequest', turnId });
    } else if (turnId !== this.turn) return; // the turn was cancelled under us: nothing more belongs to it
    this.sent = this.sent ? `${this.sent}${/\s$/.test(this.sent) || /^\s/.test(text) ? '' : ' '}${text}` : text;
    this.sent = this.sent.replace(/\s+/g, ' ');
    this.emit('text', { turnId, text: this.sent.trim() });
  }
}
