/** A bare WebSocket client that records every frame the server sends, with its arrival time. */
import WebSocket from 'ws';

export type Frame = Record<string, unknown> & { __t: number };

export class RawClient {
  readonly frames: Frame[] = [];
  private waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void; from: number }[] = [];
  closeCode: number | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const f = { ...(JSON.parse(data.toString()) as Record<string, unknown>), __t: performance.now() };
      this.frames.push(f);
      for (const w of [...this.waiters]) {
        if (w.pred(f)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(f);
        }
      }
    });
    ws.on('close', (code) => (this.closeCode = code));
  }

  static open(url: string): Promise<RawClient> {
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new RawClient(ws)));
      ws.once('error', reject);
    });
  }

  send(frame: Record<string, unknown> | string): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame matching pred at or after index `from` (default: any already received). */
  next(pred: (f: Frame) => boolean, from = 0, timeoutMs = 20_000): Promise<Frame> {
    const found = this.frames.slice(from).find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('frame not received in time')), timeoutMs);
      this.waiters.push({
        pred,
        from,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}
