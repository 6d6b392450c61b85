// Flite synthesis worker (plain ESM so it runs unchanged under Node, tsx, vitest and Electron).
// One job at a time: {id, text, voice, sampleRate} -> {id, samples: Float32Array, sampleRate} | {id, error}.
// Synthesis is synchronous inside WebAssembly; a cancelled job runs to its end and the main
// thread drops the result. A WASI command runs only once per instance; the next instance is
// made while idle, so a job normally pays only for synthesis. Files live in memory (mini-wasi).
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { MiniWasi } from './mini-wasi.mjs';
import { resample } from './resample.mjs';

// Each worker compiles its own copy: sharing one compiled module between threads that
// instantiate and run it concurrently crashed Node 20 here (segfault within ~100 sentences).
const module = new WebAssembly.Module(readFileSync(workerData.wasmPath));
let ready = null; // { voice, wasi, instance, files }

function instantiate(voice) {
  const files = new Map();
  const wasi = new MiniWasi({ args: ['flite', '-voice', voice, '-f', '/io/in.txt', '-o', '/io/out.wav'], preopen: '/io', files });
  const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.imports });
  return { voice, wasi, instance, files };
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
  const engine = ready && ready.voice === job.voice ? ready : instantiate(job.voice);
  ready = null;
  const t1 = performance.now();
  engine.files.set('in.txt', new TextEncoder().encode(job.text));
  const code = engine.wasi.start(engine.instance);
  if (code !== 0) throw new Error(`flite exited with code ${code}`);
  const wav = readWav(engine.files.get('out.wav'));
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
    ready = instantiate(msg.voice);
    parentPort.postMessage({ type: 'warm', voice: msg.voice });
    return;
  }
  if (msg.type === 'exit') {
    // Leave at a safe point: terminating a thread from outside while it is inside WebAssembly
    // (synthesis or instantiation) crashed Node 20 here, so the main thread asks instead.
    ready = null;
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
  // Prepare the next instance while idle, so the next sentence only pays for synthesis.
  try {
    ready = instantiate(msg.voice);
  } catch {
    ready = null;
  }
});

parentPort.postMessage({ type: 'online' });
