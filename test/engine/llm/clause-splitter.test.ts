import { describe, expect, it } from 'vitest';
import { ClauseSplitter, clausesOf } from '../../../electron/engine/llm/clause-splitter.js';

function splitStreamed(pieces: string[]): string[] {
  const s = new ClauseSplitter();
  return [...pieces.flatMap((p) => s.push(p)), ...s.flush()];
}

describe('cutting streamed text into clauses for speech', () => {
  it('hands over the first sentence as soon as the next character shows it ended', () => {
    const s = new ClauseSplitter();
    expect(s.push('Hello there.')).toEqual([]);
    expect(s.push(' How')).toEqual(['Hello there.']);
    expect(s.push(' are you?')).toEqual([]);
    expect(s.flush()).toEqual(['How are you?']);
  });

  it('cuts at a comma once the clause has a few words, not after a lone "Sure,"', () => {
    expect(splitStreamed(['Sure, I can help with that, ', 'and here is how it works.'])).toEqual(['Sure, I can help with that,', 'and here is how it works.']);
  });

  it('does not cut inside a number split across deltas', () => {
    expect(splitStreamed(['Pi is about 3.', '14 and e is 2.', '72. Nice.'])).toEqual(['Pi is about 3.14 and e is 2.72.', 'Nice.']);
  });

  it('does not end a sentence at common abbreviations or initials', () => {
    expect(splitStreamed(['Dr. Smith met J. R. Tolkien at the pub, e.g. on Mondays. Then home.'])).toEqual([
      'Dr. Smith met J. R. Tolkien at the pub,',
      'e.g. on Mondays.',
      'Then home.',
    ]);
  });

  it('keeps closing quotes with their sentence', () => {
    expect(splitStreamed(['He said "stop." ', 'So I did.'])).toEqual(['He said "stop."', 'So I did.']);
  });

  it('cuts at line breaks (lists, paragraphs)', () => {
    expect(splitStreamed(['First item\nSecond item'])).toEqual(['First item', 'Second item']);
  });

  it('cuts a long run without punctuation at a space so speech is never starved', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const clauses = new ClauseSplitter({ maxChars: 40 }).push(words);
    expect(clauses.length).toBeGreaterThan(3);
    expect(clauses.every((c) => c.length <= 40)).toBe(true);
  });

  it('forgets buffered text on reset (the answer was interrupted)', () => {
    const s = new ClauseSplitter();
    s.push('Half a sente');
    s.reset();
    expect(s.flush()).toEqual([]);
  });

  it('yields clauses from an async stream as they complete', async () => {
    async function* deltas() {
      yield 'One two three four, five';
      yield ' six. Seven';
    }
    const out: string[] = [];
    for await (const c of clausesOf(deltas())) out.push(c);
    expect(out).toEqual(['One two three four,', 'five six.', 'Seven']);
  });
});
