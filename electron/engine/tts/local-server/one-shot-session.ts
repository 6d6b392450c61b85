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
    const base = new UtteranceBase(text);
    const stream = new SpeechStream({
      engine: this.engine,
      voice: config.voice,
      sampleRate: config.sampleRate,
      encoding: config.encoding,
      wordTimestamps: config.wordTimestamps,
      send: (f) => {
        if (f.generation_started === true) base.startChunk(String(f.text ?? ''), (samples / config.sampleRate) * 1000);
        if (typeof f.samples === 'number') samples += f.samples;
        this.send(Array.isArray(f.word_timestamps) ? { ...f, word_timestamps: base.rebase(f.word_timestamps as WordStamp[]) } : f);
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

type WordStamp = { start_ms: number; end_ms: number; char_start: number; char_end: number } & Record<string, unknown>;

/**
 * One request is one utterance: the SDKs' generate() gathers every chunk's word timestamps into
 * one list for the whole audio ("relative to chunk/audio start"), so here they count from the
 * utterance's first sample and index the request's text, not each sentence's.
 */
class UtteranceBase {
  private cursor = 0;
  private charBase = 0;
  private timeBaseMs = 0;

  constructor(private readonly text: string) {}

  startChunk(chunkText: string, audioBeforeMs: number): void {
    const at = this.text.indexOf(chunkText.trim(), this.cursor);
    this.charBase = at >= 0 ? at - (chunkText.length - chunkText.trimStart().length) : this.cursor;
    this.cursor = at >= 0 ? at + chunkText.trim().length : this.cursor;
    this.timeBaseMs = audioBeforeMs;
  }

  rebase(words: WordStamp[]): WordStamp[] {
    const ms = (t: number) => Math.round(this.timeBaseMs + t);
    return words.map((w) => ({
      ...w,
      start_ms: ms(w.start_ms),
      end_ms: ms(w.end_ms),
      char_start: this.charBase + w.char_start,
      char_end: this.charBase + w.char_end,
    }));
  }
}
