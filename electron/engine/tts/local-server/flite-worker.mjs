// Flite synthesis worker (plain ESM so it runs unchanged under Node, tsx, vitest and Electron).
// One job at a time: {id, text, voice, sampleRate} -> {id, samples: Float32Array, sampleRate} | {id, error}.
// Synthesis is synchronous inside WebAssembly; a cancelled job runs to its end and the main
// thread drops the result. Files live in memory (mini-wasi).
//
// One instance per worker, reused (issue 13): a fresh instance per sentence committed ~20 MB of
// linear memory that was freed only when this thread next collected garbage, so five long texts
// grew the process by ~150 MB. A WASI command runs once per instance, so before each sentence the
// linear memory is put back to its just-instantiated bytes (flite's globals and malloc state all
// live there). That is sound only while the run returned normally: a trap or proc_exit leaves the
// stack-pointer global unbalanced, so such an instance is dropped and a fresh one made.
// Per-worker memory is what five long texts at once multiplied (issue 13), so the workers of an
// engine share what they can: the compiled module (21 MB of bytes plus code, compiled once by
// the engine) and the just-instantiated bytes (16 MB, one SharedArrayBuffer: the first worker
// takes it and the engine hands it to the others). Each worker owns only its instance.
import { readFileSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { MiniWasi } from './mini-wasi.mjs';
import { resample } from './resample.mjs';

// A module shared by threads that instantiate and run it at once was blamed for segfaults in
// Node 20 here; those came from node:wasi (see mini-wasi.mjs): with MiniWasi, 3 threads sharing
// one module and instantiating it for every sentence ran 450 sentences cleanly. Compiled here
// only when the engine gives none.
const module = workerData.module ?? new WebAssembly.Module(readFileSync(workerData.wasmPath));
/** A sentence that grew linear memory past this gets a fresh instance next (memory never shrinks); ~3x a long sentence's 24 MB. */
const MAX_REUSED_MEMORY_BYTES = 64 * 1024 * 1024;
let engine = null; // { wasi, instance, files, exited }
/** The linear memory as instantiated: given by the engine, or taken here by the first worker. */
let pristine = workerData.pristine ? new Uint8Array(workerData.pristine) : null;

const fliteArgs = (voice) => ['flite', '-voice', voice, '-f', '/io/in.txt', '-o', '/io/out.wav'].map((a) => new TextEncoder().encode(a + '\0'));

function instantiate() {
  const files = new Map();
  const wasi = new MiniWasi({ args: [], preopen: '/io', files });
  let exited = false;
  const procExit = wasi.imports.proc_exit;
  wasi.imports.proc_exit = (code) => {
    exited = true;
    procExit(code);
  };
  const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.imports });
  const mem = new Uint8Array(instance.exports.memory.buffer);
  if (!pristine || pristine.length !== mem.length) {
    pristine = new Uint8Array(new SharedArrayBuffer(mem.length));
    pristine.set(mem);
  }
  return { wasi, instance, files, exited: () => exited };
}

/** Puts the instance back to its just-instantiated state, ready for one more run. */
function reset(e, voice) {
  const mem = new Uint8Array(e.instance.exports.memory.buffer);
  mem.set(pristine);
  mem.fill(0, pristine.length);
  e.files.clear();
  e.wasi.fds.clear();
  e.wasi.nextFd = 4;
  e.wasi.args = fliteArgs(voice);
}

function readWav(raw) {
  if (!raw) throw new Error('flite wrote no WAV file');
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') throw new Error('flite wrote no WAV file');
  let pos = 12;
  let sampleRate = 0;
  while (pos + 8 <= bytes.length) {
    const id = bytes.toString('ascii', pos, pos + 4);
    const size = view.getUint32(pos + 4, true);
    if (id === 'fmt ') sampleRate = view.getUint32(pos + 12, true);
    if (id === 'data') {
      const n = Math.floor(Math.min(size, bytes.length - pos - 8) / 2);
      const samples = new Float32Array(n);
      for (let i = 0; i < n; i++) samples[i] = view.getInt16(pos + 8 + i * 2, true) / 32768;
      return { samples, sampleRate };
    }
    pos += 8 + size + (size % 2);
  }
  throw new Error('flite WAV has no data chunk');
}

async function run(job) {
  const t0 = performance.now();
  const e = engine ?? instantiate();
  engine = null; // taken back below only after a clean run
  reset(e, job.voice);
  const t1 = performance.now();
  e.files.set('in.txt', new TextEncoder().encode(job.text));
  const code = e.wasi.start(e.instance);
  if (code !== 0) throw new Error(`flite exited with code ${code}`);
  if (!e.exited() && e.instance.exports.memory.buffer.byteLength <= MAX_REUSED_MEMORY_BYTES) engine = e;
  const wav = readWav(e.files.get('out.wav'));
  e.files.clear();
  const t2 = performance.now();
  const samples = await resample(wav.samples, wav.sampleRate, job.sampleRate);
  const t3 = performance.now();
  return { samples, sampleRate: job.sampleRate, timings: { instantiateMs: t1 - t0, fliteMs: t2 - t1, resampleMs: t3 - t2 } };
}

parentPort.on('message', async (msg) => {
  if (msg.type === 'warm') {
    // One throwaway synthesis and resample so V8 has optimized both before the first real turn.
    try {
      await run({ text: 'Hello there.', voice: msg.voice, sampleRate: msg.sampleRate });
    } catch {
      // a failure here shows up again, with its message, on the first real job
    }
    engine ??= instantiate();
    parentPort.postMessage({ type: 'warm', voice: msg.voice });
    return;
  }
  if (msg.type === 'exit') {
    // Leave at a safe point: terminating a thread from outside while it is inside WebAssembly
    // (synthesis or instantiation) crashed Node 20 here, so the main thread asks instead.
    engine = null;
    parentPort.close();
    return;
  }
  if (msg.type !== 'job') return;
  try {
    const out = await run(msg);
    parentPort.postMessage({ type: 'done', id: msg.id, ...out }, [out.samples.buffer]);
  } catch (err) {
    parentPort.postMessage({ type: 'failed', id: msg.id, error: String(err && err.message ? err.message : err) });
  }
  // After a trap or an oversized sentence, make the next instance while idle, so the next sentence only pays for synthesis.
  try {
    engine ??= instantiate();
  } catch {
    engine = null;
  }
});

/**
 * This thread yields the CPU to the main thread (nice +10, Linux; elsewhere it keeps the default):
 * the main thread carries the microphone, and on a busy machine a session's first sentences,
 * synthesized at once, took turns with it for the cores (a new session's mic fell 0.3-1.5 s
 * behind). Flite runs ~10x faster than real time and a sentence ahead, so it can wait. Returns
 * the thread id, or null where threads cannot be told apart.
 */
const BACKGROUND_NICE = 10;
function yieldToMainThread() {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(tid, BACKGROUND_NICE);
    return tid;
  } catch {
    return null;
  }
}

const threadId = yieldToMainThread();
engine = instantiate();
parentPort.postMessage({ type: 'online', pristine: pristine.buffer, threadId });
