/** Finds the files of a sherpa-onnx streaming transducer in a model folder and builds its config. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SttError } from './errors.js';

export interface TransducerFiles {
  encoder: string;
  decoder: string;
  joiner: string;
  tokens: string;
}

/**
 * The folder's encoder, decoder, joiner and tokens. Prefers the int8 files when present:
 * on a CPU they decode about twice as fast for a negligible accuracy cost.
 */
export async function findTransducerFiles(modelDir: string, preferInt8 = true): Promise<TransducerFiles> {
  let names: string[];
  try {
    if (!(await stat(modelDir)).isDirectory()) throw new Error('not a folder');
    names = await readdir(modelDir);
  } catch {
    throw new SttError(
      'model-load',
      `The speech recognition model folder ${modelDir} does not exist. Download the model or choose its folder in Settings, Providers.`,
    );
  }
  const pick = (part: string): string | undefined => {
    const candidates = names.filter((n) => n.startsWith(part) && n.endsWith('.onnx')).sort();
    const int8 = candidates.find((n) => n.includes('.int8.'));
    const plain = candidates.find((n) => !n.includes('.int8.'));
    return preferInt8 ? (int8 ?? plain) : (plain ?? int8);
  };
  const found = { encoder: pick('encoder'), decoder: pick('decoder'), joiner: pick('joiner'), tokens: names.includes('tokens.txt') ? 'tokens.txt' : undefined };
  const missing = Object.entries(found)
    .filter(([, v]) => v === undefined)
    .map(([k]) => (k === 'tokens' ? 'tokens.txt' : `${k}*.onnx`));
  if (missing.length > 0) {
    throw new SttError('model-load', `${modelDir} is not a streaming transducer model: it lacks ${missing.join(', ')}.`);
  }
  for (const [part, name] of Object.entries(found)) {
    if ((await stat(path.join(modelDir, name!))).size === 0) throw new SttError('model-load', `The ${part} file ${name} in ${modelDir} is empty.`);
  }
  return {
    encoder: path.join(modelDir, found.encoder!),
    decoder: path.join(modelDir, found.decoder!),
    joiner: path.join(modelDir, found.joiner!),
    tokens: path.join(modelDir, found.tokens!),
  };
}

export function onlineRecognizerConfig(files: TransducerFiles, numThreads: number): Record<string, unknown> {
  return {
    featConfig: { sampleRate: 16000, featureDim: 80 },
    modelConfig: {
      transducer: { encoder: files.encoder, decoder: files.decoder, joiner: files.joiner },
      tokens: files.tokens,
      numThreads,
      provider: 'cpu',
      debug: 0,
    },
    decodingMethod: 'greedy_search',
    // Our VAD decides where segments end; the recognizer's own endpointing stays off.
    enableEndpoint: 0,
  };
}

/** Words with times from the transducer's BPE tokens ("▁HE", "LLO") and their start times in seconds. */
export function wordsFromTokens(tokens: string[], timestamps: number[], segmentEndMs: number): { word: string; startMs: number; endMs: number }[] {
  const words: { word: string; startMs: number; endMs: number }[] = [];
  tokens.forEach((token, i) => {
    const startMs = Math.round((timestamps[i] ?? 0) * 1000);
    const startsWord = /^[\s▁]/.test(token) || words.length === 0;
    const piece = token.replace(/^[\s▁]+/, '');
    if (startsWord) words.push({ word: piece, startMs, endMs: startMs });
    else words[words.length - 1]!.word += piece;
  });
  for (let i = 0; i < words.length; i++) words[i]!.endMs = words[i + 1]?.startMs ?? segmentEndMs;
  return words.filter((w) => w.word.length > 0);
}
