import { readFile } from 'node:fs/promises';
import wavefile from 'wavefile';

/** A decoded WAV: float32 samples in [-1, 1], interleaved when stereo. */
export interface DecodedWav {
  samples: Float32Array;
  sampleRate: number;
  channels: number;
  durationMs: number;
}

export class WavFormatError extends Error {
  constructor(source: string, problem: string) {
    super(`${source}: ${problem}`);
    this.name = 'WavFormatError';
  }
}

/** Speech needs no more; higher rates are almost always a wrong export setting. */
export const WAV_MAX_SAMPLE_RATE = 48_000;
/** Below narrowband telephone rate nothing of speech survives. */
export const WAV_MIN_SAMPLE_RATE = 8_000;
const SUPPORTED_BIT_DEPTHS = new Set(['16', '24', '32', '32f', '64']);

interface WaveFmt {
  audioFormat: number;
  numChannels: number;
  sampleRate: number;
  bitsPerSample: number;
}

/** Reads and decodes a WAV file. Every unsupported or broken file gets an error naming the problem. */
export async function readWavFile(path: string): Promise<DecodedWav> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a WAV file' : `cannot be read (${code ?? String(err)})`;
    throw new WavFormatError(path, why);
  }
  return decodeWav(bytes, path);
}

export function decodeWav(bytes: Uint8Array, source = 'WAV data'): DecodedWav {
  if (bytes.length === 0) throw new WavFormatError(source, 'the file is empty (0 bytes), not a WAV file.');
  const magic = Buffer.from(bytes.subarray(0, 4)).toString('latin1');
  const kind = Buffer.from(bytes.subarray(8, 12)).toString('latin1');
  if (bytes.length < 12 || !['RIFF', 'RIFX', 'RF64'].includes(magic) || kind !== 'WAVE') {
    throw new WavFormatError(source, 'not a WAV file (no RIFF/WAVE header).');
  }
  const wav = new wavefile.WaveFile();
  try {
    wav.fromBuffer(bytes);
  } catch (err) {
    throw new WavFormatError(source, `broken WAV file: ${(err as Error).message}`);
  }
  const fmt = wav.fmt as WaveFmt;
  const bitDepth = wav.bitDepth;
  if (fmt.numChannels < 1 || fmt.numChannels > 2) {
    throw new WavFormatError(source, `${fmt.numChannels} channels is not supported; use mono or stereo.`);
  }
  if (bitDepth === '8') {
    throw new WavFormatError(source, '8-bit WAV is not supported (too coarse for speech); convert it to 16-bit.');
  }
  if (!SUPPORTED_BIT_DEPTHS.has(bitDepth) || (fmt.audioFormat !== 1 && fmt.audioFormat !== 3 && fmt.audioFormat !== 65534)) {
    throw new WavFormatError(source, `sample format ${bitDepth}-bit (format code ${fmt.audioFormat}) is not supported; use 16/24/32-bit PCM or 32-bit float.`);
  }
  if (fmt.sampleRate > WAV_MAX_SAMPLE_RATE || fmt.sampleRate < WAV_MIN_SAMPLE_RATE) {
    throw new WavFormatError(
      source,
      `sample rate ${fmt.sampleRate} Hz is not supported; use ${WAV_MIN_SAMPLE_RATE} to ${WAV_MAX_SAMPLE_RATE} Hz (e.g. sox in.wav -r 16000 out.wav).`,
    );
  }
  const data = (wav.data as { samples?: Uint8Array }).samples;
  if (!data || data.length === 0) throw new WavFormatError(source, 'the WAV file holds no audio (empty data chunk).');
  // getSamples decodes to the file's own integer scale; normalise to [-1, 1].
  const raw = wav.getSamples(true, Float64Array);
  const scale = bitDepth === '32f' || bitDepth === '64' ? 1 : 2 ** (fmt.bitsPerSample - 1);
  const samples = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) samples[i] = raw[i]! / scale;
  const frames = samples.length / fmt.numChannels;
  return { samples, sampleRate: fmt.sampleRate, channels: fmt.numChannels, durationMs: (frames * 1000) / fmt.sampleRate };
}
