/**
 * Bounded memory per WebSocket peer. A peer that does not read makes every frame we send
 * wait in our process (`bufferedAmount`); left alone that grows without limit. Past
 * `pauseAboveBytes` we stop reading the peer's frames (no new work for it), and resume once
 * it has drained to half of that; past `dropAboveBytes`, or when it stays paused for
 * `stallMs`, the peer is closed with 1008 and a reason that says why, and its memory goes.
 */
import type { WebSocket } from 'ws';

export interface SendBudgetOptions {
  /** 1 MiB: a few seconds of base64 audio or hundreds of bridge replies, far above what a reading peer leaves unsent. */
  pauseAboveBytes?: number;
  /** 8 MiB per peer: a handful of stuck peers stay well under the 50 MB a machine should ever notice. */
  dropAboveBytes?: number;
  /** 10 s paused without draining: a live peer on 127.0.0.1 drains in milliseconds. */
  stallMs?: number;
  /** Check this often while paused, or always when the sender cannot call check() itself (0: only on check()). */
  watchEveryMs?: number;
  /** Told when reading should stop (true) or go on (false); pauses the socket by default. */
  onPressure?: (paused: boolean) => void;
  /** Told once, when the peer is dropped. */
  onDrop?: (bufferedBytes: number) => void;
  now?: () => number;
}

export const SLOW_PEER_CLOSE_CODE = 1008;
/** Polling while paused: 50 ms keeps a resumed peer's wait unnoticeable. */
const PAUSED_POLL_MS = 50;

export class SendBudget {
  private paused = false;
  private pausedAt = 0;
  private dropped = false;
  private timer: NodeJS.Timeout | undefined;
  private writableWaiters: (() => void)[] = [];
  private readonly pauseAbove: number;
  private readonly dropAbove: number;
  private readonly stallMs: number;
  private readonly now: () => number;

  constructor(
    private readonly ws: WebSocket,
    private readonly options: SendBudgetOptions = {},
  ) {
    this.pauseAbove = options.pauseAboveBytes ?? 1024 * 1024;
    this.dropAbove = options.dropAboveBytes ?? 8 * 1024 * 1024;
    this.stallMs = options.stallMs ?? 10_000;
    this.now = options.now ?? Date.now;
    if (options.watchEveryMs) this.startTimer(options.watchEveryMs);
    ws.once('close', () => this.dispose());
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** True once the peer has been dropped (or has gone): nothing more should be made for it. */
  get isDropped(): boolean {
    return this.dropped;
  }

  /** Resolves once the peer may be sent to again: it drained, or it is gone (check isDropped). */
  whenWritable(): Promise<void> {
    if (!this.paused || this.dropped) return Promise.resolve();
    return new Promise((resolve) => this.writableWaiters.push(resolve));
  }

  /** Call after sending; cheap. */
  check(): void {
    if (this.dropped) return;
    const buffered = this.ws.bufferedAmount;
    if (buffered > this.dropAbove || (this.paused && this.now() - this.pausedAt >= this.stallMs)) return this.drop(buffered);
    if (!this.paused && buffered > this.pauseAbove) {
      this.paused = true;
      this.pausedAt = this.now();
      this.setPressure(true);
      if (!this.timer) this.startTimer(PAUSED_POLL_MS);
    } else if (this.paused && buffered <= this.pauseAbove / 2) {
      this.paused = false;
      this.setPressure(false);
      if (!this.options.watchEveryMs) this.stopTimer();
      this.wakeWriters();
    }
  }

  dispose(): void {
    this.dropped = true;
    this.stopTimer();
    this.wakeWriters();
  }

  private drop(buffered: number): void {
    this.dropped = true;
    this.stopTimer();
    this.wakeWriters();
    const mib = (buffered / (1024 * 1024)).toFixed(1);
    this.options.onDrop?.(buffered);
    try {
      this.ws.close(SLOW_PEER_CLOSE_CODE, `Closed: the client stopped reading (${mib} MiB waiting)`);
    } catch {
      // Already closing.
    }
    // A peer that does not read will not read the close frame either: free the memory now-ish.
    setTimeout(() => this.ws.terminate(), 500).unref();
  }

  private wakeWriters(): void {
    const waiters = this.writableWaiters;
    this.writableWaiters = [];
    for (const wake of waiters) wake();
  }

  private setPressure(paused: boolean): void {
    if (this.options.onPressure) return this.options.onPressure(paused);
    if (paused) this.ws.pause();
    else this.ws.resume();
  }

  private startTimer(everyMs: number): void {
    this.stopTimer();
    this.timer = setInterval(() => this.check(), everyMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
