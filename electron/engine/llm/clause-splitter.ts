/**
 * Cuts the agent's streaming text into clauses for TTS, so the first words can be spoken as
 * soon as the first clause is complete instead of after the whole answer. A boundary is
 * confirmed only when the character after it has arrived (so "3." followed by "14" is not
 * cut), and common abbreviations and initials do not end a sentence.
 */
export interface ClauseSplitterOptions {
  /**
   * A comma, semicolon, colon or dash ends a clause only once the clause has this many words:
   * 4 keeps "Sure, I can" from being spoken as a lone "Sure," yet starts speech within a short phrase.
   */
  minWordsAtComma?: number;
  /** Past this many characters with no boundary, cut at the last space so TTS is never starved. 160 is about 10 s of speech. */
  maxChars?: number;
}

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'approx',
  'no',
  'fig',
  'inc',
  'ltd',
  'co',
  'mt',
  'u.s',
]);

export class ClauseSplitter {
  private buffer = '';
  private readonly minWordsAtComma: number;
  private readonly maxChars: number;

  constructor(options: ClauseSplitterOptions = {}) {
    this.minWordsAtComma = options.minWordsAtComma ?? 4;
    this.maxChars = options.maxChars ?? 160;
  }

  /** Adds streamed text; returns the clauses it completed (possibly none). */
  push(text: string): string[] {
    this.buffer += text;
    const out: string[] = [];
    for (;;) {
      const cut = this.findCut();
      if (cut === undefined) break;
      const clause = this.buffer.slice(0, cut).trim();
      this.buffer = this.buffer.slice(cut).replace(/^\s+/, '');
      if (clause) out.push(clause);
    }
    return out;
  }

  /** The end of the answer: returns what is left as a last clause. */
  flush(): string[] {
    const rest = this.buffer.trim();
    this.buffer = '';
    return rest ? [rest] : [];
  }

  /** Forget buffered text (the answer was interrupted). */
  reset(): void {
    this.buffer = '';
  }

  private findCut(): number | undefined {
    const b = this.buffer;
    for (let i = 0; i < b.length; i++) {
      const ch = b[i]!;
      if (ch === '\n') return i + 1;
      if (!/[.!?…,;:—–]/.test(ch)) continue;
      // Closing quotes and brackets belong to the clause they close.
      let end = i + 1;
      while (end < b.length && /["'”’)\]]/.test(b[end]!)) end++;
      if (end >= b.length) return this.forcedCut();
      if (!/\s/.test(b[end]!)) continue;
      if (/[.!?…]/.test(ch)) {
        if (ch === '.' && this.isAbbreviation(i)) continue;
        return end;
      }
      if (ch === '—' || ch === '–' || wordCount(b.slice(0, i)) >= this.minWordsAtComma) return end;
    }
    return this.forcedCut();
  }

  private isAbbreviation(dotIndex: number): boolean {
    const word = /([A-Za-z.]+)$/.exec(this.buffer.slice(0, dotIndex))?.[1] ?? '';
    if (/^[A-Z]$/.test(word)) return true;
    return ABBREVIATIONS.has(word.toLowerCase());
  }

  private forcedCut(): number | undefined {
    if (this.buffer.length <= this.maxChars) return undefined;
    const space = this.buffer.lastIndexOf(' ', this.maxChars);
    return space > 0 ? space + 1 : this.maxChars;
  }
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Clauses of a streamed answer, each as soon as it is complete; the rest when the stream ends. */
export async function* clausesOf(deltas: AsyncIterable<string>, options?: ClauseSplitterOptions): AsyncGenerator<string> {
  const splitter = new ClauseSplitter(options);
  for await (const d of deltas) yield* splitter.push(d);
  yield* splitter.flush();
}
