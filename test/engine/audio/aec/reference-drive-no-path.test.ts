/**
 * With headphones the mic holds no echo of the agent: the canceller passes it through, and the
 * loudspeaker's drive (ReferenceDrive: 7 FFTs a reference block to keep its candidates, more to
 * judge them) has nothing to learn from. It does no such work then, and when a speaker takes over
 * (headphones unplugged mid-answer) it still learns a saturating speaker's drive.
 * A real reader as the agent, a bedroom's echo (image-source) at the user's level.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EchoCanceller } from '../../../../electron/engine/audio/aec/echo-canceller.js';
import { DRIVES_DB, ReferenceDrive } from '../../../../electron/engine/audio/aec/reference-drive.js';
import { readWavFile } from '../../../../electron/engine/audio/wav-reader.js';
import { EchoPath } from '../../../../electron/engine/agent/simulate/echo-path.js';
import { roomFromResponse } from '../../../../electron/engine/agent/simulate/echo-room.js';
import { atLevel, echoRoom } from '../../../../electron/engine/agent/simulate/echo-rooms.js';
import { imageSourceResponse } from '../../../../electron/engine/agent/simulate/image-source.js';

const RATE = 16_000;
const FRAME = 320;
/** The reference is handed over one frame before it is heard (PlaybackQueue's lead). */
const LEAD = 320;
const AGENT_AT = RATE / 5;
const DURATION = RATE * 16;

let agent: Float32Array;

beforeAll(async () => {
  const reader = await readWavFile(fileURLToPath(new URL('../../../fixtures/speech/intent.wav', import.meta.url)));
  agent = atLevel(reader.samples.subarray(0, DURATION), -20);
});

afterEach(() => {
  vi.restoreAllMocks();
});

const { push, judge } = ReferenceDrive.prototype;
const bedroom = echoRoom('bedroom', [3.6, 3.0, 2.5], 280, 0.1);

/**
 * The agent talks from 0.2 s; the mic holds a quiet room (-70 dBFS) and, from `speakerFromS` on, the echo of a speaker
 * soft-clipped at 12 dB drive (never with Infinity). Returns the canceller, the echo, the output, and where each call
 * of the drive's `push` and `judge` fell (sample positions).
 */
function run(speakerFromS: number) {
  const heard = new Float32Array(DURATION + RATE);
  heard.set(agent.subarray(0, DURATION - AGENT_AT), AGENT_AT);
  const path = new EchoPath({ room: roomFromResponse(imageSourceResponse(bedroom), -6, 10), driveDb: 12 });
  path.setOrigin((AGENT_AT * 1000) / RATE);
  let now = 0;
  const pushes: number[] = [];
  const judged: number[] = [];
  vi.restoreAllMocks();
  vi.spyOn(ReferenceDrive.prototype, 'push').mockImplementation(function (this: ReferenceDrive, ...args) {
    pushes.push(now);
    return push.apply(this, args);
  });
  vi.spyOn(ReferenceDrive.prototype, 'judge').mockImplementation(function (this: ReferenceDrive, ...args) {
    judged.push(now);
    return judge.apply(this, args);
  });
  const aec = new EchoCanceller({ suppression: false });
  const echo = new Float32Array(DURATION);
  const out = new Float32Array(DURATION);
  let seed = 1;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 2 * Math.sqrt(3) * 10 ** (-70 / 20);
  for (let s = 0; s < DURATION; s += FRAME) {
    now = s;
    const e = path.samples(heard, s, FRAME);
    if (s >= speakerFromS * RATE) echo.set(e, s);
    const mic = Float32Array.from({ length: FRAME }, (_, i) => echo[s + i]! + noise());
    const ahead = s + LEAD;
    aec.pushReference({ data: heard.slice(ahead, ahead + FRAME), sampleRate: RATE, channels: 1, timestampMs: (s * 1000) / RATE }, (ahead * 1000) / RATE);
    out.set(aec.process({ data: mic, sampleRate: RATE, channels: 1, timestampMs: (s * 1000) / RATE }).data, s);
  }
  const drive = (aec as unknown as { linear: { drive: ReferenceDrive } }).linear.drive;
  return { aec, echo, out, pushes, judged, driveDb: DRIVES_DB[drive.current] };
}

/** Echo removed over [fromS, toS) where the echo is present (dB, echo vs output). */
function removedDb(r: ReturnType<typeof run>, fromS: number, toS: number): number {
  let e = 0;
  let o = 0;
  for (let i = fromS * RATE; i < toS * RATE; i++) {
    e += r.echo[i]! * r.echo[i]!;
    o += r.out[i]! * r.out[i]!;
  }
  return 10 * Math.log10(e / o);
}

describe('ReferenceDrive with no echo path in the mic', () => {
  it('keeps and judges no candidates while the canceller passes the mic through (headphones)', () => {
    const r = run(Infinity);
    expect(r.aec.passedThrough).toBe(true);
    // From 1 s on the path is absent (it is judged so after a third of a second of agent audio without evidence).
    expect(r.pushes.filter((s) => s >= RATE).length).toBe(0);
    expect(r.judged.filter((s) => s >= RATE).length).toBe(0);
  });

  it("still learns a saturating speaker's drive when the speaker takes over mid-answer (headphones unplugged at 4 s)", () => {
    const r = run(4);
    expect(r.pushes.filter((s) => s >= 6 * RATE).length).toBeGreaterThan(0);
    expect(r.driveDb).not.toBeNull();
    expect(r.driveDb!).toBeGreaterThanOrEqual(9);
    expect(removedDb(r, 10, 16)).toBeGreaterThanOrEqual(15);
  });
});
