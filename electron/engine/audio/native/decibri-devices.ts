import { createRequire } from 'node:module';
import type { Logger } from '../../logger.js';
import type { AudioDeviceInfo } from '../ports.js';

/**
 * decibri: mic and speaker for Node with prebuilt N-API binaries for linux-x64/arm64,
 * win-x64/arm64 and darwin-arm64 (nothing builds at install), one package for both
 * directions, and float32 I/O. Chosen over @picovoice/pvrecorder-node, which records only
 * (the speaker would need a second native family). Loaded lazily so the engine imports
 * without a native binary (browser twin, tests without a device).
 */
export type Decibri = typeof import('decibri');

let cached: Decibri | null = null;
export function loadDecibri(): Decibri {
  cached ??= createRequire(import.meta.url)('decibri') as Decibri;
  return cached;
}

/**
 * ALSA's buffer ran dry (playback) or overflowed (capture) because the machine was busy: the
 * backend recovers the stream itself, so this is a glitch of a few ms, not a lost device. Read
 * as a loss it silenced the agent for the 2 s retry and told the person their speaker was gone
 * (seen on a loaded 2-core machine). A stream that really died still says so: the speaker's
 * next write fails, the microphone's stall watchdog fires.
 */
export function isBufferGlitch(err: Error): boolean {
  return /underrun|overrun/i.test(err.message);
}

/**
 * One more buffer glitch ridden out: returns the new count (`field` in the log line), logged the
 * first time, then one in 100: a machine that is busy for a while would fill the log.
 */
export function countBufferGlitch(logger: Logger, message: string, field: string, count: number, err: Error): number {
  const n = count + 1;
  if (n % 100 === 1) logger.warn(message, { [field]: n, why: err.message });
  return n;
}

interface RawDevice {
  id: string;
  name: string;
  index: number;
  isDefault: boolean;
  defaultSampleRate: number;
}

function toInfo(d: RawDevice, maxChannels: number): AudioDeviceInfo {
  return { id: d.id || `index:${d.index}`, name: d.name, isDefault: d.isDefault, defaultSampleRate: d.defaultSampleRate, maxChannels };
}

/** Devices that can capture, default first. An enumeration failure reads as "no devices", never a throw. */
export function listInputDevices(decibri: Decibri = loadDecibri()): AudioDeviceInfo[] {
  try {
    return decibri
      .inputDevices()
      .filter((d) => d.maxInputChannels > 0)
      .map((d) => toInfo(d, d.maxInputChannels))
      .sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  } catch {
    return [];
  }
}

export function listOutputDevices(decibri: Decibri = loadDecibri()): AudioDeviceInfo[] {
  try {
    return decibri
      .outputDevices()
      .filter((d) => d.maxOutputChannels > 0)
      .map((d) => toInfo(d, d.maxOutputChannels))
      .sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  } catch {
    return [];
  }
}

/**
 * Resolves a settings device id to a decibri device selector, or null when there is no
 * such device. "default" needs a device the OS marks as default: decibri would otherwise
 * fall back to ALSA's `null` device on a machine with no sound card, which "works" silently.
 */
export function resolveDevice(deviceId: string, devices: AudioDeviceInfo[]): { id: string } | number | null {
  if (deviceId === 'default') {
    const d = devices.find((x) => x.isDefault);
    return d ? selector(d.id) : null;
  }
  const d = devices.find((x) => x.id === deviceId);
  return d ? selector(d.id) : null;
}

function selector(id: string): { id: string } | number {
  return id.startsWith('index:') ? Number(id.slice(6)) : { id };
}
