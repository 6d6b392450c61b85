import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProvidersSettingsSchema, type ProvidersSettings } from '../../../electron/contract/settings/providers.js';
import { EmbeddedLlamaModel } from '../../../electron/engine/llm/embedded-llama.js';
import type { LocalServer } from '../../../electron/engine/llm/local-servers.js';
import { DEFAULT_LLM_MODEL_ID, DEFAULT_STT_MODEL_ID, MODEL_CATALOGUE } from '../../../electron/engine/models/catalogue.js';
import { ModelManager } from '../../../electron/engine/models/model-manager.js';
import { whatIsReady, type ReadinessDeps } from '../../../electron/engine/models/readiness.js';

const STORIES = path.resolve(import.meta.dirname, '../../fixtures/models/stories260K.gguf');
const sizeOf = (id: string) => MODEL_CATALOGUE.find((m) => m.id === id)!.sizeBytes;

let dataDir: string;
let models: ModelManager;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'interject-ready-'));
  models = new ModelManager({ dataDir });
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function deps(settings: Partial<ProvidersSettings> = {}, extra: Partial<ReadinessDeps> = {}): ReadinessDeps {
  return {
    settings: ProvidersSettingsSchema.parse(settings),
    models,
    hasKey: () => false,
    detect: async () => [],
    ...extra,
  };
}

async function linkFakeSttModel(): Promise<string> {
  const dir = path.join(dataDir, 'my-zipformer');
  await mkdir(dir);
  for (const f of ['encoder.onnx', 'decoder.onnx', 'joiner.onnx', 'tokens.txt']) await writeFile(path.join(dir, f), 'x');
  await models.useExisting(DEFAULT_STT_MODEL_ID, dir);
  return dir;
}

describe('what is ready on a fresh machine', () => {
  it('offers practice mode and says what to download, and how much', async () => {
    const r = await whatIsReady(deps());
    expect(r.practiceMode).toBe(true);
    expect(r.stt).toMatchObject({ ready: false, download: { id: DEFAULT_STT_MODEL_ID, partialBytes: 0 } });
    expect(r.llm).toMatchObject({ ready: false, download: { id: DEFAULT_LLM_MODEL_ID } });
    expect(r.llm.reason).toMatch(/download the local one \(\d+ MB\), start Ollama or LM Studio, or enter a provider/);
    expect(r.downloadBytes).toBe(sizeOf(DEFAULT_STT_MODEL_ID) + sizeOf(DEFAULT_LLM_MODEL_ID));
  });

  it('counts only the rest of a partly downloaded model', async () => {
    await mkdir(path.join(dataDir, 'models', '.downloads'), { recursive: true });
    await writeFile(path.join(dataDir, 'models', '.downloads', `${DEFAULT_STT_MODEL_ID}.partial`), Buffer.alloc(1000));
    const r = await whatIsReady(deps());
    expect(r.stt.download?.partialBytes).toBe(1000);
    expect(r.downloadBytes).toBe(sizeOf(DEFAULT_STT_MODEL_ID) - 1000 + sizeOf(DEFAULT_LLM_MODEL_ID));
  });
});

describe('the language model', () => {
  it('uses a detected Ollama when nothing is configured, with the configured model if it has it', async () => {
    const ollama: LocalServer = { name: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1', models: ['llama3.2:1b', 'qwen2.5:0.5b'] };
    const r = await whatIsReady(deps({ llmModel: 'qwen2.5:0.5b' }, { detect: async () => [ollama] }));
    expect(r.llm).toEqual({
      ready: true,
      plan: { kind: 'openai-compatible', baseUrl: ollama.baseUrl, model: 'qwen2.5:0.5b', needsKey: false, source: 'detected', serverName: 'Ollama' },
    });
  });

  it('ignores a local server that has no models', async () => {
    const r = await whatIsReady(deps({}, { detect: async () => [{ name: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1', models: [] }] }));
    expect(r.llm.ready).toBe(false);
  });

  it('uses a GGUF the person already has, and that model really generates', async () => {
    await models.useExisting(DEFAULT_LLM_MODEL_ID, STORIES);
    const r = await whatIsReady(deps({ llmProvider: 'embedded' }));
    expect(r.llm).toEqual({ ready: true, plan: { kind: 'embedded', modelPath: STORIES } });
    const model = await EmbeddedLlamaModel.load({ modelPath: STORIES, threads: 1 });
    const pieces: string[] = [];
    for await (const p of model.stream([{ role: 'user', content: 'Once upon a time' }], { signal: new AbortController().signal, maxTokens: 5 })) pieces.push(p);
    await model.close?.();
    expect(pieces.length).toBeGreaterThan(0);
  });

  it('needs a key for OpenAI itself but not for a local OpenAI-compatible address', async () => {
    const official = await whatIsReady(deps({ llmProvider: 'openai-compatible', llmModel: 'gpt-4o-mini' }));
    expect(official.llm).toMatchObject({ ready: false, reason: expect.stringContaining('needs an API key') });
    const local = await whatIsReady(deps({ llmProvider: 'openai-compatible', llmEndpoint: 'http://127.0.0.1:8080/v1', llmModel: 'any' }));
    expect(local.llm).toMatchObject({ ready: true, plan: { baseUrl: 'http://127.0.0.1:8080/v1', needsKey: false } });
    const keyed = await whatIsReady(deps({ llmProvider: 'openai-compatible', llmModel: 'gpt-4o-mini' }, { hasKey: (id) => id === 'openai-llm' }));
    expect(keyed.llm).toMatchObject({ ready: true, plan: { baseUrl: 'https://api.openai.com/v1', needsKey: true } });
  });

  it('is off when the person turned it off', async () => {
    expect((await whatIsReady(deps({ llmProvider: 'none' }))).llm.reason).toContain('turned off');
  });
});

describe('speech recognition', () => {
  it('is ready with a local model folder the person linked', async () => {
    const dir = await linkFakeSttModel();
    const r = await whatIsReady(deps());
    expect(r.stt).toEqual({ ready: true, plan: { kind: 'local', modelDir: dir } });
  });

  it('needs a Deepgram key for Deepgram', async () => {
    expect((await whatIsReady(deps({ sttProvider: 'deepgram' }))).stt).toMatchObject({ ready: false, reason: expect.stringContaining('API key') });
    const keyed = await whatIsReady(deps({ sttProvider: 'deepgram' }, { hasKey: async (id) => id === 'deepgram' }));
    expect(keyed.stt).toEqual({ ready: true, plan: { kind: 'deepgram', model: 'nova-3' } });
  });

  it('uses a local whisper server without a key', async () => {
    const r = await whatIsReady(deps({ sttProvider: 'openai-compatible', sttEndpoint: 'http://127.0.0.1:9000/v1' }));
    expect(r.stt).toEqual({ ready: true, plan: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9000/v1', model: 'whisper-1', needsKey: false } });
  });

  it('leaves practice mode only when both parts are ready', async () => {
    await linkFakeSttModel();
    await models.useExisting(DEFAULT_LLM_MODEL_ID, STORIES);
    const r = await whatIsReady(deps());
    expect(r.practiceMode).toBe(false);
    expect(r.downloadBytes).toBe(0);
  });
});
