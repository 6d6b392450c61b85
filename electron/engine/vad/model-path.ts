import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SILERO_MODEL_FILE = 'silero_vad_v6.onnx';

/**
 * Where the bundled models are, in order: an explicit override (INTERJECT_MODELS_DIR),
 * the packaged app (models must be outside the asar archive, since onnxruntime reads
 * files natively: either extraResources `models/` or asarUnpack of `resources/models`),
 * then the source tree (development, tests, CLIs) found by walking up from this file.
 */
export function modelDirCandidates(): string[] {
  const out: string[] = [];
  if (process.env.INTERJECT_MODELS_DIR) out.push(resolve(process.env.INTERJECT_MODELS_DIR));
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) {
    out.push(join(resourcesPath, 'models'));
    out.push(join(resourcesPath, 'app.asar.unpacked', 'resources', 'models'));
  }
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    out.push(join(dir, 'resources', 'models'));
    dir = dirname(dir);
  }
  return out;
}

/** The Silero model file to load; when none exists, the first candidate (the error then names it). */
export function defaultSileroModelPath(): string {
  const candidates = modelDirCandidates().map((d) => join(d, SILERO_MODEL_FILE));
  return candidates.find((p) => existsSync(p)) ?? candidates[0]!;
}
