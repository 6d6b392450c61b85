/**
 * The loudspeaker's learned saturation (ReferenceDrive) belongs to one speaker. When the speaker is lost (unplugged,
 * the system's default output changed), the one heard next may be another: the drive goes back to the reference as
 * played and is learned afresh. A laptop moved to another room keeps its speaker, and its drive: learned again, the
 * room change cost 6-15 dB in the seconds after it. A real reader as the agent, image-source rooms, echo alone at the
 * user's level, the linear filter alone (no residual suppression).
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { EchoCanceller } from '../../../../electron/engine/audio/aec/echo-canceller.js';
import { DRIVES_DB, type ReferenceDrive } from '../../../../electron/engine/audio/aec/reference-drive.js';
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
const DURATION = RATE * 14;
/** The first speaker plays until 8 s: its 12 dB drive is learned by then. */
const CHANGE_AT = RATE * 8;

let agent: Float32Array;

beforeAll(async () => {
  const reader = await readWavFile(fileURLToPath(new URL('../../../fixtures/speech/intent.wav', import.meta.url)));
  agent = atLevel(reader.samples.subarray(0, DURATION), -20);
});

const bedroom = echoRoom('bedroom', [3.6, 3.0, 2.5], 280, 0.1);
const living = echoRoom('living', [5.0, 4.2, 2.7], 450, 0.3, [0.3, 0.6], [0.7, -0.7]);

/**
 * A speaker soft-clipped at 12 dB drive in the bedroom until 8 s, then `next`; `speakerLost` tells the canceller at
 * 8 s. Returns the drive in use (dB, null: as played) just after the change and at the end, and a function giving the
 * echo removed over a span (dB, echo vs output).
 */
function run(next: EchoPath, speakerLost: boolean) {
  const heard = new Float32Array(DURATION + RATE);
  heard.set(agent.subarray(0, DURATION - AGENT_AT), AGENT_AT);
  const first = new EchoPath({ room: roomFromResponse(imageSourceResponse(bedroom), -6, 10), driveDb: 12 });
  for (const path of [first, next]) path.setOrigin((AGENT_AT * 1000) / RATE);
  const aec = new EchoCanceller({ suppression: false });
  const drive = () => DRIVES_DB[(aec as unknown as { linear: { drive: ReferenceDrive } }).linear.drive.current];
  const echo = new Float32Array(DURATION);
  const out = new Float32Array(DURATION);
  let before: number | null | undefined;
  let after: number | null | undefined;
  for (let s = 0; s < DURATION; s += FRAME) {
    const a = first.samples(heard, s, FRAME);
    const b = next.samples(heard, s, FRAME);
    echo.set(s < CHANGE_AT ? a : b, s);
    if (s === CHANGE_AT) {
      before = drive();
      if (speakerLost) aec.speakerChanged();
      after = drive();
    }
    const ahead = s + LEAD;
    aec.pushReference({ data: heard.slice(ahead, ahead + FRAME), sampleRate: RATE, channels: 1, timestampMs: (s * 1000) / RATE }, (ahead * 1000) / RATE);
    out.set(aec.process({ data: echo.slice(s, s + FRAME), sampleRate: RATE, channels: 1, timestampMs: (s * 1000) / RATE }).data, s);
  }
  const removedDb = (fromS: number, toS: number) => {
    let e = 0;
    let o = 0;
    for (let i = fromS * RATE; i < toS * RATE; i++) {
      e += echo[i]! * echo[i]!;
      o += out[i]! * out[i]!;
    }
    return 10 * Math.log10(e / o);
  };
  return { before, after, end: drive(), removedDb };
}

describe('EchoCanceller, the speaker changes', () => {
  // Without being told (the drive kept): 8.9 dB removed in the first 2 s, and the judge settled on a 6 dB drive (19-28 dB after).
  it('learns a linear speaker that replaces a saturating one afresh, from the reference as played, when told the speaker was lost', () => {
    const r = run(new EchoPath({ room: roomFromResponse(imageSourceResponse(bedroom), -3, 10) }), true);
    expect(r.before).toBe(12);
    expect(r.after).toBeNull();
    expect(r.end).toBeNull();
    expect(r.removedDb(8, 10)).toBeGreaterThanOrEqual(20);
    expect(r.removedDb(10, 14)).toBeGreaterThanOrEqual(30);
  });

  // Reset there too, the same move left 1.5, 0.8 and 2.6 dB in the first, second and fourth second after it.
  it('keeps the drive of a laptop moved to another room (the same speaker): only its echo path is learned again', () => {
    const r = run(new EchoPath({ room: roomFromResponse(imageSourceResponse(living), -6, 10), driveDb: 12 }), false);
    expect(r.end).toBe(12);
    expect(r.removedDb(8, 10)).toBeGreaterThanOrEqual(6);
    expect(r.removedDb(10, 14)).toBeGreaterThanOrEqual(15);
  });
});
