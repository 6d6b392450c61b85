import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConversationSettingsSchema } from '../../../electron/contract/settings/conversation.js';
import { systemClock } from '../../../electron/engine/clock.js';
import { makeSession } from './helpers/session-harness.js';

/**
 * The agent pauses `speakingInterruptDurationMs` after the user's voice began, not after the
 * VAD noticed it: Silero often scores a soft onset (the "s" of "stop", the "h" of "how") low
 * for 50-100 ms, and that lag was added to the time a true interruption stayed audible.
 */
const GREETING = 'Hello there, I can tell you all about the trains that leave from the central station today.';
const PAUSE_AFTER_MS = ConversationSettingsSchema.parse({}).speakingInterruptDurationMs;
/** The room until the voice; then an "s" 18 dB under the vowel for 100 ms; the VAD opens speech at the vowel. */
const VOICE_FROM_MS = 900;
const VOWEL_FROM_MS = 1000;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function tone(dbfs: number, tMs: number) {
  const amp = Math.sqrt(2) * 10 ** (dbfs / 20);
  const data = new Float32Array(320).map((_, i) => amp * Math.sin((2 * Math.PI * 220 * i) / 16_000));
  return { data, sampleRate: 16_000, channels: 1, timestampMs: tMs };
}

/** The agent speaks; the user's voice starts at t0 + VOICE_FROM_MS; the VAD opens speech at t0 + VOWEL_FROM_MS. Returns ms since t0 and whether the agent is paused. */
async function softOnsetOverAgent() {
  const h = makeSession();
  h.session.start();
  h.session.speak(GREETING);
  await vi.advanceTimersByTimeAsync(1000);
  const t0 = systemClock.nowMs();
  for (let t = 0; t < VOWEL_FROM_MS; t += 20) {
    await h.session.pushMicFrame(tone(t < VOICE_FROM_MS ? -73 : -41, t0 + t));
    await vi.advanceTimersByTimeAsync(20);
  }
  h.vad.emit('speechStart', { tMs: t0 + VOWEL_FROM_MS });
  await h.session.pushMicFrame(tone(-23, t0 + VOWEL_FROM_MS));
  const paused = () => h.events.some((e) => e.type === 'bargeIn' && (e.payload as { type: string }).type === 'paused');
  return { since: () => systemClock.nowMs() - t0, paused };
}

describe('barge-in counts from the voice onset', () => {
  it(`a soft onset the VAD heard 100 ms late: paused ${PAUSE_AFTER_MS} ms after the voice began (N), not 1 ms sooner (N-1)`, async () => {
    const { since, paused } = await softOnsetOverAgent();
    await vi.advanceTimersByTimeAsync(VOICE_FROM_MS + PAUSE_AFTER_MS - 1 - since());
    expect(paused()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(paused()).toBe(true);
  });
});
