/**
 * The session's voice rule without words (no recognizer) in a -45 dBFS room: the room is learned
 * while the agent talks, the voice is counted from where it began (the audio kept from before
 * the VAD's late onset), and the VAD's release tail (room, nobody speaking) is not voice.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AgentSession } from '../../../electron/engine/agent/agent-session.js';
import { PlaybackQueue } from '../../../electron/engine/audio/playback-queue.js';
import { RecordingSink } from '../../../electron/engine/audio/recording-sink.js';
import { systemClock } from '../../../electron/engine/clock.js';
import { ConversationSettingsSchema } from '../../../electron/contract/settings/conversation.js';
import { ScriptedLlm, ScriptedTts, ScriptedVad } from './helpers/scripted.js';

const GREETING = 'Hello there, I can tell you all about the trains that leave from the central station today and tomorrow morning.';
const conversation = ConversationSettingsSchema.parse({ echoGuard: false });
const voiceShape = conversation.strategies.find((s) => s.type === 'voiceShape');
const LONG = voiceShape?.type === 'voiceShape' ? voiceShape.params.minSpeechMs : NaN;
/** Silero opens speech this late into a voice in a noisy room (up to 240 ms on the bench). */
const VAD_LATE_MS = 200;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

let seed = 3;
/** 20 ms of the -45 dBFS room (seeded white noise), with a 220 Hz voice at -20 dBFS on top when `voice`. */
function frame(tMs: number, voice: boolean) {
  const noiseAmp = Math.sqrt(3) * 10 ** (-45 / 20);
  const voiceAmp = voice ? Math.sqrt(2) * 10 ** (-20 / 20) : 0;
  const data = new Float32Array(320).map((_, i) => {
    seed = (Math.imul(seed, 1664525) + 1013904223) | 0;
    return noiseAmp * ((seed >>> 0) / 2 ** 31 - 1) + voiceAmp * Math.sin((2 * Math.PI * 220 * i) / 16_000);
  });
  return { data, sampleRate: 16_000, channels: 1, timestampMs: tMs };
}

/** The agent talks for 1 s in the room; then `voiceMs` of voice (the VAD opens VAD_LATE_MS into it), then `tailMs` of room with speech still open. */
async function speakInTheRoom(voiceMs: number, tailMs: number) {
  const clock = systemClock;
  const playback = new PlaybackQueue({ output: new RecordingSink({ clock, sampleRate: 16000 }), clock });
  const vad = new ScriptedVad();
  const session = new AgentSession({
    sessionId: 's1',
    clock,
    vad,
    stt: null,
    llm: new ScriptedLlm(['Sure.']),
    tts: new ScriptedTts(clock),
    playback,
    conversation,
    prefixPaddingMs: 300,
  });
  const interrupted: number[] = [];
  session.on('interrupted', () => interrupted.push(clock.nowMs()));
  session.start();
  session.speak(GREETING);
  const t0 = clock.nowMs();
  const push = async (t: number, voice: boolean) => {
    await session.pushMicFrame(frame(t0 + t, voice));
    await vi.advanceTimersByTimeAsync(20);
  };
  for (let t = 0; t < 1000; t += 20) await push(t, false);
  for (let t = 0; t < voiceMs; t += 20) {
    if (t === VAD_LATE_MS) vad.emit('speechStart', { tMs: clock.nowMs() });
    await push(1000 + t, true);
  }
  for (let t = 0; t < tailMs; t += 20) await push(1000 + voiceMs + t, false);
  return { interrupted, voiceFrom: t0 + 1000 };
}

describe('no recognizer, a -45 dBFS room', () => {
  it(`${LONG} ms of voice stops the agent (counted from where the voice began, though the VAD opened ${VAD_LATE_MS} ms into it)`, async () => {
    const { interrupted } = await speakInTheRoom(LONG, 0);
    expect(interrupted).toHaveLength(1);
  });

  it(`${LONG - 20} ms of voice (one frame less) does not, with the room after it`, async () => {
    const { interrupted } = await speakInTheRoom(LONG - 20, 600);
    expect(interrupted).toEqual([]);
  });

  it('a 600 ms backchannel whose speech the VAD holds open over 800 ms of room does not stop it (the room is not voice)', async () => {
    const { interrupted } = await speakInTheRoom(600, 800);
    expect(interrupted).toEqual([]);
  });
});
