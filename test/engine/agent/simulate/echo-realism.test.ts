/**
 * simulate's realistic echo: a room impulse response from a WAV, loudspeaker distortion,
 * clock drift and an echo-path change, through the whole session with the echo canceller on;
 * the result reports ERLE over the agent-only stretches and carries what the VAD got.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import wavefile from 'wavefile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../../../electron/engine/agent/simulate/scenario.js';
import { imageSourceResponse } from '../../../../electron/engine/agent/simulate/image-source.js';
import { AGENT_TEXT, FIXTURES, makeHarness, type Harness } from './helpers/harness.js';

let h: Harness;
let dir: string;
let rirWav: string;

function writeWav(path: string, samples: Float32Array, rate: number): void {
  const w = new wavefile.WaveFile();
  const peak = samples.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  w.fromScratch(
    1,
    rate,
    '16',
    Int16Array.from(samples, (s) => Math.round((0.9 * s * 32767) / peak)),
  );
  writeFileSync(path, w.toBuffer());
}

beforeAll(async () => {
  h = await makeHarness();
  dir = mkdtempSync(join(tmpdir(), 'echo-realism-'));
  rirWav = join(dir, 'room.wav');
  // A study, T60 350 ms, the laptop's speaker 15 cm from its mic; stored at 48 kHz (resampled on load).
  writeWav(rirWav, imageSourceResponse({ size: [4, 3.5, 2.6], speaker: [1.6, 1.5, 0.8], mic: [1.72, 1.59, 0.85], t60Ms: 350, sampleRate: 48_000 }), 48_000);
}, 60_000);
afterAll(async () => {
  await h.close();
});

describe('simulate: realistic echo', () => {
  it('accepts the new echo fields next to the old ones and resolves rirWav like the clips', () => {
    const s = parseScenario(
      {
        agentSays: 'Hi.',
        echo: {
          gainDb: -6,
          delayMs: 10,
          rt60Ms: 300,
          rirWav: 'room.wav',
          nonlinearity: { driveDb: 12 },
          driftPpm: -100,
          pathChange: { atMs: 3000, gainDb: -3 },
        },
      },
      dir,
    );
    expect(s.echo).toMatchObject({ rirWav: join(dir, 'room.wav'), nonlinearity: { driveDb: 12 }, driftPpm: -100, pathChange: { atMs: 3000, gainDb: -3 } });
    expect(() => parseScenario({ agentSays: 'Hi.', echo: { gainDb: 0, delayMs: 0, driftPpm: 5000 } }, dir)).toThrow(ScenarioError);
    expect(() => parseScenario({ agentSays: 'Hi.', echo: { gainDb: 0, delayMs: 0, driftPpm: 5000 } }, dir)).toThrow(/echo\.driftPpm/);
  });

  it('says which impulse response file is missing', async () => {
    await expect(h.run({ agentSays: AGENT_TEXT, echo: { gainDb: 0, delayMs: 10, rirWav: join(dir, 'nope.wav') } })).rejects.toThrow(/nope\.wav/);
  });

  it('a distorting, drifting laptop in a room, moved half-way: the agent does not interrupt itself and the ERLE is reported', async () => {
    const r = await h.run({
      agentSays: AGENT_TEXT,
      echo: { gainDb: 0, delayMs: 10, rirWav, nonlinearity: { driveDb: 6 }, driftPpm: 100, pathChange: { atMs: 4000, gainDb: 3 } },
      settings: { audio: { echoCancellation: true } },
    });
    expect(r.interrupted).toBe(false);
    expect(r.echo!.agentOnlyMs).toBeGreaterThan(3000);
    expect(r.echo!.erleDb).toBeGreaterThan(10);
    // What the VAD got is far quieter than the mic over the agent's speech.
    const energy = (x: Float32Array) => x.reduce((s, v) => s + v * v, 0);
    expect(energy(r.traces.cancelled)).toBeLessThan(energy(r.traces.mic) / 10);
  });

  it('an echo 120 ms late (a Bluetooth speaker) does not pause the agent while the canceller is still learning it', async () => {
    const r = await h.run({ agentSays: AGENT_TEXT, echo: { gainDb: -10, delayMs: 120 }, settings: { audio: { echoCancellation: true } } });
    expect(r.interrupted).toBe(false);
    expect(r.events.filter((e) => e.type === 'paused')).toEqual([]);
  });

  it('a real user over the echo still interrupts, with the canceller on', async () => {
    const r = await h.run({
      agentSays: AGENT_TEXT,
      echo: { gainDb: 0, delayMs: 10, rirWav },
      user: [{ wav: join(FIXTURES, 'real-sentence.wav'), atMs: 3000, text: 'actually I wanted the later train' }],
      settings: { audio: { echoCancellation: true } },
    });
    expect(r).toMatchObject({ interrupted: true, reason: 'voice' });
    expect(r.echo!.doubleTalk!.correlation).toBeGreaterThan(0.5);
  });
});
