import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import wavefile from 'wavefile';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../electron/engine/clock';
import type { AudioFrame } from '../../../electron/engine/audio/frame';
import { readWavFile } from '../../../electron/engine/audio/wav-reader';
import { WavFileInput } from '../../../electron/engine/audio/wav-file-input';

const FIXTURES = join(import.meta.dirname, '../../fixtures/speech');
let dir: string;

async function writeWav(name: string, channels: number, rate: number, bitDepth: string, samples: number[] | number[][]): Promise<string> {
  const wav = new wavefile.WaveFile();
  wav.fromScratch(channels, rate, bitDepth, samples);
  const path = join(dir, name);
  await writeFile(path, wav.toBuffer());
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'interject-wav-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WAV reading', () => {
  it('decodes a real 24 kHz recording to float samples with its rate and length', async () => {
    const wav = await readWavFile(join(FIXTURES, 'endgame_nagg_nell.wav'));
    expect(wav.sampleRate).toBe(24_000);
    expect(wav.channels).toBe(1);
    expect(wav.durationMs).toBeCloseTo(28_277, -1);
    expect(wav.samples.every((v) => v >= -1 && v <= 1)).toBe(true);
  });

  it('scales 16-bit, 24-bit and float files alike', async () => {
    const half16 = await readWavFile(await writeWav('16.wav', 1, 16_000, '16', [16384, -16384]));
    const half24 = await readWavFile(await writeWav('24.wav', 1, 16_000, '24', [4194304, -4194304]));
    const halfF = await readWavFile(await writeWav('f.wav', 1, 16_000, '32f', [0.5, -0.5]));
    for (const w of [half16, half24, halfF]) expect(Array.from(w.samples)).toEqual([0.5, -0.5]);
  });

  it('names a missing file', async () => {
    await expect(readWavFile(join(dir, 'nope.wav'))).rejects.toThrow(/nope\.wav: no such file/);
  });

  it('names a file that is not a WAV', async () => {
    const path = join(dir, 'text.wav');
    await writeFile(path, 'this is not audio at all, just text');
    await expect(readWavFile(path)).rejects.toThrow(/not a WAV file \(no RIFF\/WAVE header\)/);
  });

  it('names an empty file', async () => {
    const path = join(dir, 'empty.wav');
    await writeFile(path, '');
    await expect(readWavFile(path)).rejects.toThrow(/the file is empty/);
  });

  it('names a truncated WAV', async () => {
    const good = await writeWav('good.wav', 1, 16_000, '16', [1, 2, 3]);
    const bytes = (await import('node:fs/promises')).readFile(good);
    const path = join(dir, 'truncated.wav');
    await writeFile(path, (await bytes).subarray(0, 20));
    await expect(readWavFile(path)).rejects.toThrow(/truncated\.wav: (broken WAV file|the WAV file holds no audio)/);
  });

  it('refuses 8-bit audio, saying so', async () => {
    await expect(readWavFile(await writeWav('8bit.wav', 1, 16_000, '8', [128, 200, 50]))).rejects.toThrow(/8-bit WAV is not supported/);
  });

  it('refuses 96 kHz audio, naming the rate and the supported range', async () => {
    await expect(readWavFile(await writeWav('96k.wav', 1, 96_000, '16', [0, 1, 2]))).rejects.toThrow(
      /sample rate 96000 Hz is not supported; use 8000 to 48000 Hz/,
    );
  });

  it('refuses a WAV with no samples', async () => {
    await expect(readWavFile(await writeWav('nodata.wav', 1, 16_000, '16', []))).rejects.toThrow(/holds no audio/);
  });
});

describe('WavFileInput', () => {
  it('turns a 24 kHz file into 20 ms frames of 16 kHz mono with file-time timestamps', async () => {
    const input = new WavFileInput({ source: join(FIXTURES, 'endgame_nagg_nell.wav'), clock: systemClock, pace: 'fast' });
    const frames: AudioFrame[] = [];
    input.on('frame', (f) => frames.push(f));
    const ended = new Promise<void>((resolve) => input.once('end', resolve));
    await input.start();
    await ended;
    expect(frames[0]).toMatchObject({ sampleRate: 16_000, channels: 1, timestampMs: 0 });
    expect(frames[0]!.data.length).toBe(320);
    expect(frames[1]!.timestampMs).toBe(20);
    const total = frames.reduce((n, f) => n + f.data.length, 0);
    expect(Math.abs(total - 28_277.25 * 16)).toBeLessThan(2);
  });

  it('mixes stereo down to mono', async () => {
    const left = [8192, 8192, 8192, 8192];
    const right = [-8192, -8192, 24576, 24576];
    const input = new WavFileInput({ source: await writeWav('stereo.wav', 2, 16_000, '16', [left, right]), clock: systemClock, pace: 'fast' });
    const frames: AudioFrame[] = [];
    input.on('frame', (f) => frames.push(f));
    await input.start();
    expect(Array.from(frames[0]!.data)).toEqual([0, 0, 0.5, 0.5]);
  });

  it('paces frames in real time on the clock', async () => {
    vi.useFakeTimers();
    const input = new WavFileInput({ source: join(FIXTURES, 'beckett.wav'), clock: systemClock, pace: 'realtime' });
    const frames: AudioFrame[] = [];
    input.on('frame', (f) => frames.push(f));
    await input.start();
    expect(frames).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(frames).toHaveLength(51);
    await input.stop();
    vi.advanceTimersByTime(1000);
    expect(frames).toHaveLength(51);
  });

  it("rejects start() for a bad file with the reader's message", async () => {
    const input = new WavFileInput({ source: join(dir, 'absent.wav'), clock: systemClock, pace: 'fast' });
    await expect(input.start()).rejects.toThrow(/absent\.wav: no such file/);
  });
});
