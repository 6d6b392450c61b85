/**
 * A real HTTP server on 127.0.0.1 (port 0) that serves the fixture archives the way real
 * download hosts behave and misbehave. Routes:
 *   /good/<file>       the file, honouring Range (206 + Content-Range)
 *   /redirect/<file>   302 to /good/<file> (GitHub releases and Hugging Face redirect)
 *   /truncated/<file>  a complete response holding only the first half of the file
 *   /drop/<file>       without Range: announces the full length, sends half, then drops the connection
 *   /slow/<file>       1 kB every 20 ms, so a test can cancel mid-way
 *   /chunked/<file>    the file without a Content-Length (chunked transfer)
 *   /status/<code>     that HTTP status
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const ARCHIVES_DIR = path.resolve(import.meta.dirname, '../../../fixtures/models/archives');

export interface ArchiveServer {
  url: string;
  requests: { url: string; range?: string }[];
  close(): Promise<void>;
}

export async function startArchiveServer(): Promise<ArchiveServer> {
  const requests: ArchiveServer['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', range: req.headers.range });
    void handle(req, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const [, route, name = ''] = (req.url ?? '').split('/');
  if (route === 'status') {
    res.writeHead(Number(name)).end('nope');
    return;
  }
  if (route === 'redirect') {
    res.writeHead(302, { location: `/good/${name}` }).end();
    return;
  }
  const body = await readFile(path.join(ARCHIVES_DIR, path.basename(name)));
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  if (range && route !== 'truncated') {
    const start = Number(range[1]);
    if (start >= body.length) {
      res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    res.writeHead(206, { 'content-length': body.length - start, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
    res.end(body.subarray(start));
    return;
  }
  if (route === 'good') {
    res.writeHead(200, { 'content-length': body.length }).end(body);
  } else if (route === 'chunked') {
    res.writeHead(200);
    res.write(body.subarray(0, 1000));
    res.end(body.subarray(1000));
  } else if (route === 'truncated') {
    const half = body.subarray(0, Math.floor(body.length / 2));
    res.writeHead(200, { 'content-length': half.length }).end(half);
  } else if (route === 'drop') {
    res.writeHead(200, { 'content-length': body.length });
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => setTimeout(() => res.destroy(), 20));
  } else if (route === 'slow') {
    res.writeHead(200, { 'content-length': body.length });
    let at = 0;
    const timer = setInterval(() => {
      if (res.destroyed || at >= body.length) {
        clearInterval(timer);
        if (!res.destroyed) res.end();
        return;
      }
      res.write(body.subarray(at, at + 1024));
      at += 1024;
    }, 20);
    res.on('close', () => clearInterval(timer));
  } else {
    res.writeHead(404).end();
  }
}
