/**
 * Fuzzes every invoke channel through the real HandlerRegistry and services (temp data dir):
 * at least 2,000 random and malformed payloads per channel, each answered with a typed error
 * (the contract's error schema), no crash, no hang, no event, and the files on disk unchanged.
 * Seeded, so a failure replays; the seed and payload are in the failure message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INVOKE_CHANNELS,
  invokeChannels,
  IpcErrorSchema,
  mergeSettings,
  SETTINGS_SECTIONS,
  settingsSections,
  validateSettings,
  type InvokeName,
  type SettingsPatch,
} from '../../electron/contract/index.js';
import { createAppServices, type AppServices } from '../../electron/services/app-services.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const PAYLOADS_PER_CHANNEL = 2000;
/** A request that takes longer than this counts as a hang (invalid requests answer in microseconds). */
const HANG_MS = 2000;
const SEED = 0x1badf00d;

/** mulberry32: small, fast, seedable. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\n',
  'null',
  'undefined',
  'NaN',
  '__proto__',
  'constructor',
  'prototype',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE settings; --",
  '%s%s%s%n',
  '\u202e\u0301',
  '😀'.repeat(50),
  'a'.repeat(5000),
  'CommandOrControl+',
  '+',
  'Ctrl+Ctrl+A',
  'settings:get',
  '{"vad":{}}',
  '{',
  '[]',
  'sk-' + 'x'.repeat(40),
  '\ud800',
];
const NASTY_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  -1e-300,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_SAFE_INTEGER,
  NaN,
  Infinity,
  -Infinity,
  2 ** 31,
  -(2 ** 31) - 1,
];

function randomString(r: Rng): string {
  if (r.next() < 0.5) return r.pick(NASTY_STRINGS);
  const length = r.pick([1, 2, 8, 40, 300]);
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(r.next() < 0.8 ? 32 + r.int(95) : r.int(0xffff));
  return s;
}

/** Anything a structured-clone IPC message (or a twin JSON frame) could carry. */
function randomValue(r: Rng, keys: readonly string[], depth = 0): unknown {
  const roll = r.int(depth > 3 ? 9 : 16);
  switch (roll) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return r.next() < 0.5;
    case 3:
      return r.pick(NASTY_NUMBERS);
    case 4:
      return r.int(20000) - 10000;
    case 5:
    case 6:
      return randomString(r);
    case 7:
      return BigInt(r.int(1000)) * 10n ** 20n;
    case 8:
      return r.pick([new Date(NaN), new Date(0), new Uint8Array(r.int(64)), new ArrayBuffer(8), new Map([[1, 2]]), new Set(['a']), /re/g, new Error('e')]);
    case 9:
    case 10:
    case 11:
      return randomObject(r, keys, depth + 1);
    case 12:
      return Array.from({ length: r.int(6) }, () => randomValue(r, keys, depth + 1));
    case 13:
      return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    case 14:
      return nested(r.pick([100, 1000]));
    default: {
      const cyclic: Record<string, unknown> = { [r.pick(keys.length ? keys : ['a'])]: 1 };
      cyclic['self'] = cyclic;
      return cyclic;
    }
  }
}

function randomObject(r: Rng, keys: readonly string[], depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const count = r.int(5);
  for (let i = 0; i < count; i++) {
    const key = keys.length > 0 && r.next() < 0.7 ? r.pick(keys) : randomString(r);
    out[key] = randomValue(r, keys, depth);
  }
  return out;
}

function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Field names the channel's request knows (top level and, for settings, per section), so payloads get close to valid. */
function knownKeys(channel: InvokeName): string[] {
  const request = invokeChannels[channel].request as unknown as { shape?: Record<string, unknown> };
  const keys = Object.keys(request.shape ?? {});
  if (channel === 'settings:update' || channel === 'settings:import') {
    for (const section of SETTINGS_SECTIONS) keys.push(section, ...Object.keys((settingsSections[section] as unknown as { shape: object }).shape));
  }
  return keys;
}

/** settings:update payloads that pass the loose patch schema but break a field's rule (wrong type, out of range). */
function badSettingsPatch(r: Rng, current: ReturnType<AppServices['settings']['get']>): SettingsPatch | undefined {
  const section = r.pick(SETTINGS_SECTIONS);
  const fields = Object.keys((settingsSections[section] as unknown as { shape: object }).shape);
  if (fields.length === 0) return undefined;
  const patch = { [section]: { [r.pick(fields)]: randomValue(r, fields, 2) } } as SettingsPatch;
  // Keep only patches the full settings validation rejects: a valid change is not malformed.
  return validateSettings(mergeSettings(current, patch)).ok ? undefined : patch;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`hang: ${what} took over ${ms} ms`)), ms))),
  ]);
}

function describePayload(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))?.slice(0, 300) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function snapshotFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isFile()) out[name] = fs.readFileSync(file, 'utf8');
  }
  return out;
}

describe('IPC fuzz', () => {
  const temp = makeTempDir('interject-ipc-fuzz-');
  let services: AppServices;
  let eventsSeen: string[];
  let before: Record<string, string>;
  let settingsBefore: string;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    services = createAppServices({ dataDir: temp.dir });
    // A key and a changed setting, so "unchanged" is checked against non-default state.
    await services.registry.handle('secrets:set', { provider: 'openai', key: 'sk-fuzz-0123456789' });
    await services.registry.handle('settings:update', { vad: { speechThreshold: 0.6 } });
    eventsSeen = [];
    services.events.subscribe((event) => void eventsSeen.push(event));
    before = snapshotFiles(temp.dir);
    settingsBefore = JSON.stringify(services.settings.get());
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await services.dispose();
    temp.cleanup();
  });

  it.each(INVOKE_CHANNELS.map((c) => [c]))('%s answers every malformed payload with a typed error', async (channel) => {
    const r = rng(SEED ^ [...channel].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7));
    const schema = invokeChannels[channel].request;
    const keys = knownKeys(channel);
    let sent = 0;
    for (let attempt = 0; sent < PAYLOADS_PER_CHANNEL && attempt < PAYLOADS_PER_CHANNEL * 20; attempt++) {
      let payload: unknown = r.next() < 0.6 ? randomObject(r, keys, 0) : randomValue(r, keys);
      if (channel === 'settings:update' && r.next() < 0.3) payload = badSettingsPatch(r, services.settings.get()) ?? payload;
      const passesSchema = schema.safeParse(payload).success;
      // A payload the contract accepts is a real request, not a malformed one (it may legitimately change state).
      if (passesSchema && !(channel === 'settings:update' && !validateSettings(mergeSettings(services.settings.get(), payload as SettingsPatch)).ok)) continue;
      sent++;
      const result = await withTimeout(services.registry.handle(channel, payload), HANG_MS, channel);
      const typed = !result.ok && IpcErrorSchema.safeParse(result.error).success && result.error.code === 'invalid_request';
      // Bounded: the answer must not echo a huge payload back.
      if (!typed || describePayload(result).length > 10_000) {
        expect.fail(`${channel} seed=${SEED} payload=${describePayload(payload)} answer=${describePayload(result).slice(0, 600)}`);
      }
    }
    expect(sent).toBeGreaterThanOrEqual(PAYLOADS_PER_CHANNEL);
  });

  it('answers unknown and non-string channel names with unknown_channel', async () => {
    const r = rng(SEED);
    for (let i = 0; i < PAYLOADS_PER_CHANNEL; i++) {
      const channel = r.next() < 0.5 ? randomString(r) : randomValue(r, []);
      if (typeof channel === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(channel)) continue;
      const result = await withTimeout(services.registry.handle(channel, randomValue(r, [])), HANG_MS, 'unknown channel');
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });

  it('changed nothing: same files on disk, same settings in memory, no events, no pollution, no stray rejections', () => {
    expect(snapshotFiles(temp.dir)).toEqual(before);
    expect(JSON.stringify(services.settings.get())).toBe(settingsBefore);
    expect(eventsSeen).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(unhandled).toEqual([]);
  });
});
