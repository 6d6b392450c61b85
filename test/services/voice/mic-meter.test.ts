/**
 * The level meter's routing in a real session (live-session.ts): with echo cancellation on, the
 * meter shows what voice detection hears, once per frame, and muting shows silence.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentStatus, EventName } from '../../../electron/contract/index';
import { encodeWav } from '../../../electron/engine/stt/wav';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { fileVoiceIo } from '../../../electron/services/voice/voice-io';
import { makeTempDir } from '../../helpers/temp-dir';
import { callHandler } from '../../helpers/call-handler';

const TONE_DBFS = -20;

let services: AppServices;
let cleanup: () => void;
let levels: { tMs: number; rmsDbfs: number }[];

beforeEach(() => {
  const tmp = makeTempDir('interject-meter-');
  cleanup = tmp.cleanup;
  // A steady 300 Hz hum at -20 dBFS: something to show, that is not the agent's voice.
  const amp = Math.SQRT2 * 10 ** (TONE_DBFS / 20);
  const mic = new Float32Array(16_000 * 20).map((_, i) => amp * Math.sin((2 * Math.PI * 300 * i) / 16_000));
  const micWav = path.join(tmp.dir, 'hum.wav');
  fs.writeFileSync(micWav, encodeWav(mic, 16_000));
  services = createAppServices({ dataDir: tmp.dir, voiceIo: fileVoiceIo({ micWav, speaker: 'null' }), detectLocalServers: async () => [] });
  levels = [];
  services.events.subscribe((event: EventName, payload) => {
    if (event === 'audio:level') levels.push(payload as { tMs: number; rmsDbfs: number });
  });
});
afterEach(async () => {
  await services.dispose();
  cleanup();
});

const call = <T>(channel: string, request?: unknown): Promise<T> => callHandler<T>(services, channel, request);

describe('the level meter with echo cancellation on', { timeout: 30_000 }, () => {
  it('gets each microphone frame once while the agent speaks (the raw frame or the cancelled one, never both)', async () => {
    expect(services.settings.get().audio.echoCancellation).toBe(true);
    await call('agent:start');
    await vi.waitFor(async () => expect((await call<AgentStatus>('agent:status')).state).toBe('speaking'), { timeout: 15_000, interval: 50 });
    const fromMs = levels.length;
    await vi.waitFor(() => expect(levels.length - fromMs).toBeGreaterThan(10), { timeout: 10_000, interval: 50 });
    // Fed twice, the meter would see each stretch of microphone time twice.
    const times = levels.map((l) => l.tMs);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]!);
  });

  it('shows silence while the microphone is muted', async () => {
    await call('agent:start');
    await vi.waitFor(() => expect(levels.length).toBeGreaterThan(3), { timeout: 10_000, interval: 50 });
    await call('agent:mute', { muted: true });
    const fromMs = levels.length;
    await vi.waitFor(() => expect(levels.length - fromMs).toBeGreaterThan(6), { timeout: 10_000, interval: 50 });
    // The first level after muting may still average frames from before it.
    expect(Math.max(...levels.slice(fromMs + 2).map((l) => l.rmsDbfs))).toBeLessThan(-90);
  });
});
