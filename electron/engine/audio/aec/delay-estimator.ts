/**
 * Coarse echo delay: the lag (in blocks) at which the microphone's block-energy envelope
 * best follows the reference's, over the last few seconds. Speech switches on and off
 * several times a second, so the on/off pattern pins the bulk delay (device buffers, a
 * Bluetooth speaker) to a block even through reverberation; the adaptive filter resolves
 * the rest. A lag is reported only when the correlation is clear and the same lag wins twice
 * in a row, so double talk or silence never moves the filter.
 */
export interface DelayEstimate {
  blocks: number;
  correlation: number;
}

/** Correlation needed to believe a lag: speech envelopes through a room correlate at 0.6-0.9. */
const MIN_CORRELATION = 0.5;
/** Reference blocks that must be active in the window before estimating (about 1 s of speech). */
const MIN_ACTIVE = 120;
/**
 * The first estimate is made from less: 40 active blocks (a third of a second of speech), with
 * a clearer correlation, re-estimated every 8 blocks (64 ms) and confirmed twice, so an
 * unreported output latency (a Bluetooth speaker's 100-250 ms) is found within the first
 * second of agent speech instead of after 3.5 s of history. Later estimates use the full window,
 * and so does a start that found nothing within its first window of agent speech (headphones:
 * no echo to find), so the estimator's CPU is back to one search per 0.25 s.
 */
const EARLY_MIN_ACTIVE = 40;
const EARLY_MIN_CORRELATION = 0.9;
const EARLY_EVERY_BLOCKS = 8;
/**
 * Far from the speaker (50 cm to 1.2 m, T60 650-900 ms) the envelopes correlate at only
 * 0.7-0.8 in the first second, never 0.9: an early lag is also believed at this correlation
 * when it stands far above what the window sees now (the home lags: about 0 or below there,
 * measured) and three looks in a row (128 ms) agree on it. Double talk or noise gives neither
 * a steady lag nor such a margin.
 */
const EARLY_STEADY_CORRELATION = 0.65;
const EARLY_STEADY_MARGIN = 0.4;
const EARLY_STEADY_LOOKS = 3;
/**
 * Where the echo is believed to start (at first: where the device's reported latency puts
 * it, lag 0) and the lags from 4 blocks before to 12 after it (32 / 96 ms) are "home": an
 * envelope peak there is no reason to move the filter's window, which still holds at least
 * 160 ms of the room after it. In reverberant or distorting rooms the envelope's peak lands
 * 40-90 ms after the true onset (measured: 80 cm at T60 800 ms, 50 cm with a clipping
 * speaker), and a window moved there loses the direct path.
 */
const HOME_BEHIND = 4;
const HOME_AHEAD = 12;
/**
 * A lag outside home must also correlate this much better than the best lag at home: speech's
 * syllable rhythm gives second peaks 100-200 ms on (0.79 against 0.76 at the true lag, measured).
 */
const MOVE_MARGIN = 0.15;
/**
 * Once a lag is known, the last 0.5 s is searched too, every 64 ms, with the first estimate's
 * clear test (0.9, confirmed twice): an echo that moved (an output latency that grew
 * mid-sentence, a laptop moved) shows there within about a second, where the 3 s window needed
 * ~3.5 s to let go of the old lag (the filter's window sat on it and the echo passed as the
 * user: three pauses). Neither search then looks back past the move.
 */
const RECENT_WINDOW = 64;
/** Below this block energy (16-bit scale, per sample: about -60 dBFS) the reference is silent. */
const SILENT = 1e3;

export class DelayEstimator {
  /**
   * Envelope rings of `length` blocks, each value written twice (at i and i + length): any
   * window of the last `length` blocks is then one straight run, and the search reads it
   * without a modulo per value (it was 4 % of the canceller's CPU).
   */
  private readonly mic: Float64Array;
  private readonly ref: Float64Array;
  private readonly length: number;
  private count = 0;
  private sinceEstimate = 0;
  /** Active reference blocks seen so far (the early search runs over the first window's worth). */
  private activeSeen = 0;
  private candidate: number | null = null;
  /** Looks in a row that found the candidate lag. */
  private looks = 0;
  private sinceRelook = 0;
  private recentCandidate: number | null = null;
  private recentLooks = 0;
  /** Blocks since the estimate last changed: neither search looks further back than that (the old lag would call the window back). */
  private sinceMove = Infinity;
  estimate: DelayEstimate | null = null;
  /**
   * The latest estimate came from the recent look: the echo moved (it was at the old lag in the
   * long window), so what the filter learned moves with it; false for a lag found in the long
   * window (the echo was there all along, partly in the filter's window).
   */
  moved = false;
  /** How far the echo moved (blocks), envelope peak to envelope peak, when `moved`: the filter's window moves by as much. */
  jumpBlocks = 0;
  /** Where the mic's envelope last peaked against the reference's, in the long window. */
  private peak = 0;
  /** The best correlation at any lag in the latest search (null before the first): how clearly the mic follows the reference somewhere. */
  bestCorrelation: number | null = null;

  /**
   * @param maxLagBlocks largest delay looked for
   * @param historyBlocks envelope window
   * @param everyBlocks how often to re-estimate
   */
  constructor(
    private readonly maxLagBlocks: number,
    private readonly historyBlocks: number,
    private readonly everyBlocks: number,
  ) {
    this.length = historyBlocks + maxLagBlocks;
    this.mic = new Float64Array(2 * this.length);
    this.ref = new Float64Array(2 * this.length);
  }

  /**
   * Block energies (mean square) of the mic and of the unshifted reference; true when a new estimate was made.
   * `mayHaveMoved`: the canceller's filter does not remove the echo now, so the echo may have left its lag: only
   * then does the recent look run (a 1 s bathroom's envelope correlates at 0.93 at a lag 270 ms off over 0.5 s, measured).
   */
  push(micEnergy: number, refEnergy: number, mayHaveMoved = true): boolean {
    const n = this.length;
    const at = this.count % n;
    const m = Math.log10(micEnergy * 1e9 + 1);
    const r = refEnergy * 1e9 > SILENT ? Math.log10(refEnergy * 1e9 + 1) : -1;
    this.mic[at] = this.mic[at + n] = m;
    this.ref[at] = this.ref[at + n] = r;
    this.count++;
    this.sinceMove++;
    if (r >= 0) this.activeSeen++;
    const early = this.estimate === null && this.activeSeen <= this.historyBlocks;
    if (this.estimate !== null && ++this.sinceRelook >= EARLY_EVERY_BLOCKS && mayHaveMoved) {
      this.sinceRelook = 0;
      if (this.relook()) {
        this.sinceEstimate = 0;
        return true;
      }
    }
    if (++this.sinceEstimate < (early ? EARLY_EVERY_BLOCKS : this.everyBlocks)) return false;
    this.sinceEstimate = 0;
    return this.reestimate(early);
  }

  private reestimate(early: boolean): boolean {
    const home = this.estimate?.blocks ?? 0;
    const found = this.search(Math.min(this.historyBlocks, this.sinceMove), early ? EARLY_MIN_ACTIVE : MIN_ACTIVE, home);
    if (found.best >= 0) this.bestCorrelation = found.bestR;
    const { best, bestR, homeR } = found;
    const atHome = best >= home - HOME_BEHIND && best <= home + HOME_AHEAD;
    const steady = early && !atHome && bestR >= EARLY_STEADY_CORRELATION && bestR >= homeR + EARLY_STEADY_MARGIN;
    if (best < 0 || (bestR < (early ? EARLY_MIN_CORRELATION : MIN_CORRELATION) && !steady)) {
      this.candidate = null;
      return false;
    }
    if (atHome) {
      // The echo is where it was believed to be: nothing to move (and the early search is over).
      this.candidate = null;
      this.peak = best;
      this.estimate ??= { blocks: home, correlation: bestR };
      return false;
    }
    if (bestR < homeR + MOVE_MARGIN) {
      this.candidate = null;
      return false;
    }
    this.looks = this.candidate !== null && Math.abs(this.candidate - best) <= 1 ? this.looks + 1 : 1;
    this.candidate = best;
    const clear = bestR >= (early ? EARLY_MIN_CORRELATION : MIN_CORRELATION);
    if (this.looks < (clear ? 2 : EARLY_STEADY_LOOKS)) return false;
    this.estimate = { blocks: best, correlation: bestR };
    this.peak = best;
    this.moved = false;
    this.sinceMove = 0;
    return true;
  }

  /**
   * The recent look (see RECENT_WINDOW): the first estimate's clear test, over the last 0.5 s only, so an echo that moved (a latency jump, a moved laptop) is followed without
   * waiting for the long window to forget the old lag.
   */
  private relook(): boolean {
    const home = this.estimate!.blocks;
    const { best, bestR, homeR } = this.search(Math.min(RECENT_WINDOW, this.sinceMove), EARLY_MIN_ACTIVE, home);
    const atHome = best >= home - HOME_BEHIND && best <= home + HOME_AHEAD;
    // No lag at home had enough of the reference in the window (the agent paused): nothing to compare with. Only a clear
    // correlation counts here: over 0.5 s a voice over the agent reaches 0.65-0.8 at some lag by chance (measured).
    if (best < 0 || homeR === -1 || atHome || bestR < EARLY_MIN_CORRELATION || bestR < homeR + MOVE_MARGIN) {
      this.recentCandidate = null;
      return false;
    }
    this.recentLooks = this.recentCandidate !== null && Math.abs(this.recentCandidate - best) <= 1 ? this.recentLooks + 1 : 1;
    this.recentCandidate = best;
    if (this.recentLooks < 2) return false;
    this.recentCandidate = null;
    this.candidate = null;
    this.estimate = { blocks: best, correlation: bestR };
    this.jumpBlocks = best - this.peak;
    this.peak = best;
    this.moved = true;
    this.sinceMove = 0;
    return true;
  }

  /** The lag whose reference envelope best follows the mic's over the last `window` blocks, and the best correlation at home. */
  private search(window: number, minActive: number, home: number): { best: number; bestR: number; homeR: number } {
    // The newest block in the upper copy: blocks newest - i and, at a lag, newest - i - lag (i + lag < length) lie below it.
    const newest = ((this.count - 1) % this.length) + this.length;
    const { mic, ref } = this;
    let best = -1;
    let bestR = -1;
    let homeR = -1;
    for (let lag = 0; lag <= this.maxLagBlocks; lag++) {
      // Until the envelopes fill the window, as much of it as has been seen at this lag.
      const H = Math.min(window, this.count - lag);
      let active = 0;
      let sx = 0;
      let sy = 0;
      let sxx = 0;
      let syy = 0;
      let sxy = 0;
      for (let i = 0, t = newest; i < H; i++, t--) {
        const r = ref[t - lag]!;
        if (r < 0) continue;
        const m = mic[t]!;
        active++;
        sx += r;
        sy += m;
        sxx += r * r;
        syy += m * m;
        sxy += r * m;
      }
      if (active < minActive) continue;
      const cov = sxy - (sx * sy) / active;
      const vx = sxx - (sx * sx) / active;
      const vy = syy - (sy * sy) / active;
      const r = vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : 0;
      if (lag >= home - HOME_BEHIND && lag <= home + HOME_AHEAD && r > homeR) homeR = r;
      if (r > bestR) {
        bestR = r;
        best = lag;
      }
    }
    return { best, bestR, homeR };
  }
}
