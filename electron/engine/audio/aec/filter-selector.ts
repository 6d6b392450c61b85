/**
 * The two-filter guard against double talk (the foreground/background scheme of Speex's MDF
 * and WebRTC AEC3's refined/coarse filters): the background filter always adapts; the
 * foreground, whose echo estimate is what gets subtracted, only takes the background's
 * coefficients when the background has clearly done better, and the background is put back
 * to the foreground when it has clearly done worse (it diverged while the user talked).
 * "Clearly" compares the difference in error energy with the variance of that difference,
 * over a short (about 20 ms) and a longer (about 50 ms) average.
 */
export type FilterDecision = 'keep' | 'promoteBackground' | 'resetBackground';

export class FilterSelector {
  private shortAvg = 0;
  private longAvg = 0;
  private shortVar = 0;
  private longVar = 0;

  /**
   * @param sff foreground error energy of the block
   * @param see background error energy
   * @param dbf energy of the difference between the two echo estimates
   */
  decide(sff: number, see: number, dbf: number): FilterDecision {
    const diff = sff - see;
    this.shortAvg = 0.6 * this.shortAvg + 0.4 * diff;
    this.longAvg = 0.85 * this.longAvg + 0.15 * diff;
    this.shortVar = 0.36 * this.shortVar + 0.16 * sff * dbf;
    this.longVar = 0.7225 * this.longVar + 0.0225 * sff * dbf;
    const signedSq = (v: number) => v * Math.abs(v);
    if (signedSq(diff) > sff * dbf || signedSq(this.shortAvg) > 0.5 * this.shortVar || signedSq(this.longAvg) > 0.25 * this.longVar) {
      this.clear();
      return 'promoteBackground';
    }
    // The background worse by four times the spread: it was led astray (double talk).
    if (-signedSq(diff) > 4 * sff * dbf || -signedSq(this.shortAvg) > 4 * this.shortVar || -signedSq(this.longAvg) > 4 * this.longVar) {
      this.clear();
      return 'resetBackground';
    }
    return 'keep';
  }

  clear(): void {
    this.shortAvg = 0;
    this.longAvg = 0;
    this.shortVar = 0;
    this.longVar = 0;
  }
}
