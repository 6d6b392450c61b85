/**
 * The agent:* channels on a real session: Silero VAD, the embedded flite TTS server, a WAV
 * file as the microphone and a null speaker (paced in real time), no language model (so the
 * session runs in practice mode, as on a fresh offline machine).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentStatus, EventName } from '../../../electron/contract/index';
import { PRACTICE_PASSAGES } from '../../../electron/engine/llm/practice-passages';
import { encodeWav } from '../../../electron/engine/stt/wav';
import { startLocalTtsServer } from '../../../electron/engine/tts/local-server/server';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { fileVoiceIo } from '../../../electron/services/voice/voice-io';
import { makeTempDir } from '../../helpers/temp-dir';
import { callHandler } from '../../helpers/call-handler';

let services: AppServices;
let cleanup: () => void;
let events: { event: EventName; payload: unknown }[];

beforeEach(() => {
  const tmp = makeTempDir('interject-voice-');
  cleanup = tmp.cleanup;
  const micWav = path.join(tmp.dir, 'silence.wav');
  fs.writeFileSync(micWav, encodeWav(new Float32Array(16_000 * 20), 16_000));
  services = createAppServices({ dataDir: tmp.dir, voiceIo: fileVoiceIo({ micWav, speaker: 'null' }), detectLocalServers: async () => [] });
  events = [];
  services.events.subscribe((event, payload) => events.push({ event, payload }));
});
afterEach(async () => {
  await services.dispose();
  cleanup();
});

const call = <T>(channel: string, request?: unknown): Promise<T> => callHandler<T>(services, channel, request);

async function untilSpeaking(): Promise<void> {
  await vi.waitFor(async () => expect((await call<AgentStatus>('agent:status')).state).toBe('speaking'), { timeout: 15_000, interval: 50 });
}

describe('voice session over the contract', { timeout: 30_000 }, () => {
  it('refuses a manual interrupt when no session runs, with the exact text', async () => {
    const result = await services.registry.handle('agent:interrupt', { reason: 'button' });
    expect(result).toEqual({ ok: false, error: { code: 'not_streaming', message: 'Failed to send interrupt command: not currently streaming' } });
  });

  it('starts in practice mode when no language model is ready, and says why', async () => {
    const status = await call<AgentStatus>('agent:start');
    expect(status.sessionId).toMatch(/.+/);
    expect(status.mode).toBe('practice');
    expect(status.notes?.length).toBeGreaterThan(0);
  });

  it('reads a passage aloud and stops at once on the Interrupt button', async () => {
    await call('agent:start');
    await untilSpeaking();
    expect(await call('agent:interrupt', { reason: 'button' })).toEqual({ interrupted: true });
    const status = await call<AgentStatus>('agent:status');
    expect(status.state).toBe('listening');
    const agent = status.transcript.find((e) => e.speaker === 'agent');
    expect(agent).toMatchObject({ interrupted: true, reason: 'button' });
    expect(agent!.text.startsWith(agent!.heardText ?? '')).toBe(true);
    // The cut entry goes out once, already labelled with who cut it.
    const cutUpdates = events
      .filter((e) => e.event === 'transcript:update')
      .flatMap((e) => (e.payload as { entries: { id: string; interrupted?: boolean; reason?: string }[] }).entries)
      .filter((x) => x.id === agent!.id && x.interrupted);
    expect(cutUpdates).toEqual([expect.objectContaining({ reason: 'button' })]);
    expect(status.metrics.interruptions).toBe(1);
    expect(events.some((e) => e.event === 'bargein:mark' && (e.payload as { kind: string }).kind === 'interrupt')).toBe(true);
  });

  it('shows what the agent is saying while it speaks', async () => {
    await call('agent:start');
    await untilSpeaking();
    const agent = (await call<AgentStatus>('agent:status')).transcript.find((e) => e.speaker === 'agent');
    expect(agent?.text).toBe(PRACTICE_PASSAGES[0]!.text);
  });

  it('treats an interrupt while the agent is silent as a no-op', async () => {
    await call('agent:start');
    await untilSpeaking();
    await call('agent:interrupt', { reason: 'hotkey' });
    expect(await call('agent:interrupt', { reason: 'hotkey' })).toEqual({ interrupted: false });
  });

  it('reads the next passage in practice mode on request', async () => {
    await call('agent:start');
    await untilSpeaking();
    const { text } = await call<{ text: string }>('agent:practice', { action: 'next' });
    expect(text).toBe(PRACTICE_PASSAGES[1]!.text);
    await untilSpeaking();
  });

  it('continues an interrupted passage from where the person stopped hearing it', async () => {
    await call('agent:start');
    await untilSpeaking();
    await call('agent:interrupt', { reason: 'button' });
    const { text } = await call<{ text: string }>('agent:practice', { action: 'continue' });
    expect(text.length).toBeGreaterThan(0);
    expect(PRACTICE_PASSAGES[0]!.text.endsWith(text)).toBe(true);
  });

  it('streams the microphone level while a session runs', async () => {
    await call('agent:start');
    await vi.waitFor(() => expect(events.filter((e) => e.event === 'audio:level').length).toBeGreaterThan(3), { timeout: 10_000, interval: 50 });
  });

  it('tells status listeners when the microphone is muted', async () => {
    await call('agent:start');
    events.length = 0;
    expect(await call('agent:mute', { muted: true })).toEqual({ muted: true });
    expect(events.map((e) => e.event)).toContain('agent:state');
    expect((await call<AgentStatus>('agent:status')).muted).toBe(true);
  });

  it('refuses to start with a vendor voice that has no key, and says which', async () => {
    services.settings.update({ tts: { provider: 'elevenlabs', voice: 'some-voice-id' } });
    const result = await services.registry.handle('agent:start', undefined);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('ElevenLabs needs an API key');
  });

  it('speaks through a reference-protocol server at the configured address', async () => {
    const server = await startLocalTtsServer({ voice: 'kal16' });
    try {
      services.settings.update({ tts: { provider: 'kugel', endpointUrl: server.url, voice: '2' } }); // KugelAudio voices are integers: 2 is kal16 here
      await call('agent:start');
      await untilSpeaking();
    } finally {
      await call('agent:stop');
      await server.close();
    }
  });

  it('stops: the session id is gone and the agent is idle', async () => {
    await call('agent:start');
    const status = await call<AgentStatus>('agent:stop');
    expect(status).toMatchObject({ state: 'idle', sessionId: null });
  });
});
