/**
 * Runs one of our CLI servers (the TTS server, the browser twin) as a child process, so a
 * test can attack it and then check that the process is still alive, and how much memory
 * (RSS, from /proc) it holds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** What a child's output keeps, from stdout and stderr alike: its tail, so a flood of log lines cannot grow the test's memory. */
const OUTPUT_TAIL_CHARS = 200_000;

export interface ChildServer {
  /** The first match of `ready` on stdout. */
  match: RegExpExecArray;
  readonly output: string;
  readonly exited: boolean;
  pid: number;
  /** Resident memory in bytes (Linux /proc). */
  rssBytes(): number;
  /**
   * A full garbage collection of the child's main heap and of every worker thread's, through its
   * inspector (test-only: the child is started with `--inspect` on a random loopback port). Without
   * it an RSS reading lands anywhere on V8's sawtooth: the twin read +3..+39 MB after the same
   * attack, round to round. Workers too: flite's workers drop each sentence's buffers (~1-2 MB)
   * and collect them only when their own heap decides to, so after five dropped clients the TTS
   * server read -9..+35 MB over ten rounds with the main heap alone collected, +2..+15 MB with the workers' too.
   */
  collectGarbage(): Promise<void>;
  stop(): Promise<void>;
}

export async function startChildServer(script: string, args: string[], ready: RegExp, timeoutMs = 60_000): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, ['--inspect=127.0.0.1:0', '--import', 'tsx', script, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let output = '';
  let inspectorUrl: string | undefined;
  let exited = false;
  child.once('exit', () => (exited = true));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Given up on: it must not run on after the test (it would hold its port and memory, and keep the run alive).
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    let stdout: string | undefined = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
      // Matched on stdout alone: the inspector's own ws:// address goes to stderr.
      if (stdout === undefined) return;
      stdout = (stdout + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
      const m = ready.exec(stdout);
      if (m) {
        stdout = undefined;
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.stderr!.on('data', (c: Buffer) => {
      inspectorUrl ??= /Debugger listening on (ws:\/\/\S+)/.exec(c.toString())?.[1];
      output = (output + c.toString()).slice(-OUTPUT_TAIL_CHARS);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output}`));
    });
  });
  return {
    match,
    get output() {
      return output;
    },
    get exited() {
      return exited;
    },
    pid: child.pid!,
    rssBytes() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    collectGarbage: async () => {
      if (!inspectorUrl) throw new Error(`${script} printed no inspector address:\n${output.slice(-2000)}`);
      await collectEveryHeap(inspectorUrl);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * HeapProfiler.collectGarbage on the main thread, then in each worker thread: the NodeWorker domain
 * attaches to the workers that exist, announcing each before it answers `enable`. One deadline covers
 * the connection and every reply: an inspector that takes the connection and never answers (a child
 * stopped or wedged) fails the test with this error instead of hanging it.
 */
export async function collectEveryHeap(url: string, timeoutMs = 30_000): Promise<void> {
  const ws = new WebSocket(url);
  const replies = new Map<string, (reply: { error?: { message: string } }) => void>();
  const workers: string[] = [];
  /** The id of each call forwarded to a worker, and its worker call's key. */
  const forwarded = new Map<number, string>();
  const gone = (key: string | undefined) => key !== undefined && replies.get(key)?.({});
  let lastId = 0;
  let failed: (e: Error) => void = () => {};
  /** One call to the main thread (session 'main') or to a worker; rejects on its error reply. */
  const call = (session: string, method: string, params: object = {}) =>
    new Promise<void>((resolve, reject) => {
      const id = ++lastId;
      replies.set(`${session}:${id}`, (reply) => (reply.error ? reject(new Error(`inspector: ${method}: ${reply.error.message}`)) : resolve()));
      const message = JSON.stringify({ id, method, params });
      if (session === 'main') return ws.send(message);
      const outerId = ++lastId;
      // A worker that left before it was asked answers nothing (the forward fails, or it detaches): its heap left with it.
      forwarded.set(outerId, `${session}:${id}`);
      ws.send(JSON.stringify({ id: outerId, method: 'NodeWorker.sendMessageToWorker', params: { sessionId: session, message } }));
    });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`inspector: no full collection of every heap in ${timeoutMs} ms`)), timeoutMs);
      failed = (e: Error) => {
        clearTimeout(timer);
        reject(e);
      };
      // Listened to for the socket's whole life: a second 'error' with no listener would throw out of the test.
      ws.on('error', failed);
      ws.once('close', () => failed(new Error('inspector: closed before every heap was collected')));
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { id?: number; error?: { message: string }; method?: string; params?: { sessionId: string; message: string } };
        if (msg.id !== undefined && forwarded.has(msg.id)) return msg.error ? gone(forwarded.get(msg.id)) : undefined;
        if (msg.id !== undefined) return replies.get(`main:${msg.id}`)?.(msg);
        if (msg.method === 'NodeWorker.attachedToWorker') workers.push(msg.params!.sessionId);
        if (msg.method === 'NodeWorker.detachedFromWorker') for (const key of forwarded.values()) if (key.startsWith(`${msg.params!.sessionId}:`)) gone(key);
        if (msg.method !== 'NodeWorker.receivedMessageFromWorker') return;
        const inner = JSON.parse(msg.params!.message) as { id?: number; error?: { message: string } };
        if (inner.id !== undefined) replies.get(`${msg.params!.sessionId}:${inner.id}`)?.(inner);
      });
      ws.once('open', () => {
        void (async () => {
          await call('main', 'HeapProfiler.collectGarbage');
          await call('main', 'NodeWorker.enable', { waitForDebuggerOnStart: false });
          for (const session of workers) await call(session, 'HeapProfiler.collectGarbage');
          await call('main', 'NodeWorker.disable');
        })().then(() => {
          clearTimeout(timer);
          resolve();
        }, failed);
      });
    });
  } finally {
    ws.terminate();
  }
}
