/**
 * The real browser twin CLI as a child process on a temp data dir, with a tiny stand-in
 * renderer (the hardening tests need the server, not the Vue build). `launchUrl` is the
 * address the CLI prints, access token included.
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../helpers/temp-dir';
import { startChildServer, type ChildServer } from '../../helpers/child-server';

export interface TwinFixture {
  server: ChildServer;
  port: number;
  launchUrl: string;
  launchToken: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTwinFixture(): Promise<TwinFixture> {
  const data = makeTempDir('interject-twin-harden-');
  const rendererDir = path.join(data.dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body><script type="module" src="/assets/app.js"></script></body></html>',
  );
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  const server = await startChildServer(
    'electron/web/cli.ts',
    ['--port', '0', '--data-dir', path.join(data.dir, 'data'), '--renderer-dir', rendererDir],
    /Interject browser twin: (http:\/\/127\.0\.0\.1:(\d+)\/\S*)/,
  );
  const launchUrl = server.match[1]!;
  return {
    server,
    port: Number(server.match[2]),
    launchUrl,
    launchToken: new URL(launchUrl).searchParams.get('token') ?? '',
    dataDir: path.join(data.dir, 'data'),
    async close() {
      await server.stop();
      data.cleanup();
    },
  };
}

/** The cookie the twin sets when the launch URL is opened: "name=value". */
export function cookieFrom(setCookie: string): string {
  return /Set-Cookie: ([^;\r\n]+)/i.exec(setCookie)?.[1] ?? '';
}
