/** One embedded local TTS server for a test file: started before its tests, closed after. */
import { afterAll, beforeAll } from 'vitest';
import { startLocalTtsServer, type LocalTtsServer, type LocalTtsServerOptions } from '../../../../electron/engine/tts/local-server/server.js';

export function useLocalTtsServer(options: LocalTtsServerOptions = {}): () => LocalTtsServer {
  let server: LocalTtsServer | undefined;
  beforeAll(async () => {
    server = await startLocalTtsServer({ port: 0, ...options });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });
  return () => server!;
}
