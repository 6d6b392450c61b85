/** Samples a child's RSS while an attack runs, and waits for it to come back down. */
export interface RssWatch {
  peakBytes(): number;
  stop(): void;
}

export function watchRss(read: () => number, everyMs = 100): RssWatch {
  let peak = read();
  let failure: unknown;
  // A reading that throws (the process is gone: no /proc entry) ends the sampling; thrown from a timer it would be
  // an uncaught error, every 100 ms, instead of the test's own failure. peakBytes() throws it.
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, read());
    } catch (e) {
      failure = e;
      clearInterval(timer);
    }
  }, everyMs);
  return {
    peakBytes: () => {
      if (failure !== undefined) throw failure;
      return peak;
    },
    stop: () => clearInterval(timer),
  };
}

/** Polls until `read()` is at most `limitBytes`, or `withinMs` passes; returns the last reading. */
export async function rssSettles(read: () => number, limitBytes: number, withinMs: number): Promise<number> {
  const deadline = Date.now() + withinMs;
  let now = read();
  while (now > limitBytes && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    now = read();
  }
  return now;
}

export const MB = 1024 * 1024;

export interface AttackRound {
  /** Highest RSS while the attack ran, over the baseline. */
  peakBytes: number;
  /** RSS once the attack was over and the process had up to `settleMs` to give memory back, over the baseline. */
  afterBytes: number;
}

export interface AttackRounds {
  baselineBytes: number;
  rounds: AttackRound[];
  /**
   * The lowest level any round left, over the baseline. What the allocator keeps comes and goes
   * (flite, idle machine, after every heap was collected: +29, +49, -9 MB), so a single level is
   * noise pointing up; a leak keeps its memory every round, so even the lowest level stays high.
   */
  lowestLeftBytes: number;
  /** The lowest level of the later rounds minus the first's: a leak adds as much again every round. */
  addedByRepeatsBytes: number;
}

/**
 * Runs the same attack `rounds` times against a process whose RSS `read` returns, and reads what each
 * round grew and left behind, against the baseline before the first.
 *
 * Why rounds: what an attack leaves is partly the allocator's grown arenas, which a process keeps
 * and reuses (use, not a leak); they stop growing once they hold the attack's working set, which
 * may take several rounds (five dropped TTS clients a round: +4, +2, +3, +10, +15, +14, +15, +15 MB),
 * while a leak adds as much again every round. And why a full collection of every heap (the main
 * thread's and each worker's) before each reading: without it the twin read +3..+39 MB after the
 * same attack, round to round (V8's sawtooth), single readings failed CI at random (+20.3 MB against
 * 20, at e2fc652), and with the TTS server's flite workers left uncollected ten rounds of five dropped clients read -9..+35 MB.
 */
export async function attackRounds(
  target: { rssBytes(): number; collectGarbage(): Promise<void> },
  rounds: number,
  attack: (round: number) => Promise<void>,
  settleMs = 10_000,
): Promise<AttackRounds> {
  const read = () => target.rssBytes();
  // Every level is read after a full collection of every thread's heap, so garbage V8 has not got
  // round to collecting yet does not count: what is left is what something still holds (or the allocator kept).
  await target.collectGarbage();
  const baselineBytes = read();
  const out: AttackRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const watch = watchRss(read);
    let peak: number;
    try {
      await attack(round);
      peak = watch.peakBytes();
    } finally {
      watch.stop(); // an attack that throws must not leave the sampling running
    }
    await target.collectGarbage();
    const after = await rssSettles(read, baselineBytes + 5 * MB, settleMs);
    out.push({ peakBytes: peak - baselineBytes, afterBytes: after - baselineBytes });
  }
  const afters = out.map((r) => r.afterBytes);
  return {
    baselineBytes,
    rounds: out,
    lowestLeftBytes: Math.min(...afters),
    addedByRepeatsBytes: afters.length < 2 ? 0 : Math.min(...afters.slice(1)) - afters[0]!,
  };
}

/** "peak +12.3 / after +4.5 MB" for each round, for the test's log line. */
export function describeRounds(rounds: AttackRound[]): string {
  const mb = (b: number) => `${b >= 0 ? '+' : ''}${(b / MB).toFixed(1)}`;
  return rounds.map((r, i) => `round ${i + 1}: peak ${mb(r.peakBytes)}, after ${mb(r.afterBytes)} MB`).join('; ');
}

/**
 * The lowest level the rounds may leave, read after every heap was collected: the allocator keeps
 * what it grew for a while (single levels: twin +0..6 MB; TTS server -9..+49 MB, its flite workers'
 * arenas; lowest of three: up to +21.8 MB). Issue 13's leaks left +93..195 MB after one attack, and kept it.
 */
export const LEFT_BEHIND_BYTES = 40 * MB;
/** What the later rounds may add to the first's level, at their lowest: -39..+8 MB measured. */
export const ADDED_BY_REPEATS_BYTES = 20 * MB;
