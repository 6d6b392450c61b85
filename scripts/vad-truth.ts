/**
 * Derives reference speech segments for a fixture with a plain energy method, for freezing
 * into test/fixtures/speech/*.truth.json after checking them by eye (sox spectrogram) and ear.
 * Not used by the tests themselves: the frozen files are the truth.
 *
 *   npx tsx scripts/vad-truth.ts test/fixtures/speech/beckett.wav [--gap 320] [--min 100]
 */
import { WavFileInput } from '../electron/engine/audio/wav-file-input';
import { systemClock } from '../electron/engine/clock';

const args = process.argv.slice(2);
const path = args[0];
if (!path) {
  process.stderr.write('usage: tsx scripts/vad-truth.ts <file.wav> [--gap ms] [--min ms]\n');
  process.exit(2);
}
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
/** Same redemption as the VAD default so both merge the same pauses. */
const gapMs = opt('gap', 320);
const minMs = opt('min', 100);
const hopMs = 10;

const input = new WavFileInput({ source: path, clock: systemClock, pace: 'fast' });
await input.start();
// Pre-emphasis lifts the high band so quiet fricatives ("s", "f") count as speech, as they do by ear.
const raw = input.audio!;
const audio = new Float32Array(raw.length);
for (let i = 1; i < raw.length; i++) audio[i] = raw[i]! - 0.95 * raw[i - 1]!;
const hop = 16 * hopMs;
const db: number[] = [];
for (let at = 0; at + hop <= audio.length; at += hop) {
  let sum = 0;
  for (let i = at; i < at + hop; i++) sum += audio[i]! * audio[i]!;
  db.push(10 * Math.log10(sum / hop + 1e-12));
}
const sorted = [...db].sort((a, b) => a - b);
const floor = sorted[Math.floor(sorted.length * 0.1)]!;
const loud = sorted[Math.floor(sorted.length * 0.95)]!;
// Speech is anything well clear of the noise floor, relative to the file's loud level.
const threshold = Math.max(floor + opt('above-floor', 12), loud - opt('below-loud', 30));
const segments: { startMs: number; endMs: number }[] = [];
let start: number | null = null;
db.forEach((v, i) => {
  if (v >= threshold && start === null) start = i;
  if (v < threshold && start !== null) {
    segments.push({ startMs: start * hopMs, endMs: i * hopMs });
    start = null;
  }
});
if (start !== null) segments.push({ startMs: start * hopMs, endMs: db.length * hopMs });
const merged: { startMs: number; endMs: number }[] = [];
for (const s of segments) {
  const last = merged.at(-1);
  if (last && s.startMs - last.endMs < gapMs) last.endMs = s.endMs;
  else merged.push({ ...s });
}
const kept = merged.filter((s) => s.endMs - s.startMs >= minMs);
process.stdout.write(JSON.stringify({ loudDb: +loud.toFixed(1), floorDb: +floor.toFixed(1), thresholdDb: +threshold.toFixed(1), segments: kept }) + '\n');
