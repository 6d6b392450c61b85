/**
 * Client for the reference streaming TTS protocol (KugelAudio-style, single-stream endpoint):
 * one WebSocket per session, kept open across turns, with barge-in.
 *
 * The server's frames carry no turn id, so the client attributes them: turns reach the server
 * in write order and end in that order (`final` after close, `interrupted` after cancel), so
 * every frame belongs to the oldest turn the server has not finished (`serverQueue[0]`).
 * Frames of a cancelled turn are dropped, before and after the ack.
 *
 * No stale audio without turn ids: a cancel the server never acknowledges (quiet for
 * cancelQuietTimeoutMs) leaves a socket whose leftovers could arrive at any time, so that socket
 * is dropped and every unfinished turn goes on over a fresh one; nothing from the old one is
 * read again. After an ack the protocol promises no more audio of the cancelled turn; as a
 * second fence an audio frame naming a chunk the head turn never announced is not its audio.
 *
 * Frames are the JS SDK's StreamingSession frames: `{text, flush}` (flush always present),
 * session config on the first frame of each session (turn), `{close: true}` to end it,
 * `{cancel: true}` to barge in. endSession never sends close_socket on this endpoint.
 */
import { StreamingClientBase, type StreamingClientOptions } from './streaming-client-base.js';
import { serverErrorOf } from './server-errors.js';
import { TtsError } from './tts-error.js';
import { newTurn, settleTurn, type CancelGroup, type Turn } from './turn.js';
import { CANCEL_ACK_DEADLINE_MS, sdkConfigFields, type StreamingTts } from './types.js';
import type { Frame } from './wire-codec.js';

/**
 * cancelCurrent() waits for `interrupted`, or for the server to be quiet for
 * cancelQuietTimeoutMs (300 ms by default: a healthy server acks in tens of ms, and playback is
 * already silent, so this only bounds how long stragglers are attributed to the old turn).
 * The codec is a vendor translation (Deepgram); the reference protocol when absent.
 */
export type SingleStreamClientOptions = StreamingClientOptions;

export class SingleStreamClient extends StreamingClientBase implements StreamingTts {
  /** The turn send() appends to; null when idle or after a cancel/endTurn. */
  private current: Turn | null = null;
  /** Turns not finished yet, in creation order. */
  private live: Turn[] = [];
  /** Turns the server knows, in write order; the head owns incoming frames. */
  private serverQueue: Turn[] = [];
  /**
   * Cancel frames still owed an answer, oldest first, each with the turns it abandoned that
   * have not ended yet. The server handles frames in order, so the next `interrupted` answers
   * the oldest. A group whose turns all ended with `final` (the server finished before it saw
   * the cancel) is owed nothing: a cancel with nothing in progress is a no-op on the server.
   */
  private cancelGroups: CancelGroup[] = [];

  get currentTurnId(): string | null {
    return this.current?.id ?? null;
  }

  send(text: string, options: { flush?: boolean } = {}): string {
    this.assertSendable(text);
    const turn = this.current ?? this.startTurn();
    this.write(turn, { text, flush: options.flush === true });
    return turn.id;
  }

  flush(): void {
    this.assertUsable();
    if (this.current) this.write(this.current, { flush: true });
  }

  /** Ends the current turn gracefully: the server flushes, drains and answers `final`. */
  endTurn(): Promise<void> {
    const turn = this.current;
    if (!turn) {
      const last = this.live.at(-1);
      return last && last.state === 'live' ? this.waitForEnd(last) : Promise.resolve();
    }
    this.current = null;
    turn.closeRequested = true;
    this.write(turn, { close: true });
    return this.waitForEnd(turn);
  }

  /** Graceful end of the session: finish every live turn, then close the socket. */
  async endSession(): Promise<void> {
    if (this.closed) return;
    await this.endTurn();
    await Promise.all(this.live.filter((t) => t.state === 'live').map((t) => this.waitForEnd(t)));
    await this.close();
  }

  /**
   * Barge-in. Synchronously clears local playback of every unfinished turn FIRST, then
   * cancels on the server. Resolves on `interrupted`, or when the server has been quiet for
   * cancelQuietTimeoutMs. A no-op when nothing is being generated. Never blocks the next send().
   */
  cancelCurrent(): Promise<void> {
    const targets = this.live.filter((t) => t.state === 'live');
    if (targets.length === 0) return Promise.resolve();
    for (const t of targets) this.clearPlayback(t.id);
    this.current = null;
    const group: CancelGroup = { turns: new Set(), waiters: [], sentAtMs: this.clock.nowMs() };
    for (const t of targets) {
      this.socket.dropQueued((tag) => tag === t.id); // frames the server never saw are simply not sent
      if (t.reachedServer) {
        t.state = 'cancelled';
        t.cancelGroup = group;
        group.turns.add(t);
      } else {
        this.finishCancelled(t);
      }
    }
    if (group.turns.size === 0) return Promise.resolve();
    this.cancelGroups.push(group);
    this.wire({ cancel: true });
    const done = new Promise<void>((resolve) => group.waiters.push(resolve));
    if (this.cancelGroups.length === 1) this.restartQuietTimer();
    return done;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // The caller closed the session: pending endTurn() promises resolve (nothing failed).
    for (const t of [...this.live]) {
      if (t.state === 'cancelled') this.finishCancelled(t);
      else this.dropTurn(t);
    }
    this.dropCancelGroups();
    await this.socket.close();
  }

  // --- internals -------------------------------------------------------------------------

  private startTurn(): Turn {
    const turn = newTurn();
    this.current = turn;
    this.live.push(turn);
    return turn;
  }

  private write(turn: Turn, frame: Record<string, unknown>): void {
    turn.frames.push(frame);
    if (typeof frame.text === 'string') turn.timeline.addText(frame.text);
    this.transmit(turn, frame);
  }

  private transmit(turn: Turn, frame: Record<string, unknown>): void {
    const payload = turn.configSent ? frame : { ...frame, ...sdkConfigFields(this.config) };
    turn.configSent = true;
    this.wire(payload, turn.id, () => {
      if (!turn.reachedServer && turn.state !== 'done') {
        turn.reachedServer = true;
        this.serverQueue.push(turn);
      }
    });
  }

  private waitForEnd(turn: Turn): Promise<void> {
    if (turn.state === 'done') return Promise.resolve();
    return new Promise((resolve, reject) => turn.endWaiters.push({ resolve, reject }));
  }

  protected onMessage(msg: Frame): void {
    const head = this.serverQueue[0];
    if ('audio' in msg) return this.onAudio(head, msg);
    if ('word_timestamps' in msg) {
      if (head?.state === 'live') this.emitWords(head.id, msg, head.timeline);
      return;
    }
    if (msg.generation_started === true) {
      if (head?.state === 'live') head.timeline.chunkStarted(msg.chunk_id, msg.text);
      return;
    }
    if (msg.interrupted === true) return this.onInterrupted();
    if (msg.final === true) return this.onFinal(head);
    if ('error' in msg) {
      this.report(serverErrorOf(msg, head?.id));
      return;
    }
    if ('warning' in msg) {
      // Informational only (e.g. auto-flush). Never acted on: a late warning must not revive a cancelled turn.
      this.logger.info('TTS server warning', { warning: msg.warning });
      return;
    }
    // generation_started, chunk_complete, session_closed and unknown fields: progress only.
  }

  private onAudio(head: Turn | undefined, msg: Frame): void {
    if (!head || head.state !== 'live' || !head.timeline.knows(msg.chunk_id)) {
      this.stats.droppedChunks += 1; // a straggler of a cancelled (or already finished) turn
      return;
    }
    const decoded = this.decodeAudio(msg);
    if (!decoded) return;
    head.audioReceived = true;
    head.timeline.audio(msg.chunk_id, (decoded.samples.length * 1000) / decoded.sampleRate);
    this.emitAudio(head.id, decoded);
  }

  private onFinal(head: Turn | undefined): void {
    if (!head) {
      this.logger.debug('TTS final with no turn in flight; ignored');
      return;
    }
    this.serverQueue.shift();
    if (head.state === 'cancelled') {
      // The server finished before it saw our cancel: the turn is over all the same.
      this.finishCancelled(head);
      return;
    }
    if (this.current === head) this.current = null;
    this.removeLive(head);
    settleTurn(head);
    this.emit('final', { turnId: head.id });
  }

  /** `interrupted` answers the oldest cancel still owed an answer and ends every turn it abandoned. */
  private onInterrupted(): void {
    const group = this.cancelGroups[0];
    if (!group) {
      this.logger.debug('TTS interrupted with no cancel outstanding; ignored');
      return;
    }
    for (const t of [...group.turns]) this.finishCancelled(t);
    if (this.cancelGroups.includes(group)) this.endCancelGroup(group);
  }

  private finishCancelled(turn: Turn): void {
    const group = turn.cancelGroup;
    if (group) {
      group.turns.delete(turn);
      if (group.turns.size === 0) {
        // A vendor that answers every cancel will still answer this one: keep the group to absorb that answer.
        if (this.codec.acksEveryCancel) for (const w of group.waiters.splice(0)) w();
        else this.endCancelGroup(group);
      }
    }
    const idx = this.serverQueue.indexOf(turn);
    if (idx >= 0) this.serverQueue.splice(idx, 1);
    this.removeLive(turn);
    settleTurn(turn);
    this.emit('interrupted', { turnId: turn.id });
  }

  private dropCancelGroups(): void {
    for (const g of [...this.cancelGroups]) this.endCancelGroup(g);
  }

  /** A cancel is fully answered: its callers resume; the quiet timer moves on to the next owed answer. */
  private endCancelGroup(group: CancelGroup): void {
    const wasOldest = this.cancelGroups[0] === group;
    this.cancelGroups = this.cancelGroups.filter((g) => g !== group);
    for (const w of group.waiters.splice(0)) w();
    if (this.cancelGroups.length === 0) this.stopQuietTimer();
    else if (wasOldest) this.restartQuietTimer();
  }

  /**
   * Silence from the server for cancelQuietTimeoutMs, or no answer by CANCEL_ACK_DEADLINE_MS
   * after the cancel however busy the socket, means the OLDEST cancel still owed an answer will
   * not get one: its turns end and the socket is replaced (so the later cancels' turns end with
   * it, and live turns go on over the fresh one). Restarted on every frame.
   */
  protected restartQuietTimer(): void {
    this.stopQuietTimer();
    const owed = this.cancelGroups[0];
    if (!owed) return;
    const untilDeadlineMs = Math.max(0, owed.sentAtMs + CANCEL_ACK_DEADLINE_MS - this.clock.nowMs());
    this.quietTimer = this.clock.setTimeout(
      () => {
        this.quietTimer = undefined;
        const oldest = this.cancelGroups[0];
        if (!oldest) return;
        this.logger.info('TTS cancel not acknowledged; server quiet: the cancelled turn is over, and its socket is replaced');
        for (const t of [...oldest.turns]) this.finishCancelled(t);
        if (this.cancelGroups.includes(oldest)) this.endCancelGroup(oldest);
        // Leftovers of that turn may still come, with no turn id to tell them apart: never read that socket again.
        this.socket.recycle('cancel not acknowledged');
      },
      Math.min(this.quietTimeoutMs, untilDeadlineMs),
    );
  }

  private removeLive(turn: Turn): void {
    const idx = this.live.indexOf(turn);
    if (idx >= 0) this.live.splice(idx, 1);
  }

  private dropTurn(turn: Turn, error?: TtsError): void {
    if (this.current === turn) this.current = null;
    const idx = this.serverQueue.indexOf(turn);
    if (idx >= 0) this.serverQueue.splice(idx, 1);
    this.removeLive(turn);
    settleTurn(turn, error);
  }

  /**
   * The socket dropped. Cancelled turns are over. A live turn none of whose audio arrived is
   * replayed in full on the new socket (config first); one that was partly heard cannot be
   * replayed without repeating itself, so it ends with TURN_LOST and the caller keeps only what
   * was heard.
   */
  protected onDown(): void {
    this.socket.clearQueue();
    this.serverQueue = [];
    for (const t of [...this.live]) {
      if (t.state === 'cancelled') this.finishCancelled(t);
      else if (t.audioReceived) {
        const err = new TtsError('TURN_LOST', 'The TTS connection dropped mid-answer; the rest of this turn was not spoken.', { turnId: t.id });
        this.dropTurn(t, err);
        this.report(err);
      }
    }
    this.dropCancelGroups(); // the new socket owes no answers
    for (const t of this.live) {
      t.reachedServer = false;
      t.configSent = false;
      t.timeline.restart();
      for (const f of t.frames) this.transmit(t, f);
    }
  }

  protected endAllTurns(err: TtsError): void {
    for (const t of [...this.live]) {
      if (t.state === 'cancelled') this.finishCancelled(t);
      else this.dropTurn(t, err);
    }
    this.dropCancelGroups();
  }
}
