/**
 * Preemptive generation: a reply started when the user's words are known (the final
 * transcript after the VAD's end of speech) but before the silence window has confirmed the
 * end of the turn. Everything it makes is held here: its text stays out of the transcript,
 * its audio out of playback, the user's words out of the history. At the end of the turn the
 * session adopts it (`release` replays what was held, in order); if the user goes on
 * speaking it is dropped, and nothing of it was ever played, shown or remembered.
 */
import type { ConversationSettings } from '../../contract/settings/conversation.js';
import type { SpeechHandle } from '../turn/speech-handle.js';
import type { WordTiming } from './ports.js';
import type { ReplyRunner } from './reply-runner.js';
import { semanticCheckFor } from './turn-semantics.js';

/** Whether to start answering `text` early: the setting is on and the words do not trail off (hold words). */
export function shouldPreempt(c: Pick<ConversationSettings, 'preemptiveGeneration' | 'semanticEndOfTurn' | 'holdWords'>, text: string): boolean {
  if (!c.preemptiveGeneration || !text) return false;
  return semanticCheckFor(c)?.(text) !== 'incomplete';
}

export type HeldTtsEvent = { kind: 'audio'; samples: Float32Array; sampleRate: number } | { kind: 'words'; words: WordTiming[] } | { kind: 'final' };

export interface HeldReplyHandlers {
  text(speech: SpeechHandle, text: string): void;
  tts(turnId: string, event: HeldTtsEvent): void;
}

export class PreemptiveReply {
  private readonly held: HeldTtsEvent[] = [];
  private latestText: { speech: SpeechHandle; text: string } | null = null;
  private released: HeldReplyHandlers | null = null;
  private failed = false;

  constructor(
    readonly reply: ReplyRunner,
    /** The user's words it answers: adopted only if the turn ends with exactly these. */
    readonly userText: string,
  ) {
    reply.on('text', (e) => {
      if (this.released) this.released.text(e.speech, e.text);
      else this.latestText = e;
    });
    reply.on('error', () => {
      this.failed = true;
    });
  }

  /** Whether this reply can still be adopted for a turn that ended with `userText`. */
  fits(userText: string): boolean {
    return !this.failed && !this.reply.aborted && this.userText === userText;
  }

  /** A TTS event of this reply's turn (the session routes only its own turn here). */
  onTts(turnId: string, event: HeldTtsEvent): void {
    if (this.released) this.released.tts(turnId, event);
    else this.held.push(event);
  }

  owns(turnId: string): boolean {
    return this.reply.speechFor(turnId) !== null;
  }

  /** Bytes of audio held so far (a reply the model finished within the window is all here). */
  get heldSamples(): number {
    return this.held.reduce((n, e) => n + (e.kind === 'audio' ? e.samples.length : 0), 0);
  }

  /** Adopted: what was held goes out now, in order, and whatever comes later goes straight through. */
  release(handlers: HeldReplyHandlers): void {
    this.released = handlers;
    const turnId = this.reply.turnId;
    if (this.latestText) handlers.text(this.latestText.speech, this.latestText.text);
    if (turnId !== null) for (const e of this.held.splice(0)) handlers.tts(turnId, e);
    this.latestText = null;
  }

  /** Dropped: the model stops, held audio and text are forgotten. Returns its utterance, whose TTS turn the caller has cancelled (null: none yet). */
  drop(): SpeechHandle | null {
    this.reply.abort();
    this.held.length = 0;
    this.latestText = null;
    return this.reply.speech;
  }
}
