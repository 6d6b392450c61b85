/**
 * What the foreground filter removes of the echo where that can be judged: echo-alone blocks
 * (the estimate within 6 dB of the mic) that show no voice bins. The filter pair holds back the
 * background's promotions while the user's voice shows (LinearCanceller.nearEnd), to keep a
 * foreground that has the path; a foreground that removes nothing there has no path to keep
 * (the laptop moved: the new echo it misses shows as a voice too).
 */

/**
 * The filter removes less than this (dB, ~80 ms): the echo may have moved. The canceller's delay search then looks at its
 * recent envelope (measured at the moves: 0-0.9 dB for an unreported latency found, 3.9-4.4 dB after a 230 ms jump with
 * the path already called unexplained, 8.2-8.9 dB at a false one in a 1 s bathroom), and a foreground removing less of
 * the echo alone has no path to keep (0-1 dB measured after a move, 4-14 dB per block converged).
 */
export const MOVED_BELOW_DB = 3;
const REMOVES_RATIO = 10 ** (MOVED_BELOW_DB / 10);
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
