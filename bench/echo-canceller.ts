/**
 * bench:echo part A: the canceller alone (simulate's echo path, no VAD) on one set of rooms
 * and voices: ERLE in the first second and once converged (by distortion and drift), with an
 * unreported output latency, the user's voice in double talk against the old gate (from 4 s, and
 * from 0.3 s into the agent's speech, before the filter has learned the room), path changes, and
 * CPU per second of audio (process.cpuUsage, with the load average).
 */
import { loadavg } from 'node:os';
import { EchoCanceller } from '../electron/engine/audio/aec/echo-canceller.js';
import { EchoPath } from '../electron/engine/agent/simulate/echo-path.js';
import { echoFigures, sliceEchoTraces as slice } from '../electron/engine/agent/simulate/echo-metrics.js';
import { energyGateProcessor as gate, runEchoOffline, type MicProcessor } from '../electron/engine/agent/simulate/echo-offline.js';
import { roomFromResponse } from '../electron/engine/agent/simulate/echo-room.js';
import { imageSourceResponse } from '../electron/engine/agent/simulate/image-source.js';
import { activeLevelDb, percentile, type BenchRoom } from './echo-rooms.js';

/** The user's voice at the mic (dBFS, active level); echo levels are relative to it. */
export const USER_DBFS = -26;
const DRIVE = { off: undefined, mild: 6, strong: 12 } as const;

export const scaleTo = (x: Float32Array, dbfs: number) => {
  const g = 10 ** ((dbfs - activeLevelDb(x)) / 20);
  return x.map((v) => v * g);
};

export const round = (v: number | null | undefined, d = 1) => (v === null || v === undefined ? null : Math.round(v * 10 ** d) / 10 ** d);

/** Part A on one set of rooms and voices: the canceller alone, ERLE, double talk against the gate, path changes, CPU. */
export function cancellerAlone(rooms: readonly BenchRoom[], agents: Record<string, Float32Array>, dtUser: Float32Array) {
  const responses = rooms.map((r) => imageSourceResponse(r));
  const offline: Record<string, unknown>[] = [];
  let cpuMs = 0;
  let audioMs = 0;
  const offlineRun = (
    agent: Float32Array,
    roomIndex: number,
    opts: {
      echoDb?: number;
      driveDb?: number;
      driftPpm?: number;
      changeTo?: number;
      user?: boolean;
      userAtMs?: number;
      processor?: MicProcessor;
      delayMs?: number;
    },
  ) => {
    const gainDb = USER_DBFS + (opts.echoDb ?? 0) + 20;
    const room = roomFromResponse(responses[roomIndex]!, gainDb, opts.delayMs ?? 10);
    const change = opts.changeTo === undefined ? undefined : { atMs: 4000, room: roomFromResponse(responses[opts.changeTo]!, gainDb + 3, 25) };
    const path = new EchoPath({
      room,
      ...(opts.driveDb ? { driveDb: opts.driveDb } : {}),
      ...(opts.driftPpm ? { driftPpm: opts.driftPpm } : {}),
      ...(change ? { change } : {}),
    });
    const processor = opts.processor ?? new EchoCanceller();
    const r = runEchoOffline({
      agent,
      agentAtMs: 200,
      user: opts.user ? [{ samples: dtUser, atMs: opts.userAtMs ?? 4000 }] : [],
      path,
      processor,
      durationMs: 9000,
    });
    if (processor instanceof EchoCanceller) {
      cpuMs += r.cpuMs;
      audioMs += 9000;
    }
    return r;
  };
  const firstAgent = Object.keys(agents)[0];
  for (const [agentName, agent] of Object.entries(agents)) {
    rooms.forEach((room, i) => {
      for (const [drive, driveDb] of Object.entries(DRIVE)) {
        for (const driftPpm of [0, 100, -100]) {
          // Every combination on the first (synthetic) voice; the recorded dialogue in the plain room only.
          if ((drive !== 'off' || driftPpm !== 0) && agentName !== firstAgent) continue;
          if (drive !== 'off' && driftPpm !== 0 && i % 2 === 1) continue;
          const r = echoFigures(offlineRun(agent, i, { driveDb, driftPpm }));
          offline.push({
            kind: 'echo alone',
            agent: agentName,
            room: room.name,
            nonlinearity: drive,
            driftPpm,
            erleFirstSecondDb: round(r.erleFirstSecondDb),
            erleConvergedDb: round(r.erleConvergedDb),
          });
        }
      }
      if (agentName === firstAgent) {
        // An output latency the device did not report (a Bluetooth speaker): the echo 180 ms later than the reference says.
        const r = echoFigures(offlineRun(agent, i, { delayMs: 180 }));
        offline.push({
          kind: 'unreported latency 180 ms',
          agent: agentName,
          room: room.name,
          erleFirstSecondDb: round(r.erleFirstSecondDb),
          erleConvergedDb: round(r.erleConvergedDb),
        });
      }
      const dt = echoFigures(offlineRun(agent, i, { user: true }));
      const dtGate = echoFigures(offlineRun(agent, i, { user: true, processor: gate() }));
      const dtNone = echoFigures(offlineRun(agent, i, { user: true, processor: { latencyMs: 0, pushReference: () => {}, process: (f) => f } }));
      offline.push({
        kind: 'double talk (echo = user level)',
        agent: agentName,
        room: room.name,
        canceller: { snrDb: round(dt.doubleTalk?.snrDb), correlation: round(dt.doubleTalk?.correlation, 3) },
        gate: { snrDb: round(dtGate.doubleTalk?.snrDb), correlation: round(dtGate.doubleTalk?.correlation, 3) },
        nothing: { snrDb: round(dtNone.doubleTalk?.snrDb), correlation: round(dtNone.doubleTalk?.correlation, 3) },
      });
      // The user talks 0.3 s into the agent's speech, before the filter has learned the room:
      // the double talk of the agent's first second (500-1500 ms; the agent starts at 200 ms).
      const early = (processor?: MicProcessor) =>
        echoFigures(slice(offlineRun(agent, i, { user: true, userAtMs: 500, ...(processor ? { processor } : {}) }), 500, 1500)).doubleTalk;
      const dtEarly = early();
      const dtEarlyGate = early(gate());
      offline.push({
        kind: 'double talk in the first second (user from 0.3 s of agent speech)',
        agent: agentName,
        room: room.name,
        canceller: { snrDb: round(dtEarly?.snrDb), correlation: round(dtEarly?.correlation, 3) },
        gate: { snrDb: round(dtEarlyGate?.snrDb), correlation: round(dtEarlyGate?.correlation, 3) },
      });
      const changed = offlineRun(agent, i, { changeTo: (i + 1) % rooms.length });
      offline.push({
        kind: 'path change at 4 s',
        agent: agentName,
        room: `${room.name} -> ${rooms[(i + 1) % rooms.length]!.name}`,
        erleBeforeDb: round(echoFigures(slice(changed, 2200, 4000)).erleDb),
        erleFirstSecondAfterDb: round(echoFigures(slice(changed, 4000, 5000)).erleDb),
        erleFrom2sAfterDb: round(echoFigures(slice(changed, 6000, 9000)).erleDb),
      });
    });
  }
  const alone = offline.filter((o) => o.kind === 'echo alone') as {
    erleFirstSecondDb: number;
    erleConvergedDb: number;
    nonlinearity: string;
    driftPpm: number;
  }[];
  type DoubleTalkRow = { canceller: { snrDb: number; correlation: number }; gate: { snrDb: number; correlation: number } };
  const dtsEarly = offline.filter((o) => String(o.kind).startsWith('double talk in the first second')) as DoubleTalkRow[];
  const mean = (v: number[]) => round(v.reduce((a, b) => a + b, 0) / v.length);
  const dts = offline.filter((o) => String(o.kind).startsWith('double talk (')) as {
    canceller: { snrDb: number; correlation: number };
    gate: { snrDb: number; correlation: number };
  }[];
  type Erle = { erleFirstSecondDb: number; erleConvergedDb: number };
  const spread = (v: number[]) => ({ p5: percentile(v, 5), median: percentile(v, 50), min: Math.min(...v) });
  const medians = (g: Erle[]) => ({
    n: g.length,
    erleConvergedMedianDb: percentile(
      g.map((o) => o.erleConvergedDb),
      50,
    ),
    erleFirstSecondMedianDb: percentile(
      g.map((o) => o.erleFirstSecondDb),
      50,
    ),
  });
  const median = (v: number[]) => percentile(v, 50);
  const aSummary = {
    erleConvergedDb: spread(alone.map((o) => o.erleConvergedDb)),
    erleFirstSecondDb: spread(alone.map((o) => o.erleFirstSecondDb)),
    byCondition: Object.fromEntries(
      ['off', 'mild', 'strong'].flatMap((nl) =>
        [0, 100, -100].map((d) => [`nonlinearity ${nl}, drift ${d} ppm`, medians(alone.filter((o) => o.nonlinearity === nl && o.driftPpm === d))]),
      ),
    ),
    unreportedLatency180Ms: medians(offline.filter((o) => o.kind === 'unreported latency 180 ms') as Erle[]),
    doubleTalk: {
      cancellerSnrMedianDb: median(dts.map((d) => d.canceller.snrDb)),
      gateSnrMedianDb: median(dts.map((d) => d.gate.snrDb)),
      cancellerCorrelationMedian: median(dts.map((d) => d.canceller.correlation)),
      gateCorrelationMedian: median(dts.map((d) => d.gate.correlation)),
    },
    doubleTalkFirstSecond: {
      cancellerSnrMeanDb: mean(dtsEarly.map((d) => d.canceller.snrDb)),
      gateSnrMeanDb: mean(dtsEarly.map((d) => d.gate.snrDb)),
      cancellerSnrMedianDb: median(dtsEarly.map((d) => d.canceller.snrDb)),
      gateSnrMedianDb: median(dtsEarly.map((d) => d.gate.snrDb)),
      cancellerCorrelationMedian: median(dtsEarly.map((d) => d.canceller.correlation)),
    },
    cpuPercentOfOneCore: round((100 * cpuMs) / audioMs, 2),
    // CPU time stretches on a busy machine: the 1-minute load average at the end of this part says how busy.
    loadAverage: round(loadavg()[0], 2),
  };
  return { offline, summary: aSummary };
}
