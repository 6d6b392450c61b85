import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../electron/engine/clock';
import { nullLogger } from '../../../electron/engine/logger';
import type { AudioFrame } from '../../../electron/engine/audio/frame';
import type { AudioDeviceError } from '../../../electron/engine/audio/ports';
import { listInputDevices, type Decibri } from '../../../electron/engine/audio/native/decibri-devices';
import { NativeMicrophoneInput } from '../../../electron/engine/audio/native/native-microphone';
import { NativeSpeakerOutput } from '../../../electron/engine/audio/native/native-speaker';

/** A stand-in for the native library: the device list and streams are plain objects the test controls. */
class FakeStream extends EventEmitter {
  stopped = false;
  written: Buffer[] = [];
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  stop() {
    this.stopped = true;
  }
  write(b: Buffer) {
    this.written.push(b);
    return true;
  }
}

function fakeDecibri() {
  const state = {
    inputs: [] as { index: number; name: string; id: string; maxInputChannels: number; defaultSampleRate: number; isDefault: boolean }[],
    outputs: [] as { index: number; name: string; id: string; maxOutputChannels: number; defaultSampleRate: number; isDefault: boolean }[],
    mics: [] as FakeStream[],
    speakers: [] as FakeStream[],
  };
  const lib = {
    inputDevices: () => state.inputs,
    outputDevices: () => state.outputs,
    Microphone: {
      open: async (options: Record<string, unknown>) => {
        const m = new FakeStream(options);
        state.mics.push(m);
        return m;
      },
    },
    Speaker: class extends FakeStream {
      constructor(options: Record<string, unknown>) {
        super(options);
        state.speakers.push(this);
      }
    },
  };
  return { state, lib: lib as unknown as Decibri };
}

/** What decibri reports when ALSA's buffer ran dry or overflowed under load (seen in CI on a busy 2-core machine). */
const XRUN = Object.assign(new Error('decibri: audio device error: Buffer underrun/overrun occurred.'), { code: 'DEVICE_FAILED' });

const headset = { index: 3, name: 'USB headset', id: 'alsa:hw:1', maxInputChannels: 1, defaultSampleRate: 48_000, isDefault: false };
const builtIn = { index: 1, name: 'Built-in', id: 'alsa:default', maxInputChannels: 2, defaultSampleRate: 44_100, isDefault: true };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

async function settle() {
  await vi.advanceTimersByTimeAsync(0);
}

describe('device list', () => {
  it('lists capture devices with stable ids, default first, skipping playback-only entries', () => {
    const { state, lib } = fakeDecibri();
    state.inputs = [headset, { ...headset, id: 'alsa:jack', name: 'JACK', maxInputChannels: 0 }, builtIn];
    expect(listInputDevices(lib).map((d) => d.id)).toEqual(['alsa:default', 'alsa:hw:1']);
  });

  it('reads an enumeration failure as no devices', () => {
    const lib = {
      inputDevices: () => {
        throw new Error('ALSA exploded');
      },
    } as unknown as Decibri;
    expect(listInputDevices(lib)).toEqual([]);
  });
});

describe('NativeMicrophoneInput', () => {
  it('opens the selected device by id at 16 kHz mono float and emits its audio as frames', async () => {
    const { state, lib } = fakeDecibri();
    state.inputs = [builtIn, headset];
    const mic = new NativeMicrophoneInput({ clock: systemClock, deviceId: 'alsa:hw:1', decibri: lib });
    const frames: AudioFrame[] = [];
    mic.on('frame', (f) => frames.push(f));
    await mic.start();
    expect(state.mics[0]!.options).toMatchObject({ sampleRate: 16_000, channels: 1, dtype: 'float32', framesPerBuffer: 320, device: { id: 'alsa:hw:1' } });
    state.mics[0]!.emit('data', Buffer.from(new Float32Array(320).fill(0.25).buffer));
    expect(frames).toHaveLength(1);
    expect(frames[0]!.data[0]).toBe(0.25);
    await mic.stop();
  });

  it('says "no input device" when there is none, retries, and starts once one appears', async () => {
    const { state, lib } = fakeDecibri();
    const mic = new NativeMicrophoneInput({ clock: systemClock, decibri: lib, retryDelayMs: 2000 });
    const errors: AudioDeviceError[] = [];
    mic.on('error', (e) => errors.push(e));
    await mic.start();
    expect(errors[0]).toMatchObject({ code: 'no input device', willRetry: true, retryInMs: 2000 });
    expect(errors[0]!.message).toMatch(/no default microphone is available/);
    state.inputs = [builtIn];
    await vi.advanceTimersByTimeAsync(2000);
    expect(mic.running).toBe(true);
    await mic.stop();
  });

  it('says "device lost" when the stream fails, and reopens it', async () => {
    const { state, lib } = fakeDecibri();
    state.inputs = [builtIn];
    const mic = new NativeMicrophoneInput({ clock: systemClock, decibri: lib, retryDelayMs: 500 });
    const errors: AudioDeviceError[] = [];
    mic.on('error', (e) => errors.push(e));
    await mic.start();
    state.mics[0]!.emit('error', new Error('snd_pcm_readi: No such device'));
    expect(errors[0]).toMatchObject({ code: 'device lost' });
    expect(errors[0]!.message).toMatch(/No such device/);
    expect(state.mics[0]!.stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(state.mics).toHaveLength(2);
    expect(mic.running).toBe(true);
    await mic.stop();
  });

  it('rides out a capture overrun (a loaded machine, not a lost device): no error, the same stream goes on', async () => {
    const { state, lib } = fakeDecibri();
    state.inputs = [builtIn];
    const mic = new NativeMicrophoneInput({ clock: systemClock, decibri: lib, retryDelayMs: 500 });
    const errors: AudioDeviceError[] = [];
    const frames: AudioFrame[] = [];
    mic.on('error', (e) => errors.push(e));
    mic.on('frame', (f) => frames.push(f));
    await mic.start();
    state.mics[0]!.emit('error', XRUN);
    state.mics[0]!.emit('data', Buffer.from(new Float32Array(320).fill(0.25).buffer));
    expect(errors).toEqual([]);
    expect(state.mics[0]!.stopped).toBe(false);
    expect(frames).toHaveLength(1);
    expect(mic.overruns).toBe(1);
    await mic.stop();
  });

  it('logs the first capture overrun, then one in 100: a machine busy for a while does not fill the log', async () => {
    const { state, lib } = fakeDecibri();
    state.inputs = [builtIn];
    const logged: [string, unknown][] = [];
    const logger = { ...nullLogger, warn: (message: string, fields?: unknown) => logged.push([message, fields]) };
    const mic = new NativeMicrophoneInput({ clock: systemClock, decibri: lib, logger });
    await mic.start();
    for (let i = 0; i < 201; i++) state.mics[0]!.emit('error', XRUN);
    expect(mic.overruns).toBe(201);
    expect(logged).toEqual([1, 101, 201].map((overruns) => ['microphone: buffer overrun, capturing on', { overruns, why: XRUN.message }]));
    await mic.stop();
  });

  it('treats a silent stall as a lost device', async () => {
    const { state, lib } = fakeDecibri();
    state.inputs = [builtIn];
    const mic = new NativeMicrophoneInput({ clock: systemClock, decibri: lib, stallTimeoutMs: 1000 });
    const errors: AudioDeviceError[] = [];
    mic.on('error', (e) => errors.push(e));
    await mic.start();
    await vi.advanceTimersByTimeAsync(1300);
    expect(errors[0]).toMatchObject({ code: 'device lost' });
    expect(errors[0]!.message).toMatch(/no audio from the microphone for 1000 ms/);
    await mic.stop();
  });

  it('does not crash on a device error when nobody listens for errors', async () => {
    const { state, lib } = fakeDecibri();
    state.inputs = [builtIn];
    const mic = new NativeMicrophoneInput({ clock: systemClock, decibri: lib });
    await mic.start();
    expect(() => state.mics[0]!.emit('error', new Error('gone'))).not.toThrow();
    await mic.stop();
  });

  it('switches device when the setting changes', async () => {
    const { state, lib } = fakeDecibri();
    state.inputs = [builtIn, headset];
    const mic = new NativeMicrophoneInput({ clock: systemClock, decibri: lib });
    await mic.start();
    await mic.selectDevice('alsa:hw:1');
    await settle();
    expect(state.mics[0]!.stopped).toBe(true);
    expect(state.mics[1]!.options.device).toEqual({ id: 'alsa:hw:1' });
    await mic.stop();
  });
});

describe('NativeSpeakerOutput', () => {
  const speaker = { index: 1, name: 'Speakers', id: 'alsa:default', maxOutputChannels: 2, defaultSampleRate: 48_000, isDefault: true };

  it('writes float32 frames to the device', async () => {
    const { state, lib } = fakeDecibri();
    state.outputs = [speaker];
    const out = await NativeSpeakerOutput.open({ clock: systemClock, decibri: lib });
    out.write({ data: new Float32Array(960).fill(0.5), sampleRate: 48_000, channels: 1, timestampMs: 0 });
    expect(state.speakers[0]!.options).toMatchObject({ sampleRate: 48_000, channels: 1, dtype: 'float32' });
    const b = state.speakers[0]!.written[0]!;
    expect(new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length))[0]).toBe(0.5);
    await out.close();
  });

  it('flush discards the device buffer and carries on with a fresh stream', async () => {
    const { state, lib } = fakeDecibri();
    state.outputs = [speaker];
    const out = await NativeSpeakerOutput.open({ clock: systemClock, decibri: lib });
    out.flush();
    expect(state.speakers[0]!.stopped).toBe(true);
    expect(state.speakers).toHaveLength(2);
    expect(out.connected).toBe(true);
    await out.close();
  });

  it('says "no output device", counts what it could not play, and connects when a device appears', async () => {
    const { state, lib } = fakeDecibri();
    const errors: AudioDeviceError[] = [];
    const out = await NativeSpeakerOutput.open({ clock: systemClock, decibri: lib, retryDelayMs: 1000 }, (e) => errors.push(e));
    expect(errors[0]).toMatchObject({ code: 'no output device', willRetry: true });
    out.write({ data: new Float32Array(960), sampleRate: 48_000, channels: 1, timestampMs: 0 });
    expect(out.droppedSamples).toBe(960);
    state.outputs = [speaker];
    await vi.advanceTimersByTimeAsync(1000);
    expect(out.connected).toBe(true);
    await out.close();
  });

  it('says "device lost" when the stream fails, and reconnects', async () => {
    const { state, lib } = fakeDecibri();
    state.outputs = [speaker];
    const errors: AudioDeviceError[] = [];
    const out = await NativeSpeakerOutput.open({ clock: systemClock, decibri: lib, retryDelayMs: 1000 }, (e) => errors.push(e));
    state.speakers[0]!.emit('error', new Error('device unplugged'));
    expect(errors[0]).toMatchObject({ code: 'device lost' });
    expect(out.connected).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(out.connected).toBe(true);
    await out.close();
  });
  it('rides out a buffer underrun (a loaded machine, not a lost device): no error, it keeps writing to the same stream', async () => {
    const { state, lib } = fakeDecibri();
    state.outputs = [speaker];
    const errors: AudioDeviceError[] = [];
    const out = await NativeSpeakerOutput.open({ clock: systemClock, decibri: lib, retryDelayMs: 1000 }, (e) => errors.push(e));
    state.speakers[0]!.emit('error', XRUN);
    out.write({ data: new Float32Array(960), sampleRate: 48_000, channels: 1, timestampMs: 0 });
    expect(errors).toEqual([]);
    expect(out.connected).toBe(true);
    expect(state.speakers).toHaveLength(1);
    expect(state.speakers[0]!.written).toHaveLength(1);
    expect(out.underruns).toBe(1);
    await out.close();
  });

  it('logs the first buffer underrun, then one in 100: a machine busy for a while does not fill the log', async () => {
    const { state, lib } = fakeDecibri();
    state.outputs = [speaker];
    const logged: [string, unknown][] = [];
    const logger = { ...nullLogger, warn: (message: string, fields?: unknown) => logged.push([message, fields]) };
    const out = await NativeSpeakerOutput.open({ clock: systemClock, decibri: lib, logger });
    for (let i = 0; i < 201; i++) state.speakers[0]!.emit('error', XRUN);
    expect(out.underruns).toBe(201);
    expect(logged).toEqual([1, 101, 201].map((underruns) => ['speaker: buffer underrun, playing on', { underruns, why: XRUN.message }]));
    await out.close();
  });
});

describe('device errors reported before anyone listens', () => {
  it('re-emits a failure during open on the next tick, for a listener attached after await open()', async () => {
    const { lib } = fakeDecibri();
    const out = await NativeSpeakerOutput.open({ clock: systemClock, decibri: lib });
    const errors: AudioDeviceError[] = [];
    out.on('error', (e) => errors.push(e));
    expect(out.lastError).toMatchObject({ code: 'no output device' });
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toHaveLength(1);
    await out.close();
  });
});
