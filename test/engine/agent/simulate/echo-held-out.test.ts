/**
 * The echo canceller and the barge-in path in conditions nobody tuned on (bench:echo
 * --stress-only measures more of them): a small tiled bathroom with a phone 7 cm from its
 * mic, a rattling loudspeaker, +-300 ppm drift, two echo-path changes, and an output latency
 * the device does not report that changes mid-sentence. Through simulate with the real session
 * (canceller, Silero VAD, barge-in controller) and real speech.
 *
 * Up to +6 dB (the range) the safety rule holds in all of them: the agent's own voice
 * never stops it, and a real interruption over the echo still does; so it does at +10 dB with
 * the phone moved twice. Two former known failures (a missed interruption after the phone moved, the
 * bathroom's tail pausing the agent) now assert the behaviour they documented, each with its cause.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { echoRoom } from '../../../../electron/engine/agent/simulate/echo-rooms.js';
import type { SimulationResult } from '../../../../electron/engine/agent/simulate/run-scenario.js';
import { writeRoomResponse } from '../../../../bench/echo-rooms.js';
import { AGENT_TEXT, FIXTURES, useHarness } from './helpers/harness.js';

const h = useHarness();
const CANCELLER = { audio: { echoCancellation: true } };
/** About +6 dB over a user at -26 dBFS for the tuning voice (flite slt). */
const LOUD_ECHO_DB = 2;
let bathroom: string;
let office: string;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'echo-held-out-'));
  bathroom = writeRoomResponse(dir, echoRoom('bathroom 1000 ms, phone 7 cm', [2.2, 1.8, 2.4], 1000, 0.07, [0.45, 0.5], [0, 1]), 0);
  office = writeRoomResponse(dir, echoRoom('small office 150 ms, laptop 5 cm', [3.0, 2.5, 2.4], 150, 0.05, [0.5, 0.4], [1, 0]), 1);
  // The bathroom's 900 ms of image sources: about 13 s of CPU, a minute or more on a loaded machine.
}, 300_000);

const pauses = (r: SimulationResult) => r.events.filter((e) => e.type === 'outputPaused').map((e) => e.tMs);
/** What the simulation itself reported as going wrong (a session error, the run's time limit): none, for a known failure to be the one it documents. */
const errors = (r: SimulationResult) => r.events.filter((e) => e.type === 'error');
const interruption = { wav: join(FIXTURES, 'real-sentence.wav'), atMs: 4000, text: 'actually I wanted the later train' };

/** A rattling phone drifting 300 ppm: in the bathroom, moved to an office desk at 3.5 s, back to the bathroom at 6.5 s on a 110 ms longer output path (unreported). */
const restless = (gainDb: number) => ({
  gainDb,
  delayMs: 10,
  rirWav: bathroom,
  nonlinearity: { driveDb: 12, shape: 'rattle' },
  driftPpm: 300,
  pathChange: [
    { atMs: 3500, rirWav: office, gainDb: LOUD_ECHO_DB },
    { atMs: 6500, rirWav: bathroom, delayMs: 120 },
  ],
});

describe('echo in conditions nobody tuned on', () => {
  it('a rattling, drifting phone at +6 dB moved twice, the second time onto a longer output path: its own voice never stops the agent', async () => {
    const r = await h.run({ agentSays: AGENT_TEXT, echo: restless(LOUD_ECHO_DB), settings: CANCELLER });
    expect(r.interrupted).toBe(false);
  });

  // A false stop at 7.84 s: after the second change the filter sat on the old lag for ~1.7 s, the gate passed the raw
  // echo as the user for ~1 s and the no-words rule (voiceShape) stopped the agent. Now the mic falling silent where the
  // filter predicts echo holds the gate until the filter has the path again, and the delay search follows the move.
  it('the same at +10 dB: its own voice never stops the agent', async () => {
    const r = await h.run({ agentSays: AGENT_TEXT, echo: restless(LOUD_ECHO_DB + 4), settings: CANCELLER });
    expect(r.interrupted).toBe(false);
  });

  it('a real interruption over a rattling, drifting laptop whose path changes during the double talk still stops the agent', async () => {
    const r = await h.run({
      agentSays: AGENT_TEXT,
      echo: {
        gainDb: LOUD_ECHO_DB,
        delayMs: 10,
        rirWav: office,
        nonlinearity: { driveDb: 12, shape: 'rattle' },
        driftPpm: -300,
        pathChange: { atMs: 4500, rirWav: bathroom },
      },
      user: [interruption],
      settings: CANCELLER,
    });
    // Caught by its words, not by the 1 s no-words rule (430 ms here; the same clip without echo: about 240).
    expect(r).toMatchObject({ interrupted: true, reason: 'voice' });
    expect(r.bargeInLatencyFromVoiceMs).toBeLessThan(800);
  });

  // Was a known failure, missed (the agent talked on): traced block by block (canceller, suppressor, gate). The rattle leaves the linear
  // filter removing 2-9 dB, its leak hovering about 0.5, and the suppressor's residual estimate (the echo bound over the
  // error on echo alone, and the echo estimate over an ERLE of 3-9 dB) stands at the error's level, so the user's first
  // syllables get a gain of 0.01-0.3. The gate trusts the canceller's voice bins only at full credit (19 dB removed on
  // echo alone): here 20 dB, falling 2.5 dB/s, and restarted at 4.47 s when the leak bounced back to 1 in the double
  // talk (it came back at 17.3 dB); so the 6-13 voice bins it finds at 4.86-4.98 s are not trusted, and the guard's
  // predicted echo (a linear envelope of a compressing speaker) stands 8-12 dB over the mic. The same user 200 ms later is
  // heard at 570 ms (clean 170); the espeak voice of bench:echo --stress-only is missed at 4.0 s. Caught since the
  // suppressor's gain is folded from 94 Hz up (ResidualSuppressor FOLD_FIRST_BIN): the echo's rumble under the voice
  // band no longer decides it.
  it('a real interruption 0.3 s after the rattling, drifting phone at +6 dB was moved stops the agent', async () => {
    const r = await h.run({ agentSays: AGENT_TEXT, echo: restless(LOUD_ECHO_DB), user: [{ ...interruption, atMs: 3800 }], settings: CANCELLER });
    expect(errors(r)).toEqual([]);
    expect(r.voiceOnsetsMs).toHaveLength(1);
    expect(r).toMatchObject({ interrupted: true, reason: 'voice' });
  });

  // Was a known failure: the late reverberation of a small, hard room outlasts the echo guard's 1.2 dB / 10 ms decay and
  // the suppressor's estimate, and the VAD heard the tail after a syllable (one pause at 1.42 s, resumed 160 ms later).
  // The room's near-DC echo held the suppressor's folded gain open over it; folded from 94 Hz up, it is not heard.
  it('a phone 7 cm from its mic in a bathroom (T60 1 s), echo +6 dB over the user: its own voice neither stops nor pauses the agent', async () => {
    const r = await h.run({ agentSays: AGENT_TEXT, echo: { gainDb: LOUD_ECHO_DB, delayMs: 10, rirWav: bathroom }, settings: CANCELLER });
    expect(errors(r)).toEqual([]);
    expect(r.interrupted).toBe(false);
    expect(pauses(r)).toEqual([]);
  });

  // It paused the agent three times (5.78, 7.34, 8.28 s): the filter's window and the guard's delay estimate both sat on
  // the old lag for 1-3.5 s, and the gate passed the echo as the user. Now the mic falling silent where the filter
  // predicts echo holds the gate, and the delay search's recent look moves the window within ~0.9 s.
  it('the output latency grows from 20 to 250 ms mid-sentence, unreported (a Bluetooth speaker): the agent is not paused by its own voice', async () => {
    const r = await h.run({
      agentSays: AGENT_TEXT,
      echo: { gainDb: LOUD_ECHO_DB, delayMs: 10, rirWav: office, pathChange: { atMs: 5000, delayMs: 250 } },
      settings: CANCELLER,
    });
    expect(r.interrupted).toBe(false);
    expect(pauses(r)).toEqual([]);
  });

  // With room noise the mic never fell 25 dB under the filter's estimate, so the path watch never held the gate and the
  // raw echo at the new lag paused the agent (bench:echo --stress-only: twice at -50 dBFS). The test is now against the
  // mic's excess over the room's noise floor.
  for (const noise of [
    { roomNoiseDbfs: -60, roomNoiseColour: 'white' },
    { roomNoiseDbfs: -50, roomNoiseColour: 'pink' },
  ])
    it(`the same in a room with ${noise.roomNoiseColour} noise at ${noise.roomNoiseDbfs} dBFS: the agent is not paused by its own voice`, async () => {
      const r = await h.run({
        agentSays: AGENT_TEXT,
        echo: { gainDb: LOUD_ECHO_DB, delayMs: 10, rirWav: office, pathChange: { atMs: 5000, delayMs: 250 } },
        ...noise,
        settings: CANCELLER,
      });
      expect(r.interrupted).toBe(false);
      expect(pauses(r)).toEqual([]);
    });
});
