/**
 * Reads the phrase model's files (resources/models/backchannel-*) once per process, asynchronously: sessions start it
 * (live-session.ts, run-scenario.ts) and the strategy takes the model once it is there (`loadedPhraseModel`), so the
 * first words of a session never wait for the 0.1-0.4 s read; until then, and for good when the files are missing or
 * damaged, the rules decide alone (said once in the log). Nothing here throws.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nullLogger, type Logger } from '../../../logger.js';
import { modelDirCandidates } from '../../../vad/model-path.js';
import { featureCount } from './features.js';
import { MODEL_FILE, PhraseModel, type PhraseModelData } from './phrase-model.js';
import { VECTORS_FILE, WordVectors } from './vectors.js';

const FALLBACK = 'the rules alone decide which words are backchannels';

/** The first of `dirs` holding the vectors; null (logged) when none does or its files are damaged. */
export async function loadPhraseModel(dirs: readonly string[], logger: Logger = nullLogger): Promise<PhraseModel | null> {
  let vectorsBytes: Buffer | undefined;
  let dir: string | undefined;
  for (const d of dirs) {
    vectorsBytes = await readFile(join(d, VECTORS_FILE)).catch(() => undefined);
    if (vectorsBytes) {
      dir = d;
      break;
    }
  }
  if (vectorsBytes === undefined || dir === undefined) {
    logger.warn(`The backchannel model could not be found, so ${FALLBACK}`, { file: VECTORS_FILE, searched: dirs });
    return null;
  }
  let file = join(dir, VECTORS_FILE);
  try {
    const vectors = WordVectors.fromBuffer(vectorsBytes);
    file = join(dir, MODEL_FILE);
    const data = checkModelData(JSON.parse(await readFile(file, 'utf8')) as unknown, vectors.dims);
    return new PhraseModel(vectors, data);
  } catch (error) {
    logger.warn(`The backchannel model could not be read, so ${FALLBACK}`, { file, problem: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

/** The weights file's fields, of the sizes the vectors call for; throws saying which is wrong. */
function checkModelData(data: unknown, dims: number): PhraseModelData {
  const d = data as Partial<PhraseModelData> | null;
  const n = featureCount(dims);
  const numbers = (v: unknown, length: number) => Array.isArray(v) && v.length === length && v.every((x) => typeof x === 'number' && Number.isFinite(x));
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  const l = d?.logistic;
  if (typeof d?.threshold !== 'number' || !l || !numbers(l.mean, n) || !numbers(l.scale, n) || !numbers(l.weights, n) || typeof l.bias !== 'number')
    throw new Error(`the weights are not those of ${n} features`);
  if (!strings(d.examples) || !strings(d.counterExamples)) throw new Error('the labelled phrases are missing');
  return d as PhraseModelData;
}

let loading: Promise<PhraseModel | null> | undefined;
let loaded: PhraseModel | null = null;

/** Starts reading the bundled model (once per process); resolves to it, or null when the rules must decide alone. */
export function loadBundledPhraseModel(logger: Logger = nullLogger): Promise<PhraseModel | null> {
  loading ??= loadPhraseModel(modelDirCandidates(), logger).then((model) => (loaded = model));
  return loading;
}

/** The bundled model if it has been read, else null (the rules decide meanwhile). */
export function loadedPhraseModel(): PhraseModel | null {
  return loaded;
}
