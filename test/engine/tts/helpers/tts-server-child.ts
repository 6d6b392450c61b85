/** `npm run tts-server` as a child process for the whole test file (started before, stopped after). */
import { afterAll, beforeAll } from 'vitest';
import { startChildServer, type ChildServer } from '../../../helpers/child-server';
import { RawClient } from './raw-client.js';

export interface TtsServerChild {
  readonly server: ChildServer;
  readonly port: number;
}

export function useTtsServerChild(token: string): TtsServerChild {
  let server: ChildServer | undefined;
  beforeAll(async () => {
    server = await startChildServer('electron/engine/tts/local-server/cli.ts', ['--port', '0', '--token', token], /ws:\/\/127\.0\.0\.1:(\d+)\//);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });
  return {
    get server() {
      return server!;
    },
    get port() {
      return Number(server!.match[1]);
    },
  };
}

/**
 * Speaks `text` to the end on `clients` connections at once and waits a moment, so an RSS
 * baseline holds warmed-up workers and the allocator's working set for that many sessions
 * (each thread's malloc arena keeps what it has grown to; that is use, not a leak).
 */
export async function warmUpTtsServer(port: number, token: string, text: string, clients = 1): Promise<void> {
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = await RawClient.open(`ws://127.0.0.1:${port}/ws/tts/stream?api_key=${token}`);
      client.send({ text, close: true });
      await client.next((f) => f.final === true, 0, 180_000); // 32 s for one client beside a CPU hog
      client.close();
    }),
  );
  await new Promise((r) => setTimeout(r, 500));
}
