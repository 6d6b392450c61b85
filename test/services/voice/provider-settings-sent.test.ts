/**
 * Every provider setting reaches the wire: each test sets one field and reads what a real
 * scripted server on 127.0.0.1 received.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../electron/contract/settings/index.js';
import type { ProvidersSettings } from '../../../electron/contract/settings/providers.js';
import { PlainFileSecretStore } from '../../../electron/services/secrets/plain-file-secret-store.js';
import { buildLanguageModel, buildRecognizer, deepgramListenUrl, type ProviderResolverDeps } from '../../../electron/services/voice/provider-resolver.js';
import { nullLogger } from '../../../electron/engine/logger.js';
import type { ModelManager } from '../../../electron/engine/models/model-manager.js';
import type { LanguageModel } from '../../../electron/engine/llm/types.js';
import { startChatServer, status, streamed, type ChatServer } from '../../engine/llm/helpers/chat-server.js';
import { startDeepgramServer } from '../../engine/stt/helpers/deepgram-server.js';
import { json, startTranscriptionServer } from '../../engine/stt/helpers/transcription-server.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let server: ChatServer;
let temp: ReturnType<typeof makeTempDir>;
let deps: ProviderResolverDeps;
beforeEach(async () => {
  server = await startChatServer();
  temp = makeTempDir();
  // The resolver only needs the model manager for local plans; none of these use it.
  deps = { secrets: new PlainFileSecretStore(path.join(temp.dir, 'secrets.json')), models: {} as ModelManager, logger: nullLogger };
});
afterEach(async () => {
  await server.close();
  temp.cleanup();
});

function providers(patch: Partial<ProvidersSettings>): ProvidersSettings {
  return { ...defaultSettings().providers, llmProvider: 'openai-compatible', llmEndpoint: server.baseUrl, ...patch };
}

async function answer(llm: LanguageModel): Promise<string> {
  let text = '';
  for await (const piece of llm.stream([{ role: 'user', content: 'Hi' }], { signal: new AbortController().signal })) text += piece;
  return text;
}

const listing = (...ids: string[]) => status(200, { object: 'list', data: ids.map((id) => ({ id, object: 'model' })) });

describe('language model settings on the wire', () => {
  it('"Longest answer" is sent as max_tokens', async () => {
    server.script(streamed('ok'));
    const s = providers({ llmModel: 'm', llmMaxTokens: 100 });
    await answer(await buildLanguageModel({ kind: 'openai-compatible', baseUrl: server.baseUrl, model: 'm', needsKey: false, source: 'settings' }, s, deps));
    expect(server.received[0]?.body).toMatchObject({ max_tokens: 100 });
  });

  it('an empty Model asks the server for its list and uses the first model (never "default")', async () => {
    server.script(listing('qwen2.5-7b', 'llama3.2'), streamed('ok'), streamed('again'));
    const llm = await buildLanguageModel(
      { kind: 'openai-compatible', baseUrl: server.baseUrl, model: '', needsKey: false, source: 'settings' },
      providers({}),
      deps,
    );
    await answer(llm);
    await answer(llm);
    expect(server.received.map((r) => r.url)).toEqual(['/v1/models', '/v1/chat/completions', '/v1/chat/completions']);
    expect(server.received[1]?.body).toMatchObject({ model: 'qwen2.5-7b' });
  });

  it('an empty Model on a server with no models says so', async () => {
    server.script(listing());
    const llm = await buildLanguageModel(
      { kind: 'openai-compatible', baseUrl: server.baseUrl, model: '', needsKey: false, source: 'settings' },
      providers({}),
      deps,
    );
    await expect(answer(llm)).rejects.toThrow(/lists no models/);
  });

  it('the named Model, the address and the stored key are what the request carries', async () => {
    server.script(streamed('ok'));
    deps.secrets.set('openai-llm', 'sk-from-store');
    await answer(
      await buildLanguageModel(
        { kind: 'openai-compatible', baseUrl: server.baseUrl, model: 'gpt-4o-mini', needsKey: true, source: 'settings' },
        providers({ llmModel: 'gpt-4o-mini' }),
        deps,
      ),
    );
    expect(server.received[0]).toMatchObject({
      url: '/v1/chat/completions',
      headers: { authorization: 'Bearer sk-from-store' },
      body: { model: 'gpt-4o-mini' },
    });
  });
});

describe('recognizer settings on the wire', () => {
  it('OpenAI-compatible: address, model, language and key', async () => {
    const stt = await startTranscriptionServer();
    try {
      stt.script(json(200, { text: 'hello' }));
      deps.secrets.set('openai-stt', 'sk-stt');
      const s = providers({ sttProvider: 'openai-compatible', sttEndpoint: stt.baseUrl, sttModel: 'whisper-large', sttLanguage: 'de-DE' });
      const r = await buildRecognizer({ kind: 'openai-compatible', baseUrl: stt.baseUrl, model: 'whisper-large', needsKey: true }, s, deps);
      const final = new Promise((resolve) => r.once('final', resolve));
      r.push(new Float32Array(16_000).fill(0.05));
      r.endSegment();
      await final;
      await r.close();
      expect(stt.uploads[0]).toMatchObject({ fields: { model: 'whisper-large', language: 'de' }, authorization: 'Bearer sk-stt' });
    } finally {
      await stt.close();
    }
  });

  it('Deepgram: the Server address, model, language and key', async () => {
    const dg = await startDeepgramServer();
    try {
      deps.secrets.set('deepgram', 'dg-key');
      const s = providers({ sttProvider: 'deepgram', sttEndpoint: dg.url.replace(/^ws/, 'http'), sttLanguage: 'en-GB' });
      const r = await buildRecognizer({ kind: 'deepgram', model: 'nova-2' }, s, deps);
      r.push(new Float32Array(320));
      await dg.waitForAudioBytes(640);
      await r.close();
      expect(dg.connections[0]?.authorization).toBe('Token dg-key');
      expect(Object.fromEntries(dg.connections[0]!.query)).toMatchObject({ model: 'nova-2', language: 'en-GB' });
    } finally {
      await dg.close();
    }
  });

  it('a Deepgram address without a path gets the listen path', () => {
    expect(deepgramListenUrl('https://dg.example.com')).toBe('wss://dg.example.com/v1/listen');
    expect(deepgramListenUrl('http://127.0.0.1:9000/v1/listen')).toBe('ws://127.0.0.1:9000/v1/listen');
  });
});
