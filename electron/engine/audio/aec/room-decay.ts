/**
 * How fast the room's echo dies away, learned from the mic: after the agent's voice stops (the
 * reference falls far under its recent peak), the mic on echo-alone blocks holds the room's
 * reverberant tail alone, and its power falls by the room's decay per block. The first blocks
 * after the stop hold the direct path and early reflections still leaving, so the decay is read
 * from a few blocks later, and only while the tail stands well over the room's noise.
 */

import { MAX_DECAY, MIN_DECAY, REF_PEAK_FALL } from './echo-bound.js';

/** The agent's voice counts as stopped when the reference is this far (30 dB) under its recent peak (falling as EchoBound's). */
const STOPPED = 10 ** (-30 / 10);
/** Blocks after the stop left out (24 ms): the direct path and first reflections of the last syllable still arrive. */
const SKIP_BLOCKS = 3;
/** The decay is read while the mic stays within 25 dB of its level where reading began: deeper, the room's noise flattens it. */
const DEPTH = 10 ** (-25 / 10);
/** A block 1 dB over the one before ends the reading: something other than the tail sounds. */
const RISE = 10 ** (1 / 10);
/** Learning per block read (log domain, ~50 blocks). */
const SMOOTHING = 0.02;

export class RoomDecay {
  private refPeak = 0;
  private sinceStop = -1;
  private startMic = 0;
  private lastMic = 0;
  private logDecay = Math.log(MIN_DECAY);
  private readings = 0;

  /** Learned decay of the echo's power per block, or 0 before any reading. */
  get perBlock(): number {
    return this.readings > 0 ? Math.min(MAX_DECAY, Math.max(MIN_DECAY, Math.exp(this.logDecay))) : 0;
  }

  /**
   * One block: the reference's and mic's mean squares, and whether the echo estimate explains the mic (echo alone). A
   * decay is read from a stop that came while the mic held the echo alone, and ends where the mic rises again (a voice).
   */
  update(refEnergy: number, micEnergy: number, echoAlone: boolean): void {
    this.refPeak = Math.max(refEnergy, this.refPeak * REF_PEAK_FALL);
    const stopped = this.refPeak > 1e-8 && refEnergy < this.refPeak * STOPPED;
    if (!stopped) {
      this.sinceStop = echoAlone ? 0 : -1;
      return;
    }
    if (this.sinceStop < 0) return;
    if (this.sinceStop > 0 && micEnergy > this.lastMic * RISE) {
      this.sinceStop = -1;
      return;
    }
    this.sinceStop++;
    if (this.sinceStop === SKIP_BLOCKS) this.startMic = micEnergy;
    if (this.sinceStop > SKIP_BLOCKS && micEnergy > this.startMic * DEPTH && this.lastMic > 0 && micEnergy > 0) {
      const r = Math.log(micEnergy / this.lastMic);
      this.logDecay = this.readings === 0 ? r : (1 - SMOOTHING) * this.logDecay + SMOOTHING * r;
      this.readings++;
    }
    this.lastMic = micEnergy;
  }
}
