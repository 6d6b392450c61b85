/**
 * ElevenLabs multi-context WebSocket (/v1/text-to-speech/{voice}/multi-stream-input) behind the
 * StreamingTts interface, through the multi-context client: a fresh context per turn, barge-in
 * by `close_context` on that context (stragglers carry the old contextId and are dropped).
 * Config is in the URL (model_id, output_format=pcm_<rate>); the key goes in the xi-api-key
 * header. Server frames use camelCase (`contextId`, `isFinal`). 5 contexts per socket.
 * Contexts are created implicitly by their first message, so creation is acknowledged locally.
 */
import { MultiContextTtsClient, type MultiContextClientOptions } from '../multi-context-client.js';
import { isContextCreation, type Frame, type WireCodec } from '../wire-codec.js';

export const ELEVENLABS_MAX_CONTEXTS = 5;

export interface ElevenLabsTtsOptions extends Omit<MultiContextClientOptions, 'url' | 'config' | 'codec' | 'maxContexts'> {
  apiKey: string;
  voiceId: string;
  modelId?: string;
  sampleRate?: 16000 | 22050 | 24000 | 44100;
  /** Per-request voice settings (stability, similarity_boost, ...), sent when a context is created. */
  voiceSettings?: Record<string, unknown>;
  baseUrl?: string;
}

export class ElevenLabsCodec implements WireCodec {
  /** Audio already received per context, to place alignment times on the turn's timeline. */
  private audioMs = new Map<string, number>();

  constructor(
    private readonly sampleRate: number,
    private readonly voiceSettings?: Record<string, unknown>,
  ) {}

  encode(f: Frame): { wire: string[]; local?: Frame[] } {
    const id = f.context_id as string | undefined;
    const send = (m: Frame) => JSON.stringify(m);
    if (f.close_socket === true) return { wire: [send({ close_socket: true })] };
    if (f.close_context === true) {
      this.audioMs.delete(id!);
      // Graceful: flush what is buffered, then close (answered by isFinal). Barge-in: close at once.
      return f.immediate
        ? { wire: [send({ context_id: id, close_context: true })] }
        : { wire: [send({ context_id: id, flush: true }), send({ context_id: id, close_context: true })] };
    }
    if (isContextCreation(f)) {
      const init: Frame = { text: ' ', context_id: id };
      if (this.voiceSettings) init.voice_settings = this.voiceSettings;
      return { wire: [send(init)], local: [{ context_created: true, context_id: id }] };
    }
    if (typeof f.text === 'string') {
      // ElevenLabs expects each text chunk to end with a space; an empty text is a keep-alive.
      const text = f.text === '' || /\s$/.test(f.text) ? f.text : `${f.text} `;
      const m: Frame = { text, context_id: id };
      if (f.flush === true) m.flush = true;
      return { wire: [send(m)] };
    }
    if (f.flush === true) return { wire: [send({ context_id: id, flush: true })] };
    return { wire: [] };
  }

  decodeJson(msg: Frame): Frame[] {
    const id = (msg.contextId ?? msg.context_id) as string | undefined;
    const out: Frame[] = [];
    if (typeof msg.audio === 'string' && msg.audio.length > 0 && id) {
      const startMs = this.audioMs.get(id) ?? 0;
      const ms = ((Buffer.byteLength(msg.audio, 'base64') / 2) * 1000) / this.sampleRate;
      this.audioMs.set(id, startMs + ms);
      const words = alignmentToWords(msg.alignment ?? msg.normalizedAlignment, startMs);
      if (words.length) out.push({ word_timestamps: words, context_id: id });
      out.push({ audio: msg.audio, enc: 'pcm_s16le', sr: this.sampleRate, context_id: id });
    }
    if (msg.isFinal === true && id) {
      this.audioMs.delete(id);
      out.push({ final: true, context_id: id }, { context_closed: true, context_id: id });
    }
    if (typeof msg.error === 'string' || (typeof msg.message === 'string' && msg.audio === undefined)) {
      out.push({ error: msg.error ?? msg.message, error_code: msg.code, context_id: id });
    }
    return out;
  }

  decodeBinary(): Frame[] {
    return [];
  }
}

/** Character alignment ({chars, charStartTimesMs, charDurationsMs}) grouped into words. */
export function alignmentToWords(alignment: unknown, offsetMs: number): { word: string; start_ms: number; end_ms: number }[] {
  if (!alignment || typeof alignment !== 'object') return [];
  const {
    chars,
    charStartTimesMs: starts,
    charDurationsMs: durations,
  } = alignment as { chars?: unknown; charStartTimesMs?: unknown; charDurationsMs?: unknown };
  if (!Array.isArray(chars) || !Array.isArray(starts) || !Array.isArray(durations)) return [];
  const words: { word: string; start_ms: number; end_ms: number }[] = [];
  let cur: { word: string; start_ms: number; end_ms: number } | null = null;
  chars.forEach((c, i) => {
    const start = Number(starts[i]) + offsetMs;
    const end = start + Number(durations[i]);
    if (typeof c !== 'string' || /\s/.test(c)) {
      if (cur) words.push(cur);
      cur = null;
      return;
    }
    if (!cur) cur = { word: c, start_ms: start, end_ms: end };
    else {
      cur.word += c;
      cur.end_ms = end;
    }
  });
  if (cur) words.push(cur);
  return words;
}

export function createElevenLabsTts(options: ElevenLabsTtsOptions): MultiContextTtsClient {
  const sampleRate = options.sampleRate ?? 24_000;
  const base = options.baseUrl ?? 'wss://api.elevenlabs.io';
  const query = new URLSearchParams({ model_id: options.modelId ?? 'eleven_flash_v2_5', output_format: `pcm_${sampleRate}`, inactivity_timeout: '60' });
  const url = `${base}/v1/text-to-speech/${encodeURIComponent(options.voiceId)}/multi-stream-input?${query}`;
  const { apiKey, voiceId: _v, modelId: _m, sampleRate: _s, voiceSettings, baseUrl: _b, ...rest } = options;
  void _v;
  void _m;
  void _s;
  void _b;
  return new MultiContextTtsClient({
    ...rest,
    url,
    config: { sample_rate: sampleRate, output_format: 'pcm_s16le' },
    maxContexts: ELEVENLABS_MAX_CONTEXTS,
    codec: new ElevenLabsCodec(sampleRate, voiceSettings),
    socket: { ...rest.socket, headers: { 'xi-api-key': apiKey } },
  });
}
