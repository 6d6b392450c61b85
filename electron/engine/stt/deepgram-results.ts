/** Reading Deepgram's streaming `Results` messages (the documented live transcription shape). */
export interface DeepgramWord {
  word: string;
  punctuated_word?: string;
  start: number;
  end: number;
}

export interface DeepgramResults {
  type: 'Results';
  start: number;
  duration: number;
  is_final?: boolean;
  speech_final?: boolean;
  from_finalize?: boolean;
  channel: { alternatives: { transcript: string; words?: DeepgramWord[] }[] };
}

export type DeepgramMessage =
  DeepgramResults | { type: 'Metadata' | 'SpeechStarted' | 'UtteranceEnd' } | { type: 'Error'; description?: string; message?: string };

/** Parses one text frame; throws with the reason when it is not a message we can read. */
export function parseDeepgramMessage(text: string): DeepgramMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`Deepgram sent a message that is not JSON: ${JSON.stringify(text.slice(0, 120))}`);
  }
  const m = parsed as Partial<DeepgramResults> & { type?: unknown };
  if (typeof m.type !== 'string') throw new Error(`Deepgram sent a message without a type: ${text.slice(0, 120)}`);
  if (m.type === 'Results') {
    if (typeof m.start !== 'number' || typeof m.duration !== 'number' || !Array.isArray(m.channel?.alternatives)) {
      throw new Error(`Deepgram sent a Results message without start, duration or alternatives: ${text.slice(0, 160)}`);
    }
  }
  return m as DeepgramMessage;
}
