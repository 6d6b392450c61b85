/**
 * The narrow ports the turn layer needs from playback and TTS. PlaybackQueue (audio) and
 * SingleStreamClient (tts) satisfy them structurally; tests use small fakes.
 */
export interface PlaybackControl {
  duck(db: number, rampMs: number): void;
  unduck(rampMs: number): void;
  pause(): void;
  resume(): void;
  /** Drop everything of the turn now and forever (the agent becomes inaudible). */
  clear(turnId: string): void;
  /** Milliseconds of the turn the listener has heard so far. */
  playedMs(turnId: string): number;
}

export interface TtsTurnControl {
  /** Cancel the turn being synthesized (stops local playback first, then tells the server). No-op when idle. */
  cancelCurrent(): Promise<void>;
}
