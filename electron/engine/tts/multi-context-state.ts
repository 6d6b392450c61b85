/** One context of the multi-context protocol (one turn) as MultiContextTtsClient tracks it. */
import { TurnTimeline } from './turn-timeline.js';
import type { Frame } from './wire-codec.js';

/**
 * pending: waiting for a free slot (the server has not heard of it); creating: asked for, no
 * `context_created` yet; open: frames flow; closing: graceful close sent; cancelling: immediate
 * close sent; closed: over on the server (or never existed there).
 */
export type ContextState = 'pending' | 'creating' | 'open' | 'closing' | 'cancelling' | 'closed';

export interface TtsContext {
  id: string;
  state: ContextState;
  /** Frames the caller asked for, in order (for sending after creation, and replay after a reconnect). */
  frames: Frame[];
  sentFrames: number;
  closeRequested: boolean;
  /** Closed immediately (barge-in): every frame of it is dropped from now on. */
  cancelled: boolean;
  audioReceived: boolean;
  lastSentMs: number;
  endWaiters: { resolve: () => void; reject: (e: Error) => void }[];
  closedWaiters: (() => void)[];
  /** Puts the server's per-chunk word timestamps on this turn's time base and text. */
  timeline: TurnTimeline;
}

let contextCounter = 0;
const processTag = Math.random().toString(36).slice(2, 8);

/** Ids are never reused, across clients of one process too, so a stale frame can never match a new context. */
export function newContext(nowMs: number): TtsContext {
  contextCounter += 1;
  return {
    id: `ctx-${processTag}-${contextCounter}`,
    state: 'pending',
    frames: [],
    sentFrames: 0,
    closeRequested: false,
    cancelled: false,
    audioReceived: false,
    lastSentMs: nowMs,
    endWaiters: [],
    closedWaiters: [],
    timeline: new TurnTimeline(),
  };
}

/** Counts against the server's per-socket cap: it holds the context or is creating it. */
export function holdsSlot(c: TtsContext): boolean {
  return c.state !== 'pending' && c.state !== 'closed';
}

/** The reference server's error code for a refused context, or a generic server error. */
export function contextErrorCode(msg: Frame): 'TOO_MANY_CONTEXTS' | 'SERVER_ERROR' {
  return msg.error_code === 'TOO_MANY_CONTEXTS' ? 'TOO_MANY_CONTEXTS' : 'SERVER_ERROR';
}

/**
 * Fields the JS SDK's createContext puts on the FIRST context of a connection only (the session
 * config, fixed for the connection), plus word_timestamps, which only the Python SDK sends there.
 */
export const SESSION_FIELDS = [
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
