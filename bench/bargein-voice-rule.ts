/**
 * npm run bench:bargein-voice-rule [-- --scan 0.1:6,0.9:3]
 * The no-words length rule (turn/strategies/voice-shape.ts) over the whole bench:bargein set,
 * without the VAD or the session: each utterance is mixed into a room (silent, white or pink
 * noise at -50 and -45 dBFS) with 500 ms of room after it (the VAD's release tail), the room's
 * level is learned as the session learns it (vad/room-level.ts, from 2 s of the room with every
 * other block gated), and VoiceShape counts the voice. Then, for each threshold, how many
 * backchannels/laughs/coughs reach it (false stops) and how many interruptions do not (misses),
 * tuning and held out, per room. This is what the threshold is chosen on; `bench:bargein` checks
 * the choice through the real path (VAD onset and release, echo gate, comfort noise).
 * It reports; it never fails. Writes bench/results/bargein-voice-rule.json.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadResamplerFactory } from '../electron/engine/audio/resampler.js';
import { ROOM_MARGIN_DB, VoiceShape } from '../electron/engine/turn/strategies/voice-shape.js';
import { RoomLevel } from '../electron/engine/vad/room-level.js';
import { RoomNoise, type NoiseColour } from '../electron/engine/agent/simulate/room-noise.js';
import { buildCorpus, caseClip, KEEP_TALKING, type Case } from './bargein-corpus.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RATE = 16_000;
const ROOMS: { name: string; dbfs: number | null; colour: NoiseColour }[] = [
  { name: 'quiet', dbfs: null, colour: 'white' },
  { name: 'white -50', dbfs: -50, colour: 'white' },
  { name: 'white -45', dbfs: -45, colour: 'white' },
  { name: 'pink -50', dbfs: -50, colour: 'pink' },
  { name: 'pink -45', dbfs: -45, colour: 'pink' },
];
const THRESHOLDS = [700, 800, 850, 900, 950, 1000, 1050, 1100, 1150, 1200, 1300];
const TAIL_MS = 500;

/** The voice VoiceShape counts in the clip with the room under it (room level known as the session knows it). */
/** `--scan 0.1:6,0.9:3`: also try other room rules, as "percentile of the room's blocks : dB over it" (how the defaults were chosen). */
const scanAt = process.argv.indexOf('--scan');
const SCAN = (scanAt >= 0 ? process.argv[scanAt + 1]! : '')
  .split(',')
  .filter(Boolean)
  .map((x) => x.split(':').map(Number) as [number, number]);
function countedMs(clip: Float32Array, room: (typeof ROOMS)[number], roomAware: boolean, scan?: [number, number]): number {
  const noise = room.dbfs === null ? null : new RoomNoise(room.dbfs, room.colour);
  const level = new RoomLevel();
  const lead = 2 * RATE;
  const at = (i: number) => noise?.at(i) ?? 0;
  for (let i = 0; i < lead; i += 320) {
    const data = Float32Array.from({ length: 320 }, (_, k) => at(i + k));
    data.fill(0, 160, 320); // the echo gate zeroes blocks under the agent's voice
    level.push({ data, sampleRate: RATE, channels: 1, timestampMs: i / 16 }, false);
  }
  const shape = new VoiceShape();
  const p = scan ? level.percentile(scan[0]) : level.db;
  shape.setRoomLevel(!roomAware || p === null ? null : scan ? p + scan[1] - ROOM_MARGIN_DB : p);
  const total = clip.length + (TAIL_MS * RATE) / 1000;
  for (let i = 0; i < total; i += 320) {
    const data = Float32Array.from({ length: 320 }, (_, k) => (clip[i + k] ?? 0) + at(lead + i + k));
    shape.append({ data, sampleRate: RATE, channels: 1, timestampMs: i / 16 });
  }
  return shape.speechMs;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bargein-voice-rule-'));
  const { cases } = await buildCorpus(dir, ROOT);
  const resamplers = await loadResamplerFactory();
  const spoken = cases.filter((c) => c.label !== 'echo' && c.label !== 'echo+user' && c.scenario.user !== undefined);
  const rows: { case: Case; ms: Record<string, number> }[] = [];
  for (const c of spoken) {
    const samples = await caseClip(c, resamplers);
    const ms: Record<string, number> = {};
    for (const room of ROOMS) {
      ms[room.name] = countedMs(samples, room, true);
      if (room.dbfs !== null && SCAN.length === 0) ms[`${room.name} (room not known)`] = countedMs(samples, room, false);
      for (const sc of SCAN) ms[`${room.name} p${sc[0]}+${sc[1]}`] = countedMs(samples, room, true, sc);
    }
    rows.push({ case: c, ms });
  }
  const keep = (r: (typeof rows)[number]) => KEEP_TALKING.includes(r.case.label);
  const mustNot = (r: (typeof rows)[number]) => r.case.shouldInterrupt && r.case.label !== 'two-word';
  const out: Record<string, unknown> = {};
  console.log('\nThe length rule per threshold: false stops (backchannels, laughs, coughs, noise reaching it) / missed (3+ words or force) / 2-word missed');
  // The same words should measure the same voice in any room: the count's shift from the silent room.
  console.log("\nPer room: the counted voice minus the silent room's, over the spoken clips (p10 / p50 / p90 ms)");
  for (const roomName of Object.keys(rows[0]!.ms)) {
    const d = rows
      .filter((r) => r.case.words > 0)
      .map((r) => r.ms[roomName]! - r.ms['quiet']!)
      .sort((a, b) => a - b);
    const q = (p: number) => d[Math.floor(p * (d.length - 1))];
    console.log(`${roomName.padEnd(34)} ${q(0.1)} / ${q(0.5)} / ${q(0.9)}`);
  }
  for (const roomName of Object.keys(rows[0]!.ms)) {
    console.log(`\n== ${roomName} ==`);
    console.log(`${'threshold'.padEnd(10)} ${'tuning: stops missed 2w'.padEnd(26)} held out: stops missed 2w`);
    const perT: Record<number, unknown> = {};
    for (const t of THRESHOLDS) {
      const line = (set: Case['set']) => {
        const s = rows.filter((r) => r.case.set === set);
        const stops = s.filter((r) => keep(r) && r.ms[roomName]! >= t);
        const missed = s.filter((r) => mustNot(r) && r.ms[roomName]! < t);
        const two = s.filter((r) => r.case.label === 'two-word');
        return {
          stops: stops.map((r) => `${r.case.name} ${r.ms[roomName]}`),
          missed: missed.length,
          of: s.filter(mustNot).length,
          twoMissed: `${two.filter((r) => r.ms[roomName]! < t).length}/${two.length}`,
        };
      };
      const [tu, ho] = [line('tune'), line('holdout')];
      perT[t] = { tune: tu, holdout: ho };
      console.log(
        `${String(t).padEnd(10)} ${`${tu.stops.length}  ${tu.missed}/${tu.of}  ${tu.twoMissed}`.padEnd(26)} ${ho.stops.length}  ${ho.missed}/${ho.of}  ${ho.twoMissed}   ${[...tu.stops, ...ho.stops].join('; ')}`,
      );
    }
    out[roomName] = perT;
  }
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench/results/bargein-voice-rule.json'),
    JSON.stringify(
      { date: new Date().toISOString(), thresholds: out, clips: rows.map((r) => ({ name: r.case.name, label: r.case.label, set: r.case.set, ...r.ms })) },
      null,
      2,
    ) + '\n',
  );
  console.log('\nwrote bench/results/bargein-voice-rule.json');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
