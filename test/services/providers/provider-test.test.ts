/**
 * The Test buttons, through the contract channel, before any session: an unreachable address,
 * a wrong key and a working local server each get the sentence a person needs.
 */
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../electron/services/app-services.js';
import { serverName } from '../../../electron/services/providers/provider-test.js';
import { startChatServer, status, type ChatServer } from '../../engine/llm/helpers/chat-server.js';
import { startDeepgramServer } from '../../engine/stt/helpers/deepgram-server.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let services: AppServices;
let server: ChatServer;
let cleanup: () => void;
beforeEach(async () => {
  const tmp = makeTempDir();
  cleanup = tmp.cleanup;
  services = createAppServices({ dataDir: tmp.dir, detectLocalServers: async () => [] });
  server = await startChatServer();
});
afterEach(async () => {
  await services.dispose();
  await server.close();
  cleanup();
});

/** A port nothing listens on: bind, note, close. */
async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function test(request: Record<string, unknown>) {
  const result = await services.registry.handle('providers:test', request);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as { ok: boolean; summary: string; models: string[] };
}

const listing = (...ids: string[]) => status(200, { object: 'list', data: ids.map((id) => ({ id })) });

describe('testing the language model', () => {
  it('an unreachable address says it cannot be reached', async () => {
    const port = await deadPort();
    const r = await test({ part: 'llm', providers: { llmProvider: 'openai-compatible', llmEndpoint: `http://127.0.0.1:${port}/v1` } });
    expect(r.ok).toBe(false);
    expect(r.summary).toMatch(new RegExp(`Cannot reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)\\. Is the server running and the address right\\?`));
  });

  it('a wrong key says the key was refused', async () => {
    services.secrets.set('openai-llm', 'sk-wrong');
    server.script(status(401, { error: { message: 'Incorrect API key provided' } }));
    const r = await test({ part: 'llm', providers: { llmProvider: 'openai-compatible', llmEndpoint: server.baseUrl } });
    expect(r).toMatchObject({ ok: false });
    expect(r.summary).toContain('refused the API key (HTTP 401): Incorrect API key provided');
    expect(server.received[0]?.headers.authorization).toBe('Bearer sk-wrong');
  });

  it('a working server says what answered and how many models it has, and lists them', async () => {
    server.script(listing('qwen2.5-7b-instruct', 'llama-3.2-3b', 'phi-4'));
    const r = await test({ part: 'llm', providers: { llmProvider: 'openai-compatible', llmEndpoint: server.baseUrl } });
    const host = new URL(server.baseUrl).host;
    expect(r).toEqual({
      ok: true,
      summary: `The server at ${host}, 3 models; answers will use qwen2.5-7b-instruct.`,
      models: ['qwen2.5-7b-instruct', 'llama-3.2-3b', 'phi-4'],
    });
  });

  it('a model name the server does not have is a problem, with the list to pick from', async () => {
    server.script(listing('a', 'b'));
    const r = await test({ part: 'llm', providers: { llmProvider: 'openai-compatible', llmEndpoint: server.baseUrl, llmModel: 'gpt-5' } });
    expect(r.ok).toBe(false);
    expect(r.summary).toContain('none is called "gpt-5"');
    expect(r.models).toEqual(['a', 'b']);
  });

  it('tests the edited values, not the saved ones', async () => {
    server.script(listing('m'));
    await test({ part: 'llm', providers: { llmProvider: 'openai-compatible', llmEndpoint: server.baseUrl } });
    expect(services.settings.get().providers.llmProvider).toBe('auto');
    expect(server.received).toHaveLength(1);
  });

  it('names well-known servers by their port', () => {
    expect(serverName('http://127.0.0.1:1234/v1')).toBe('LM Studio at 127.0.0.1:1234');
    expect(serverName('http://localhost:11434/v1')).toBe('Ollama at localhost:11434');
  });

  it('a malformed request is refused by the contract', async () => {
    const result = await services.registry.handle('providers:test', { part: 'llm', providers: { llmEndpoint: 'ftp://x' } });
    expect(result.ok).toBe(false);
  });
});

describe('testing the recognizer', () => {
  it('Deepgram: a refused key and an accepted one', async () => {
    const dg = await startDeepgramServer();
    try {
      services.secrets.set('deepgram', 'dg-key');
      const endpoint = dg.url.replace(/^ws/, 'http');
      dg.refuseWith = 401;
      const refused = await test({ part: 'stt', providers: { sttProvider: 'deepgram', sttEndpoint: endpoint } });
      expect(refused.ok).toBe(false);
      expect(refused.summary).toContain('refused the API key (HTTP 401)');
      dg.refuseWith = undefined;
      const accepted = await test({ part: 'stt', providers: { sttProvider: 'deepgram', sttEndpoint: endpoint } });
      expect(accepted).toMatchObject({ ok: true });
      expect(accepted.summary).toContain('accepted the key');
    } finally {
      await dg.close();
    }
  });

  it('Deepgram without a key says so before trying', async () => {
    const r = await test({ part: 'stt', providers: { sttProvider: 'deepgram' } });
    expect(r).toEqual({ ok: false, summary: 'Deepgram needs an API key: add one in Settings, Providers.', models: [] });
  });
});

describe('testing the voice', () => {
  it('the built-in voice speaks a word', async () => {
    const r = await test({ part: 'tts', tts: { provider: 'local', voice: 'slt' } });
    expect(r.ok).toBe(true);
    expect(r.summary).toMatch(/^Local voice slt spoke with voice "slt" \(first audio after \d+ ms\)\.$/);
  }, 20_000);

  it('an unreachable voice server says so', async () => {
    const port = await deadPort();
    const r = await test({ part: 'tts', tts: { provider: 'kugel', endpointUrl: `ws://127.0.0.1:${port}/ws` } });
    expect(r.ok).toBe(false);
    expect(r.summary).toMatch(/Cannot reach|did not answer/);
  }, 20_000);
});
