/**
 * Practice mode's stand-in for a language model: it "answers" by reading passages, so the
 * agent session runs unchanged with no recognizer or model. With a recognizer present the
 * person can say "next" or "continue"; buttons call the source directly.
 */
import { PracticePassageSource } from './practice-passages.js';
import type { ChatMessage, GenerateOptions, LanguageModel } from './types.js';

export type PracticeCommand = 'next' | 'continue' | 'again';

/** What a spoken reply asks for; anything unrecognised continues the passage. */
export function practiceCommandOf(utterance: string): PracticeCommand {
  const t = utterance.toLowerCase();
  if (/\b(next|another|skip|new one)\b/.test(t)) return 'next';
  if (/\b(again|repeat|from the (start|beginning))\b/.test(t)) return 'again';
  return 'continue';
}

export class PracticeModel implements LanguageModel {
  readonly id = 'practice';

  constructor(readonly source = new PracticePassageSource()) {}

  /** The text to read for a command, given what was heard of the current passage. */
  textFor(command: PracticeCommand, heardText: string): string {
    if (command === 'next') return this.source.next().text;
    if (command === 'again') return this.source.current().text;
    const rest = this.source.remainderAfter(heardText);
    return rest || this.source.next().text;
  }

  async *stream(messages: ChatMessage[], options: GenerateOptions): AsyncIterable<string> {
    const lastUser = [...messages].reverse().find((m) => m.role === 'user');
    const lastAssistant = [...messages].reverse().find((m) => m.role === 'assistant');
    // Nothing read yet: start with the current passage.
    const text = lastAssistant === undefined ? this.source.current().text : this.textFor(practiceCommandOf(lastUser?.content ?? ''), lastAssistant.content);
    const words = text.split(/(?<=\s)/);
    for (const word of words) {
      if (options.signal.aborted) return;
      yield word;
      // Let an abort land between words, as it would between a real model's tokens.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
