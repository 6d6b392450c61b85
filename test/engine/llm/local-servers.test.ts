import { afterEach, beforeEach, expect, it } from 'vitest';
import { detectLocalServers, LOCAL_SERVER_CANDIDATES } from '../../../electron/engine/llm/local-servers.js';
import { startChatServer, status, type ChatServer } from './helpers/chat-server.js';

let ollama: ChatServer;
let lmStudio: ChatServer;
beforeEach(async () => {
  ollama = await startChatServer();
  lmStudio = await startChatServer();
});
afterEach(async () => {
  await ollama.close();
  await lmStudio.close();
});

it('looks for Ollama on 11434 and LM Studio on 1234 by default', () => {
  expect(LOCAL_SERVER_CANDIDATES.map((c) => c.baseUrl)).toEqual(['http://127.0.0.1:11434/v1', 'http://127.0.0.1:1234/v1']);
});

it('finds the servers that answer /v1/models, with their models', async () => {
  ollama.script(status(200, { object: 'list', data: [{ id: 'llama3.2:1b' }, { id: 'qwen2.5:0.5b' }] }));
  lmStudio.script(status(503, {}));
  const found = await detectLocalServers({
    candidates: [
      { name: 'Ollama', baseUrl: ollama.baseUrl },
      { name: 'LM Studio', baseUrl: lmStudio.baseUrl },
    ],
  });
  expect(found).toEqual([{ name: 'Ollama', baseUrl: ollama.baseUrl, models: ['llama3.2:1b', 'qwen2.5:0.5b'] }]);
  expect(ollama.received[0]?.url).toBe('/v1/models');
});

it('finds nothing, quickly, when no server listens', async () => {
  const gone = await startChatServer();
  await gone.close();
  const started = performance.now();
  expect(await detectLocalServers({ candidates: [{ name: 'Ollama', baseUrl: gone.baseUrl }] })).toEqual([]);
  expect(performance.now() - started).toBeLessThan(1000);
});

it('gives up on a server that accepts the connection but never answers', async () => {
  ollama.script(() => undefined);
  const found = await detectLocalServers({ candidates: [{ name: 'Ollama', baseUrl: ollama.baseUrl }], timeoutMs: 100 });
  expect(found).toEqual([]);
});
