/**
 * KugelAudio's one-shot endpoint (`/ws/tts`) for one connection: what the SDKs' `tts.generate()` /
 * `tts.stream()` speak on a pooled socket. Each JSON frame is a whole request (text plus its config);
 * the answer is the utterance's frames (audio, word timestamps, per-chunk markers) and then `final`
 * with `total_samples`, `dur_ms`, `gen_ms`, `rtf` and `usage`. Requests are answered in order; a
 * request arriving while one is spoken waits for its `final`. `cancel` drops everything and is acked.
 */
import type WebSocket from 'ws';
import { applyConfig, type StreamConfig } from './session-config.js';
import type { SpeechEngine } from './speech-engine.js';
import { SpeechStream } from './speech-stream.js';
import { TextSegmenter } from './text-segmenter.js';
import { MAX_TEXT_CHARS } from './single-stream-session.js';

export class OneShotSession {
  private current: SpeechStream | null = null;
  private waiting: Record<string, unknown>[] = [];

  constructor(
    private readonly ws: WebSocket,
    private readonly engine: SpeechEngine,
    private readonly defaults: StreamConfig,
  ) {}

  handle(msg: Record<string, unknown>): void {
    if (msg.cancel === true) {
      this.dispose();
      this.send({ interrupted: true });
      return;
    }
    if (typeof msg.text !== 'string' || !msg.text.trim()) return this.error('VALIDATION_ERROR', 'A request needs "text": the words to speak.');
    if (msg.text.length > MAX_TEXT_CHARS) return this.error('VALIDATION_ERROR', `"text" is longer than ${MAX_TEXT_CHARS} characters.`);
    if (this.current) {
      this.waiting.push(msg);
      return;
    }
    this.speak(msg, msg.text);
  }

  dispose(): void {
    this.waiting = [];
    this.current?.cancel();
    this.current = null;
  }

  private speak(msg: Record<string, unknown>, text: string): void {
    const applied = applyConfig(this.defaults, msg);
    if ('error' in applied) return this.error(applied.code, applied.error);
    const { config } = applied;
    const started = performance.now();
    let samples = 0;
    const stream = new SpeechStream({
      engine: this.engine,
      voice: config.voice,
      sampleRate: config.sampleRate,
      encoding: config.encoding,
      wordTimestamps: config.wordTimestamps,
      send: (f) => {
        if (typeof f.samples === 'number') samples += f.samples;
        this.send(f);
      },
      onError: (m) => this.error('INTERNAL_ERROR', m),
    });
    this.current = stream;
    const segmenter = new TextSegmenter();
    stream.enqueue([...segmenter.push(text), ...segmenter.flush()]);
    stream.mark(() => {
      const genMs = Math.round(performance.now() - started);
      const durMs = Math.round((samples / config.sampleRate) * 1000);
      this.send({
        final: true,
        ...stream.stats,
        total_samples: samples,
        dur_ms: durMs,
        gen_ms: genMs,
        rtf: durMs > 0 ? round3(genMs / durMs) : 0,
        usage: stream.usage,
      });
      this.current = null;
      const next = this.waiting.shift();
      if (next) this.handle(next);
    });
  }

  private error(code: string, message: string): void {
    this.send({ error: message, error_code: code });
  }

  private send(frame: Record<string, unknown>): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(frame));
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
