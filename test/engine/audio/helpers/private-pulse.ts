import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PrivatePulse {
  /** PULSE_SERVER value for clients. */
  server: string;
  sinkName: string;
  pid: number;
  stop(): Promise<void>;
}

async function onPath(cmd: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${cmd}`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a PulseAudio daemon of our own with one null sink (a real, clocked device; its
 * `.monitor` is a microphone), on a private socket so it touches nothing else. Returns the
 * reason instead when PulseAudio is not installed, for a visible skip.
 */
export async function startPrivatePulse(): Promise<PrivatePulse | { skipReason: string }> {
  for (const cmd of ['pulseaudio', 'pactl', 'paplay']) {
    if (!(await onPath(cmd))) return { skipReason: `${cmd} is not installed (apt-get install pulseaudio pulseaudio-utils libasound2-plugins)` };
  }
  const dir = await mkdtemp(join(tmpdir(), 'interject-pulse-'));
  const socket = join(dir, 'native');
  const sinkName = 'interject_test';
  const env = { ...process.env, HOME: dir, PULSE_RUNTIME_PATH: join(dir, 'run'), XDG_RUNTIME_DIR: dir, PULSE_SERVER: undefined };
  const child: ChildProcess = spawn(
    'pulseaudio',
    [
      '-n',
      '--daemonize=no',
      '--exit-idle-time=-1',
      '--disable-shm=yes',
      '--use-pid-file=no',
      '--log-target=stderr',
      '-L',
      `module-native-protocol-unix socket=${socket} auth-anonymous=1`,
      '-L',
      `module-null-sink sink_name=${sinkName} rate=48000`,
    ],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (b: Buffer) => {
    log += b.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server = `unix:${socket}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) break;
    try {
      await run('pactl', ['info'], { env: { ...process.env, PULSE_SERVER: server } });
      return { server, sinkName, pid: child.pid!, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await stop();
  return {
    skipReason: `the private PulseAudio daemon did not start: ${
      log
        .split('\n')
        .filter((l) => l.startsWith('E:'))
        .join(' ') || 'no answer on its socket'
    }`,
  };
}

/** Plays a WAV into the private sink, resolving when it has finished. */
export async function paplay(pulse: PrivatePulse, file: string): Promise<void> {
  await run('paplay', [`--device=${pulse.sinkName}`, file], { env: { ...process.env, PULSE_SERVER: pulse.server } });
}

/** 10 ms RMS envelope. */
export function envelope(samples: Float32Array, rate: number, hopMs = 10): Float32Array {
  const hop = Math.round((rate * hopMs) / 1000);
  const out = new Float32Array(Math.floor(samples.length / hop));
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let j = i * hop; j < (i + 1) * hop; j++) sum += samples[j]! * samples[j]!;
    out[i] = Math.sqrt(sum / hop);
  }
  return out;
}

/** The lag (in ms) of `needle` inside `haystack` that best lines up their envelopes. */
export function alignMs(haystack: Float32Array, needle: Float32Array, rate: number, hopMs = 10): number {
  const h = envelope(haystack, rate, hopMs);
  const n = envelope(needle, rate, hopMs);
  let best = 0;
  let bestScore = -Infinity;
  for (let lag = 0; lag + n.length <= h.length; lag++) {
    let score = 0;
    for (let i = 0; i < n.length; i++) score += h[lag + i]! * n[i]!;
    if (score > bestScore) {
      bestScore = score;
      best = lag;
    }
  }
  return best * hopMs;
}

export function concatFrames(frames: { data: Float32Array }[]): Float32Array {
  const out = new Float32Array(frames.reduce((n, f) => n + f.data.length, 0));
  let at = 0;
  for (const f of frames) {
    out.set(f.data, at);
    at += f.data.length;
  }
  return out;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}
