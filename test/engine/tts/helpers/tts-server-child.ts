/** `npm run tts-server` as a child process for the whole test file (started before, stopped after). */
import { afterAll, beforeAll } from 'vitest';
import { startChildServer, type ChildServer } from '../../../helpers/child-server';

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
