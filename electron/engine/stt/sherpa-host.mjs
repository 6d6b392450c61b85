// The local speech recognizer's own process (forked by sherpa-streaming.ts). A separate
// process, not a worker thread, because sherpa-onnx aborts the whole process when a model
// file is damaged (measured: "terminate called after throwing Ort::Exception", exit 134):
// the app must survive that and say what happened.
//
// Messages in:  {type:'load', config, engineModule, interimEverySamples}
//               {type:'audio', seg, samples}  {type:'end', seg}  {type:'reset'}  {type:'close'}
// Messages out: {type:'ready'}  {type:'interim', seg, text, audioMs}  {type:'final', seg, text, tokens, timestamps}
//               {type:'error', message}
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const SAMPLE_RATE = 16000;
// Zeros appended at the end of a segment so the streaming model emits its last words
// (its look-ahead needs audio after them); 0.5 s covers the models in the catalogue.
const TAIL_PADDING = new Float32Array(SAMPLE_RATE / 2);

let recognizer;
let stream;
let lastText = '';
let samplesSinceInterim = 0;
let segmentSamples = 0;
let interimEverySamples = 3200;

function send(message) {
  if (process.send) process.send(message);
}

function decodeReady() {
  while (recognizer.isReady(stream)) recognizer.decode(stream);
}

function onAudio(seg, samples) {
  stream.acceptWaveform({ samples, sampleRate: SAMPLE_RATE });
  decodeReady();
  samplesSinceInterim += samples.length;
  segmentSamples += samples.length;
  const text = recognizer.getResult(stream).text.trim();
  if (text && (text !== lastText || samplesSinceInterim >= interimEverySamples)) {
    send({ type: 'interim', seg, text, audioMs: (segmentSamples / SAMPLE_RATE) * 1000 });
    samplesSinceInterim = 0;
  }
  lastText = text;
}

function onEnd(seg) {
  if (segmentSamples === 0) {
    // No speech since the last end or reset: nothing to decode (padding alone could yield noise words).
    send({ type: 'final', seg, text: '', tokens: [], timestamps: [] });
    return;
  }
  stream.acceptWaveform({ samples: TAIL_PADDING, sampleRate: SAMPLE_RATE });
  stream.inputFinished();
  decodeReady();
  const result = recognizer.getResult(stream);
  send({ type: 'final', seg, text: result.text.trim(), tokens: result.tokens ?? [], timestamps: result.timestamps ?? [] });
  newStream();
}

function newStream() {
  stream = recognizer.createStream();
  lastText = '';
  samplesSinceInterim = 0;
  segmentSamples = 0;
}

process.on('message', (message) => {
  try {
    if (message.type === 'load') {
      const engine = require(message.engineModule);
      interimEverySamples = message.interimEverySamples;
      recognizer = new engine.OnlineRecognizer(message.config);
      newStream();
      send({ type: 'ready' });
    } else if (message.type === 'audio') onAudio(message.seg, message.samples);
    else if (message.type === 'end') onEnd(message.seg);
    else if (message.type === 'reset') newStream();
    else if (message.type === 'close') process.exit(0);
  } catch (e) {
    send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});

// The parent went away (app quit or crashed): do not linger.
process.on('disconnect', () => process.exit(0));
