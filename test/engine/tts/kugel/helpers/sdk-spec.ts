/**
 * KugelAudio's wire protocol as its official SDKs speak it, field by field, as checks that
 * return the problems they find (empty = conforms). Sources: Kugelaudio/js-sdk src/client.ts
 * (StreamingSession.writeFrame/send/cancelCurrent/endSession, MultiContextSession.createContext/
 * send/flush/closeContext/keepAlive/close, sendUpdateSettings) and src/types.ts; the server's
 * side from Kugelaudio/python-sdk kugelaudio/streaming.py and models.py (AudioChunk.from_dict
 * needs idx/sr/samples, WordTimestamp.from_dict needs char_start/char_end). Used both to check
 * the embedded server's frames and, as the scripted peer, the client's.
 */
export type Frame = Record<string, unknown>;

const isInt = (v: unknown) => Number.isInteger(v);
const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

/** Config fields StreamingSession.writeFrame may attach to the first frame of a session, with their types. */
export const STREAM_CONFIG_FIELDS: Record<string, (v: unknown) => boolean> = {
  voice_id: isInt,
  model_id: (v) => typeof v === 'string',
  cfg_scale: (v) => isNum(v) && (v as number) >= 1.2 && (v as number) <= 2.5,
  temperature: isNum,
  max_new_tokens: isInt,
  sample_rate: isInt,
  output_format: (v) => typeof v === 'string' && /^(pcm|ulaw|alaw)_\d+$/.test(v),
  flush_timeout_ms: isNum,
  max_buffer_length: isInt,
  normalize: (v) => typeof v === 'boolean',
  language: (v) => typeof v === 'string',
  word_timestamps: (v) => v === true,
  auto_mode: (v) => typeof v === 'boolean',
  chunk_length_schedule: (v) => Array.isArray(v) && v.length > 0 && v.every(isInt),
  speed: isNum,
  project_id: isInt,
  dictionary_ids: (v) => Array.isArray(v) && v.every(isInt),
};

/** Session fields MultiContextSession.createContext puts on the FIRST context only (plus word_timestamps, which only the Python SDK sends). */
export const MULTI_SESSION_FIELDS = [
  'sample_rate',
  'output_format',
  'cfg_scale',
  'temperature',
  'max_new_tokens',
  'normalize',
  'language',
  'project_id',
  'dictionary_ids',
  'inactivity_timeout',
  'word_timestamps',
];

function keysOk(f: Frame, allowed: string[], problems: string[], what: string): void {
  for (const k of Object.keys(f)) if (!allowed.includes(k)) problems.push(`${what}: unexpected field "${k}"`);
}

/** A client frame on /ws/tts/stream. `first`: the first frame of a session (config allowed). */
export function checkStreamClientFrame(f: Frame, first: boolean): string[] {
  const p: string[] = [];
  if ('cancel' in f) {
    keysOk(f, ['cancel'], p, 'cancel');
    if (f.cancel !== true) p.push('cancel must be true');
    return p;
  }
  if ('close' in f) {
    keysOk(f, ['close'], p, 'close');
    if (f.close !== true) p.push('close must be true');
    return p;
  }
  if ('close_socket' in f) return ['close_socket is never sent on /ws/tts/stream by the SDK'];
  if ('update_settings' in f) return checkUpdateSettings(f);
  if (typeof f.text !== 'string') p.push('a text frame needs "text" (string)');
  if (typeof f.flush !== 'boolean') p.push('a text frame always carries "flush" (boolean), as send(text, flush = false)');
  const config = Object.keys(f).filter((k) => k !== 'text' && k !== 'flush');
  if (!first && config.length > 0) p.push(`config fields after the first frame of a session: ${config.join(', ')}`);
  for (const k of config) {
    const check = STREAM_CONFIG_FIELDS[k];
    if (!check) p.push(`unknown config field "${k}"`);
    else if (!check(f[k])) p.push(`config field ${k} has the wrong type or value: ${JSON.stringify(f[k])}`);
  }
  return p;
}

export function checkUpdateSettings(f: Frame): string[] {
  const p: string[] = [];
  keysOk(f, ['update_settings'], p, 'update_settings');
  const body = f.update_settings as Frame;
  const allowed = ['cfg_scale', 'temperature', 'speed', 'max_new_tokens', 'language', 'normalize'];
  if (!body || typeof body !== 'object' || Object.keys(body).length === 0) p.push('update_settings needs at least one setting');
  else keysOk(body, allowed, p, 'update_settings body');
  return p;
}

/** A client frame on /ws/tts/multi. `sessionStarted`: a context was already created on this connection. */
export function checkMultiClientFrame(f: Frame, sessionStarted: boolean, knownContexts: Set<string>): string[] {
  const p: string[] = [];
  if ('close_socket' in f) {
    keysOk(f, ['close_socket'], p, 'close_socket');
    return p;
  }
  if ('update_settings' in f) return checkUpdateSettings(f);
  if (typeof f.context_id !== 'string' || !f.context_id) return ['every multi-context frame names its context_id'];
  const id = f.context_id;
  if ('close_context' in f) {
    keysOk(f, ['close_context', 'context_id', 'immediate'], p, 'close_context');
    if ('immediate' in f && f.immediate !== true) p.push('immediate is only sent as true');
    return p;
  }
  if (!knownContexts.has(id)) {
    // createContext: {text: ' ', context_id, [session fields], voice_settings: {voice_id}}
    if (f.text !== ' ') p.push('a context is created with text " "');
    const extra = Object.keys(f).filter((k) => !['text', 'context_id', 'voice_settings'].includes(k));
    if (sessionStarted && extra.length > 0) p.push(`session config re-sent on a later context: ${extra.join(', ')}`);
    for (const k of extra) if (!MULTI_SESSION_FIELDS.includes(k)) p.push(`unknown field on context creation: "${k}"`);
    const vs = f.voice_settings as Frame | undefined;
    if (f.voice_id !== undefined) p.push('voice_id goes in voice_settings, not top level (KUG-1233)');
    if (vs !== undefined && !isInt(vs.voice_id)) p.push('voice_settings.voice_id must be an integer');
    knownContexts.add(id);
    return p;
  }
  if (f.text === '' && Object.keys(f).length === 2) return p; // keepAlive
  if ('text' in f) {
    keysOk(f, ['text', 'context_id', 'flush'], p, 'send');
    if (typeof f.flush !== 'boolean') p.push('send always carries "flush" (boolean)');
    return p;
  }
  keysOk(f, ['flush', 'context_id'], p, 'flush');
  if (f.flush !== true) p.push('a flush frame is {flush: true, context_id}');
  return p;
}

/** Server frames, as AudioChunk / WordTimestamp / the callbacks read them. */
export function checkServerFrame(f: Frame): string[] {
  const p: string[] = [];
  if (typeof f.audio === 'string') {
    for (const k of ['idx', 'sr', 'samples']) if (!isInt(f[k])) p.push(`audio frame: "${k}" must be an integer (Python AudioChunk.from_dict)`);
    if (f.enc !== undefined && !['pcm_s16le', 'mulaw', 'alaw'].includes(f.enc as string)) p.push(`audio frame: enc ${String(f.enc)}`);
  }
  if ('word_timestamps' in f) {
    if (!Array.isArray(f.word_timestamps)) p.push('word_timestamps must be an array');
    else
      for (const w of f.word_timestamps as Frame[]) {
        if (typeof w.word !== 'string') p.push('word timestamp: word');
        for (const k of ['start_ms', 'end_ms', 'char_start', 'char_end'])
          if (!isNum(w[k])) p.push(`word timestamp: "${k}" missing (KeyError in the Python SDK)`);
        if (!isNum(w.score)) p.push('word timestamp: score');
      }
  }
  if (f.final === true && !('context_id' in f)) {
    for (const k of ['total_audio_seconds', 'total_text_chunks', 'total_audio_chunks']) if (!isNum(f[k])) p.push(`final: "${k}"`);
  }
  if (f.session_closed === true) {
    for (const k of ['total_audio_seconds', 'total_text_chunks', 'total_audio_chunks']) if (!isNum(f[k])) p.push(`session_closed: "${k}"`);
    const usage = f.usage as Frame | undefined;
    if (!usage || !isNum(usage.audio_seconds)) p.push('session_closed: usage.audio_seconds');
  }
  if (f.chunk_complete === true) for (const k of ['audio_seconds', 'gen_ms']) if (!isNum(f[k])) p.push(`chunk_complete: "${k}"`);
  if (f.generation_started === true && (!isInt(f.chunk_id) || typeof f.text !== 'string')) p.push('generation_started: chunk_id and text');
  if (f.settings_updated === true) {
    const s = f.settings as Frame | undefined;
    if (!s) p.push('settings_updated: settings');
    else
      for (const k of ['cfg_scale', 'temperature', 'speed', 'max_new_tokens', 'language', 'normalize'])
        if (!(k in s)) p.push(`settings_updated: settings.${k}`);
  }
  if (f.context_closed === true && !(f.usage && isNum((f.usage as Frame).audio_seconds))) p.push('context_closed: usage.audio_seconds');
  if ('error' in f && typeof f.error !== 'string') p.push('error must be a string');
  return p;
}
