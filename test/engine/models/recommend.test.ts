import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProvidersSettingsSchema } from '../../../electron/contract/settings/providers.js';
import { MODEL_CATALOGUE } from '../../../electron/engine/models/catalogue.js';
import { bestGpu, cachedDetector, detectHardware, type Hardware } from '../../../electron/engine/models/hardware.js';
import { ModelManager } from '../../../electron/engine/models/model-manager.js';
import { whatIsReady } from '../../../electron/engine/models/readiness.js';
import { recommend } from '../../../electron/engine/models/recommend.js';

const GB = 1024 ** 3;
const STORIES = path.resolve(import.meta.dirname, '../../fixtures/models/stories260K.gguf');
const rec = (hw: Hardware) => recommend(hw)!;
const machine = (gb: number, cores: number, gpu: Hardware['gpu']): Hardware => ({ totalRamBytes: gb * GB, cpuCores: cores, gpu });

describe('recommendations by machine', () => {
  it('a 2-core laptop with 8 GB and no GPU gets the small recognizer, the small LM and the light neural voice', () => {
    const r = rec(machine(8, 2, 'cpu'));
    expect(r.stt.id).toBe('stt-zipformer-en-20m');
    expect(r.llm.id).toBe('llm-qwen2.5-0.5b-instruct-q4');
    expect(r.tts.id).toBe('tts-piper-en_us-lessac-medium');
    expect(r.llm.speed).toMatch(/^about \d+ tokens a second \(estimate\)$/);
  });

  it('an 8-core desktop with 16 GB on the CPU gets the better recognizer, the 1.5B LM and Kokoro', () => {
    const r = rec(machine(16, 8, 'cpu'));
    expect(r.stt.id).toBe('stt-zipformer-en-2023-06-26');
    expect(r.llm.id).toBe('llm-qwen2.5-1.5b-instruct-q4');
    expect(r.tts.id).toBe('tts-kokoro-int8-en-v0_19');
    expect(r.llm.why).toMatch(/the CPU/);
  });

  it('a CUDA or Metal machine runs the 3B model, and says why', () => {
    for (const gpu of ['cuda', 'metal', 'vulkan'] as const) {
      const r = rec(machine(16, 8, gpu));
      expect(r.llm.id, gpu).toBe('llm-llama-3.2-3b-instruct-q4');
      expect(r.llm.sizeBytes).toBeGreaterThan(2e9);
    }
    expect(rec(machine(16, 8, 'cuda')).llm.why).toMatch(/CUDA/);
  });

  it('a GPU with too little RAM for the 3B model falls back to what fits', () => {
    expect(rec(machine(4, 4, 'metal')).llm.id).toBe('llm-qwen2.5-1.5b-instruct-q4');
    expect(rec(machine(2, 2, 'cpu')).llm.id).toBe('llm-qwen2.5-0.5b-instruct-q4');
  });

  it('every recommended entry is in the catalogue with a size, licence and https URL', () => {
    for (const hw of [machine(2, 2, 'cpu'), machine(64, 16, 'cuda')]) {
      const r = rec(hw);
      for (const p of [r.stt, r.llm, r.tts]) {
        const e = MODEL_CATALOGUE.find((m) => m.id === p.id)!;
        expect(e.url).toMatch(/^https:\/\//);
        expect(e.sizeBytes).toBeGreaterThan(1e6);
        expect(e.licence.length).toBeGreaterThan(2);
      }
    }
  });

  it('a catalogue without voices (or models) recommends nothing rather than something absent', () => {
    expect(
      recommend(
        machine(8, 2, 'cpu'),
        MODEL_CATALOGUE.filter((m) => m.purpose !== 'tts'),
      ),
    ).toBeUndefined();
  });

  it('the catalogue offers a small and a better option for recognition, language model and voice', () => {
    for (const purpose of ['stt', 'llm', 'tts'] as const) {
      const tiers = MODEL_CATALOGUE.filter((m) => m.purpose === purpose).map((m) => m.tier);
      expect(tiers, purpose).toContain('small');
      expect(tiers, purpose).toContain('better');
    }
  });
});

describe('hardware detection', () => {
  it('prefers Metal, then CUDA, then Vulkan, else the CPU', () => {
    expect(bestGpu(['vulkan', 'cuda', false])).toBe('cuda');
    expect(bestGpu(['metal'])).toBe('metal');
    expect(bestGpu(['vulkan', false])).toBe('vulkan');
    expect(bestGpu([false])).toBe('cpu');
  });

  it('detects this machine without downloading anything (no GPU here)', async () => {
    const hw = await detectHardware();
    expect(hw.totalRamBytes).toBe(os.totalmem());
    expect(hw.cpuCores).toBeGreaterThanOrEqual(1);
    expect(['metal', 'cuda', 'vulkan', 'cpu']).toContain(hw.gpu);
  });

  it('detects once per run', async () => {
    let calls = 0;
    const detect = cachedDetector(async () => (calls++, machine(8, 2, 'cpu')));
    await detect();
    await detect();
    expect(calls).toBe(1);
  });
});

describe('readiness follows the recommendation', () => {
  let dataDir: string;
  let models: ModelManager;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'interject-rec-'));
    models = new ModelManager({ dataDir });
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  const deps = (hw: Hardware, settings: Record<string, unknown> = {}) => ({
    settings: ProvidersSettingsSchema.parse(settings),
    models,
    hasKey: () => false,
    detect: async () => [],
    hardware: async () => hw,
  });

  it('asks for the models that suit the machine, with their sizes', async () => {
    const small = await whatIsReady(deps(machine(8, 2, 'cpu')));
    expect(small.recommendation?.llm.id).toBe('llm-qwen2.5-0.5b-instruct-q4');
    expect(small.llm.download?.id).toBe('llm-qwen2.5-0.5b-instruct-q4');
    const big = await whatIsReady(deps(machine(32, 8, 'cuda')));
    expect(big.llm.download).toMatchObject({ id: 'llm-llama-3.2-3b-instruct-q4', sizeBytes: 2_019_377_600 });
    expect(big.stt.download?.id).toBe('stt-zipformer-en-2023-06-26');
    expect(big.downloadBytes).toBe(2_019_377_600 + 296_000_000);
  });

  it('uses an installed model rather than asking for the recommended one', async () => {
    await models.useExisting('llm-qwen2.5-0.5b-instruct-q4', STORIES);
    const r = await whatIsReady(deps(machine(32, 8, 'cuda')));
    expect(r.llm).toMatchObject({ ready: true, plan: { kind: 'embedded', modelPath: STORIES } });
  });

  it('a model chosen in Settings wins over the recommendation', async () => {
    await models.useExisting('llm-qwen2.5-1.5b-instruct-q4', STORIES);
    await models.useExisting('llm-qwen2.5-0.5b-instruct-q4', STORIES);
    const r = await whatIsReady(deps(machine(8, 2, 'cpu'), { llmProvider: 'embedded', llmModel: 'llm-qwen2.5-1.5b-instruct-q4' }));
    expect(r.llm.ready).toBe(true);
    const chosen = await whatIsReady(deps(machine(32, 8, 'cuda'), { sttModel: 'stt-zipformer-en-20m' }));
    expect(chosen.stt.download?.id).toBe('stt-zipformer-en-20m');
  });

  it('a detector that fails leaves the catalogue defaults and no recommendation', async () => {
    const r = await whatIsReady({ ...deps(machine(8, 2, 'cpu')), hardware: async () => Promise.reject(new Error('no')) });
    expect(r.recommendation).toBeUndefined();
    expect(r.llm.download?.id).toBe('llm-qwen2.5-0.5b-instruct-q4');
  });
});
