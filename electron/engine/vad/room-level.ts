/**
 * How loud the room is, for the no-words voice rule (turn/strategies/voice-shape.ts): a 10 ms
 * block of steady room noise over -50 dBFS otherwise counts as voice, so in a noisy room the
 * VAD's release tail (100-300 ms of room after the last word) made a 590 ms "okay" into "1 s of
 * voice" (3 false stops at -45 dBFS on the bench's quick set).
 *
 * The room must be known even when it was never heard alone: the agent may talk from the start,
 * and the echo gate zeroes the blocks it takes for the agent's echo, so "the quietest block
 * before the speech" is digital zero (the predecessor's -100). So only blocks with sound in them
 * count, from every block heard while the user is not speaking, echo residual included: that
 * can only make the room look louder than it is, never quieter.
 */
import type { AudioFrame } from '../audio/frame.js';

/** 10 ms: the echo gate's block (echo-guard.ts), so a gated block is one run of zeros here. */
const BLOCK_PER_SECOND = 100;
/** Under this a block is a gate's zero or digital silence: it says nothing about the room. */
const SILENT_DBFS = -90;
/** 2 s of the room's blocks: long enough to hold quiet moments between the agent's words, short enough to follow a room that changes. */
const KEEP_BLOCKS = 200;
/**
 * The room's level is its loud end, the 90th percentile of those blocks: a voice must stand out
 * of the room's own ups and downs, and those depend on its colour. At -45 dBFS, 10 ms blocks of
 * white noise spread 0.8 dB (10th to 90th percentile), pink 7.7 dB, brown 11.5 dB. Measured on
 * the whole bench set (bench:bargein-voice-rule): over the 10th percentile + 6 dB, pink rooms'
 * blocks passed as voice and 12 tuning backchannels reached 1 s at pink -45 (2 in a silent
 * room); over the 90th percentile + 3 dB (ROOM_MARGIN_DB in voice-shape.ts) every room gave
 * the silent room's figures within a few clips.
 */
const PERCENTILE = 0.9;
/**
 * The VAD opens 50-240 ms into a voice (later on soft starts and in noise), so the blocks just
 * before an onset may be the user: a block is kept only once 300 ms have passed without speech
 * opening. Without this, a sentence the VAD split in two learned its own first part as the
 * room for the second (espeak "I need a train that leaves a bit earlier" then counted under 1 s
 * of its 1.9 s of voice, in a silent room).
 */
const HOLD_BLOCKS = 30;
/** Fewer blocks than this (200 ms) say too little about the room: not known. */
const MIN_BLOCKS = 20;

export class RoomLevel {
  private readonly blocks: number[] = [];
  /** Blocks not yet kept: they may turn out to be the start of the user's voice. */
  private readonly held: number[] = [];
  private pending: number[] = [];
  private perBlock = 160;

  /** Every frame the VAD hears (after the gate and comfort noise), with whether the user's speech is open. */
  push(frame: AudioFrame, speaking: boolean): void {
    this.perBlock = Math.max(1, Math.round(frame.sampleRate / BLOCK_PER_SECOND));
    if (speaking) {
      this.pending = [];
      this.held.length = 0;
      return;
    }
    for (const s of frame.data) {
      this.pending.push(s);
      if (this.pending.length === this.perBlock) this.block(this.pending.splice(0));
    }
  }

  /** The room's level in dBFS, or null while no block with sound in it was heard (a silent room). */
  get db(): number | null {
    return this.percentile(PERCENTILE);
  }

  /** The level (dBFS) that a share `p` of the room's recent blocks stay under; null as `db`. */
  percentile(p: number): number | null {
    if (this.blocks.length < MIN_BLOCKS) return null;
    const sorted = [...this.blocks].sort((a, b) => a - b);
    return sorted[Math.floor(p * (sorted.length - 1))]!;
  }

  private block(samples: number[]): void {
    let sum = 0;
    for (const s of samples) sum += s * s;
    const db = 10 * Math.log10(sum / samples.length + 1e-20);
    this.held.push(db);
    if (this.held.length <= HOLD_BLOCKS) return;
    const kept = this.held.shift()!;
    if (kept <= SILENT_DBFS) return;
    this.blocks.push(kept);
    if (this.blocks.length > KEEP_BLOCKS) this.blocks.shift();
  }
}
