/**
 * Whether the microphone holds the agent's echo at all, from the one piece of evidence that
 * cannot come from the user: the linear filter predicts the mic from the reference. While
 * the agent plays, the mic's power is compared with what is left after the filter's
 * estimate is subtracted. An echo path shows as power removed within about 0.1 s; a mic
 * with no echo in it (headphones, a muted speaker) leaves the two equal, whether it is
 * silent or the user talks over the agent (a voice is not predictable from another voice).
 *
 * Until the first evidence the canceller works as if there were an echo: the first second
 * of a laptop's echo must not get through (a false barge-in), and a silent mic is unchanged
 * either way. After a third of a second of agent audio without evidence the path counts as
 * absent and the mic passes through untouched, before a user could have said a word over
 * the agent. A path found and then lost for several seconds (headphones plugged in) counts
 * as absent again.
 */

export type Coupling = 'unknown' | 'coupled' | 'absent';

/** Removed power that counts as an echo path: 3 dB (half the mic's power is the reference's echo). */
const COUPLED_DB = 3;
/** Below this the filter explains nothing. Two voices (user over agent, no echo) measured at most 0.12 dB. */
const UNCOUPLED_DB = 1;
/** Averaging per 8 ms block (~80 ms): quick enough for the first syllables of echo (3 dB after ~90 ms in a laptop room). */
const SMOOTHING = 0.9;
/** Blocks of agent audio without evidence before a path that was never found counts as absent (40 = 320 ms, over 3x the time a laptop's echo takes to show). */
const ABSENT_AFTER_BLOCKS = 40;
/** ... and before a path once found counts as gone (5 s: longer than the filter takes to re-learn a moved laptop). */
const LOST_AFTER_BLOCKS = 625;
/** The reference counts as playing above -80 dBFS. */
const PLAYING = 1e-8;
/** Power floor of both averages (-100 dBFS): a silent mic shows no removal. */
const FLOOR = 1e-10;
/**
 * The mic's envelope following the reference this well at some lag counts as an echo not yet in
 * the filter's window: room echo correlates at 0.6-0.9; a user talking over the agent, or noise,
 * stays under 0.5 at the best of the lags searched.
 */
const FOLLOWS_CORRELATION = 0.6;

export class EchoCoupling {
  state: Coupling = 'unknown';
  private mic = 0;
  private error = 0;
  private weakBlocks = 0;

  /**
   * One block's power of the mic, of the mic less the filter's estimate, and of the reference,
   * with the delay search's best correlation at any lag (null before its first look). Until it
   * has looked, or while it finds the mic's envelope following the reference at some lag, an echo
   * may be there beyond the filter's window (an unreported Bluetooth latency): a path never found
   * is then not called absent yet.
   */
  update(micEnergy: number, errorEnergy: number, refEnergy: number, delayCorrelation: number | null): void {
    if (refEnergy <= PLAYING) return;
    const followsReference = delayCorrelation !== null && delayCorrelation >= FOLLOWS_CORRELATION;
    const echoElsewhere = delayCorrelation === null || followsReference;
    this.mic = SMOOTHING * this.mic + (1 - SMOOTHING) * micEnergy;
    this.error = SMOOTHING * this.error + (1 - SMOOTHING) * errorEnergy;
    const removedDb = this.removedDb;
    // A path judged absent comes back only with the mic's envelope following the reference: a
    // steady tone or hum is predictable, and the filter cancels it for a moment wherever the
    // agent's voice has energy at its frequency (a 300 Hz tone with headphones: 3 dB 'removed'
    // after 6 s, then the suppressor took the tone, and anything at its level, for echo).
    if (removedDb >= COUPLED_DB && this.state === 'absent' && !followsReference) return;
    if (removedDb >= COUPLED_DB) {
      this.state = 'coupled';
      this.weakBlocks = 0;
      return;
    }
    if (this.state === 'absent' || removedDb >= UNCOUPLED_DB) return;
    if (this.state === 'unknown' && echoElsewhere) {
      this.weakBlocks = 0;
      return;
    }
    this.weakBlocks++;
    if (this.weakBlocks >= (this.state === 'unknown' ? ABSENT_AFTER_BLOCKS : LOST_AFTER_BLOCKS)) {
      this.state = 'absent';
      this.weakBlocks = 0;
    }
  }

  /** The filter's window moved onto an echo found elsewhere: judge the path afresh. */
  windowMoved(): void {
    if (this.state === 'absent') this.state = 'unknown';
    this.weakBlocks = 0;
  }

  /** Power the filter removes now (dB, ~80 ms). */
  get removedDb(): number {
    return 10 * Math.log10((this.mic + FLOOR) / (this.error + FLOOR));
  }
}
