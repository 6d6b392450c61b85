/**
 * No speaker: the real native output opened on a device that is not there (this machine has
 * no sound card; the id names none) takes no audio, so nothing the agent says counts as
 * heard: the playback position stays at 0 while the turn "plays", and a cut there is a cut
 * before the first word.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/engine/clock';
import { NativeSpeakerOutput } from '../../../electron/engine/audio/native/native-speaker';
import { PlaybackQueue } from '../../../electron/engine/audio/playback-queue';
import type { AudioDeviceError } from '../../../electron/engine/audio/ports';
import { NullSink } from '../../../electron/engine/audio/null-sink';
import { loadResamplerFactory, type ResamplerFactory } from '../../../electron/engine/audio/resampler';

const RATE = 48_000;
const tone = (ms: number) => Float32Array.from({ length: (RATE * ms) / 1000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / RATE));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let resamplers: ResamplerFactory;
beforeAll(async () => {
  resamplers = await loadResamplerFactory({ spare: 1 });
});
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function played(output: NativeSpeakerOutput | NullSink): Promise<number> {
  const queue = new PlaybackQueue({ output, clock: systemClock, resamplers });
  closers.push(() => queue.dispose());
  queue.enqueue('t1', tone(600), RATE);
  await sleep(400);
  return queue.playedMs('t1');
}

describe('speaking with no speaker', () => {
  it('counts nothing as heard, and says why the speaker is missing', async () => {
    const errors: AudioDeviceError[] = [];
    const output = await NativeSpeakerOutput.open({ clock: systemClock, deviceId: 'interject-no-such-speaker', retryDelayMs: 60_000 }, (e) => errors.push(e));
    closers.push(() => output.close());
    expect(output.connected).toBe(false);
    expect(await played(output)).toBe(0);
    await sleep(10);
    expect(errors[0]?.message).toMatch(/speaker "interject-no-such-speaker" is not connected|native audio library could not be loaded/);
  });

  it('while an output that takes the audio counts it heard as it plays', async () => {
    expect(await played(new NullSink())).toBeGreaterThan(200);
  });
});
