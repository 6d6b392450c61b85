import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSileroModelPath, modelDirCandidates } from '../../../electron/engine/vad/model-path';

const ROOT = join(import.meta.dirname, '../../..');
const saved = { env: process.env.INTERJECT_MODELS_DIR, resources: (process as { resourcesPath?: string }).resourcesPath };

afterEach(() => {
  if (saved.env === undefined) delete process.env.INTERJECT_MODELS_DIR;
  else process.env.INTERJECT_MODELS_DIR = saved.env;
  (process as { resourcesPath?: string }).resourcesPath = saved.resources;
});

describe('where the Silero model is loaded from', () => {
  it('finds the bundled model in the source tree', () => {
    expect(defaultSileroModelPath()).toBe(join(ROOT, 'resources/models/silero_vad_v6.onnx'));
  });

  it('looks in the packaged app outside the asar archive first', () => {
    (process as { resourcesPath?: string }).resourcesPath = '/opt/Interject/resources';
    const dirs = modelDirCandidates();
    expect(dirs.slice(0, 2)).toEqual(['/opt/Interject/resources/models', '/opt/Interject/resources/app.asar.unpacked/resources/models']);
  });

  it('lets INTERJECT_MODELS_DIR override everything', () => {
    process.env.INTERJECT_MODELS_DIR = '/srv/models';
    expect(modelDirCandidates()[0]).toBe('/srv/models');
  });
});
