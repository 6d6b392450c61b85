/**
 * Comfort noise for the gated mic. The echo gate (turn/echo-guard.ts, and the credit gate after
 * the canceller in agent/user-input.ts) zeroes the 10 ms blocks it takes for the agent's echo.
 * In a silent room that is what the room sounds like anyway. In a real room it chops the room's
 * steady noise into bursts, and Silero scores the step from digital silence back to the room as
 * an onset: white noise at -50 dBFS, gated under the agent's voice, gave windows of 0.17-0.54,
 * enough to open speech (0.5) right after a backchannel, which then held the paused agent for
 * the 2 s false-alarm timeout. So before the VAD, a zeroed block is refilled with the room's own
 * recent sound, as a telephone's echo suppressor fills its gaps: what the VAD would have heard
 * with no agent talking.
 */
import type { AudioFrame } from '../audio/frame.js';

/** The gate's block: 10 ms (echo-guard.ts), so a gated block is one run of exact zeros here. */
const BLOCK_PER_SECOND = 100;
/** The room's floor: the quietest block of the last 2 s of the room alone (a breath or a click before the user's voice is not the room). */
const FLOOR_BLOCKS = 200;
/**
 * A block within 6 dB of that floor is the room. White noise's 10 ms blocks spread about
 * ±0.5 dB; pink or brown rooms, with more of their power in a few low cycles per block, spread
 * several dB. Louder blocks (the first of the user's voice before the VAD opens, a click) are
 * never replayed.
 */
const ROOM_BAND_DB = 6;
/**
 * Quieter rooms are not kept: below -70 dBFS (where the echo guard itself calls the reference
 * silent) a zero and the room sound alike to the VAD, so a silent room behaves as before.
 */
const ROOM_MIN_POWER = 10 ** (-70 / 10);
/** 0.5 s of the room to replay: longer than any run of gated blocks under one syllable of the agent's. */
const KEEP_SAMPLES = 8000;

export class ComfortNoise {
  private readonly floor: number[] = [];
  private readonly room = new Float32Array(KEEP_SAMPLES);
  private roomLength = 0;
  private writeAt = 0;
  private readAt = 0;

  /**
   * The frame as the VAD should hear it: every all-zero block replaced by the room's recent
   * sound (unchanged while none is known). `roomAlone`: neither the user's speech nor the
   * agent's echo can be in this frame, so it may be learned as the room; its zeros are then
   * the room's own (a silent room has a floor of zero, and nothing is learned from it).
   */
  fill(frame: AudioFrame, roomAlone: boolean): AudioFrame {
    const perBlock = Math.max(1, Math.round(frame.sampleRate / BLOCK_PER_SECOND)) * frame.channels;
    let out: Float32Array | null = null;
    for (let start = 0; start < frame.data.length; start += perBlock) {
      const end = Math.min(frame.data.length, start + perBlock);
      let sum = 0;
      for (let i = start; i < end; i++) sum += frame.data[i]! * frame.data[i]!;
      if (roomAlone) {
        this.learn(frame.data.subarray(start, end), sum / (end - start));
      } else if (sum === 0 && this.roomLength > 0) {
        out ??= new Float32Array(frame.data);
        for (let i = start; i < end; i++) out[i] = this.next();
      }
    }
    return out === null ? frame : { ...frame, data: out };
  }

  private learn(block: Float32Array, power: number): void {
    this.floor.push(power);
    if (this.floor.length > FLOOR_BLOCKS) this.floor.shift();
    if (power < ROOM_MIN_POWER || power > Math.min(...this.floor) * 10 ** (ROOM_BAND_DB / 10)) return;
    for (const v of block) {
      this.room[this.writeAt] = v;
      this.writeAt = (this.writeAt + 1) % KEEP_SAMPLES;
    }
    this.roomLength = Math.min(KEEP_SAMPLES, this.roomLength + block.length);
  }

  private next(): number {
    if (this.readAt >= this.roomLength) this.readAt = 0;
    return this.room[this.readAt++]!;
  }
}
