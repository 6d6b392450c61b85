/**
 * The canceller's watch on its own filter: an echo that moved later leaves the mic silent where
 * the filter predicts it, which a voice over the agent never does. Block by block (8 ms).
 */
import { describe, expect, it } from 'vitest';
import { PathWatch } from '../../../../electron/engine/audio/aec/path-watch.js';

const ECHO = 1e-3;
/** The estimate 30 dB over the mic: the echo is not where the filter has it. */
const SILENT_MIC = 1e-6;

/** A watch over a filter that has the path; `blocks` blocks of (mic, estimate) fed with the reference playing. */
function feed(watch: PathWatch, blocks: number, mic: number, estimate: number, removedDb = 20, learned = true): PathWatch {
  for (let i = 0; i < blocks; i++) watch.update(mic, estimate, true, removedDb, learned);
  return watch;
}

describe('PathWatch', () => {
  it('calls the path unexplained after 6 blocks (48 ms) of the estimate 25 dB over the mic, not after 5', () => {
    expect(feed(new PathWatch(), 5, SILENT_MIC, ECHO).unexplained).toBe(false);
    expect(feed(new PathWatch(), 6, SILENT_MIC, ECHO).unexplained).toBe(true);
  });

  it('needs the 6 blocks in a row: a mistimed syllable end of a block or two does not count', () => {
    const watch = new PathWatch();
    for (let i = 0; i < 40; i++) {
      feed(watch, 5, SILENT_MIC, ECHO);
      feed(watch, 1, ECHO, ECHO);
    }
    expect(watch.unexplained).toBe(false);
  });

  it('never for a voice over the agent, however loud: it only makes the mic louder than the estimate', () => {
    for (const voice of [ECHO, 10 * ECHO, 1000 * ECHO]) expect(feed(new PathWatch(), 500, ECHO + voice, ECHO, 0).unexplained).toBe(false);
  });

  it('never for a filter over-predicting a decay by 18 dB, as one that has the path does', () => {
    expect(feed(new PathWatch(), 500, ECHO / 63, ECHO).unexplained).toBe(false);
  });

  it('never before the filter has learned the path, nor while the reference is silent', () => {
    expect(feed(new PathWatch(), 500, SILENT_MIC, ECHO, 20, false).unexplained).toBe(false);
    const watch = new PathWatch();
    for (let i = 0; i < 500; i++) watch.update(SILENT_MIC, ECHO, false, 20, true);
    expect(watch.unexplained).toBe(false);
  });

  it('has the path again after 25 blocks (0.2 s) in a row of the filter removing 10 dB, not after 24', () => {
    const lost = () => feed(new PathWatch(), 6, SILENT_MIC, ECHO);
    expect(feed(lost(), 24, ECHO, ECHO, 10).unexplained).toBe(true);
    expect(feed(lost(), 25, ECHO, ECHO, 10).unexplained).toBe(false);
    // A re-learning filter removing 3-12 dB by turns keeps it unexplained.
    const relearning = lost();
    for (let i = 0; i < 20; i++) feed(relearning, 10, ECHO, ECHO, i % 2 ? 12 : 3);
    expect(relearning.unexplained).toBe(true);
  });

  it('lets go after 2 s (250 blocks) at the longest, not after 249: the gate after the canceller is never held for good', () => {
    const lost = () => feed(new PathWatch(), 6, SILENT_MIC, ECHO);
    // A user talking all along: the filter removes ~0 dB of the mic.
    expect(feed(lost(), 249, 10 * ECHO, ECHO, 0).unexplained).toBe(true);
    expect(feed(lost(), 250, 10 * ECHO, ECHO, 0).unexplained).toBe(false);
  });

  it('is unexplained from a move of the echo found by the delay search on, for as long', () => {
    const watch = new PathWatch();
    watch.lost();
    expect(feed(watch, 249, ECHO, ECHO, 0).unexplained).toBe(true);
    expect(feed(watch, 1, ECHO, ECHO, 0).unexplained).toBe(false);
  });
});
