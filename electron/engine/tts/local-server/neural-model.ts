/**
 * A sherpa-onnx offline TTS model folder: which kind it is (Kokoro: model + voices.bin; Matcha:
 * acoustic model + a vocos/hifigan vocoder; Piper/VITS: one .onnx), the config sherpa-onnx-node's
 * OfflineTts takes, and the voice ids it offers.
 * Voice ids are "<voice name>" or "<voice name>:<speaker>", e.g. "tts-kokoro-int8-en-v0_19:af_bella";
 * the name alone speaks the model's default speaker.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export type NeuralKind = 'kokoro' | 'vits' | 'matcha';

export interface NeuralModel {
  kind: NeuralKind;
  /** The OfflineTts config (sherpa-onnx-node). */
  config: Record<string, unknown>;
  /** Speaker names by id, when known (Kokoro's voices.bin carries no names). */
  speakers: readonly string[];
  defaultSpeaker: number;
}

export class NeuralModelError extends Error {}

async function names(dir: string): Promise<string[]> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
    return await readdir(dir);
  } catch {
    throw new NeuralModelError(`The voice model folder ${dir} does not exist. Download the voice or choose its folder in Settings.`);
  }
}

/**
 * Finds the model files in `dir`. `speakers` names the speakers when the catalogue knows them;
 * int8 weights are preferred (about 3x smaller and faster on a CPU, for a difference few hear).
 */
export async function findNeuralModel(
  dir: string,
  opts: { speakers?: readonly string[]; defaultSpeaker?: string; numThreads?: number } = {},
): Promise<NeuralModel> {
  const files = await names(dir);
  const isVocoder = (n: string) => /^(vocos|hifigan)/i.test(n);
  const vocoder = files.find((n) => n.endsWith('.onnx') && isVocoder(n));
  const onnx = files.filter((n) => n.endsWith('.onnx') && !isVocoder(n)).sort((a, b) => Number(b.includes('int8')) - Number(a.includes('int8')));
  const missing = [
    onnx.length === 0 ? 'a .onnx model' : '',
    files.includes('tokens.txt') ? '' : 'tokens.txt',
    files.includes('espeak-ng-data') ? '' : 'espeak-ng-data/',
  ].filter(Boolean);
  if (missing.length > 0) throw new NeuralModelError(`${dir} is not a sherpa-onnx voice model: it lacks ${missing.join(', ')}.`);
  const model = path.join(dir, onnx[0]!);
  if ((await stat(model)).size === 0) throw new NeuralModelError(`The voice model file ${model} is empty.`);
  const common = { tokens: path.join(dir, 'tokens.txt'), dataDir: path.join(dir, 'espeak-ng-data') };
  const kind: NeuralKind = files.includes('voices.bin') ? 'kokoro' : vocoder ? 'matcha' : 'vits';
  // Kokoro 1.x folders carry lexicons (and a jieba dict) beside espeak-ng-data.
  const lexicons = files.filter((n) => /^lexicon-.*\.txt$/.test(n)).map((n) => path.join(dir, n));
  const extras = { ...(lexicons.length ? { lexicon: lexicons.join(',') } : {}), ...(files.includes('dict') ? { dictDir: path.join(dir, 'dict') } : {}) };
  const modelConfig =
    kind === 'kokoro'
      ? { kokoro: { model, voices: path.join(dir, 'voices.bin'), ...common, ...extras } }
      : kind === 'matcha'
        ? { matcha: { acousticModel: model, vocoder: path.join(dir, vocoder!), ...common } }
        : { vits: { model, ...common } };
  const speakers = opts.speakers ?? [];
  return {
    kind,
    // One thread: on 2 cores the other is needed by audio, VAD, the recognizer and the LM.
    // maxNumSentences 1: the server already hands over one sentence at a time.
    config: { model: { ...modelConfig, numThreads: opts.numThreads ?? 1, provider: 'cpu', debug: 0 }, maxNumSentences: 1 },
    speakers,
    defaultSpeaker: Math.max(0, speakers.indexOf(opts.defaultSpeaker ?? '')),
  };
}

/** The speaker id a voice id asks for, or undefined when it is not one of this model's voices. */
export function speakerOf(voiceId: string, name: string, model: Pick<NeuralModel, 'speakers' | 'defaultSpeaker'>, numSpeakers: number): number | undefined {
  if (voiceId === name) return model.defaultSpeaker;
  if (!voiceId.startsWith(`${name}:`)) return undefined;
  const speaker = voiceId.slice(name.length + 1);
  const named = model.speakers.indexOf(speaker);
  if (named >= 0 && named < numSpeakers) return named;
  const n = /^\d{1,4}$/.test(speaker) ? Number(speaker) : -1;
  return n >= 0 && n < numSpeakers ? n : undefined;
}

/** Every voice id of a model: the bare name (default speaker) and one per speaker. */
export function voiceIdsOf(name: string, model: Pick<NeuralModel, 'speakers'>, numSpeakers: number): string[] {
  const perSpeaker = Array.from({ length: Math.min(numSpeakers, 1000) }, (_, i) => `${name}:${model.speakers[i] ?? i}`);
  return [name, ...(numSpeakers > 1 ? perSpeaker : [])];
}
