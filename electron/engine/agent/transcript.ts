/**
 * The conversation as the person experienced it: user entries (interim, then final) and
 * agent entries. An interrupted agent entry keeps only what was heard in `text`; the unheard
 * remainder is kept apart in `unheardText`.
 */
import { EventEmitter } from 'node:events';
import type { SpeechHandle } from '../turn/speech-handle.js';

export type TranscriptStatus = 'interim' | 'final' | 'interrupted';

export interface TranscriptRecord {
  id: string;
  speaker: 'user' | 'agent';
  text: string;
  status: TranscriptStatus;
  /** Agent entries: the utterance's TTS turn (the handle's id: entries go to the renderer as plain data). */
  turnId?: string;
  unheardText?: string;
  /** User entries that did not stop the agent: why ("\"oh wow\" is only filler and surprise"). */
  backchannel?: string;
  tMs: number;
}

export class ConversationTranscript extends EventEmitter<{ updated: [TranscriptRecord] }> {
  private readonly list: TranscriptRecord[] = [];
  private openUser: TranscriptRecord | null = null;
  private nextId = 1;

  constructor(private readonly now: () => number) {
    super();
  }

  get entries(): readonly TranscriptRecord[] {
    return this.list;
  }

  /** The user's words so far in the open user entry (interim). */
  userInterim(text: string): void {
    const entry = this.openUser ?? this.add({ speaker: 'user', text: '', status: 'interim' });
    this.openUser = entry;
    entry.text = text;
    this.emit('updated', { ...entry });
  }

  /** Closes the open user entry with its final text. Empty text drops the entry. */
  userFinal(text: string, backchannel?: string): TranscriptRecord | null {
    const entry = this.openUser ?? (text.trim() ? this.add({ speaker: 'user', text: '', status: 'interim' }) : null);
    this.openUser = null;
    if (!entry) return null;
    if (!text.trim()) {
      this.list.splice(this.list.indexOf(entry), 1);
      return null;
    }
    entry.text = text.trim();
    entry.status = 'final';
    if (backchannel) entry.backchannel = backchannel;
    this.emit('updated', { ...entry });
    return entry;
  }

  agentText(speech: SpeechHandle, text: string): TranscriptRecord {
    const entry = this.agentEntry(speech) ?? this.add({ speaker: 'agent', text: '', status: 'interim', turnId: speech.turnId });
    entry.text = text;
    this.emit('updated', { ...entry });
    return entry;
  }

  agentFinished(speech: SpeechHandle): void {
    const entry = this.agentEntry(speech);
    if (!entry || entry.status === 'interrupted') return;
    entry.status = 'final';
    this.emit('updated', { ...entry });
  }

  agentInterrupted(speech: SpeechHandle, heardText: string, unheardText: string): TranscriptRecord {
    const entry = this.agentEntry(speech) ?? this.add({ speaker: 'agent', text: '', status: 'interim', turnId: speech.turnId });
    entry.text = heardText;
    entry.unheardText = unheardText;
    entry.status = 'interrupted';
    this.emit('updated', { ...entry });
    return entry;
  }

  private agentEntry(speech: SpeechHandle): TranscriptRecord | undefined {
    return this.list.find((e) => e.speaker === 'agent' && e.turnId === speech.turnId);
  }

  private add(fields: Omit<TranscriptRecord, 'id' | 'tMs'>): TranscriptRecord {
    const entry: TranscriptRecord = { id: `e${this.nextId++}`, tMs: this.now(), ...fields };
    this.list.push(entry);
    return entry;
  }
}
