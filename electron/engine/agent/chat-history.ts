/**
 * What the language model remembers. After an interruption it gets only what the person heard,
 * plus a short note, so it neither repeats nor assumes the unheard rest was said.
 */
import type { ChatMessage } from '../llm/types.js';

export const INTERRUPTED_NOTE = '[The user interrupted you here; they did not hear the rest.]';

/** A turn of an earlier conversation being continued; an interrupted answer holds only what was heard. */
export interface PriorTurn {
  role: 'user' | 'assistant';
  content: string;
  interrupted?: boolean;
}

export class ChatHistory {
  private readonly list: ChatMessage[] = [];

  constructor(systemPrompt?: string, prior: readonly PriorTurn[] = []) {
    if (systemPrompt) this.list.push({ role: 'system', content: systemPrompt });
    for (const turn of prior) {
      if (turn.role === 'user') this.user(turn.content);
      else if (turn.interrupted) this.interruptedAssistant(turn.content);
      else this.assistant(turn.content);
    }
  }

  get messages(): readonly ChatMessage[] {
    return this.list;
  }

  user(text: string): void {
    const last = this.list.at(-1);
    // Two user messages in a row (speech appended while interruptions were off) become one.
    if (last?.role === 'user') last.content = `${last.content} ${text}`;
    else this.list.push({ role: 'user', content: text });
  }

  assistant(text: string): void {
    if (text.trim()) this.list.push({ role: 'assistant', content: text.trim() });
  }

  interruptedAssistant(heardText: string): void {
    const heard = heardText.trim();
    this.list.push({ role: 'assistant', content: heard ? `${heard} ${INTERRUPTED_NOTE}` : INTERRUPTED_NOTE });
  }

  snapshot(): ChatMessage[] {
    return this.list.map((m) => ({ ...m }));
  }
}
