/**
 * A small statistical model of backchannels for the words the rules cannot place (classify.ts asks it only where they
 * would stop the agent on words of content with no sign of a turn: no question, request, "no", force word, number,
 * time or name). Logistic regression over the phrase's word vectors (features.ts), trained on every labelled phrase of
 * the benchmarks by bench/backchannel-model-train.ts; weights in resources/models/backchannel-model.json. It explains itself by the nearest
 * backchannels it was trained on ("reads like 'that's mad', 'how wild'").
 */
import { wordsOf } from '../../text.js';
import { meanVector, phraseFeatures } from './features.js';
import { score, type LogisticWeights } from './logistic.js';
import type { WordVectors } from './vectors.js';

export const MODEL_FILE = 'backchannel-model.json';
/**
 * The phrases it was trained on that a judged phrase is compared with; most must be backchannels. 9 of 3, 5 and 9:
 * leaving one set out at a time, it alone let no interruption go at 0.5 (the regression alone let "that's incorrect" go).
 */
const NEIGHBOURS = 9;

export interface PhraseModelData {
  /** What it was trained on, for the record. */
  trainedOn: string;
  /**
   * The probability from which a phrase counts as a backchannel: chosen leaving one set out at a time
   * (bench/backchannel-model-train.ts), a step above the lowest that let no interruption go (0.5).
   */
  threshold: number;
  logistic: LogisticWeights;
  /** The backchannels it was trained on, for the explanation. */
  examples: string[];
  /** The interruptions it was trained on: a phrase whose nearest neighbours are mostly these is not let go. */
  counterExamples: string[];
}

export interface PhraseJudgement {
  probability: number;
  backchannel: boolean;
  /** The nearest backchannels it was trained on. */
  like: string[];
}

export class PhraseModel {
  private readonly examples: { text: string; key: string; backchannel: boolean }[];
  /** The examples' mean vectors at unit length, one after another (one tight loop per judged phrase). */
  private readonly units: Float32Array;

  constructor(
    private readonly vectors: WordVectors,
    private readonly data: PhraseModelData,
  ) {
    const example = (text: string, backchannel: boolean) => ({ text, key: wordsOf(text).join(' '), backchannel });
    this.examples = [...data.examples.map((t) => example(t, true)), ...data.counterExamples.map((t) => example(t, false))];
    this.units = new Float32Array(this.examples.length * vectors.dims);
    this.examples.forEach((e, i) => this.units.set(unit(meanVector(vectors, wordsOf(e.text))), i * vectors.dims));
  }

  knows(word: string): boolean {
    return this.vectors.has(word);
  }

  judge(words: readonly string[]): PhraseJudgement {
    // With no word it knows it has nothing to go on (its features would be those of an empty phrase).
    if (!words.some((w) => this.vectors.has(w))) return { probability: 0, backchannel: false, like: [] };
    const probability = score(this.data.logistic, phraseFeatures(this.vectors, words));
    if (probability < this.data.threshold) return { probability, backchannel: false, like: [] };
    const near = this.nearest(words, NEIGHBOURS);
    const like = near.filter((e) => e.backchannel);
    return { probability, backchannel: like.length * 2 > near.length, like: like.slice(0, 2).map((e) => e.text) };
  }

  /** The `count` examples nearest by cosine, nearest first; not the phrase itself. */
  private nearest(words: readonly string[], count: number): { text: string; backchannel: boolean }[] {
    const mine = unit(meanVector(this.vectors, words));
    const own = words.join(' ');
    const dims = this.vectors.dims;
    const best: { i: number; cos: number }[] = [];
    for (let i = 0; i < this.examples.length; i++) {
      let cos = 0;
      for (let d = 0, at = i * dims; d < dims; d++) cos += this.units[at + d]! * mine[d]!;
      if (best.length === count && cos <= best[count - 1]!.cos) continue;
      if (this.examples[i]!.key === own) continue;
      best.splice(best.findIndex((b) => b.cos < cos) >>> 0, 0, { i, cos });
      if (best.length > count) best.pop();
    }
    return best.map((b) => this.examples[b.i]!);
  }
}

function unit(v: Float32Array): Float32Array {
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}
