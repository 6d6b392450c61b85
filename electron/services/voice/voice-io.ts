/**
 * Where a session's audio comes from and goes to. The desktop app uses the native devices;
 * the browser twin can take its microphone from a WAV file and play into nothing (how the e2e
 * tests drive a real session on a machine with no sound card).
 */
import { listInputDevices, listOutputDevices } from '../../engine/audio/native/decibri-devices.js';
import { NativeMicrophoneInput } from '../../engine/audio/native/native-microphone.js';
import { NativeSpeakerOutput } from '../../engine/audio/native/native-speaker.js';
import { NullSink } from '../../engine/audio/null-sink.js';
import type { AudioDeviceInfo, AudioInput, AudioOutput } from '../../engine/audio/ports.js';
import { WavFileInput } from '../../engine/audio/wav-file-input.js';
import type { Clock } from '../../engine/clock.js';
import type { Logger } from '../../engine/logger.js';
import type { DeviceList } from '../../contract/index.js';

export interface VoiceIo {
  /** Human words for where audio goes, for logs and the status line. */
  readonly description: string;
  createInput(deviceId: string, clock: Clock, logger: Logger): AudioInput;
  createOutput(deviceId: string, clock: Clock, logger: Logger): Promise<AudioOutput>;
  listDevices(): DeviceList;
}

function toContract(devices: AudioDeviceInfo[]): DeviceList['inputs'] {
  return devices.map((d) => ({ id: d.id, label: d.name, isDefault: d.isDefault }));
}

export const nativeVoiceIo: VoiceIo = {
  description: 'system audio devices',
  createInput: (deviceId, clock, logger) => new NativeMicrophoneInput({ clock, deviceId, logger }),
  createOutput: (deviceId, clock, logger) => NativeSpeakerOutput.open({ clock, deviceId, logger }),
  listDevices: () => ({ inputs: toContract(listInputDevices()), outputs: toContract(listOutputDevices()) }),
};

export interface FileVoiceIoOptions {
  /** The microphone: this WAV, played in real time from the moment the session starts. */
  micWav: string;
  /** 'null' discards the agent's voice (still paced in real time); 'native' plays it. */
  speaker: 'null' | 'native';
}

/** The twin's test rig: a WAV file as the microphone. */
export function fileVoiceIo(options: FileVoiceIoOptions): VoiceIo {
  return {
    description: `microphone from ${options.micWav}, speaker ${options.speaker}`,
    createInput: (_deviceId, clock) => new WavFileInput({ source: options.micWav, clock, pace: 'realtime' }),
    createOutput: async (deviceId, clock, logger) => (options.speaker === 'native' ? NativeSpeakerOutput.open({ clock, deviceId, logger }) : new NullSink()),
    listDevices: () => ({
      inputs: [{ id: 'default', label: `WAV file: ${options.micWav}`, isDefault: true }],
      outputs: options.speaker === 'native' ? toContract(listOutputDevices()) : [{ id: 'default', label: 'No speaker (discarded)', isDefault: true }],
    }),
  };
}
