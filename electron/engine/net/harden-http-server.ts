/**
 * What every local HTTP listener of ours sets: a request the HTTP parser rejects is a 400
 * (never an exception), and a client that sends its headers slowly (slowloris) is cut off
 * instead of holding a connection for Node's default minute.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** 10 s for the request headers: a local client sends them in microseconds; a trickle is an attack. */
const HEADERS_TIMEOUT_MS = 10_000;

export function hardenHttpServer(server: Server): void {
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = HEADERS_TIMEOUT_MS * 3;
  server.on('clientError', (_err, socket) => badRequest(socket));
}

/** Answers 400 and closes; a socket that can no longer be written is just destroyed. */
export function badRequest(socket: Duplex): void {
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  else socket.destroy();
}
