/**
 * npm run vad -- <file.wav> [--threshold 0.5] [--release 0.35] [--min-speech-ms 128]
 *                           [--silence-ms 320] [--probabilities] [--model path.onnx]
 * Prints {"segments":[{"startMs":n,"endMs":n}], "probabilities"?: [{tMs, p}]} for any WAV
 * (8-48 kHz, mono or stereo, 16/24/32-bit or float), so users can tune the VAD settings
 * on their own recordings. Errors go to stderr with exit code 1; bad arguments exit 2.
 */
import { analyzeWav } from '../electron/engine/vad/analyze-wav';
import { SileroVadModel } from '../electron/engine/vad/silero-vad-model';
import type { VadOptions } from '../electron/engine/vad/vad-options';

const USAGE =
  'usage: npm run vad -- <file.wav> [--threshold 0.5] [--release 0.35] [--min-speech-ms 128] [--silence-ms 320] [--probabilities] [--model path.onnx]';

const NUMERIC_FLAGS: Record<string, keyof VadOptions> = {
  '--threshold': 'speechThreshold',
  '--release': 'releaseThreshold',
  '--min-speech-ms': 'minSpeechMs',
  '--silence-ms': 'silenceMs',
};

function fail(message: string, code: number): never {
  process.stderr.write(`vad: ${message}\n`);
  process.exit(code);
}

const args = process.argv.slice(2);
const vad: Partial<VadOptions> = {};
let file: string | undefined;
let withProbabilities = false;
let modelPath: string | undefined;
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === '--help' || arg === '-h') {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  } else if (arg === '--probabilities') withProbabilities = true;
  else if (arg === '--model') modelPath = args[++i] ?? fail(`--model needs a path\n${USAGE}`, 2);
  else if (arg in NUMERIC_FLAGS) {
    const raw = args[++i];
    const value = Number(raw);
    if (raw === undefined || !Number.isFinite(value)) fail(`${arg} needs a number, got ${raw ?? 'nothing'}\n${USAGE}`, 2);
    vad[NUMERIC_FLAGS[arg]!] = value;
  } else if (arg.startsWith('--')) fail(`unknown option ${arg}\n${USAGE}`, 2);
  else if (file === undefined) file = arg;
  else fail(`one file at a time (got ${file} and ${arg})\n${USAGE}`, 2);
}
if (!file) fail(`no WAV file given\n${USAGE}`, 2);
// A --threshold below the default release threshold drags the release down with it.
if (vad.speechThreshold !== undefined && vad.releaseThreshold === undefined) vad.releaseThreshold = Math.max(0, Math.min(0.35, vad.speechThreshold - 0.15));

try {
  const model = await SileroVadModel.load(modelPath ? { modelPath } : {});
  const report = await analyzeWav(file, { model, vad, withProbabilities });
  await model.close();
  const out: Record<string, unknown> = { segments: report.segments.map((s) => ({ startMs: Math.round(s.startMs), endMs: Math.round(s.endMs) })) };
  if (withProbabilities) out.probabilities = report.probabilities;
  process.stdout.write(JSON.stringify(out) + '\n');
} catch (err) {
  fail((err as Error).message, 1);
}
