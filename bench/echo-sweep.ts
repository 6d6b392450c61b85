/**
 * bench:echo's sweep: the agent's own voice alone through the whole session (simulate: canceller, Silero VAD, barge-in
 * controller) in every room, tuning (6 rooms, flite slt) and held out (4 rooms, flite awb, never tuned on), at -10, 0 and
 * +6 dB echo against the user's level, linear or strong distortion (12 dB drive) with +100 ppm drift: 60 cases.
 * B1 samples three tuning rooms with one voice, and a 1 dB change of the suppressor moves its paused cases by 1-2 (the
 * gate's edge moves within Silero's 32 ms window): the sweep is the larger sample that decides echo-alone changes.
 * Per set: false barge-ins (the agent cut), cases paused at all and the paused time (pause to resume), cases ducked at all.
 */
import type { ResamplerFactory } from '../electron/engine/audio/resampler.js';
import { resampleAll } from '../electron/engine/audio/resampler.js';
import { runScenario, type SimulationResult } from '../electron/engine/agent/simulate/run-scenario.js';
import { parseScenario } from '../electron/engine/agent/simulate/scenario.js';
import { synthesizeTexts } from '../electron/engine/agent/simulate/synthesize.js';
import { SileroVadModel } from '../electron/engine/vad/silero-vad-model.js';
import { USER_DBFS } from './echo-canceller.js';
import { activeLevelDb, AGENT, HELD_OUT_AGENT, HELD_OUT_ROOMS, ROOMS, writeRoomResponse, type BenchRoom } from './echo-rooms.js';

const LEVELS_DB = [-10, 0, 6];
const CONDITIONS: Record<string, Record<string, unknown>> = {
  linear: {},
  'strong+100ppm': { nonlinearity: { driveDb: 12 }, driftPpm: 100 },
};

export interface SweepRow {
  set: 'tuning' | 'held out';
  room: string;
  echoDb: number;
  condition: string;
  falseBargeIn: boolean;
  pauses: number;
  pausedMs: number;
  ducks: number;
  erleDb: number | null;
  events: string;
}

/** Time paused: each pause to the resume (or the cut, or the false alarm's recovery) that ends it. */
export function pausedMsOf(events: SimulationResult['events']): number {
  let total = 0;
  let since: number | null = null;
  for (const e of events) {
    if (e.type === 'paused') since = e.tMs;
    else if (since !== null && (e.type === 'resumed' || e.type === 'falseInterruption' || e.type === 'interrupted')) {
      total += e.tMs - since;
      since = null;
    }
  }
  return Math.round(total);
}

function caseEvents(r: SimulationResult): string {
  const keep = new Set(['ducked', 'unducked', 'paused', 'resumed', 'falseInterruption', 'interrupted', 'userStartedSpeaking']);
  return r.events
    .filter((e) => keep.has(e.type))
    .map((e) => `${e.type}${e.tentative ? '(t)' : ''}@${Math.round(e.tMs)}`)
    .join(' ');
}

export function summarize(rows: SweepRow[]) {
  return {
    cases: rows.length,
    falseBargeIns: rows.filter((r) => r.falseBargeIn).length,
    pausedCases: rows.filter((r) => r.pauses > 0).length,
    pausedMs: rows.reduce((a, r) => a + r.pausedMs, 0),
    duckedCases: rows.filter((r) => r.ducks > 0).length,
  };
}

export async function echoAloneSweep(input: { dir: string; resamplers: ResamplerFactory; reply: string; log?: boolean }) {
  const { dir, resamplers, reply } = input;
  const vadModel = await SileroVadModel.load();
  const rows: SweepRow[] = [];
  const sets: [SweepRow['set'], readonly BenchRoom[], string, 'slt' | 'awb'][] = [
    ['tuning', ROOMS, AGENT, 'slt'],
    ['held out', HELD_OUT_ROOMS, HELD_OUT_AGENT, 'awb'],
  ];
  for (const [set, rooms, text, voice] of sets) {
    const speech = await synthesizeTexts([text, reply], voice);
    const s = speech.get(text)!;
    const level = activeLevelDb(resampleAll(resamplers, s.samples, s.sampleRate, 16_000));
    for (const [i, room] of rooms.entries()) {
      const rirWav = writeRoomResponse(dir, room, i + (set === 'tuning' ? 0 : 100));
      for (const echoDb of LEVELS_DB) {
        for (const [condition, extra] of Object.entries(CONDITIONS)) {
          const echo = { gainDb: echoDb + USER_DBFS - level, delayMs: 10, rirWav, ...extra };
          const json = { agentSays: text, agentReplies: [reply], tailMs: 2000, voice, echo, settings: { audio: { echoCancellation: true } } };
          const r = await runScenario(parseScenario(json, dir, `sweep ${room.name} ${echoDb}`), { speech, vadModel, resamplers });
          const row: SweepRow = {
            set,
            room: room.name,
            echoDb,
            condition,
            falseBargeIn: r.interrupted,
            pauses: r.events.filter((e) => e.type === 'paused').length,
            pausedMs: pausedMsOf(r.events),
            ducks: r.events.filter((e) => e.type === 'ducked').length,
            erleDb: r.echo?.erleDb ?? null,
            events: caseEvents(r),
          };
          rows.push(row);
          if (input.log) console.log(`sweep | ${set} | ${room.name} | ${echoDb} dB | ${condition} | ${row.events || '-'}`);
        }
      }
    }
  }
  await vadModel.close();
  const bySet = (set: SweepRow['set']) => {
    const g = rows.filter((r) => r.set === set);
    return {
      ...summarize(g),
      byLevel: Object.fromEntries(LEVELS_DB.map((db) => [`echo ${db > 0 ? '+' : ''}${db} dB`, summarize(g.filter((r) => r.echoDb === db))])),
    };
  };
  const summary = { tuning: bySet('tuning'), heldOut: bySet('held out'), all: summarize(rows) };
  console.log('\nSweep. Echo alone through the session, every room (tuning and held out), -10/0/+6 dB, linear or strong + 100 ppm');
  console.log(JSON.stringify(summary, null, 2));
  return { summary, rows };
}
