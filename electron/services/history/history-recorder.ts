/**
 * Saves the conversation as it happens: every finished transcript entry (a user's final
 * words, an agent answer played out or cut) is appended to the current conversation's file
 * the moment it is final. Stopping the session ends the conversation; "continue" makes the
 * next session's entries go on in an older one.
 */
import type { EventHub } from '../event-hub.js';
import type { Logger } from '../../engine/logger.js';
import type { TranscriptEntry } from '../../contract/index.js';
import type { HistoryStore } from './history-store.js';

export class HistoryRecorder {
  private current: string | null = null;
  /** What was last written per entry id, so an unchanged re-send is not written again. */
  private written = new Map<string, string>();
  private readonly off: () => void;

  constructor(
    private readonly store: () => HistoryStore | null,
    events: EventHub,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly onSaved: (id: string) => void = () => undefined,
  ) {
    this.off = events.subscribe((name, payload) => {
      if (name === 'transcript:update') this.record((payload as { entries: TranscriptEntry[] }).entries);
      if (name === 'agent:state' && (payload as { state: string }).state === 'idle') this.endConversation();
    });
  }

  /** The conversation being written, if any. */
  get conversationId(): string | null {
    return this.current;
  }

  /** The next entries go on in this saved conversation (its entries are already on disk). */
  continueIn(id: string, entries: readonly TranscriptEntry[]): void {
    this.current = id;
    this.written = new Map(entries.map((e) => [e.id, JSON.stringify(e)]));
  }

  endConversation(): void {
    this.current = null;
    this.written.clear();
  }

  dispose(): void {
    this.off();
  }

  private record(entries: readonly TranscriptEntry[]): void {
    const store = this.store();
    if (!store) return;
    for (const entry of entries) {
      if (entry.interim || !entry.text.trim()) continue;
      const json = JSON.stringify(entry);
      if (this.written.get(entry.id) === json) continue;
      try {
        if (this.current === null || !store.exists(this.current)) this.current = store.create();
        store.append(this.current, { type: 'entry', atEpochMs: this.now(), entry });
        this.written.set(entry.id, json);
        this.onSaved(this.current);
      } catch (error) {
        // History must never break a conversation: the failure is logged and the talk goes on.
        this.logger.error('Could not save to the conversation history', { error: String(error) });
      }
    }
  }
}
