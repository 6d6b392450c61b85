/**
 * Puts KugelAudio's word timestamps on the turn's time base and text. The SDKs document them
 * as per chunk: `start_ms`/`end_ms` "relative to chunk/audio start" and `char_start`/`char_end`
 * into that chunk's text, where a chunk is one server-side text segment (announced by
 * `generation_started` {chunk_id, text}). So a word's turn time is the turn audio received
 * before its chunk's first audio plus `start_ms`, and its place in the turn's text is where
 * the chunk's text sits in what the client sent plus `char_start`.
 *
 * A server that announces no chunks (vendor adapters, older servers) keeps its times as they
 * are: those already count from the start of the turn.
 */
import type { WordTiming } from './types.js';

interface Chunk {
  /** Turn audio before this chunk's first audio, ms; provisional until its first audio frame. */
  baseMs: number;
  audioSeen: boolean;
  /** Where the chunk's text starts in the turn's sent text; undefined when it could not be found. */
  textOffset?: number;
}

export class TurnTimeline {
  private audioMs = 0;
  private text = '';
  private cursor = 0;
  private chunks = new Map<number, Chunk>();
  private lastChunk: number | undefined;

  /** Whether `chunkId` was announced for this turn (a frame naming another chunk is not this turn's). */
  knows(chunkId: unknown): boolean {
    return typeof chunkId !== 'number' || this.chunks.size === 0 || this.chunks.has(chunkId);
  }

  /** The turn starts over on a fresh connection: same text, no audio or chunks yet. */
  restart(): void {
    this.audioMs = 0;
    this.cursor = 0;
    this.chunks.clear();
    this.lastChunk = undefined;
  }

  /** Text the client sent for this turn, in order (what the server buffers). */
  addText(text: string): void {
    this.text += text;
  }

  /** `generation_started` {chunk_id, text}. */
  chunkStarted(chunkId: unknown, text: unknown): void {
    if (typeof chunkId !== 'number') return;
    let textOffset: number | undefined;
    if (typeof text === 'string' && text.trim()) {
      const at = this.text.indexOf(text.trim(), this.cursor);
      if (at >= 0) {
        textOffset = at;
        this.cursor = at + text.trim().length;
      }
    }
    this.chunks.set(chunkId, { baseMs: this.audioMs, audioSeen: false, textOffset });
    this.lastChunk = chunkId;
  }

  /** An audio frame of `ms` for `chunkId` (when the frame names it) was received. */
  audio(chunkId: unknown, ms: number): void {
    const chunk = typeof chunkId === 'number' ? this.chunks.get(chunkId) : undefined;
    if (chunk && !chunk.audioSeen) {
      chunk.audioSeen = true;
      chunk.baseMs = this.audioMs;
    }
    this.audioMs += ms;
  }

  /** Chunk-relative words -> turn-relative, with char offsets into the turn's text and the tokens they complete. */
  place(words: WordTiming[], chunkId: unknown): WordTiming[] {
    const id = typeof chunkId === 'number' ? chunkId : this.lastChunk;
    const chunk = id === undefined ? undefined : this.chunks.get(id);
    if (!chunk) return words;
    return words.map((w) => {
      const placed: WordTiming = { ...w, startMs: w.startMs + chunk.baseMs, endMs: w.endMs + chunk.baseMs };
      if (chunk.textOffset === undefined || w.charStart === undefined || w.charEnd === undefined) {
        delete placed.charStart;
        delete placed.charEnd;
        return placed;
      }
      placed.charStart = w.charStart + chunk.textOffset;
      placed.charEnd = w.charEnd + chunk.textOffset;
      placed.textTokens = tokensEndingBy(this.text, placed.charEnd);
      return placed;
    });
  }
}

/** Whitespace-separated tokens of `text` that end at or before `end`: the words fully said once this word is. */
export function tokensEndingBy(text: string, end: number): number {
  let n = 0;
  for (const m of text.matchAll(/\S+/g)) {
    if (m.index + m[0].length <= end) n += 1;
    else {
      // A token cut by the word's end counts when only punctuation is left of it ("world" in "world.").
      if (m.index < end && !/[\p{L}\p{N}]/u.test(m[0].slice(end - m.index))) n += 1;
      break;
    }
  }
  return n;
}
