/**
 * Audio devices for the settings panel: the lists behind the microphone and speaker pickers,
 * a short test sound on a speaker, and a microphone test whose levels stream as
 * `devices:testLevel` so the panel can draw a live meter without a session running.
 */
import { z } from 'zod';
import { defineEvent, defineInvoke } from '../define.js';

export const AudioDeviceSchema = z.object({
  /** What `audio.inputDeviceId` / `audio.outputDeviceId` store. "default" follows the OS default. */
  id: z.string().min(1).max(512),
  label: z.string().max(512),
  isDefault: z.boolean(),
});
export type AudioDevice = z.infer<typeof AudioDeviceSchema>;

export const DeviceListSchema = z.object({
  inputs: z.array(AudioDeviceSchema).max(256),
  outputs: z.array(AudioDeviceSchema).max(256),
});
export type DeviceList = z.infer<typeof DeviceListSchema>;

const deviceId = z.string().min(1, 'Choose a device.').max(512);

/** 3 s: long enough to say a few words and watch the meter; bounded so a forgotten test ends. */
export const DEFAULT_MIC_TEST_MS = 3000;

export const MicTestLevelSchema = z.object({
  deviceId: z.string().max(512),
  tMs: z.number(),
  /** Floored at -100 dBFS (silence), like `audio:level`. */
  rmsDbfs: z.number().min(-100).max(0),
  /** The last level of this test: the meter can settle. */
  done: z.boolean(),
});
export type MicTestLevel = z.infer<typeof MicTestLevelSchema>;

export const devicesInvokes = {
  'devices:list': defineInvoke({
    summary: 'Input and output audio devices, the OS default marked.',
    request: z.undefined(),
    response: DeviceListSchema,
  }),
  'devices:testSpeaker': defineInvoke({
    summary: 'Play a short test sound on an output device; answers when it has played.',
    request: z.object({ deviceId }).strict(),
    response: z.object({ playedMs: z.number().min(0) }),
  }),
  'devices:testMicrophone': defineInvoke({
    summary: 'Open an input device for a while and stream its level as devices:testLevel; answers once started.',
    request: z.object({ deviceId, durationMs: z.number().int().min(500).max(10_000).optional() }).strict(),
    response: z.object({ durationMs: z.number().int().min(0) }),
  }),
} as const;

export const devicesEvents = {
  'devices:testLevel': defineEvent({ summary: 'Microphone test level, ~20 Hz while a test runs.', payload: MicTestLevelSchema }),
  'devices:changed': defineEvent({ summary: 'A device was plugged in or removed.', payload: DeviceListSchema }),
} as const;
