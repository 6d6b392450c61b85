/**
 * A real HTTP server on 127.0.0.1 (port 0) that answers chat completion requests from a
 * script: each request takes the next scripted reply. Records what it received.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply = (res: http.ServerResponse, req: http.IncomingMessage) => void;

export interface ChatServer {
  baseUrl: string;
  received: { url: string; headers: http.IncomingHttpHeaders; body: unknown }[];
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

export async function startChatServer(): Promise<ChatServer> {
  const replies: Reply[] = [];
  const received: ChatServer['received'] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // GET requests have no JSON body.
      }
      received.push({ url: req.url ?? '', headers: req.headers, body });
      const reply = replies.shift();
      if (reply) reply(res, req);
      else res.writeHead(500).end('no scripted reply');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    received,
    script: (...r) => replies.push(...r),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function delta(text: string): string {
  return `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`;
}

/** A complete streamed answer made of these pieces, ending with [DONE]. */
export function streamed(...pieces: string[]): Reply {
  return (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(': keep-alive comment\n\n');
    for (const p of pieces) res.write(delta(p));
    res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
    res.end('data: [DONE]\n\n');
  };
}

export function status(code: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return (res) => res.writeHead(code, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** Sends these raw SSE lines and then keeps the connection open until the client goes away. */
export function rawThenHang(raw: string): Reply {
  return (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(raw);
  };
}

/** Sends these raw SSE lines and then drops the connection. */
export function rawThenDrop(raw: string): Reply {
  return (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(raw, () => res.destroy());
  };
}
