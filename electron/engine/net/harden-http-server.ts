/**
 * What every local HTTP listener of ours sets: a request the HTTP parser rejects is a 400
 * (never an exception), and a client that sends its headers slowly (slowloris) is cut off
 * instead of holding a connection for Node's default minute.
 */
import type { Server, ServerOptions } from 'node:http';
import type { Duplex } from 'node:stream';

/** 10 s for the request headers: a local client sends them in microseconds; a trickle is an attack. */
const HEADERS_TIMEOUT_MS = 10_000;

/**
 * Pass to createServer: Node checks the two timeouts only every `connectionsCheckingInterval`
 * (30 s by default), so without it a trickling client held its socket for up to 40 s, not 10.
 * 1 s is a cheap walk over the open connections.
 */
export const HARDENED_SERVER_OPTIONS: ServerOptions = {
  connectionsCheckingInterval: 1000,
  headersTimeout: HEADERS_TIMEOUT_MS,
  requestTimeout: HEADERS_TIMEOUT_MS * 3,
};

export function hardenHttpServer(server: Server): void {
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = HEADERS_TIMEOUT_MS * 3;
  server.on('clientError', (err: NodeJS.ErrnoException, socket) =>
    badRequest(socket, err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : undefined),
  );
}

/**
 * Answers 400 (or `status`) and closes. end() alone only half-closes: a client that keeps
 * sending (a slowloris trickle) held the socket open, so it is destroyed once the answer is
 * out, or after 1 s if the client does not take it. A socket that cannot be written is just destroyed.
 */
export function badRequest(socket: Duplex, status = '400 Bad Request'): void {
  if (!socket.writable) return void socket.destroy();
  const timer = setTimeout(() => socket.destroy(), 1000);
  timer.unref();
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => {
    clearTimeout(timer);
    socket.destroy();
  });
}
