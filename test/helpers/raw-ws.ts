/**
 * A WebSocket client that never reads: it completes the handshake, then stops reading its
 * socket, so everything the server sends piles up (the slow-client attack). Frames are
 * written by hand (masked text frames, RFC 6455) since no client library lets us not read.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export interface NonReadingClient {
  socket: net.Socket;
  sendText(text: string): boolean;
  close(): void;
}

export function openNonReadingClient(port: number, target: string, headers: string[] = []): Promise<NonReadingClient> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (!head.startsWith('HTTP/1.1 101')) {
        socket.destroy();
        reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
        return;
      }
      // From here on nothing is read: the kernel buffers fill, then the server's.
      socket.pause();
      resolve({ socket, sendText: (text) => socket.write(maskedTextFrame(text)), close: () => socket.destroy() });
    };
    socket.on('data', onData);
    socket.on('error', reject);
    socket.write(
      [
        `GET ${target} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        ...headers,
        '',
        '',
      ].join('\r\n'),
    );
  });
}

function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const mask = randomBytes(4);
  const len = payload.length;
  const header =
    len < 126
      ? Buffer.from([0x81, 0x80 | len])
      : len < 65536
        ? Buffer.from([0x81, 0x80 | 126, len >> 8, len & 0xff])
        : Buffer.concat([Buffer.from([0x81, 0x80 | 127]), bigLength(len)]);
  const masked = Buffer.alloc(len);
  for (let i = 0; i < len; i++) masked[i] = payload[i]! ^ mask[i % 4]!;
  return Buffer.concat([header, mask, masked]);
}

function bigLength(len: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(len));
  return b;
}
