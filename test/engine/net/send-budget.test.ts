import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { SendBudget, SLOW_PEER_CLOSE_CODE } from '../../../electron/engine/net/send-budget.js';

const MiB = 1024 * 1024;

class FakePeer extends EventEmitter {
  bufferedAmount = 0;
  paused = false;
  closed: [number, string] | undefined;
  terminated = false;
  pause() {
    this.paused = true;
  }
  resume() {
    this.paused = false;
  }
  close(code: number, reason: string) {
    this.closed = [code, reason];
  }
  terminate() {
    this.terminated = true;
  }
}

let now = 0;
beforeEach(() => {
  vi.useFakeTimers();
  now = 0;
});
afterEach(() => vi.useRealTimers());

const budgetFor = (peer: FakePeer) => new SendBudget(peer as unknown as WebSocket, { now: () => now });

describe('SendBudget', () => {
  it('stops reading a peer past 1 MiB unsent and reads again once it drains to half', () => {
    const peer = new FakePeer();
    const budget = budgetFor(peer);
    peer.bufferedAmount = MiB;
    budget.check();
    expect(peer.paused).toBe(false);
    peer.bufferedAmount = MiB + 1;
    budget.check();
    expect(peer.paused).toBe(true);
    peer.bufferedAmount = MiB / 2 + 1;
    vi.advanceTimersByTime(50);
    expect(peer.paused).toBe(true);
    peer.bufferedAmount = MiB / 2;
    vi.advanceTimersByTime(50);
    expect(peer.paused).toBe(false);
  });

  it('drops a peer past 8 MiB with 1008 and a reason, then frees its socket', () => {
    const peer = new FakePeer();
    const budget = budgetFor(peer);
    peer.bufferedAmount = 8 * MiB;
    budget.check();
    expect(peer.closed).toBeUndefined();
    peer.bufferedAmount = 8 * MiB + 1;
    budget.check();
    expect(peer.closed?.[0]).toBe(SLOW_PEER_CLOSE_CODE);
    expect(peer.closed?.[1]).toMatch(/stopped reading \(8\.0 MiB waiting\)/);
    vi.advanceTimersByTime(500);
    expect(peer.terminated).toBe(true);
  });

  it('drops a peer that stays paused for 10 s (not at 9,999 ms)', () => {
    const peer = new FakePeer();
    const budget = budgetFor(peer);
    peer.bufferedAmount = 2 * MiB;
    budget.check();
    now = 9_999;
    budget.check();
    expect(peer.closed).toBeUndefined();
    now = 10_000;
    budget.check();
    expect(peer.closed?.[0]).toBe(SLOW_PEER_CLOSE_CODE);
  });

  it('lets work waiting for a paused peer go on when it drains, or learn that it is gone', async () => {
    const peer = new FakePeer();
    const budget = budgetFor(peer);
    peer.bufferedAmount = 2 * MiB;
    budget.check();
    let woke = false;
    void budget.whenWritable().then(() => (woke = true));
    await Promise.resolve();
    expect(woke).toBe(false);
    peer.emit('close');
    await Promise.resolve();
    expect(woke).toBe(true);
    expect(budget.isDropped).toBe(true);
  });
});
