import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConversationSettingsSchema } from '../../../electron/contract/settings/conversation.js';
import { AgentSession } from '../../../electron/engine/agent/agent-session.js';
import { vadPort } from '../../../electron/engine/agent/ports.js';
import { PlaybackQueue } from '../../../electron/engine/audio/playback-queue.js';
import { RecordingSink } from '../../../electron/engine/audio/recording-sink.js';
import { systemClock } from '../../../electron/engine/clock.js';
import { UserInput } from '../../../electron/engine/agent/user-input.js';
import { ScriptedVadModel } from '../../../electron/engine/vad/vad-model.js';
import { VadProcessor } from '../../../electron/engine/vad/vad-processor.js';
import { ScriptedLlm, ScriptedRecognizer, ScriptedTts } from './helpers/scripted.js';

/**
 * The user's pause before the VAD's gap (user-input.ts): the real VadProcessor on a scripted
 * model, fed 1 ms frames so the voice can end on any millisecond. The room is at about
 * -73 dBFS, the voice at -23 dBFS. Silero's lag is scripted: its probability stays at 1 for
 * a while after the voice, then drops.
 */
const WINDOW_MS = 32;
const VOICE_FROM_MS = 320;

interface Script {
  /** Where the voice's level ends (ms, exclusive). */
  voiceUntilMs: number;
  /** Probability of the window starting at `startMs`. */
  p: (startMs: number) => number;
  totalMs: number;
  /** The level comes back (the user goes on) from here to `againUntilMs`. */
  againFromMs?: number;
  againUntilMs?: number;
}

async function run(script: Script, withRecognizer = true) {
  const model = new ScriptedVadModel((i) => script.p(i * WINDOW_MS));
  const vad = new VadProcessor({ model, options: { prefixPaddingMs: 0 } });
  const stt = new ScriptedRecognizer();
  const log: string[] = [];
  let streamMs = 0;
  const sttCalls: string[] = [];
  stt.endSegment = () => sttCalls.push(`final asked at ${streamMs}`);
  stt.reset = () => sttCalls.push(`reset at ${streamMs}`);
  const input = new UserInput({ vad: vadPort(vad), stt: withRecognizer ? stt : null, echoGuard: null, prefixPaddingMs: 0 });
  input.on('pause', (e) => log.push(`pause ${e.tMs} at ${streamMs}`));
  input.on('resume', (e) => log.push(`resume ${e.tMs} at ${streamMs}`));
  input.on('voicePause', (e) => log.push(`voice pause ${e.tMs} at ${streamMs}`));
  input.on('voiceResume', (e) => log.push(`voice resume ${e.tMs} at ${streamMs}`));
  input.on('speechGap', (e) => log.push(`vad gap ${e.tMs} at ${streamMs}`));
  input.on('speechEnd', (e) => log.push(`vad end ${e.tMs} at ${streamMs}`));
  const voiced = (t: number) =>
    (t >= VOICE_FROM_MS && t < script.voiceUntilMs) || (script.againFromMs !== undefined && t >= script.againFromMs && t < script.againUntilMs!);
  for (let t = 0; t < script.totalMs; t++) {
    const data = new Float32Array(16).map((_, i) => Math.sin((2 * Math.PI * 200 * (t * 16 + i)) / 16_000) * (voiced(t) ? 0.1 : 0.0003));
    streamMs = t + 1;
    await input.pushMicFrame({ data, sampleRate: 16_000, channels: 1, timestampMs: t });
  }
  return { log: log.filter((l) => !l.startsWith('voice ')), voiceLog: log.filter((l) => !l.startsWith('pause') && !l.startsWith('resume')), sttCalls, input };
}

/** Voice from 320 ms; Silero says speech until `dropAtMs`, then quiet. */
const lagging = (voiceUntilMs: number, dropAtMs: number, totalMs = 1900): Script => ({
  voiceUntilMs,
  totalMs,
  p: (startMs) => (startMs >= VOICE_FROM_MS && startMs < dropAtMs ? 1 : 0.05),
});

describe("the user's pause comes at the VAD's first quiet window once the voice has been quiet 96 ms", () => {
  it('voice quiet exactly 96 ms at that window (N): the final is asked there, 64 ms before the VAD gap', async () => {
    // Voice ends at 1280; Silero holds on until the window at 1344 (64 ms of lag), which ends at 1376 = 1280 + 96.
    const { log, sttCalls } = await run(lagging(1280, 1344));
    expect(log).toEqual(['pause 1344 at 1376', 'vad gap 1344 at 1440', 'vad end 1344 at 1664']);
    // Asked once, at the pause; the quiet after it is not sent.
    expect(sttCalls).toEqual(['final asked at 1376', 'reset at 1664']);
  });

  it('voice quiet 95 ms at that window (N-1): the pause waits for the next quiet window', async () => {
    const { log, sttCalls } = await run(lagging(1281, 1344));
    expect(log).toEqual(['pause 1344 at 1408', 'vad gap 1344 at 1440', 'vad end 1344 at 1664']);
    expect(sttCalls[0]).toBe('final asked at 1408');
  });

  it('the level still says voice while the VAD says quiet (a soft trailing voice): the VAD gap decides', async () => {
    const { log } = await run(lagging(1500, 1344));
    expect(log).toEqual(['pause 1344 at 1440', 'vad gap 1344 at 1440', 'vad end 1344 at 1664']);
  });

  it('the level is quiet but the VAD still hears speech (a voice the level misses): no pause until the VAD agrees', async () => {
    const { log } = await run(lagging(1000, 1504));
    expect(log).toEqual(['pause 1504 at 1536', 'vad gap 1504 at 1600', 'vad end 1504 at 1824']);
  });

  it('a stop inside the speech that the VAD hears again before its gap: the user resumes, and the rest is recognized as well', async () => {
    // Quiet from 1280 (VAD quiet from 1344), voice again from 1400 (VAD speech again from 1408), then the end.
    const { log, sttCalls, input } = await run({
      voiceUntilMs: 1280,
      againFromMs: 1400,
      againUntilMs: 2000,
      totalMs: 2700,
      p: (s) => (s >= VOICE_FROM_MS && (s < 1344 || (s >= 1408 && s < 2048)) ? 1 : 0.05),
    });
    expect(log).toEqual(['pause 1344 at 1376', 'resume 1408 at 1440', 'pause 2048 at 2112', 'vad gap 2048 at 2144', 'vad end 2048 at 2368']);
    // Two finals (before the stop, and the rest), no recognition thrown away but the quiet at the end.
    expect(sttCalls).toEqual(['final asked at 1376', 'final asked at 2112', 'reset at 2368']);
    expect(input.pausing).toBe(false);
  });

  it('speech shorter than 250 ms is not sent early (it may still be a misfire)', async () => {
    const { log, sttCalls } = await run({ voiceUntilMs: 520, totalMs: 1200, p: (s) => (s >= VOICE_FROM_MS && s < 544 ? 1 : 0.05) });
    expect(log.filter((l) => l.startsWith('pause'))).toEqual([]);
    expect(sttCalls).toEqual(['final asked at 864']);
  });
});

describe('preemptive generation from the early pause, on the real VAD path', () => {
  const EARLY = 'The early answer nobody should hear.';
  const LATE = 'The train to York leaves at nine.';
  const FRAME_MS = 4;

  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the user goes on before the VAD gap: the early answer is dropped, nothing of it is played, shown or remembered', async () => {
    const clock = systemClock;
    const t0 = performance.now();
    const sink = new RecordingSink({ clock, sampleRate: 16000 });
    const playback = new PlaybackQueue({ output: sink, clock });
    const stt = new ScriptedRecognizer();
    const llm = new ScriptedLlm([EARLY, LATE]);
    const tts = new ScriptedTts(clock);
    // Voice 320-1280 and 1400-2000 (stream ms from t0); Silero hears it until 1344, and 1408-2048.
    const p = (s: number) => (s >= VOICE_FROM_MS && (s < 1344 || (s >= 1408 && s < 2048)) ? 1 : 0.05);
    const vad = new VadProcessor({ model: new ScriptedVadModel((i) => p(i * WINDOW_MS)), options: { prefixPaddingMs: 0 } });
    const session = new AgentSession({
      sessionId: 's1',
      clock,
      vad: vadPort(vad),
      stt,
      llm,
      tts,
      playback,
      conversation: ConversationSettingsSchema.parse({ echoGuard: false }),
      prefixPaddingMs: 0,
    });
    const outcomes: string[] = [];
    session.on('preemptive', (e) => outcomes.push(`${e.outcome} at ${Math.round(e.tMs - t0)}`));
    session.start();
    stt.finalText = 'when is the next train';
    const voiced = (t: number) => (t >= VOICE_FROM_MS && t < 1280) || (t >= 1400 && t < 2000);
    for (let t = 0; t < 3400; t += FRAME_MS) {
      if (t === 1440) stt.finalText = 'to York';
      await vi.advanceTimersByTimeAsync(FRAME_MS); // the frame [t, t + 4) arrives at its end
      const data = new Float32Array(64).map((_, i) => Math.sin((2 * Math.PI * 200 * (t * 16 + i)) / 16_000) * (voiced(t) ? 0.1 : 0.0003));
      await session.pushMicFrame({ data, sampleRate: 16_000, channels: 1, timestampMs: t0 + t });
    }
    await vi.advanceTimersByTimeAsync(5000);

    // Started at the early pause (1376), dropped when the VAD heard speech again (1440), then the real answer.
    expect(outcomes).toEqual(['started at 1376', 'dropped at 1440', 'started at 2112', 'used at 2500']);
    expect(llm.calls).toHaveLength(2);
    expect(session.history.messages).toEqual([
      { role: 'user', content: 'when is the next train to York' },
      { role: 'assistant', content: LATE },
    ]);
    const agentText = session.transcript.entries.filter((e) => e.speaker === 'agent').map((e) => `${e.text} ${e.unheardText ?? ''}`);
    expect(agentText.join(' ')).not.toMatch(/early/i);
    // Not a sample before the end of the turn, 500 ms after the voice.
    const audible = sink.frames.filter((f) => f.data.some((v) => Math.abs(v) > 1e-4));
    expect(audible.length).toBeGreaterThan(0);
    expect(Math.min(...audible.map((f) => f.writtenAtMs)) - t0).toBe(2500);
  });
});

describe('the voice pause for barge-in: the same moment, with or without a recognizer', () => {
  it('no recognizer, voice quiet exactly 96 ms at the first quiet window (N): announced there, 64 ms before the VAD gap', async () => {
    const { voiceLog } = await run(lagging(1280, 1344), false);
    expect(voiceLog).toEqual(['voice pause 1344 at 1376', 'vad gap 1344 at 1440', 'vad end 1344 at 1664']);
  });

  it('no recognizer, voice quiet 95 ms there (N-1): the next quiet window', async () => {
    const { voiceLog } = await run(lagging(1281, 1344), false);
    expect(voiceLog[0]).toBe('voice pause 1344 at 1408');
  });

  it('the voice goes on after its pause: announced when the VAD hears it again', async () => {
    const { voiceLog } = await run(
      {
        voiceUntilMs: 1280,
        againFromMs: 1400,
        againUntilMs: 2000,
        totalMs: 2700,
        p: (s) => (s >= VOICE_FROM_MS && (s < 1344 || (s >= 1408 && s < 2048)) ? 1 : 0.05),
      },
      false,
    );
    expect(voiceLog).toEqual([
      'voice pause 1344 at 1376',
      'voice resume 1408 at 1440',
      'voice pause 2048 at 2112',
      'vad gap 2048 at 2144',
      'vad end 2048 at 2368',
    ]);
  });

  it('short speech (a backchannel under 250 ms) is announced too: barge-in decides on it by itself', async () => {
    const { voiceLog } = await run({ voiceUntilMs: 520, totalMs: 1200, p: (s) => (s >= VOICE_FROM_MS && s < 544 ? 1 : 0.05) });
    expect(voiceLog[0]).toMatch(/^voice pause 544 at/);
  });
});
