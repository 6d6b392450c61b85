/**
 * Runs one of our CLI servers (the TTS server, the browser twin) as a child process, so a
 * test can attack it and then check that the process is still alive, and how much memory
 * (RSS, from /proc) it holds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ChildServer {
  /** The first match of `ready` on stdout. */
  match: RegExpExecArray;
  readonly output: string;
  readonly exited: boolean;
  pid: number;
  /** Resident memory in bytes (Linux /proc). */
  rssBytes(): number;
  stop(): Promise<void>;
}

export async function startChildServer(script: string, args: string[], ready: RegExp, timeoutMs = 60_000): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let output = '';
  let exited = false;
  child.once('exit', () => (exited = true));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = ready.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.stderr!.on('data', (c: Buffer) => {
      // Keep the tail only: a flood of log lines must not grow the test's memory.
      output = (output + c.toString()).slice(-200_000);
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
