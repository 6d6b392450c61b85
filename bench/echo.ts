/**
 * npm run bench:echo
 * Acoustic echo cancellation, measured as users meet it: image-source rooms (T60 200-900 ms,
 * 8 cm to 1.2 m), loudspeaker distortion (off / mild 6 dB / strong 12 dB drive), clock drift
 * (0, +-100 ppm), one echo-path change; echo from -20 to +6 dB relative to the user's voice.
 *   A. The canceller alone (bench/echo-canceller.ts; simulate's echo path, no VAD): ERLE in the first second and once
 *      converged, the user's voice in double talk (SNR / correlation against the clean clip)
 *      for the canceller and the old gate, CPU per second of audio (process.cpuUsage); then the
 *      same on held-out rooms and voices (simulate/echo-rooms.ts), never tuned on.
 *   B. The whole session (simulate: Silero VAD, barge-in controller): false barge-ins on echo
 *      alone; barge-in and duck latency over echo against the same utterance without echo.
 * Prints tables and writes bench/results/echo.json. It reports; it never fails on a figure.
 * `--canceller-only`: part A alone (a couple of minutes), written to bench/results/echo-canceller.json.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadResamplerFactory, resampleAll } from '../electron/engine/audio/resampler.js';
import { readWavFile } from '../electron/engine/audio/wav-reader.js';
import { runScenario, type SimulationResult } from '../electron/engine/agent/simulate/run-scenario.js';
import { parseScenario } from '../electron/engine/agent/simulate/scenario.js';
import { synthesizeTexts } from '../electron/engine/agent/simulate/synthesize.js';
import { SileroVadModel } from '../electron/engine/vad/silero-vad-model.js';
import { cancellerAlone, scaleTo, USER_DBFS } from './echo-canceller.js';
import { activeLevelDb, espeak, HELD_OUT_ROOMS, percentile, ROOMS, writeRoomResponse, writeWav } from './echo-rooms.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SPEECH = join(ROOT, 'test/fixtures/speech');
const AGENT =
  'The next train to Edinburgh leaves at nine fifteen from platform four, and it calls at York and Newcastle before arriving just after one. Tickets are available at the machines in the hall.';
const HELD_OUT_AGENT =
  'Your order of three books has shipped this morning and should arrive on Thursday; if nobody is home, the courier will leave it with a neighbour or at the post office on Mill Street.';
const REPLY = 'Okay.';
const LEVELS_DB = [-20, -10, 0, 6];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-echo-'));
  const resamplers = await loadResamplerFactory();
  const roomWavs = ROOMS.map((r, i) => writeRoomResponse(dir, r, i));

  // Voices. Agent: flite slt (as simulate plays it) and a real recorded dialogue. Users: real readers, flite, espeak-ng.
  const speech = await synthesizeTexts([AGENT, REPLY], 'slt');
  const slt = speech.get(AGENT)!;
  const agentSlt = resampleAll(resamplers, slt.samples, slt.sampleRate, 16_000);
  const dialogue = await readWavFile(join(SPEECH, 'endgame_nagg_nell.wav'));
  const agentReal = resampleAll(resamplers, dialogue.samples, dialogue.sampleRate, 16_000).subarray(16_000 * 2, 16_000 * 11);
  const agents = { 'flite slt': scaleTo(agentSlt, -20), 'real dialogue': scaleTo(agentReal, -20) };
  const beckett = (await readWavFile(join(SPEECH, 'beckett.wav'))).samples;
  const dtUser = scaleTo(beckett.subarray(16_000, 16_000 * 4), USER_DBFS);

  // A. The canceller alone, on the benchmark's rooms and voices, then on held-out ones.
  const tuning = cancellerAlone(ROOMS, agents, dtUser);
  const aSummary = tuning.summary;
  const offline = tuning.offline;
  console.log('\nA. Canceller alone (image-source rooms, echo = user level unless noted)');
  console.log(JSON.stringify(aSummary, null, 2));
  // Held out: other rooms, a flite voice (awb) and a later stretch of the recorded dialogue at other levels, another speaker (intent.wav) as the user.
  const awb = (await synthesizeTexts([HELD_OUT_AGENT], 'awb')).get(HELD_OUT_AGENT)!;
  const heldOutAgents = {
    'flite awb': scaleTo(resampleAll(resamplers, awb.samples, awb.sampleRate, 16_000), -16),
    'real dialogue, later': scaleTo(resampleAll(resamplers, dialogue.samples, dialogue.sampleRate, 16_000).subarray(16_000 * 14, 16_000 * 23), -23),
  };
  const requests = (await readWavFile(join(SPEECH, 'intent.wav'))).samples;
  const heldOut = cancellerAlone(HELD_OUT_ROOMS, heldOutAgents, scaleTo(requests.subarray(16_000 * 6, 16_000 * 9), USER_DBFS));
  console.log('\nA (held out). Other rooms and voices');
  console.log(JSON.stringify(heldOut.summary, null, 2));
  if (process.argv.includes('--canceller-only')) {
    // Part A alone (about a minute): for iterating on the canceller; echo.json is left as it was.
    writeFileSync(
      join(ROOT, 'bench/results/echo-canceller.json'),
      JSON.stringify(
        { date: new Date().toISOString(), canceller: aSummary, cancellerHeldOut: heldOut.summary, offline, offlineHeldOut: heldOut.offline },
        null,
        2,
      ) + '\n',
    );
    return;
  }

  // B. The whole session: false barge-ins on echo alone, latency over echo.
  const vadModel = await SileroVadModel.load();
  const sim = (name: string, json: Record<string, unknown>) =>
    runScenario(parseScenario({ agentSays: AGENT, agentReplies: [REPLY], tailMs: 2000, ...json }, dir, name), { speech, vadModel, resamplers });
  const agentLevel = activeLevelDb(agentSlt);
  const echoSection = (roomIndex: number, echoDb: number, extra: Record<string, unknown> = {}) => ({
    gainDb: echoDb + USER_DBFS - agentLevel,
    delayMs: 10,
    rirWav: roomWavs[roomIndex],
    ...extra,
  });
  const modes = { canceller: { audio: { echoCancellation: true } }, 'gate only (old)': { audio: { echoCancellation: false } } };
  const falseRows: { mode: string; room: string; echoDb: number; condition: string; interrupted: boolean; paused: boolean; ducked: boolean }[] = [];
  for (const [mode, settings] of Object.entries(modes)) {
    for (const [i, room] of ROOMS.entries()) {
      // Every other room (three: 200, 500, 800 ms); the old gate on two of them.
      if (i % 2 === 1 || (mode !== 'canceller' && i === 4)) continue;
      for (const echoDb of LEVELS_DB) {
        for (const [condition, extra] of Object.entries({ linear: {}, 'strong distortion, +100 ppm': { nonlinearity: { driveDb: 12 }, driftPpm: 100 } })) {
          const r = await sim(`${mode} ${room.name} ${echoDb}`, { echo: echoSection(i, echoDb, extra), settings });
          falseRows.push({
            mode,
            room: room.name,
            echoDb,
            condition,
            interrupted: r.interrupted,
            paused: r.events.some((e) => e.type === 'paused'),
            ducked: r.events.some((e) => e.type === 'ducked'),
          });
        }
      }
    }
  }
  const falseSummary = Object.fromEntries(
    Object.keys(modes).map((mode) => [
      mode,
      Object.fromEntries(
        LEVELS_DB.map((db) => {
          const g = falseRows.filter((r) => r.mode === mode && r.echoDb === db);
          return [
            `echo ${db > 0 ? '+' : ''}${db} dB`,
            {
              scenarios: g.length,
              falseBargeIns: g.filter((r) => r.interrupted).length,
              pausedAtAll: g.filter((r) => r.paused).length,
              duckedAtAll: g.filter((r) => r.ducked).length,
            },
          ];
        }),
      ),
    ]),
  );
  console.log('\nB1. Echo alone through the session (Silero VAD, default barge-in)');
  console.log(JSON.stringify(falseSummary, null, 2));

  // Interruptions over echo: the same utterance with and without echo.
  const cut = (file: string, from: number, len: number) => {
    return readWavFile(join(SPEECH, file)).then((w) => {
      const r = resampleAll(resamplers, w.samples, w.sampleRate, 16_000).subarray(Math.round(from * 16_000), Math.round((from + len) * 16_000));
      const path = join(dir, `${file}-${from}.wav`);
      writeWav(path, scaleTo(r, USER_DBFS));
      return path;
    });
  };
  const utterances: { voice: string; wav: string; text: string }[] = [
    { voice: 'real reader', wav: await cut('beckett.wav', 0, 2.2), text: 'can you tell me about the return trip' },
    { voice: 'real requests', wav: await cut('intent.wav', 2, 2.5), text: 'what time does the next one leave' },
  ];
  const flite = await synthesizeTexts(['wait a second', 'actually I need an earlier train'], 'kal16');
  for (const [text, s] of flite) {
    const path = join(dir, `kal-${text.length}.wav`);
    writeWav(path, scaleTo(resampleAll(resamplers, s.samples, s.sampleRate, 16_000), USER_DBFS));
    utterances.push({ voice: 'flite kal16', wav: path, text });
  }
  const es = espeak(dir, 'espeak-hold-on', 'hold on, that is not what I asked');
  if (es) {
    const w = await readWavFile(es);
    writeWav(es, scaleTo(resampleAll(resamplers, w.samples, w.sampleRate, 16_000), USER_DBFS));
    utterances.push({ voice: 'espeak-ng', wav: es, text: 'hold on that is not what I asked' });
  }
  const latencyRows: Record<string, unknown>[] = [];
  const deltas: Record<string, { bargeIn: number[]; duck: number[]; missed: number; n: number }> = {};
  for (const u of utterances) {
    const user = [{ wav: u.wav, atMs: 3000, text: u.text }];
    const clean = await sim(`clean ${u.voice}`, { user, settings: modes.canceller });
    for (const [mode, settings] of Object.entries(modes)) {
      for (const i of [1, 4]) {
        for (const echoDb of [-10, 0, 6]) {
          const r: SimulationResult = await sim(`${mode} ${u.voice} ${i} ${echoDb}`, { user, echo: echoSection(i, echoDb), settings });
          const key = `${mode}, echo ${echoDb > 0 ? '+' : ''}${echoDb} dB`;
          deltas[key] ??= { bargeIn: [], duck: [], missed: 0, n: 0 };
          const d = deltas[key]!;
          d.n++;
          if (!r.interrupted) d.missed++;
          if (r.bargeInLatencyFromVoiceMs !== null && clean.bargeInLatencyFromVoiceMs !== null)
            d.bargeIn.push(r.bargeInLatencyFromVoiceMs - clean.bargeInLatencyFromVoiceMs);
          if (r.duckLatencyFromVoiceMs !== null) d.duck.push(r.duckLatencyFromVoiceMs);
          latencyRows.push({
            mode,
            voice: u.voice,
            room: ROOMS[i]!.name,
            echoDb,
            interrupted: r.interrupted,
            bargeInMs: r.bargeInLatencyFromVoiceMs,
            withoutEchoMs: clean.bargeInLatencyFromVoiceMs,
            duckMs: r.duckLatencyFromVoiceMs,
          });
        }
      }
    }
  }
  await vadModel.close();
  const latencySummary = Object.fromEntries(
    Object.entries(deltas).map(([k, d]) => [
      k,
      {
        scenarios: d.n,
        missed: d.missed,
        extraBargeInLatencyP50Ms: percentile(d.bargeIn, 50),
        extraBargeInLatencyP95Ms: percentile(d.bargeIn, 95),
        duckP95Ms: percentile(d.duck, 95),
      },
    ]),
  );
  console.log('\nB2. Interruptions over echo (latency vs the same utterance without echo)');
  console.log(JSON.stringify(latencySummary, null, 2));

  const out = join(ROOT, 'bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'echo.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        note: 'CPU by process.cpuUsage() on a shared, loaded 2-core machine',
        rooms: ROOMS,
        canceller: aSummary,
        cancellerHeldOut: heldOut.summary,
        offlineHeldOut: heldOut.offline,
        falseBargeIns: falseSummary,
        interruptions: latencySummary,
        offline,
        falseRows,
        latencyRows,
      },
      null,
      2,
    ) + '\n',
  );
  console.log('\nwrote bench/results/echo.json');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
