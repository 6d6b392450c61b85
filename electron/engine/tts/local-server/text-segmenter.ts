/**
 * Cuts streamed text into pieces to synthesize. Sentences are the unit (flite's prosody is per
 * utterance); the first piece of a turn is cut earlier, at a clause boundary, because time to
 * first audio is what the person notices and a short clause synthesizes several times faster.
 */
const SENTENCE_END = /[.!?…]+["')\]]*\s+/g;
const CLAUSE_END = /[,;:—]\s+/g;
/**
 * A first clause shorter than this stays with what follows. 4 lets the usual openers ("Sure,",
 * "Okay,", "Well,") go out alone: they are said with a pause anyway, and synthesizing one word
 * first is what keeps time to first audio low.
 */
const MIN_FIRST_CLAUSE_CHARS = 4;
/** Unpunctuated text longer than this is cut at a space so a run-on answer still streams. 200 chars is ~12 s of speech. */
const MAX_PIECE_CHARS = 200;

export class TextSegmenter {
  private buffer = '';
  private emittedAny = false;

  get pending(): string {
    return this.buffer;
  }

  /** Adds text and returns the pieces that are complete. */
  push(text: string): string[] {
    this.buffer += text;
    const out: string[] = [];
    for (;;) {
      const cut = this.nextCut();
      if (cut <= 0) break;
      const piece = this.buffer.slice(0, cut).trim();
      this.buffer = this.buffer.slice(cut);
      if (piece) {
        out.push(piece);
        this.emittedAny = true;
      }
    }
    return out;
  }

  /** Everything buffered, as one last piece (flush or close). */
  flush(): string[] {
    const piece = this.buffer.trim();
    this.buffer = '';
    if (!piece) return [];
    this.emittedAny = true;
    return [piece];
  }

  /** A new turn: forget everything. */
  reset(): void {
    this.buffer = '';
    this.emittedAny = false;
  }

  private nextCut(): number {
    const b = this.buffer;
    if (!this.emittedAny) {
      CLAUSE_END.lastIndex = 0;
      for (let m = CLAUSE_END.exec(b); m; m = CLAUSE_END.exec(b)) {
        if (m.index >= MIN_FIRST_CLAUSE_CHARS) return m.index + m[0].length;
      }
    }
    SENTENCE_END.lastIndex = 0;
    const m = SENTENCE_END.exec(b);
    if (m) return m.index + m[0].length;
    if (b.length > MAX_PIECE_CHARS) {
      const space = b.lastIndexOf(' ', MAX_PIECE_CHARS);
      return space > 0 ? space + 1 : MAX_PIECE_CHARS;
    }
    return 0;
  }
}
