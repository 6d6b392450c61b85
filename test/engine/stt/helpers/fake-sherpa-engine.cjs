// A stand-in for sherpa-onnx-node's OnlineRecognizer, loaded inside the real recognizer
// process in tests: no English weights can be fetched on this machine. It "recognizes" one
// word per 320 ms of audio (the zipformer's decoding chunk) so process lifecycle, interim
// cadence, segment order, reset and crash handling can be tested for real.
// A NaN first sample makes it abort like a native crash.
const CHUNK = 5120;

class OnlineStream {
  constructor() {
    this.pending = 0;
    this.decoded = 0;
    this.finished = false;
  }
  acceptWaveform({ samples, sampleRate }) {
    if (sampleRate !== 16000) throw new Error(`expected 16 kHz, got ${sampleRate}`);
    if (Number.isNaN(samples[0])) process.abort();
    this.pending += samples.length;
  }
  inputFinished() {
    this.finished = true;
  }
}

class OnlineRecognizer {
  constructor(config) {
    if (!config.modelConfig.transducer.encoder) throw new Error('no encoder');
  }
  createStream() {
    return new OnlineStream();
  }
  isReady(stream) {
    return stream.pending >= CHUNK || (stream.finished && stream.pending > 0);
  }
  decode(stream) {
    const n = Math.min(CHUNK, stream.pending);
    stream.pending -= n;
    stream.decoded += n;
  }
  getResult(stream) {
    const count = Math.floor(stream.decoded / CHUNK);
    const tokens = Array.from({ length: count }, (_, i) => `▁W${i + 1}`);
    return { text: tokens.map((t) => t.slice(1)).join(' '), tokens, timestamps: tokens.map((_, i) => i * 0.32) };
  }
}

module.exports = { OnlineRecognizer };
