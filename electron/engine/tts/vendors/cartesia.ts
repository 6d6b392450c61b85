/**
 * Cartesia WebSocket TTS (wss://api.cartesia.ai/tts/websocket) behind the StreamingTts interface,
 * through the multi-context client: one context per turn. Every message repeats the full
 * request (model, voice, output_format, language) with `continue: true`; the turn ends with an
 * empty transcript and `continue: false` (answered by `done`); barge-in is
 * `{context_id, cancel: true}`: the running generation may still finish, so its chunks
 * (same context_id) are dropped. Audio is base64 raw pcm_s16le in `chunk` messages; word
 * timestamps come as `timestamps`. Contexts are created by their first input, so creation is
 * acknowledged locally. Cartesia expires a context about 1 s after its last input: a turn whose
 * text pauses longer than that goes on over a chain of contexts (see cartesia-contexts.ts), so
 * no text is lost and the client still sees one turn.
 */
import { systemClock, type Clock } from '../../clock.js';
import { MultiContextTtsClient, type MultiContextClientOptions } from '../multi-context-client.js';
import { isContextCreation, type Frame, type WireCodec } from '../wire-codec.js';
import { CartesiaContextChain } from './cartesia-contexts.js';

export const CARTESIA_VERSION = '2025-04-16';

export interface CartesiaTtsOptions extends Omit<MultiContextClientOptions, 'url' | 'config' | 'codec'> {
  apiKey: string;
  voiceId: string;
  modelId?: string;
  sampleRate?: number;
  language?: string;
  baseUrl?: string;
}

type CartesiaRequest = {
  model_id: string;
  voice: { mode: 'id'; id: string };
  output_format: { container: 'raw'; encoding: 'pcm_s16le'; sample_rate: number };
  language: string;
  add_timestamps: boolean;
};

export class CartesiaCodec implements WireCodec {
  /** Maps each turn onto the Cartesia contexts that speak it (more than one when a pause outlived a context). */
  private readonly contexts: CartesiaContextChain;

  constructor(
    private readonly request: CartesiaRequest,
    clock: Clock = systemClock,
  ) {
    this.contexts = new CartesiaContextChain(clock, request.output_format.sample_rate);
  }

  attach(deliver: (frames: Frame[]) => void): void {
    this.contexts.attach(deliver);
  }

  encode(f: Frame): { wire: string[]; local?: Frame[] } {
    const id = f.context_id as string;
    if (f.close_socket === true) return { wire: [] }; // Cartesia has no close message: closing the socket is enough
    if (f.close_context === true) {
      if (f.immediate) return { wire: this.contexts.cancelTargets(id).map((c) => JSON.stringify({ context_id: c, cancel: true })) };
      const target = this.contexts.closeTarget(id);
      return { wire: target === null ? [] : [this.input(target, '', false)] };
    }
    if (isContextCreation(f)) {
      this.contexts.open(id);
      return { wire: [], local: [{ context_created: true, context_id: id }] };
    }
    if (typeof f.text === 'string' && f.text.length > 0) {
      const { wireId, retire } = this.contexts.inputTarget(id);
      return { wire: [...(retire ? [this.input(retire, '', false)] : []), this.input(wireId, f.text, true)] };
    }
    return { wire: [] }; // keep-alives and bare flushes have no Cartesia equivalent
  }

  decodeJson(msg: Frame): Frame[] {
    const id = msg.context_id as string | undefined;
    switch (msg.type) {
      case 'chunk':
        if (typeof msg.data !== 'string') return [];
        return this.contexts.route(id, {
          kind: 'frame',
          frame: { audio: msg.data, enc: this.request.output_format.encoding, sr: this.request.output_format.sample_rate, context_id: id },
        });
      case 'timestamps': {
        const w = msg.word_timestamps as { words?: string[]; start?: number[]; end?: number[] } | undefined;
        if (!w?.words || !w.start || !w.end) return [];
        return this.contexts.route(id, {
          kind: 'frame',
          frame: { word_timestamps: w.words.map((word, i) => ({ word, start: w.start![i], end: w.end![i] })), context_id: id },
        });
      }
      case 'done':
        return this.contexts.route(id, { kind: 'done' });
      case 'error':
        return this.contexts.route(id, {
          kind: 'error',
          frame: { error: msg.message ?? msg.error ?? msg.title ?? 'Cartesia error', error_code: msg.error_code, context_id: id },
        });
      default:
        return []; // flush_done, phoneme_timestamps and anything new
    }
  }

  private input(contextId: string, transcript: string, more: boolean): string {
    return JSON.stringify({ ...this.request, context_id: contextId, transcript, continue: more });
  }

  decodeBinary(): Frame[] {
    return [];
  }
}

export function createCartesiaTts(options: CartesiaTtsOptions): MultiContextTtsClient {
  const sampleRate = options.sampleRate ?? 24_000;
  const base = options.baseUrl ?? 'wss://api.cartesia.ai';
  const { apiKey, voiceId, modelId, sampleRate: _s, language, baseUrl: _b, ...rest } = options;
  void _s;
  void _b;
  return new MultiContextTtsClient({
    ...rest,
    url: `${base}/tts/websocket`,
    config: { sample_rate: sampleRate, output_format: 'pcm_s16le' },
    codec: new CartesiaCodec(
      {
        model_id: modelId ?? 'sonic-2',
        voice: { mode: 'id', id: voiceId },
        output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: sampleRate },
        language: language ?? 'en',
        add_timestamps: true,
      },
      options.clock,
    ),
    socket: { ...rest.socket, headers: { 'X-API-Key': apiKey, 'Cartesia-Version': CARTESIA_VERSION } },
  });
}
