/** One turn of speech (one agent answer) as the clients track it. */
import { TurnTimeline } from './turn-timeline.js';

export interface Turn {
  id: string;
  /** live: accepting or awaiting audio; cancelled: awaiting the server's ack; done: finished either way. */
  state: 'live' | 'cancelled' | 'done';
  /** endTurn() was called: the server will answer with `final`; further send() starts a new turn. */
  closeRequested: boolean;
  /** Config travels on the first frame of every turn (and again after a reconnect). */
  configSent: boolean;
  /** At least one frame was handed to the socket: the server knows this turn. */
  reachedServer: boolean;
  audioReceived: boolean;
  /** Every frame the caller asked for, without config, so a turn can be replayed after a reconnect. */
  frames: Record<string, unknown>[];
  endWaiters: { resolve: () => void; reject: (e: Error) => void }[];
  cancelGroup?: CancelGroup;
  /** Puts the server's per-chunk word timestamps on this turn's time base and text. */
  timeline: TurnTimeline;
}

/** The turns one cancel frame abandoned together; that frame earns at most one `interrupted`. */
export interface CancelGroup {
  turns: Set<Turn>;
  /** cancelCurrent() callers waiting for these turns to end. */
  waiters: (() => void)[];
  /** When the cancel frame was queued (clock ms): bounds the wait for its answer even while frames keep coming. */
  sentAtMs: number;
}

let turnCounter = 0;
const sessionTag = Math.random().toString(36).slice(2, 8);

/** Ids are never reused, across clients of one process too, so a stale chunk can never match a new turn. */
export function newTurn(prefix = 'turn'): Turn {
  turnCounter += 1;
  return {
    id: `${prefix}-${sessionTag}-${turnCounter}`,
    state: 'live',
    closeRequested: false,
    configSent: false,
    reachedServer: false,
    audioReceived: false,
    frames: [],
    endWaiters: [],
    timeline: new TurnTimeline(),
  };
}

export function settleTurn(turn: Turn, error?: Error): void {
  turn.state = 'done';
  const waiters = turn.endWaiters;
  turn.endWaiters = [];
  for (const w of waiters) {
    if (error) w.reject(error);
    else w.resolve();
  }
}
