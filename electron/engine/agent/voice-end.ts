/**
 * Where the user's voice really ended. The VAD's end edge (the start of its below-release
 * run) trails the voice: Silero's probability decays over several windows after the last
 * sound, 130-220 ms on the latency benchmark's voices. The end-of-turn silence counts from
 * that edge, so the lag was added to every answer. This keeps the level of the frames the VAD
 * saw and looks back from the edge for the last frame clearly above the room: FLOOR_MARGIN_DB
 * over the quiet before the speech and no more than SPAN_DB under the speech's loudest frame
 * (the bench's own voiced-span rule). It only ever moves the edge earlier, by MAX_SHIFT_MS at
 * most, so a soft trailing voice the level misses still has the VAD's word. The same rule finds
 * where the voice began before the VAD's onset (`refineStart`): barge-in counts from there.
 */
import type { AudioFrame } from '../audio/frame.js';

/** 10 dB over the room: breaths and hum stay below, the tail of a word does not. */
export const FLOOR_MARGIN_DB = 10;
/** 25 dB under the loudest frame: the decay of a final consonant, not the room. */
export const SPAN_DB = 25;
/** The VAD's lag measured 130-220 ms; more than 250 ms apart, trust the VAD (a soft voice). */
export const MAX_SHIFT_MS = 250;
/**
 * The VAD's onset trails a soft start: Silero scores a fricative or a breathy onset (the "s" of
 * "stop", the "wh" of "what") low for 50-100 ms (espeak "stop": 104 ms). 120 ms covers that and
 * bounds how far a breath or a click just before the voice can pull the onset forward.
 */
export const MAX_ONSET_SHIFT_MS = 120;
/** In a silent room (digital zero before the voice) the floor says nothing: the onset still needs -55 dBFS, a soft consonant's level, not a breath's. */
export const ONSET_MIN_DBFS = -55;
/** The room's level: the quietest of the last second before the speech (50 frames of 20 ms). */
const QUIET_FRAMES = 50;
/** Levels kept: enough to look back MAX_SHIFT_MS from an edge reported up to ~0.4 s late. */
const KEEP_MS = 1000;

interface Level {
  startMs: number;
  endMs: number;
  db: number;
}

export class VoiceEndFinder {
  private levels: Level[] = [];
  private quiet: number[] = [];
  private floorDb = -100;
  private peakDb = -100;
  /** End of the last frame of the open speech clearly above the room (the rule of `refine`); null before one. */
  private lastVoiceMs: number | null = null;

  /** Every frame the VAD sees, with whether speech is open. */
  push(frame: AudioFrame, speaking: boolean): void {
    const db = levelDb(frame.data);
    const endMs = frame.timestampMs + (frame.data.length * 1000) / (frame.sampleRate * frame.channels);
    this.levels.push({ startMs: frame.timestampMs, endMs, db });
    while (this.levels.length > 0 && endMs - this.levels[0]!.endMs > KEEP_MS) this.levels.shift();
    if (speaking) {
      this.peakDb = Math.max(this.peakDb, db);
      if (db > this.thresholdDb()) this.lastVoiceMs = endMs;
    } else {
      this.quiet.push(db);
      if (this.quiet.length > QUIET_FRAMES) this.quiet.shift();
    }
  }

  /** Speech opened: the room's level is what was quiet until now; the loudest frame starts over. */
  speechStarted(): void {
    this.floorDb = this.quiet.length > 0 ? Math.min(...this.quiet) : -100;
    this.peakDb = -100;
    this.lastVoiceMs = null;
  }

  /** How long the open speech's voice has been quiet at `nowMs` by its level; null if no frame was clearly voice yet. */
  quietForMs(nowMs: number): number | null {
    return this.lastVoiceMs === null ? null : nowMs - this.lastVoiceMs;
  }

  /**
   * The voice's start for a VAD onset at `startMs` (never later than it): the run of frames
   * clearly voice (the rule of `refine`, against the loudest frame heard since the onset)
   * that leads into the onset, MAX_ONSET_SHIFT_MS at most. Call when the VAD opens speech.
   */
  refineStart(startMs: number): number {
    let peak = -100;
    for (const l of this.levels) if (l.endMs > startMs) peak = Math.max(peak, l.db);
    const threshold = Math.max(this.floorDb + FLOOR_MARGIN_DB, peak - SPAN_DB, ONSET_MIN_DBFS);
    let start = startMs;
    for (let i = this.levels.length - 1; i >= 0; i--) {
      const l = this.levels[i]!;
      if (l.startMs >= startMs) continue;
      if (l.startMs < startMs - MAX_ONSET_SHIFT_MS || l.db <= threshold) break;
      start = l.startMs;
    }
    return start;
  }

  /** The voice's end for a VAD end edge at `edgeMs` (never later than it). */
  refine(edgeMs: number): number {
    const threshold = this.thresholdDb();
    for (let i = this.levels.length - 1; i >= 0; i--) {
      const l = this.levels[i]!;
      if (l.startMs >= edgeMs) continue;
      if (l.endMs <= edgeMs - MAX_SHIFT_MS) return edgeMs - MAX_SHIFT_MS;
      if (l.db > threshold) return Math.min(edgeMs, l.endMs);
    }
    return edgeMs;
  }

  private thresholdDb(): number {
    return Math.max(this.floorDb + FLOOR_MARGIN_DB, this.peakDb - SPAN_DB);
  }
}

function levelDb(data: Float32Array): number {
  let sum = 0;
  for (const v of data) sum += v * v;
  const rms = Math.sqrt(sum / Math.max(1, data.length));
  return rms > 0 ? Math.max(-100, 20 * Math.log10(rms)) : -100;
}
