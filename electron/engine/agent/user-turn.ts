/**
 * The user's turn as text: the finals heard so far, speech made while interruptions were off
 * (ignored, or appended to the next turn), and why speech over the agent was a backchannel.
 * It writes the user's entries in the transcript and history; the session decides what to answer.
 */
import type { ChatHistory } from './chat-history.js';
import type { ConversationTranscript } from './transcript.js';

export type SpeechWhileOffMode = 'ignore' | 'append';

export interface UserTurnDeps {
  transcript: Pick<ConversationTranscript, 'userInterim' | 'userFinal'>;
  history: Pick<ChatHistory, 'user'>;
}

export class UserTurn {
  /** Finals of the user's current turn. */
  private text = '';
  /** Speech made while interruptions were off, in append mode: joins the next user turn. */
  private appended = '';
  /** The current user speech started while the agent spoke with interruptions off. */
  private whileOff: SpeechWhileOffMode | null = null;
  /** Why the last speech over the agent did not stop it; shown with that user entry. */
  private backchannelReason: string | null = null;

  constructor(private readonly d: UserTurnDeps) {}

  /** Speech made while interruptions were off is still in play (its turn not over, or appended): no early answer now. */
  get pending(): boolean {
    return Boolean(this.appended || this.whileOff);
  }

  speechWhileOff(mode: SpeechWhileOffMode): void {
    this.whileOff = mode;
  }

  misfire(): void {
    this.whileOff = null;
  }

  backchannel(reason: string | null): void {
    this.backchannelReason = reason;
  }

  /** Words recognised: shown at once; a final joins the turn. Returns the turn's text on a final, else null. */
  heard(text: string, final: boolean): string | null {
    if (this.whileOff === 'ignore') return null;
    const full = [this.text, text].filter((t) => t.trim()).join(' ');
    // Show the words first: a final can end the turn synchronously (the silence already
    // passed), and an interim shown after that would open a second, never-final entry.
    if (full) this.d.transcript.userInterim(full);
    if (!final) return null;
    this.text = full;
    return full;
  }

  /** The turn ended: its entry is closed. Returns the text to answer (in the history already), or '' for none. */
  take(agentSpeaking: boolean): string {
    const text = this.text.trim();
    this.text = '';
    const whileOff = this.whileOff;
    this.whileOff = null;
    if (whileOff === 'ignore') {
      this.d.transcript.userFinal('');
      return '';
    }
    if (whileOff === 'append' && agentSpeaking) {
      this.d.transcript.userFinal(text);
      if (text) this.appended = [this.appended, text].filter(Boolean).join(' ');
      return '';
    }
    if (agentSpeaking) {
      // The agent kept the floor (a backchannel): it is in the transcript, not a new turn.
      this.d.transcript.userFinal(text, this.backchannelReason ? `treated as a backchannel because ${this.backchannelReason}` : undefined);
      this.backchannelReason = null;
      return '';
    }
    const turnText = [this.appended, text].filter(Boolean).join(' ');
    this.appended = '';
    this.d.transcript.userFinal(turnText);
    if (turnText) this.d.history.user(turnText);
    return turnText;
  }

  /** The agent finished: speech appended meanwhile becomes a user turn (in the history). Returns it, or '' for none. */
  takeAppended(): string {
    const text = this.appended;
    this.appended = '';
    if (text) this.d.history.user(text);
    return text;
  }
}
