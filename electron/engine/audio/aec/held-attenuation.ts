/**
 * How much of the echo the canceller removes, as a gate after it may trust it: mic vs output
 * power over blocks holding the agent's echo alone (~0.25 s), held against a user speaking
 * under the echo, and restarted when the path is lost.
 */

/** Echo-alone blocks (8 ms) before the attenuation is reported: 0.25 s. */
const ALONE_BLOCKS_TO_TRUST = 31;
/** 2.5 dB/s: the held figure outlasts a user talking under the echo for seconds, yet follows a real loss (see its use). */
const ATTENUATION_FALL_DB_PER_BLOCK = 0.02;

export class HeldAttenuation {
  private aloneMic = 0;
  private aloneOut = 0;
  private aloneBlocks = 0;
  private heldDb = 0;
  /** The filter's leak has been under one half since the held figure last restarted. */
  private filterConverged = false;

  /** The held figure (dB), or null until 0.25 s of echo-alone blocks have come since it last restarted. */
  get db(): number | null {
    return this.aloneBlocks < ALONE_BLOCKS_TO_TRUST ? null : this.heldDb;
  }

  /** The filter has converged (its leak under one half) since the last restart. */
  get converged(): boolean {
    return this.filterConverged;
  }

  /** One echo-alone block's mic and output power (mean squares). */
  echoAlone(micEnergy: number, outEnergy: number): void {
    // Over ~0.25 s of echo-alone blocks: follows a path change, ignores single loud blocks.
    this.aloneMic = 0.97 * this.aloneMic + 0.03 * micEnergy;
    this.aloneOut = 0.97 * this.aloneOut + 0.03 * outEnergy;
    this.aloneBlocks++;
    // Held, falling 2.5 dB/s: a user speaking below the echo passes as 'echo alone' by energy
    // and would lower the figure exactly while they talk; a real loss of the path resets it.
    const now = 10 * Math.log10((this.aloneMic + 1e-12) / (this.aloneOut + 1e-12));
    this.heldDb = Math.max(now, this.heldDb - ATTENUATION_FALL_DB_PER_BLOCK);
  }

  /**
   * The filter's leak after each block: true when it came back to 1 after the filter had converged
   * (the caller then restarts the held figure, see EchoCanceller.endBlock).
   */
  leakCameBack(leak: number): boolean {
    if (leak < 0.5) this.filterConverged = true;
    return this.filterConverged && leak >= 1;
  }

  restart(): void {
    this.aloneBlocks = 0;
    this.heldDb = 0;
    this.filterConverged = false;
  }
}
