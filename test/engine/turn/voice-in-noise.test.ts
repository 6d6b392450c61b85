/**
 * The voice rule without words in a noisy room: only what stands over the room is voice. In a
 * -45 dBFS room the VAD's release tail (room, nobody speaking) passed the old -50 dBFS rule, so
 * a 590 ms "okay" held open for 1 s became "1 s of voice" and stopped the agent.
 */
import { describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../electron/engine/clock.js';
import type { AudioFrame } from '../../../electron/engine/audio/frame.js';
import { BargeInController } from '../../../electron/engine/turn/barge-in-controller.js';
import { buildStrategies } from '../../../electron/engine/turn/strategies/build-strategies.js';
import { InterruptionDecider } from '../../../electron/engine/turn/strategies/interruption-decider.js';
import { VoiceShape } from '../../../electron/engine/turn/strategies/voice-shape.js';
import { RoomLevel } from '../../../electron/engine/vad/room-level.js';
import { FakePlayback, FakeTts, defaults, now, speechOn, useFakeTimersPerTest } from './helpers/fakes.js';

useFakeTimersPerTest();

const ROOM_DBFS = -45;
let seed = 7;
/** 20 ms of seeded white noise at the room's level, with a 200 Hz voice at `voiceDbfs` on top (null: the room alone). */
function frame(voiceDbfs: number | null): AudioFrame {
  const noiseAmp = Math.sqrt(3) * 10 ** (ROOM_DBFS / 20);
  const voiceAmp = voiceDbfs === null ? 0 : Math.sqrt(2) * 10 ** (voiceDbfs / 20);
  const data = new Float32Array(320);
  for (let i = 0; i < data.length; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) | 0;
    data[i] = noiseAmp * ((seed >>> 0) / 2 ** 31 - 1) + voiceAmp * Math.sin((2 * Math.PI * 200 * i) / 16000);
  }
  return { data, sampleRate: 16000, channels: 1, timestampMs: 0 };
}

/** What the session measures: the room heard before the speech (the echo gate zeroed every other block). */
function roomBefore(): number | null {
  const room = new RoomLevel();
  for (let i = 0; i < 100; i++) {
    const f = frame(null);
    f.data.fill(0, 160, 320);
    room.push(f, false);
  }
  return room.db;
}

const voiceShape = defaults.strategies.find((s) => s.type === 'voiceShape');
const LONG = voiceShape?.type === 'voiceShape' ? voiceShape.params.minSpeechMs : NaN;

function noWordsInTheRoom(roomDb: number | null) {
  const playback = new FakePlayback();
  const decider = new InterruptionDecider(buildStrategies(defaults.strategies, defaults, 'none'), 'none');
  const controller = new BargeInController({ clock: systemClock, playback, tts: new FakeTts(), decider }, defaults);
  const events: string[] = [];
  controller.on('interrupted', () => events.push('interrupted'));
  controller.agentStartedSpeaking(speechOn(playback, 't1'));
  decider.setRoomLevel(roomDb); // as the session does at each onset
  controller.onSpeechStart(now());
  const feed = (ms: number, voiceDbfs: number | null) => {
    for (let t = 0; t < ms; t += 20) {
      controller.onUserAudio(frame(voiceDbfs));
      vi.advanceTimersByTime(20);
    }
  };
  return { events, feed };
}

describe('the voice rule in a -45 dBFS room', () => {
  it("knows the room's level although the gate zeroed half of what it heard", () => {
    expect(roomBefore()).toBeGreaterThan(ROOM_DBFS - 2);
  });

  it('a 600 ms backchannel with the VAD holding on 500 ms of room after it does not stop the agent', () => {
    const { events, feed } = noWordsInTheRoom(roomBefore());
    feed(600, -20);
    feed(500, null);
    expect(events).toEqual([]);
  });

  it('the same without knowing the room: the tail counts (why the room is needed)', () => {
    const { events, feed } = noWordsInTheRoom(null);
    feed(600, -20);
    feed(500, null);
    expect(events).toEqual(['interrupted']);
  });

  it(`${LONG} ms of voice over the room interrupts, ${LONG - 20} ms and the room after it do not`, () => {
    const short = noWordsInTheRoom(roomBefore());
    short.feed(LONG - 20, -20);
    short.feed(400, null);
    expect(short.events).toEqual([]);
    const long = noWordsInTheRoom(roomBefore());
    long.feed(LONG, -20);
    expect(long.events).toEqual(['interrupted']);
  });

  it('a soft voice 10 dB over the room still counts', () => {
    const shape = new VoiceShape();
    shape.setRoomLevel(roomBefore());
    for (let t = 0; t < 500; t += 20) shape.append(frame(-35));
    expect(shape.speechMs).toBeGreaterThanOrEqual(490);
  });
});
