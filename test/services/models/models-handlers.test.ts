/**
 * The models:* channels through the real registry and services, downloading archives generated
 * for the run from a local HTTP server on 127.0.0.1 (a test catalogue under the real ids).
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventName, IpcResult, ModelProgressInfo, ModelStatusInfo, ReadinessSummary } from '../../../electron/contract/index';
import { DEFAULT_LLM_MODEL_ID, DEFAULT_STT_MODEL_ID } from '../../../electron/engine/models/catalogue';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { makeTempDir } from '../../helpers/temp-dir';
import { makeGgufFile, makeSttArchive, startModelServer, testCatalogue, type ModelServer } from './helpers/model-server';
import { callHandler } from '../../helpers/call-handler';

const LLM = DEFAULT_LLM_MODEL_ID;
const STT = DEFAULT_STT_MODEL_ID;

let server: ModelServer;
let sttArchive: Buffer;
let gguf: Buffer;
const work = makeTempDir('interject-model-archives-');

let services: AppServices | undefined;
let dataDir: string;
let cleanup: () => void;
let events: { event: EventName; payload: unknown }[];

beforeAll(async () => {
  sttArchive = await makeSttArchive(work.dir);
  // 1 MB: about 30 slow chunks (600 ms), so a cancel lands mid-way.
  gguf = makeGgufFile(1_000_000);
  server = await startModelServer({
    'stt.tar.gz': { body: sttArchive },
    'model.gguf': { body: gguf },
    'slow.gguf': { body: gguf, mode: 'slow' },
    'drop.gguf': { body: gguf, mode: 'drop' },
  });
});
afterAll(async () => {
  await server.close();
  work.cleanup();
});
afterEach(async () => {
  await services?.dispose();
  services = undefined;
  cleanup();
});

function start(routes?: { stt: string; llm: string }, baseUrl = server.url): AppServices {
  const tmp = makeTempDir('interject-models-svc-');
  dataDir = tmp.dir;
  cleanup = tmp.cleanup;
  services = createAppServices({
    dataDir,
    detectLocalServers: async () => [],
    modelCatalogue: testCatalogue(baseUrl, { stt: sttArchive.length, llm: gguf.length }, routes),
  });
  events = [];
  services.events.subscribe((event, payload) => events.push({ event, payload }));
  return services;
}

const call = <T>(channel: string, request?: unknown): Promise<T> => callHandler<T>(services!, channel, request);

async function failure(channel: string, request?: unknown): Promise<Extract<IpcResult<unknown>, { ok: false }>['error']> {
  const result = await services!.registry.handle(channel, request);
  expect(result.ok).toBe(false);
  return (result as Extract<IpcResult<unknown>, { ok: false }>).error;
}

function statesOf(id: string): ModelStatusInfo[] {
  return events.filter((e) => e.event === 'models:state' && (e.payload as ModelStatusInfo).id === id).map((e) => e.payload as ModelStatusInfo);
}

async function untilState(id: string, state: ModelStatusInfo['state'], extra: (s: ModelStatusInfo) => boolean = () => true): Promise<ModelStatusInfo> {
  await vi.waitFor(() => expect(statesOf(id).some((s) => s.state === state && extra(s))).toBe(true), { timeout: 10_000, interval: 20 });
  return statesOf(id).findLast((s) => s.state === state && extra(s))!;
}

function modelsFolder(): string[] {
  const dir = path.join(dataDir, 'models');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.startsWith('.')) : [];
}

describe('models channels', () => {
  it('lists the catalogue with nothing installed on a fresh machine', async () => {
    start();
    const list = await call<ModelStatusInfo[]>('models:list');
    expect(list.map((m) => [m.id, m.state])).toEqual([
      [STT, 'absent'],
      [LLM, 'absent'],
    ]);
  });

  it('installs a model from the server, with progress events, and says so with models:state', async () => {
    start();
    const answer = await call<ModelStatusInfo>('models:install', { id: STT });
    expect(['downloading', 'installed']).toContain(answer.state);
    const installed = await untilState(STT, 'installed');
    expect(fs.readdirSync(installed.path!)).toContain('tokens.txt');
    const progress = events.filter((e) => e.event === 'models:progress').map((e) => e.payload as ModelProgressInfo);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.some((p) => p.phase === 'downloading' && p.receivedBytes === sttArchive.length && p.totalBytes === sttArchive.length)).toBe(true);
    expect(progress.every((p) => p.bytesPerSecond >= 0)).toBe(true);
    expect((await call<ModelStatusInfo[]>('models:list')).find((m) => m.id === STT)?.state).toBe('installed');
  });

  it('answers "No network" when the download host cannot be reached, and installs nothing', async () => {
    // A port that was just free on 127.0.0.1: connection refused, as with no network.
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    start(undefined, `http://127.0.0.1:${closedPort}`);
    const error = await failure('models:install', { id: LLM });
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/^No network: Cannot reach 127\.0\.0\.1:\d+/);
    expect(modelsFolder()).toEqual([]);
    const listed = (await call<ModelStatusInfo[]>('models:list')).find((m) => m.id === LLM)!;
    expect(listed.state).toBe('absent');
    expect(listed.error).toMatchObject({ code: 'offline' });
  });

  it('answers the HTTP error when the server has no such file', async () => {
    start({ stt: 'missing.tar.gz', llm: 'model.gguf' });
    const error = await failure('models:install', { id: STT });
    expect(error).toMatchObject({ code: 'unavailable' });
    expect(error.message).toMatch(/^Download failed: .*HTTP 404/);
    expect(modelsFolder()).toEqual([]);
  });

  it('reports a connection dropped mid-way as models:state with the reason, keeping the bytes for a resume', async () => {
    start({ stt: 'stt.tar.gz', llm: 'drop.gguf' });
    await call('models:install', { id: LLM });
    const failed = await untilState(LLM, 'partial', (s) => s.error !== undefined);
    expect(failed.error!.code).toBe('interrupted');
    expect(failed.error!.message).toMatch(/^Download failed: The connection dropped after/);
    expect(failed.partialBytes).toBeGreaterThan(0);
    expect(modelsFolder()).toEqual([]);
  });

  it('cancels a download mid-way, then resumes it with a Range request', async () => {
    start({ stt: 'stt.tar.gz', llm: 'slow.gguf' });
    const started = await call<ModelStatusInfo>('models:install', { id: LLM });
    expect(started.state).toBe('downloading');
    const cancelled = await call<ModelStatusInfo>('models:cancel', { id: LLM });
    expect(cancelled.state).toBe('partial');
    expect(cancelled.partialBytes).toBeGreaterThan(0);
    expect(cancelled.partialBytes).toBeLessThan(gguf.length);
    expect(cancelled.error).toBeUndefined();

    await call('models:install', { id: LLM });
    const installed = await untilState(LLM, 'installed');
    expect(server.ranges.at(-1)).toBe(`bytes=${cancelled.partialBytes}-`);
    expect(fs.readFileSync(path.join(installed.path!, 'model.gguf')).equals(gguf)).toBe(true);
  });

  it('deletes an installed model', async () => {
    start();
    await call('models:install', { id: LLM });
    await untilState(LLM, 'installed');
    const deleted = await call<ModelStatusInfo>('models:delete', { id: LLM });
    expect(deleted.state).toBe('absent');
    expect(modelsFolder()).toEqual([]);
  });

  it('uses a folder the person already has, and refuses one that lacks the model files', async () => {
    start();
    const mine = path.join(dataDir, 'my-models', 'qwen');
    fs.mkdirSync(mine, { recursive: true });
    const wrong = await failure('models:link', { id: LLM, path: mine });
    expect(wrong.code).toBe('invalid_request');
    expect(wrong.issues).toEqual([{ path: 'path', message: expect.stringMatching(/lacks/) }]);

    fs.writeFileSync(path.join(mine, 'qwen.gguf'), gguf);
    const linked = await call<ModelStatusInfo>('models:link', { id: LLM, path: mine });
    expect(linked).toMatchObject({ state: 'linked', path: mine });
    await call('models:delete', { id: LLM });
    expect(fs.existsSync(path.join(mine, 'qwen.gguf'))).toBe(true);
  });

  it('refuses a model id that is not in the catalogue', async () => {
    start();
    const error = await failure('models:install', { id: 'no-such-model' });
    expect(error).toMatchObject({ code: 'invalid_request', issues: [{ path: 'id' }] });
    expect(error.message).toMatch(/no model called "no-such-model"/);
  });

  it('summarises readiness for the first-run screen: both downloads and their size, then ready once installed', async () => {
    start();
    const before = await call<ReadinessSummary>('models:readiness');
    expect(before).toMatchObject({ ready: false, practiceMode: true, stt: { ready: false }, llm: { ready: false } });
    expect(before.downloads.map((d) => d.id)).toEqual([STT, LLM]);
    expect(before.downloadBytes).toBe(sttArchive.length + gguf.length);
    expect(before.stt.reason).toMatch(/not downloaded yet/);

    await call('models:install', { id: STT });
    await call('models:install', { id: LLM });
    await untilState(STT, 'installed');
    await untilState(LLM, 'installed');
    const after = await call<ReadinessSummary>('models:readiness');
    expect(after).toMatchObject({ ready: true, practiceMode: false, downloads: [], downloadBytes: 0 });
    expect(after.stt.provider).toBe('Local speech recognition model');
    expect(after.llm.provider).toBe('Local language model (runs in the app)');
  });

  it("offers the real catalogue's two first-run models on a fresh machine (619 MB)", async () => {
    const tmp = makeTempDir('interject-models-svc-');
    dataDir = tmp.dir;
    cleanup = tmp.cleanup;
    services = createAppServices({ dataDir, detectLocalServers: async () => [] });
    const summary = await call<ReadinessSummary>('models:readiness');
    expect(summary.downloads.map((d) => d.id)).toEqual([STT, LLM]);
    expect(Math.round(summary.downloadBytes / 1e6)).toBe(619);
    expect(summary.llm.reason).toMatch(/download the local one \(491 MB\), start Ollama or LM Studio, or enter a provider/);
  });

  it('names a configured OpenAI-compatible server as ready without any download', async () => {
    start();
    await call('settings:update', {
      providers: {
        sttProvider: 'openai-compatible',
        sttEndpoint: 'http://127.0.0.1:9/v1',
        llmProvider: 'openai-compatible',
        llmEndpoint: 'http://127.0.0.1:9/v1',
      },
    });
    const summary = await call<ReadinessSummary>('models:readiness');
    expect(summary).toMatchObject({ ready: true, downloads: [], downloadBytes: 0 });
    expect(summary.llm.provider).toBe('OpenAI-compatible server at http://127.0.0.1:9/v1');
  });
});
