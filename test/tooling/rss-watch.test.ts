// The memory tests' helpers (test/helpers/rss-watch.ts, child-server.ts) run real children and timers: an attack that
// fails, a child that dies or never starts must end the test with its error, leaving no timer or process behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import net from 'node:net';
import { WebSocketServer } from 'ws';
import { collectEveryHeap, startChildServer, type ChildServer } from '../helpers/child-server';
import { attackRounds, MB } from '../helpers/rss-watch';

afterEach(() => vi.useRealTimers());

const target = (read: () => number) => ({ rssBytes: read, collectGarbage: async () => {} });

/** A child server run from `source` (it prints the ready line) in a folder of its own, given to `use`, then stopped and its folder removed. */
async function withChild(source: string, use: (child: ChildServer) => Promise<void>): Promise<ChildServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'child-server-'));
  try {
    const script = path.join(dir, 'child.mjs');
    fs.writeFileSync(script, source);
    const child = await startChildServer(script, [], /ready on ws:\/\/127\.0\.0\.1:(\d+)\//, 20_000);
    try {
      await use(child);
    } finally {
      await child.stop();
    }
    return child;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('attackRounds', () => {
  it('stops sampling when the attack throws, and rejects with its error', async () => {
    vi.useFakeTimers();
    const rounds = attackRounds(
      target(() => 100 * MB),
      3,
      async () => {
        throw new Error('the client could not connect');
      },
    );
    await expect(rounds).rejects.toThrow('the client could not connect');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops sampling when the process is gone mid-attack (its /proc entry unreadable), and rejects', async () => {
    let gone = false;
    const read = () => {
      if (gone) throw new Error('ENOENT: /proc/123/status');
      return 100 * MB;
    };
    const unhandled: unknown[] = [];
    const onError = (e: unknown) => unhandled.push(e);
    process.on('uncaughtException', onError);
    try {
      const rounds = attackRounds(target(read), 3, async () => {
        gone = true;
        await new Promise((r) => setTimeout(r, 350)); // three samples at 100 ms
      });
      await expect(rounds).rejects.toThrow('ENOENT');
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(unhandled).toEqual([]);
  });
});

describe('startChildServer', () => {
  it('kills a child that never prints its ready line, when it gives up on it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'child-server-'));
    const marker = `never-ready-${process.pid}-${Date.now()}`;
    const script = path.join(dir, 'never-ready.mjs');
    fs.writeFileSync(script, 'setInterval(() => {}, 1000);\n');
    const alive = () =>
      fs
        .readdirSync('/proc')
        .filter((p) => /^\d+$/.test(p))
        .some((p) => {
          try {
            return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(marker);
          } catch {
            return false;
          }
        });
    try {
      await expect(startChildServer(script, [marker], /ready/, 1500)).rejects.toThrow('did not start');
      await expect.poll(alive, { timeout: 5000 }).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});

describe('a child started for a memory test', () => {
  it('collects its garbage through its inspector, and stops', async () => {
    const child = await withChild("console.log('ready on ws://127.0.0.1:1/'); setInterval(() => {}, 1000);\n", async (child) => {
      expect(child.match[1]).toBe('1'); // its own line, not the inspector's ws:// address on stderr
      await child.collectGarbage();
      expect(child.rssBytes()).toBeGreaterThan(0);
    });
    expect(child.exited).toBe(true);
  }, 30_000);
});

describe("a child server's output", () => {
  it('keeps only the tail of a flood on stdout, as on stderr, so a chatty child cannot grow the test', async () => {
    // 2 MB on stdout after the ready line, then one last line, then it waits to be stopped.
    const chatty =
      "console.log('ready on ws://127.0.0.1:1/'); const line = 'x'.repeat(999); for (let i = 0; i < 2000; i++) console.log(line); console.log('last line'); setInterval(() => {}, 1000);\n";
    await withChild(chatty, async (child) => {
      await expect.poll(() => child.output.includes('last line'), { timeout: 10_000 }).toBe(true);
      expect(child.output.length).toBeLessThanOrEqual(200_000);
      expect(child.output.trimEnd().endsWith('last line')).toBe(true);
    });
  }, 30_000);
});

describe("a memory test's full collection", () => {
  it("collects a worker thread's garbage too, not only the main thread's", async () => {
    // 40 MiB of dropped buffers in a worker: under V8's 64 MiB external-memory mark, so the worker's own heap would
    // keep them until it next collects (as flite's workers keep each sentence's buffers).
    const worker = `const { parentPort } = require('node:worker_threads');
      for (let i = 0; i < 40; i++) new Uint8Array(1 << 20).fill(1);
      parentPort.postMessage('made'); setInterval(() => {}, 1000);`;
    const main = `import { Worker } from 'node:worker_threads';
      new Worker(${JSON.stringify(worker)}, { eval: true }).once('message', () => console.log('ready on ws://127.0.0.1:1/'));
      setInterval(() => {}, 1000);\n`;
    await withChild(main, async (child) => {
      const before = child.rssBytes();
      await child.collectGarbage();
      await expect.poll(() => before - child.rssBytes(), { timeout: 5000 }).toBeGreaterThan(10 * MB); // +20 MB back here; 2 MB when only the main heap was collected
    });
  }, 30_000);
});

describe('collectEveryHeap', () => {
  it('gives up on an inspector that takes the connection and never answers', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s)); // accepts, never completes the WebSocket handshake
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as net.AddressInfo;
    try {
      await expect(collectEveryHeap(`ws://127.0.0.1:${port}/x`, 500)).rejects.toThrow('no full collection of every heap');
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  }, 10_000);

  // A flite worker may leave between being announced and being asked (the pool replaces workers): the inspector then
  // answers the forwarded call with an error, or tells the worker detached. Its heap is gone with it: nothing to wait for.
  it.each(['error', 'detached'] as const)(
    'goes on past a worker that left before it was asked (%s)',
    async (how) => {
      const inspector = new WebSocketServer({ port: 0, host: '127.0.0.1' });
      await new Promise((r) => inspector.once('listening', r));
      inspector.on('connection', (ws) =>
        ws.on('message', (data) => {
          const msg = JSON.parse(String(data)) as { id: number; method: string; params?: { sessionId: string } };
          if (msg.method === 'NodeWorker.enable')
            ws.send(JSON.stringify({ method: 'NodeWorker.attachedToWorker', params: { sessionId: 'w1', workerInfo: {}, waitingForDebugger: false } }));
          if (msg.method !== 'NodeWorker.sendMessageToWorker') return ws.send(JSON.stringify({ id: msg.id, result: {} }));
          if (how === 'error') ws.send(JSON.stringify({ id: msg.id, error: { code: -32602, message: 'Unknown session id' } }));
          else ws.send(JSON.stringify({ method: 'NodeWorker.detachedFromWorker', params: { sessionId: msg.params!.sessionId } }));
        }),
      );
      const { port } = inspector.address() as net.AddressInfo;
      try {
        await collectEveryHeap(`ws://127.0.0.1:${port}/x`, 2000);
      } finally {
        inspector.close();
      }
    },
    10_000,
  );
});
