/**
 * A sherpa-onnx voice folder the tests make: the committed tone model (a real ONNX graph in
 * Piper's shape that "speaks" a 220 Hz tone per phoneme, see test/fixtures/models/make-tone-vits.py),
 * its tokens, and this machine's espeak-ng data for the real phonemizer. No voice weights can
 * be fetched here; with this, sherpa-onnx's real offline TTS runs end to end.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

const FIXTURE = path.resolve(import.meta.dirname, '../../../fixtures/models/tone-vits');
const ESPEAK_DATA = ['/usr/lib/x86_64-linux-gnu/espeak-ng-data', '/usr/lib/aarch64-linux-gnu/espeak-ng-data', '/usr/share/espeak-ng-data'].find((d) =>
  existsSync(path.join(d, 'phontab')),
);

/** Why the tone voice cannot run here, or undefined when it can. */
export const TONE_VOICE_SKIP = ESPEAK_DATA ? undefined : 'no espeak-ng data on this machine (install espeak-ng-data)';

export async function makeToneVoice(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await copyFile(path.join(FIXTURE, 'model.onnx'), path.join(dir, 'model.onnx'));
  await copyFile(path.join(FIXTURE, 'tokens.txt'), path.join(dir, 'tokens.txt'));
  await symlink(ESPEAK_DATA!, path.join(dir, 'espeak-ng-data'));
  return dir;
}

/** The same folder with a damaged model file (sherpa-onnx aborts its process on it). */
export async function makeCorruptVoice(dir: string): Promise<string> {
  await makeToneVoice(dir);
  await writeFile(path.join(dir, 'model.onnx'), Buffer.from('this is not an onnx model, it was damaged in transit'.repeat(40)));
  return dir;
}
