/**
 * Deepgram Aura streaming TTS (wss://api.deepgram.com/v1/speak) behind the SingleStreamClient interface.
 * Config lives in the URL (model, encoding=linear16, sample_rate); text goes as
 * {"type":"Speak"}, a turn ends with {"type":"Flush"} -> "Flushed", barge-in is
 * {"type":"Clear"} -> "Cleared". Audio comes as binary linear16 frames with no turn id, so the
 * reference client's in-order attribution applies unchanged. Deepgram answers every Clear,
 * even one with nothing to clear. Limits: 2,000 characters per Speak (longer text is split at
 * a space), 20 Flush per minute (mid-turn flushes beyond that are skipped; the end-of-turn
 * flush is always sent).
 */
import { SingleStreamClient, type SingleStreamClientOptions } from '../single-stream-client.js';
import type { Frame, WireCodec } from '../wire-codec.js';

export const DEEPGRAM_MAX_SPEAK_CHARS = 2000;
const FLUSHES_PER_MINUTE = 20;

export interface DeepgramTtsOptions extends Omit<SingleStreamClientOptions, 'url' | 'config' | 'codec'> {
  apiKey: string;
  /** Aura voice model, e.g. "aura-2-thalia-en". */
  model?: string;
  sampleRate?: number;
  /** Tests point this at a local scripted server. */
  baseUrl?: string;
}

export function splitForSpeak(text: string, max = DEEPGRAM_MAX_SPEAK_CHARS): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf(' ', max);
    const at = cut > 0 ? cut + 1 : max;
    out.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  out.push(rest);
  return out;
}

export class DeepgramCodec implements WireCodec {
  readonly acksEveryCancel = true;
  /** Outstanding flushes in order; `final` ones end a turn. `gen` = clears sent before it. */
  private flushes: { kind: 'mid' | 'final'; gen: number }[] = [];
  private clearsSent = 0;
  private clearsAnswered = 0;
  private flushTimes: number[] = [];

  constructor(
    private readonly sampleRate: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  encode(frame: Frame): { wire: string[] } {
    const wire: string[] = [];
    if (typeof frame.text === 'string' && frame.text.length > 0) {
      for (const part of splitForSpeak(frame.text)) wire.push(JSON.stringify({ type: 'Speak', text: part }));
    }
    if (frame.flush === true && this.flushBudgetLeft()) wire.push(this.flush('mid'));
    if (frame.close === true) wire.push(this.flush('final'));
    if (frame.cancel === true) {
      this.clearsSent += 1;
      wire.push(JSON.stringify({ type: 'Clear' }));
    }
    if (frame.close_socket === true) wire.push(JSON.stringify({ type: 'Close' }));
    return { wire };
  }

  decodeJson(msg: Frame): Frame[] {
    switch (msg.type) {
      case 'Flushed': {
        const f = this.flushes.shift();
        return f?.kind === 'final' ? [{ final: true }] : [];
      }
      case 'Cleared':
        this.clearsAnswered += 1;
        // Flushes sent before this Clear and not answered yet never will be.
        this.flushes = this.flushes.filter((f) => f.gen >= this.clearsAnswered);
        return [{ interrupted: true }];
      case 'Warning':
        return [{ warning: msg.description ?? msg.warn_msg ?? 'Deepgram warning', warning_code: msg.code }];
      case 'Error':
        return [{ error: msg.description ?? msg.err_msg ?? 'Deepgram error', error_code: msg.code ?? msg.err_code }];
      default:
        return []; // Metadata and anything new
    }
  }

  decodeBinary(data: Buffer): Frame[] {
    return [{ audio: data, enc: 'pcm_s16le', sr: this.sampleRate }];
  }

  private flush(kind: 'mid' | 'final'): string {
    this.flushes.push({ kind, gen: this.clearsSent });
    this.flushTimes.push(this.now());
    return JSON.stringify({ type: 'Flush' });
  }

  private flushBudgetLeft(): boolean {
    const since = this.now() - 60_000;
    this.flushTimes = this.flushTimes.filter((t) => t > since);
    // Keep two flushes in hand for ends of turns.
    return this.flushTimes.length < FLUSHES_PER_MINUTE - 2;
  }
}

export function createDeepgramTts(options: DeepgramTtsOptions): SingleStreamClient {
  const sampleRate = options.sampleRate ?? 24_000;
  const model = options.model ?? 'aura-2-thalia-en';
  const base = options.baseUrl ?? 'wss://api.deepgram.com';
  const url = `${base}/v1/speak?model=${encodeURIComponent(model)}&encoding=linear16&sample_rate=${sampleRate}`;
  const { apiKey, baseUrl: _b, model: _m, sampleRate: _s, ...rest } = options;
  void _b;
  void _m;
  void _s;
  return new SingleStreamClient({
    ...rest,
    url,
    config: { sample_rate: sampleRate, output_format: 'pcm_s16le' },
    codec: new DeepgramCodec(sampleRate),
    socket: { ...rest.socket, headers: { Authorization: `Token ${apiKey}` } },
  });
}
