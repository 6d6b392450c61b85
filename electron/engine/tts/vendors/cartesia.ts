/**
 * Cartesia WebSocket TTS (wss://api.cartesia.ai/tts/websocket) behind the StreamingTts interface,
 * through the multi-context client: one context per turn. Every message repeats the full
 * request (model, voice, output_format, language) with `continue: true`; the turn ends with an
 * empty transcript and `continue: false` (answered by `done`); barge-in is
 * `{context_id, cancel: true}`: the running generation may still finish, so its chunks
 * (same context_id) are dropped. Audio is base64 raw pcm_s16le in `chunk` messages; word
 * timestamps come as `timestamps`. Contexts are created by their first input, so creation is
 * acknowledged locally. Note: Cartesia expires a context 1 s after its last audio; an answer
 * that pauses longer than that mid-turn would need a new context (not handled here).
 */
import { MultiContextTtsClient, type MultiContextClientOptions } from '../multi-context-client.js';
import type { Frame, WireCodec } from '../wire-codec.js';

export const CARTESIA_VERSION = '2025-04-16';

export interface CartesiaTtsOptions extends Omit<MultiContextClientOptions, 'url' | 'config' | 'codec'> {
  apiKey: string;
  voiceId: string;
  modelId?: string;
  sampleRate?: number;
  language?: string;
  baseUrl?: string;
}

export class CartesiaCodec implements WireCodec {
  constructor(private readonly request: { model_id: string; voice: { mode: 'id'; id: string }; output_format: { container: 'raw'; encoding: 'pcm_s16le'; sample_rate: number }; language: string; add_timestamps: boolean }) {}

  encode(f: Frame): { wire: string[]; local?: Frame[] } {
    const id = f.context_id as string | undefined;
    if (f.close_socket === true) return { wire: [] }; // Cartesia has no close message: closing the socket is enough
    if (f.close_context === true) {
      if (f.immediate) return { wire: [JSON.stringify({ context_id: id, cancel: true })] };
      return { wire: [JSON.stringify({ ...this.request, context_id: id, transcript: '', continue: false })] };
    }
    if (f.voice_settings !== undefined) return { wire: [], local: [{ context_created: true, context_id: id }] };
    if (typeof f.text === 'string' && f.text.length > 0) {
      return { wire: [JSON.stringify({ ...this.request, context_id: id, transcript: f.text, continue: true })] };
    }
    return { wire: [] }; // keep-alives and bare flushes have no Cartesia equivalent
  }

  decodeJson(msg: Frame): Frame[] {
    const id = msg.context_id as string | undefined;
    switch (msg.type) {
      case 'chunk':
        return typeof msg.data === 'string' ? [{ audio: msg.data, enc: this.request.output_format.encoding, sr: this.request.output_format.sample_rate, context_id: id }] : [];
      case 'timestamps': {
        const w = msg.word_timestamps as { words?: string[]; start?: number[]; end?: number[] } | undefined;
        if (!w?.words || !w.start || !w.end) return [];
        return [{ word_timestamps: w.words.map((word, i) => ({ word, start: w.start![i], end: w.end![i] })), context_id: id }];
      }
      case 'done':
        return [{ final: true, context_id: id }, { context_closed: true, context_id: id }];
      case 'error':
        return [{ error: msg.message ?? msg.error ?? msg.title ?? 'Cartesia error', error_code: msg.error_code, context_id: id }];
      default:
        return []; // flush_done, phoneme_timestamps and anything new
    }
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
    codec: new CartesiaCodec({
      model_id: modelId ?? 'sonic-2',
      voice: { mode: 'id', id: voiceId },
      output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: sampleRate },
      language: language ?? 'en',
      add_timestamps: true,
    }),
    socket: { ...rest.socket, headers: { 'X-API-Key': apiKey, 'Cartesia-Version': CARTESIA_VERSION } },
  });
}
