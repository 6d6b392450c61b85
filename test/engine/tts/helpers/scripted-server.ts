/**
 * A real WebSocket server on 127.0.0.1:0 whose every reply is scripted by the test: drops,
 * silence, garbage, close codes, stragglers. Speaks whatever the test sends.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodePcmS16le } from '../../../../electron/engine/tts/pcm.js';

export type Frame = Record<string, unknown>;

export class ScriptedConnection {
  readonly received: Frame[] = [];
  readonly receivedBinary: Buffer[] = [];
  readonly url: string;
  private waiters: { pred: (m: Frame) => boolean; resolve: (m: Frame) => void }[] = [];
  private closedPromise: Promise<number>;
  pings = 0;

  constructor(
    readonly ws: WebSocket,
    url: string,
    readonly headers: Record<string, string | string[] | undefined> = {},
  ) {
    this.url = url;
    this.closedPromise = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('ping', () => (this.pings += 1));
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        this.receivedBinary.push(data as Buffer);
        return;
      }
      let m: Frame;
      try {
        m = JSON.parse(data.toString()) as Frame;
      } catch {
        m = { __raw: data.toString() };
      }
      this.received.push(m);
      for (const w of [...this.waiters]) {
        if (w.pred(m)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    });
  }

  /** The next frame matching `pred` (already received ones count if not yet consumed by index). */
  next(pred: (m: Frame) => boolean = () => true, fromIndex = 0): Promise<Frame> {
    const existing = this.received.slice(fromIndex).find(pred);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }

  /** Waits for a frame matching pred that arrives after the current count. */
  nextNew(pred: (m: Frame) => boolean = () => true): Promise<Frame> {
    return this.next(pred, this.received.length);
  }

  send(frame: Frame): void {
    this.ws.send(JSON.stringify(frame));
  }
  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }
  /** An audio chunk of `n` samples at `value`, base64 s16le in JSON. */
  /** `n` samples of s16le as one binary frame (Deepgram). */
  binaryAudio(n: number, value = 0.25): void {
    this.ws.send(encodePcmS16le(new Float32Array(n).fill(value)), { binary: true });
  }
  audio(n: number, options: { sr?: number; enc?: string; value?: number; extra?: Frame } = {}): void {
    const samples = new Float32Array(n).fill(options.value ?? 0.25);
    this.send({ audio: encodePcmS16le(samples).toString('base64'), enc: options.enc ?? 'pcm_s16le', sr: options.sr ?? 24000, samples: n, ...options.extra });
  }
  close(code: number, reason = ''): void {
    this.ws.close(code, reason);
  }
  terminate(): void {
    this.ws.terminate();
  }
  closed(): Promise<number> {
    return this.closedPromise;
  }
}

export class ScriptedServer {
  readonly connections: ScriptedConnection[] = [];
  private waiters: ((c: ScriptedConnection) => void)[] = [];
  /** When set, upgrades are answered with this HTTP status instead of accepted. */
  rejectWithStatus: number | null = null;

  private constructor(private readonly wss: WebSocketServer) {
    wss.on('connection', (ws, req) => {
      const conn = new ScriptedConnection(ws, req.url ?? '/', req.headers);
      this.connections.push(conn);
      const w = this.waiters.shift();
      w?.(conn);
    });
  }

  static async start(options: { maxPayload?: number } = {}): Promise<ScriptedServer> {
    const wss = new WebSocketServer({
      port: 0,
      host: '127.0.0.1',
      maxPayload: options.maxPayload ?? 64 * 1024 * 1024,
      verifyClient: (_info, cb) => {
        const status = server.rejectWithStatus;
        if (status) cb(false, status, 'rejected');
        else cb(true);
      },
    });
    const server = new ScriptedServer(wss);
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    return server;
  }

  /** ws://127.0.0.1:port, for adapters that build their own path. */
  get baseUrl(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/ws/tts/stream?api_key=test`;
  }

  /** The n-th connection (0-based), waiting for it if needed. */
  connection(n: number): Promise<ScriptedConnection> {
    if (this.connections[n]) return Promise.resolve(this.connections[n]);
    return new Promise((resolve) => {
      const check = (c: ScriptedConnection) => {
        if (this.connections[n]) resolve(this.connections[n]);
        else this.waiters.push(check);
        void c;
      };
      this.waiters.push(check);
    });
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** Resolves after the event loop has had a chance to move frames (no timers involved). */
export function tick(ms = 20): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `cond` is true (real time; sockets are real). 20 s: room for a slow, loaded machine; it returns as soon as `cond` holds. */
export async function until(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
