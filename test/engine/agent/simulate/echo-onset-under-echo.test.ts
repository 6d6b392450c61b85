/**
 * A user who starts to talk under the agent's loud echo (+6 dB over their voice, a laptop at full volume) is heard from
 * their first syllable, as without echo: the canceller finds their voice bin by bin, where the agent's residual is
 * low, while a broadband comparison with the echo missed it until a later syllable outshone the agent's (bench:echo
 * B2's worst cases: 658 ms to inaudible in the meeting room and 626 in the study, 210 without echo). Through simulate
 * with the whole session (canceller, echo guard, Silero VAD, barge-in controller), the benchmark's rooms and agent voice.
 * The study is a known failure (`it.fails`): there the user's onset shows only between the agent's harmonics, a bin
 * from the residual's peaks; a bin over its own residual estimate counts once it holds for 3 of 4 canceller blocks
 * (a drifting speaker's echo alone missed its estimate 2 blocks at a time), which brought it from 626 to 250 ms, still
 * 40 over the same words without echo (242 when the gate also takes the first quiet block of it). It turns red the day
 * it is fixed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadResamplerFactory, resampleAll, type ResamplerFactory } from '../../../../electron/engine/audio/resampler.js';
import { runScenario, type SimulationResult } from '../../../../electron/engine/agent/simulate/run-scenario.js';
import { parseScenario } from '../../../../electron/engine/agent/simulate/scenario.js';
import { synthesizeTexts, type SynthesizedSpeech } from '../../../../electron/engine/agent/simulate/synthesize.js';
import { SileroVadModel } from '../../../../electron/engine/vad/silero-vad-model.js';
import { activeLevelDb, AGENT, ROOMS, writeRoomResponse, writeWav } from '../../../../bench/echo-rooms.js';
import { scaleTo, USER_DBFS } from '../../../../bench/echo-canceller.js';

const REPLY = 'Okay.';
const USER_TEXT = 'actually I need an earlier train';
/** The target: barge-in over echo within 30 ms of the same utterance without echo. */
const EXTRA_MS = 30;
const CANCELLER = { audio: { echoCancellation: true } };

let dir: string;
let speech: Map<string, SynthesizedSpeech>;
let vadModel: SileroVadModel;
let resamplers: ResamplerFactory;
let agentLevelDb: number;
let userWav: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'echo-onset-'));
  resamplers = await loadResamplerFactory();
  vadModel = await SileroVadModel.load();
  speech = await synthesizeTexts([AGENT, REPLY], 'slt');
  const slt = speech.get(AGENT)!;
  agentLevelDb = activeLevelDb(resampleAll(resamplers, slt.samples, slt.sampleRate, 16_000));
  const user = (await synthesizeTexts([USER_TEXT], 'kal16')).get(USER_TEXT)!;
  userWav = join(dir, 'user.wav');
  writeWav(userWav, scaleTo(resampleAll(resamplers, user.samples, user.sampleRate, 16_000), USER_DBFS));
}, 120_000);
afterAll(async () => {
  await vadModel?.close();
});

const run = (name: string, echo?: Record<string, unknown>): Promise<SimulationResult> =>
  runScenario(
    parseScenario(
      {
        agentSays: AGENT,
        agentReplies: [REPLY],
        tailMs: 2000,
        user: [{ wav: userWav, atMs: 3000, text: USER_TEXT }],
        settings: CANCELLER,
        ...(echo ? { echo } : {}),
      },
      dir,
      name,
    ),
    { speech, vadModel, resamplers },
  );

describe('a user starting to talk under a loud echo', () => {
  for (const [roomIndex, known] of [
    [4, false],
    [1, true], // 250 ms (40 over the same words without echo; 626 before the bin-alone rule held for 3 of 4 blocks)
  ] as const) {
    const room = ROOMS[roomIndex]!;
    (known ? it.fails : it)(
      `${room.name}, echo +6 dB over the user: the agent is inaudible within ${EXTRA_MS} ms of the same words without echo`,
      async () => {
        const clean = await run('clean');
        const echo = { gainDb: 6 + USER_DBFS - agentLevelDb, delayMs: 10, rirWav: writeRoomResponse(dir, room, roomIndex) };
        const r = await run(`echo ${room.name}`, echo);
        expect(r.interrupted).toBe(true);
        expect(clean.bargeInLatencyFromVoiceMs).not.toBeNull();
        expect(r.bargeInLatencyFromVoiceMs! - clean.bargeInLatencyFromVoiceMs!).toBeLessThanOrEqual(EXTRA_MS);
      },
      300_000,
    );
  }
});
