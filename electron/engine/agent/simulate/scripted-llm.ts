import type { ChatMessage, GenerateOptions, LanguageModel } from '../../llm/types.js';

/** The simulate command's language model: answers each user turn with the next scripted reply, in one piece. */
export class ScriptedReplies implements LanguageModel {
  readonly id = 'scripted';
  readonly calls: ChatMessage[][] = [];
  private next = 0;

  constructor(private readonly replies: readonly string[]) {}

  async *stream(messages: ChatMessage[], options: GenerateOptions): AsyncIterable<string> {
    this.calls.push(messages.map((m) => ({ ...m })));
    const reply = this.replies[Math.min(this.next++, this.replies.length - 1)] ?? 'Okay.';
    await Promise.resolve();
    if (!options.signal.aborted) yield reply;
  }
}
