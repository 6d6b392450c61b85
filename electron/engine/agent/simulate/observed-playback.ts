/**
 * The playback queue, telling what the agent's output really did: when it stood paused, when the
 * paused speech went on, and when a paused turn was cut instead. The benchmark measures "time the
 * agent is paused" and "inaudible from the voice" on this, not on the controller's events: the
 * controller reports a false alarm once per attempt, so a second resume inside one attempt (after
 * pausing again when the person went on) was not seen, and the pause was counted until the end of speech.
 */
import { PlaybackQueue } from '../../audio/playback-queue.js';

export type OutputChange = 'outputPaused' | 'outputResumed' | 'outputCleared';

export class ObservedPlayback extends PlaybackQueue {
  private observer: (change: OutputChange) => void = () => {};
  /** The paused turn was cut: un-pausing the queue afterwards resumes nothing of it. */
  private cutWhilePaused = false;

  observe(observer: (change: OutputChange) => void): void {
    this.observer = observer;
  }

  override pause(): void {
    const was = this.paused;
    super.pause();
    if (!was) this.observer('outputPaused');
  }

  override resume(): void {
    const was = this.paused;
    super.resume();
    if (!was) return;
    if (this.cutWhilePaused) this.cutWhilePaused = false;
    else this.observer('outputResumed');
  }

  /** Only a cut while paused is told: it ends that pause as an interruption, not as a false alarm. */
  override clear(turnId: string): void {
    super.clear(turnId);
    if (!this.paused || this.cutWhilePaused) return;
    this.cutWhilePaused = true;
    this.observer('outputCleared');
  }
}
