/**
 * Raw HTTP on 127.0.0.1 for the listener-hardening tests: requests exactly as written (no
 * client-side normalisation, so malformed targets and headers reach the server as sent).
 */
import net from 'node:net';

export interface RawResponse {
  /** Everything the server sent before it closed or went quiet. */
  text: string;
  /** The status code of the first response line, or 0 when there was none. */
  status: number;
}

/** Sends `request` verbatim; resolves with what came back once the server closes or `quietMs` passes. */
export function rawRequest(port: number, request: string | Buffer, quietMs = 1000): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ text, status });
    };
    const timer = setTimeout(finish, quietMs);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      // One response is all we want; a header block end with no body to wait for is enough.
      if (Buffer.concat(chunks).includes('\r\n\r\n') && !/content-length: [1-9]/i.test(Buffer.concat(chunks).toString('latin1'))) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.write(request);
  });
}

/** A GET with a Host header for the port; `headers` are extra lines ("Name: value"). */
export function get(port: number, target: string, headers: string[] = [], host = `127.0.0.1:${port}`): Promise<RawResponse> {
  return rawRequest(port, [`GET ${target} HTTP/1.1`, `Host: ${host}`, ...headers, 'Connection: close', '', ''].join('\r\n'));
}

/** A WebSocket upgrade request (valid handshake headers) to `target`. */
export function upgrade(port: number, target: string, headers: string[] = [], host = `127.0.0.1:${port}`): Promise<RawResponse> {
  return rawRequest(
    port,
    [
      `GET ${target} HTTP/1.1`,
      `Host: ${host}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      ...headers,
      '',
      '',
    ].join('\r\n'),
  );
}
