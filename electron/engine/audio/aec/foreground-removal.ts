/**
 * What the foreground filter removes of the echo where that can be judged: echo-alone blocks
 * (the estimate within 6 dB of the mic) that show no voice bins. The filter pair holds back the
 * background's promotions while the user's voice shows (LinearCanceller.nearEnd), to keep a
 * foreground that has the path; a foreground that removes nothing there has no path to keep
 * (the laptop moved: the new echo it misses shows as a voice too).
 */

/** 3 dB, as the canceller's MOVED_BELOW_DB: under it the path moved (0-1 dB measured after a move, 4-14 dB per block converged). */
const REMOVES_RATIO = 2;
/** Weight of each judged block: a converged foreground is judged stale on the second block the echo goes through (16 ms). */
const WEIGHT = 0.3;

export class ForegroundRemoval {
  private mic = 0;
  private error = 0;

  /** One block's mic and error power (mean squares), whether it held the echo alone and whether it showed no voice bins. */
  update(micEnergy: number, errorPower: number, echoAlone: boolean, voiceless: boolean): void {
    if (!echoAlone || !voiceless) return;
    this.mic = (1 - WEIGHT) * this.mic + WEIGHT * micEnergy;
    this.error = (1 - WEIGHT) * this.error + WEIGHT * errorPower;
  }

  /** The foreground removes 3 dB or more of the echo alone. */
  get removes(): boolean {
    return this.mic > REMOVES_RATIO * this.error;
  }
}
