// The neural voice's own process (forked by sherpa-tts-engine.ts). A process, not a worker
// thread, because sherpa-onnx aborts the whole process when a model file is damaged
// (measured here: "terminate called after throwing an instance of 'Ort::Exception'", exit 134):
// the app must survive that, say so, and fall back to flite.
//
// Messages in:  {type:'load', config, engineModule}  {type:'job', id, text, sid, sampleRate}
//               {type:'cancel', id}  {type:'close'}
// Messages out: {type:'ready', sampleRate, numSpeakers}  {type:'done', id, samples, sampleRate, timings}
//               {type:'failed', id, error}  {type:'error', message}
// One job at a time (the parent queues). Generation runs off this process's event loop
// (generateAsync), so a cancel arrives mid-sentence and stops it at the next chunk.
import { createRequire } from 'node:module';
import { resample } from './resample.mjs';

const require = createRequire(import.meta.url);

let tts;
let current = null;
const cancelled = new Set();

function send(message, transfer) {
  if (process.send) process.send(message, transfer);
}

async function generate(job) {
  const request = { text: job.text, sid: job.sid, speed: 1.0 };
  if (typeof tts.generateAsync !== 'function') return tts.generate(request);
  // The callback runs between chunks; answering 0 stops the generation there.
  return tts.generateAsync({ ...request, onProgress: () => (cancelled.has(job.id) ? 0 : 1) });
}

async function run(job) {
  const t0 = performance.now();
  const audio = await generate(job);
  const t1 = performance.now();
  if (cancelled.has(job.id)) return null;
  const samples = await resample(Float32Array.from(audio.samples), audio.sampleRate, job.sampleRate);
  return { samples, sampleRate: job.sampleRate, timings: { synthMs: t1 - t0, resampleMs: performance.now() - t1, modelSampleRate: audio.sampleRate } };
}

process.on('message', async (message) => {
  if (message.type === 'load') {
    try {
      const engine = require(message.engineModule);
      tts = new engine.OfflineTts(message.config);
      // One throwaway sentence (and resample to the protocol's default 24 kHz) so the phonemizer,
      // ONNX runtime and resampler are warm before the first real turn (measured with the tone
      // model on the loaded 2-core machine: first sentence 611-940 ms cold, 239-282 ms warmed).
      const warm = await generate({ id: 0, text: 'Hello there.', sid: 0 });
      await resample(Float32Array.from(warm.samples), warm.sampleRate, 24000);
      send({ type: 'ready', sampleRate: tts.sampleRate, numSpeakers: tts.numSpeakers });
    } catch (e) {
      send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  } else if (message.type === 'job') {
    current = message.id;
    try {
      const out = await run(message);
      if (out === null) send({ type: 'failed', id: message.id, error: 'cancelled' });
      else send({ type: 'done', id: message.id, ...out });
    } catch (e) {
      send({ type: 'failed', id: message.id, error: e instanceof Error ? e.message : String(e) });
    } finally {
      cancelled.delete(message.id);
      current = null;
    }
  } else if (message.type === 'cancel') {
    if (message.id === current) cancelled.add(message.id);
  } else if (message.type === 'close') {
    process.exit(0);
  }
});

// The parent went away (app quit or crashed): do not linger.
process.on('disconnect', () => process.exit(0));
