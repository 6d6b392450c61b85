/**
 * Whether the linear filter still has the echo path, after it once had it. An output latency
 * that grows mid-sentence (a Bluetooth speaker), or a laptop moved onto a longer path, leaves
 * a signature no user's voice can make: the filter goes on predicting the echo at the old lag
 * while the mic falls silent there, because the echo now comes later. A voice over the agent
 * only ever makes the mic louder than the estimate. (The mic's power against the error's cannot
 * tell the two apart: both leave the error as loud as the mic.)
 *
 * From then until the filter removes the echo again, the canceller's output may be raw echo
 * wherever the reference is quiet at the old lag, and a gate that learned the old lag passes
 * it as the user: those are the blocks to hold back.
 */

/**
 * The estimate this far over the mic (25 dB) in a block: the echo is not where the filter has it. A filter
 * that has the path over-predicts a syllable's decay by up to 18 dB (measured), a voice only adds to the mic.
 */
export const VANISHED_RATIO = 316;
/** ... for this many blocks in a row (48 ms): a syllable's end the filter mistimes lasts a block or two. */
const VANISHED_BLOCKS = 6;
/** The filter removes this much again (dB, the coupling's ~80 ms average) ... */
const FOUND_DB = 10;
/** ... for this many blocks in a row (0.2 s): a re-learning filter removes 3-12 dB by turns for a second or two. */
const FOUND_BLOCKS = 25;
/** The longest a path counts as unexplained (2 s: a re-learn after a move takes 1-2 s): a gate after the canceller is not held longer. */
const MAX_UNEXPLAINED_BLOCKS = 250;

export class PathWatch {
  private vanishedRun = 0;
  private unexplainedBlocks = 0;
  private foundRun = 0;
  /** The filter had the path and its estimate no longer explains the mic (the echo moved), until it has it again. */
  unexplained = false;

  /**
   * One block's mic power and echo estimate power, whether the reference sounds, the power the
   * filter removes now (dB) and whether it had learned the path.
   */
  update(micEnergy: number, echoEnergy: number, playing: boolean, removedDb: number, learned: boolean): void {
    if (this.unexplained) {
      this.foundRun = removedDb >= FOUND_DB ? this.foundRun + 1 : 0;
      if (++this.unexplainedBlocks >= MAX_UNEXPLAINED_BLOCKS || this.foundRun >= FOUND_BLOCKS) this.unexplained = false;
      return;
    }
    this.vanishedRun = playing && learned && echoEnergy > VANISHED_RATIO * micEnergy ? this.vanishedRun + 1 : 0;
    if (this.vanishedRun >= VANISHED_BLOCKS) this.lost();
  }

  /** The echo moved (found at another lag, or vanished from the filter's): unexplained until the filter has it again. */
  lost(): void {
    this.unexplained = true;
    this.unexplainedBlocks = 0;
    this.vanishedRun = 0;
    this.foundRun = 0;
  }
}
