/**
 * Practice mode: with no language model (or no recognizer) ready, the agent reads passages
 * aloud so the person can practise interrupting it and tune the settings. It stands in for
 * the language model, so "next" and "continue" work by voice as soon as a recognizer exists,
 * and by button always.
 */
import type { ChatMessage, GenerateOptions, LanguageModel } from '../../engine/llm/types.js';

/** Written for this app: long enough to interrupt mid-sentence, plain enough for flite. */
export const PRACTICE_PASSAGES: readonly string[] = [
  'Welcome to practice mode. I will read short passages aloud, and you can interrupt me at any time, by speaking over me, by pressing the hotkey, or with the Interrupt button. Try it now: say stop, or wait, while I am still talking.',
  'A good conversation has a rhythm. One person speaks, the other listens, and small sounds like okay or mm-hmm tell the speaker to go on. Those little words should not stop me. A real interruption, like wait, I have a question, should stop me at once.',
  'The lighthouse keeper climbed the spiral stairs every evening at dusk. He counted the steps out loud, one hundred and twelve of them, and at the top he wiped the great lens until it shone. Ships far out at sea never knew his name, but they knew his light.',
  'To bake simple bread, mix flour, water, salt and a little yeast in a large bowl. Knead the dough for ten minutes, until it feels smooth and springs back when you press it. Let it rise somewhere warm for an hour, shape it, let it rise again, and bake it in a hot oven.',
  'When the train left the city, the buildings thinned into fields, and the fields into low green hills. A child by the window pressed her forehead to the glass and named every animal she saw: cows, sheep, a horse, and once, very briefly, a fox running along a hedge.',
];

export type PracticeAction = 'next' | 'continue';

export class PracticePassages implements LanguageModel {
  readonly id = 'practice';
  private index = 0;
  private remainder: string | null = null;

  constructor(private readonly passages: readonly string[] = PRACTICE_PASSAGES) {
    if (passages.length === 0) throw new Error('Practice mode needs at least one passage.');
  }

  /** The passage to read when the session starts. */
  first(): string {
    this.index = 0;
    this.remainder = null;
    return this.passages[0]!;
  }

  /** Remembers what was not heard of an interrupted passage, for "continue". */
  interrupted(unheardText: string): void {
    this.remainder = unheardText.trim() || null;
  }

  /** The text for a button press or a spoken command. */
  take(action: PracticeAction): string {
    if (action === 'continue' && this.remainder) {
      const text = this.remainder;
      this.remainder = null;
      return text;
    }
    this.remainder = null;
    this.index = (this.index + 1) % this.passages.length;
    return this.passages[this.index]!;
  }

  /** Spoken commands, read from what the person said last. */
  async *stream(messages: ChatMessage[], options: GenerateOptions): AsyncIterable<string> {
    const last = [...messages].reverse().find((m) => m.role === 'user')?.content.toLowerCase() ?? '';
    if (options.signal.aborted) return;
    if (/\b(next|another|skip)\b/.test(last)) yield this.take('next');
    else if (/\b(continue|go on|carry on|keep going|resume)\b/.test(last)) yield this.take('continue');
    else yield 'This is practice mode. Say continue to hear the rest, or next for a new passage.';
  }
}
