/**
 * A fast, randomized stand-in for a reference-protocol server (no synthesis): every text frame
 * "T<n>: ..." yields 1-2 audio chunks whose first sample encodes n, after random delays, so a
 * test can tell which turn a delivered chunk truly came from. Frames are handled strictly in
 * order, like a real single-stream server; a cancel may let stragglers out before its ack, and
 * sometimes (the silent-server case) never acks at all and goes quiet instead. A cancel with
 * nothing in progress is acknowledged too, as KugelAudio does (its SDKs wait for that ack).
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodePcmS16le } from '../../../../electron/engine/tts/pcm.js';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The turn index a chunk was generated for, read back from its first sample. */
export function markerOf(samples: Float32Array): number {
  return Math.round(samples[0]! * 32768);
}

const delay = (ms: number) => new Promise<void>((r) => (ms <= 0 ? setImmediate(r) : setTimeout(r, ms)));

export class SimulatedServer {
  private constructor(
    private readonly wss: WebSocketServer,
    private readonly random: () => number,
    private readonly ackProbability: number,
    private readonly silentGapMs: number,
  ) {
    wss.on('connection', (ws) => this.serve(ws));
  }

  static async start(seed: number, options: { ackProbability?: number; silentGapMs?: number } = {}): Promise<SimulatedServer> {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    return new SimulatedServer(wss, mulberry32(seed), options.ackProbability ?? 0.97, options.silentGapMs ?? 150);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/ws/tts/stream?api_key=sim`;
  }

  get openConnections(): number {
    return this.wss.clients.size;
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await new Promise<void>((r) => this.wss.close(() => r()));
  }

  private serve(ws: WebSocket): void {
    const inbox: Record<string, unknown>[] = [];
    let busy = false;
    let turn: number | null = null; // the turn the server is generating
    const send = (f: Record<string, unknown>) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(f));
    const chunk = (n: number) => {
      const s = new Float32Array(8).fill(0);
      s[0] = n / 32768;
      send({ audio: encodePcmS16le(s).toString('base64'), enc: 'pcm_s16le', sr: 24000, samples: 8 });
    };
    const step = async (m: Record<string, unknown>) => {
      if (typeof m.text === 'string') {
        const match = /^T(\d+):/.exec(m.text);
        if (match) turn = Number(match[1]);
        if (turn !== null && m.text.trim()) {
          const n = 1 + Math.floor(this.random() * 2);
          for (let i = 0; i < n; i++) {
            await delay(Math.floor(this.random() * 3));
            chunk(turn);
          }
        }
      }
      if (m.close === true && turn !== null) {
        await delay(Math.floor(this.random() * 2));
        send({ final: true });
        turn = null;
      }
      if (m.cancel === true) {
        const stragglers = turn === null ? 0 : Math.floor(this.random() * 3);
        for (let i = 0; i < stragglers; i++) chunk(turn!);
        turn = null;
        if (this.random() < this.ackProbability) send({ interrupted: true });
        // The ack is lost: the server goes quiet (well past the client's quiet timeout) before its next frame,
        // which is exactly the case the quiet timeout exists for.
        else await delay(this.silentGapMs);
      }
      if (m.close_socket === true) ws.close(1000);
    };
    ws.on('message', (data) => {
      inbox.push(JSON.parse(data.toString()) as Record<string, unknown>);
      if (busy) return;
      busy = true;
      void (async () => {
        while (inbox.length > 0) await step(inbox.shift()!);
        busy = false;
      })();
    });
  }
}
