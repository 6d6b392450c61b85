/**
 * Text matching for phrase lists and word counts: case and punctuation insensitive, so
 * "Okay." and "okay" and "OK!" compare by their words. Hyphens join ("mm-hmm" = "mm hmm" = "mmhmm").
 */

/** Lower-case words with punctuation removed; hyphenated words are joined ("uh-huh" -> "uhhuh"). */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[-\u2010-\u2014]/g, '')
    .replace(/['\u2019]/g, '')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

export function wordCount(text: string): number {
  return wordsOf(text).length;
}

/** A phrase list compiled once into word sequences, longest first (so "got it" beats "got"). */
export class PhraseMatcher {
  private readonly phrases: string[][];

  constructor(phrases: readonly string[]) {
    // "mm-hmm" matches both "mmhmm" and "mm hmm": recognizers spell hyphenated backchannels either way.
    const variants = phrases.flatMap((p) => [wordsOf(p), wordsOf(p.replace(/-/g, ' '))]);
    this.phrases = variants.filter((w) => w.length > 0).sort((a, b) => b.length - a.length);
  }

  /** The first phrase occurring anywhere in `text` as whole words, or null. */
  findIn(text: string): string | null {
    const words = wordsOf(text);
    for (let i = 0; i < words.length; i++) {
      const hit = this.phraseAt(words, i);
      if (hit) return hit.join(' ');
    }
    return null;
  }

  /**
   * True when `text` has words and every word belongs to some phrase of the list (e.g. "yeah,
   * okay got it"). With `allowPartialTail`, the last words may also be the start of a phrase
   * still being spoken (an interim "okay got" on the way to "okay got it").
   */
  coversAll(text: string, options: { allowPartialTail?: boolean } = {}): boolean {
    const words = wordsOf(text);
    if (words.length === 0) return false;
    let i = 0;
    while (i < words.length) {
      const hit = this.phraseAt(words, i);
      if (hit) {
        i += hit.length;
        continue;
      }
      return options.allowPartialTail === true && this.startsPhrase(words.slice(i));
    }
    return true;
  }

  /** True when `words` are the first words of some (longer) phrase. */
  private startsPhrase(words: string[]): boolean {
    return this.phrases.some((p) => p.length > words.length && words.every((w, k) => p[k] === w));
  }

  /** True when the text's last words are one of the phrases. */
  endsWith(text: string): boolean {
    const words = wordsOf(text);
    return this.phrases.some((p) => p.length <= words.length && p.every((w, k) => words[words.length - p.length + k] === w));
  }

  private phraseAt(words: string[], start: number): string[] | null {
    for (const p of this.phrases) {
      if (start + p.length > words.length) continue;
      if (p.every((w, k) => words[start + k] === w)) return p;
    }
    return null;
  }
}
