/**
 * Cartesia context expiry, and how a turn survives it.
 *
 * Cartesia expires a WebSocket context about 1 s after its last input when no more input
 * arrives; text sent to that context_id afterwards is rejected (or ignored). An LLM that pauses
 * longer than that between two clauses of one answer would lose the rest of the turn. So a turn
 * is spoken on a chain of Cartesia contexts ("segments"): the first one carries the turn's own
 * id; when more text comes after the current segment may have expired (or after the server
 * ended it with an error), the old segment is closed and the text goes to a fresh context id.
 *
 * Everything the client sees stays one turn: every frame is re-tagged with the turn id, audio of
 * a later segment is held until the earlier segments are done (so it plays in order), word
 * timestamps are moved onto the turn's timeline, and only the last segment's `done` ends the
 * turn. A cancel cancels every segment. An error for a segment we closed while it may already
 * have expired means just that, and is taken as its `done`; a stale segment that never answers
 * its close is taken as done after STALE_CLOSE_ANSWER_MS, so a turn can never hang on it.
 */
import type { Clock, TimerHandle } from '../../clock.js';
import type { Frame } from '../wire-codec.js';

/** Cartesia's documented context lifetime after its last input. */
export const CARTESIA_CONTEXT_EXPIRY_MS = 1000;
/**
 * How much earlier than the expiry we stop trusting a context: our input takes a network trip
 * and the server measures from when it received the previous one, so text sent at 990 ms could
 * land after 1 s. Switching early costs a prosody seam; landing late costs the rest of the answer.
 */
export const CONTEXT_EXPIRY_MARGIN_MS = 250;
/** More text this long after a segment's last input goes to a fresh context. */
export const FRESH_CONTEXT_AFTER_MS = CARTESIA_CONTEXT_EXPIRY_MS - CONTEXT_EXPIRY_MARGIN_MS;
/** An expired context may stay silent when we close it; by then it has certainly expired and sends nothing more. */
export const STALE_CLOSE_ANSWER_MS = CARTESIA_CONTEXT_EXPIRY_MS;

/** A frame Cartesia sent for one context, already in reference form (`done` kept apart). */
export type SegmentEvent = { kind: 'frame'; frame: Frame } | { kind: 'done' } | { kind: 'error'; frame: Frame };

interface Segment {
  wireId: string;
  /** When input last went to it; null before its first input (Cartesia creates a context with its first input). */
  lastInputMs: number | null;
  /** No more input goes here: closed, or ended by the server. */
  sealed: boolean;
  /** Closed while it may already have expired: an error for it means "expired", not a failure. */
  closedStale: boolean;
  done: boolean;
  /** Events that arrived while an earlier segment was still playing. */
  held: SegmentEvent[];
  /** Where this segment's audio starts on the turn's timeline (set when it becomes the playing one). */
  offsetMs: number;
  staleTimer?: TimerHandle;
}

interface TurnSegments {
  turnId: string;
  segments: Segment[];
  /** The graceful close went to the last segment: its `done` ends the turn. */
  closing: boolean;
  cancelled: boolean;
  /** Audio handed on so far, in ms: the next segment's timeline offset. */
  playedMs: number;
}

export class CartesiaContextChain {
  private readonly turns = new Map<string, TurnSegments>();
  private readonly byWireId = new Map<string, { turn: TurnSegments; seg: Segment }>();
  private deliver: (frames: Frame[]) => void = () => {};

  constructor(
    private readonly clock: Clock,
    private readonly sampleRate: number,
  ) {}

  attach(deliver: (frames: Frame[]) => void): void {
    this.deliver = deliver;
  }

  /** A turn starts, or is replayed on a new socket: one segment under the turn's own id. */
  open(turnId: string): void {
    const old = this.turns.get(turnId);
    if (old) this.forget(old);
    const turn: TurnSegments = { turnId, segments: [], closing: false, cancelled: false, playedMs: 0 };
    this.turns.set(turnId, turn);
    this.addSegment(turn, turnId);
  }

  /**
   * Where the turn's next text goes. `retire` names a segment left behind because it may have
   * expired: the caller closes it (continue: false) so a still-live one finishes with `done`.
   */
  inputTarget(turnId: string): { wireId: string; retire?: string } {
    const turn = this.turns.get(turnId);
    if (!turn) return { wireId: turnId };
    const last = turn.segments.at(-1)!;
    let target = last;
    let retire: string | undefined;
    if (last.sealed || this.mayHaveExpired(last)) {
      if (!last.sealed) {
        retire = last.wireId;
        this.sealStale(turn, last);
      }
      target = this.addSegment(turn, `${turnId}~${turn.segments.length + 1}`);
    }
    target.lastInputMs = this.clock.nowMs();
    return { wireId: target.wireId, retire };
  }

  /** Where the turn's graceful close goes; null when the server already ended its last segment (nothing to send). */
  closeTarget(turnId: string): string | null {
    const turn = this.turns.get(turnId);
    if (!turn) return turnId;
    turn.closing = true;
    const last = turn.segments.at(-1)!;
    if (last.sealed) {
      // The server already ended it (an error): nothing to close; the turn ends when it is done.
      if (last.done) queueMicrotask(() => this.deliver(this.settle(turn)));
      return null;
    }
    if (this.mayHaveExpired(last)) this.sealStale(turn, last);
    else last.sealed = true;
    return last.wireId;
  }

  /** Barge-in: every segment not yet done is cancelled; held audio is dropped. */
  cancelTargets(turnId: string): string[] {
    const turn = this.turns.get(turnId);
    if (!turn) return [turnId];
    turn.cancelled = true;
    const open = turn.segments.filter((s) => !s.done);
    for (const s of open) {
      s.held = [];
      s.sealed = true;
    }
    return open.map((s) => s.wireId);
  }

  /** Routes one Cartesia event to the turn it belongs to; returns what the client gets now. */
  route(wireId: string | undefined, event: SegmentEvent): Frame[] {
    const entry = wireId === undefined ? undefined : this.byWireId.get(wireId);
    if (!entry) return passThrough(wireId, event);
    const { turn, seg } = entry;
    // A second ending of a segment already over (its stale-close timer ran first) changes nothing.
    if (seg.done && event.kind !== 'frame') return [];
    if (turn.cancelled) {
      // The client drops everything of a cancelled turn; it only needs to hear when the last segment is over.
      if (event.kind === 'frame' || event.kind === 'error') return [{ ...event.frame, context_id: turn.turnId }];
      this.markDone(seg);
      return this.settle(turn);
    }
    if (seg !== this.playing(turn) && !seg.done) {
      seg.held.push(event);
      return [];
    }
    return this.apply(turn, seg, event);
  }

  private apply(turn: TurnSegments, seg: Segment, event: SegmentEvent): Frame[] {
    if (event.kind === 'frame') return [this.onTimeline(turn, seg, event.frame)];
    const out: Frame[] = [];
    // Cartesia ends a context with its error (done: true). For a segment closed while stale, the error is its expiry.
    if (event.kind === 'error' && !seg.closedStale) out.push({ ...event.frame, context_id: turn.turnId });
    seg.sealed = true;
    this.markDone(seg);
    // The next segment plays now: what it sent meanwhile goes out, in order.
    const next = this.playing(turn);
    if (next && next !== seg) {
      next.offsetMs = turn.playedMs;
      const held = next.held;
      next.held = [];
      for (const e of held) out.push(...this.apply(turn, next, e));
      return out;
    }
    return [...out, ...this.settle(turn)];
  }

  /** Re-tags a frame with the turn, counts its audio, moves its word timestamps onto the turn's timeline. */
  private onTimeline(turn: TurnSegments, seg: Segment, frame: Frame): Frame {
    const out: Frame = { ...frame, context_id: turn.turnId };
    if (typeof frame.audio === 'string') turn.playedMs += (Buffer.byteLength(frame.audio, 'base64') / 2 / this.sampleRate) * 1000;
    if (Array.isArray(frame.word_timestamps) && seg.offsetMs > 0) {
      const shift = seg.offsetMs / 1000;
      out.word_timestamps = (frame.word_timestamps as { word: string; start: number; end: number }[]).map((w) => ({
        ...w,
        start: w.start + shift,
        end: w.end + shift,
      }));
    }
    return out;
  }

  /** The turn is over once it was closed (or cancelled) and every segment is done. */
  private settle(turn: TurnSegments): Frame[] {
    if (!(turn.closing || turn.cancelled) || turn.segments.some((s) => !s.done)) return [];
    this.forget(turn);
    return [
      { final: true, context_id: turn.turnId },
      { context_closed: true, context_id: turn.turnId },
    ];
  }

  private playing(turn: TurnSegments): Segment | undefined {
    return turn.segments.find((s) => !s.done);
  }

  private mayHaveExpired(seg: Segment): boolean {
    return seg.lastInputMs !== null && this.clock.nowMs() - seg.lastInputMs >= FRESH_CONTEXT_AFTER_MS;
  }

  private sealStale(turn: TurnSegments, seg: Segment): void {
    seg.sealed = true;
    seg.closedStale = true;
    seg.staleTimer = this.clock.setTimeout(() => {
      seg.staleTimer = undefined;
      if (!seg.done && this.turns.get(turn.turnId) === turn) this.deliver(this.route(seg.wireId, { kind: 'done' }));
    }, STALE_CLOSE_ANSWER_MS);
  }

  private markDone(seg: Segment): void {
    seg.done = true;
    this.clock.clearTimeout(seg.staleTimer);
    seg.staleTimer = undefined;
  }

  private addSegment(turn: TurnSegments, wireId: string): Segment {
    const seg: Segment = { wireId, lastInputMs: null, sealed: false, closedStale: false, done: false, held: [], offsetMs: 0 };
    turn.segments.push(seg);
    this.byWireId.set(wireId, { turn, seg });
    return seg;
  }

  private forget(turn: TurnSegments): void {
    for (const s of turn.segments) {
      this.clock.clearTimeout(s.staleTimer);
      if (this.byWireId.get(s.wireId)?.turn === turn) this.byWireId.delete(s.wireId);
    }
    if (this.turns.get(turn.turnId) === turn) this.turns.delete(turn.turnId);
  }
}

/** A context this chain does not know (never opened, or already over): as Cartesia said it. */
function passThrough(wireId: string | undefined, event: SegmentEvent): Frame[] {
  if (event.kind === 'done') {
    return [
      { final: true, context_id: wireId },
      { context_closed: true, context_id: wireId },
    ];
  }
  return [event.frame];
}
