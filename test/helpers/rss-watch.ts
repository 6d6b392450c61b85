/** Samples a child's RSS while an attack runs, and waits for it to come back down. */
export interface RssWatch {
  peakBytes(): number;
  stop(): void;
}

export function watchRss(read: () => number, everyMs = 100): RssWatch {
  let peak = read();
  const timer = setInterval(() => (peak = Math.max(peak, read())), everyMs);
  return { peakBytes: () => peak, stop: () => clearInterval(timer) };
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
  /** What the first attack left behind, over the baseline. */
  leftByFirstBytes: number;
  /** What the later rounds added to that (the last round's level minus the first's). */
  addedByRepeatsBytes: number;
}

/**
 * Runs the same attack `rounds` times against a process whose RSS `read` returns, and reads what each
 * round grew and left behind, against the baseline before the first.
 *
 * Why rounds: what one attack leaves is partly the allocator's grown arenas, which a process keeps
 * and reuses (use, not a leak); a leak would add as much again with every round. And why a full
 * collection before each reading: without it the twin read +3..+39 MB after the same attack, round
 * to round (V8's sawtooth), and single readings failed CI at random (+20.3 MB against 20, at e2fc652).
 */
export async function attackRounds(
  target: { rssBytes(): number; collectGarbage(): Promise<void> },
  rounds: number,
  attack: (round: number) => Promise<void>,
  settleMs = 10_000,
): Promise<AttackRounds> {
  const read = () => target.rssBytes();
  // Every level is read after a full collection, so garbage V8 has not got round to collecting
  // yet does not count: what is left is what something still holds (or the allocator kept).
  await target.collectGarbage();
  const baselineBytes = read();
  const out: AttackRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const watch = watchRss(read);
    await attack(round);
    const peak = watch.peakBytes();
    watch.stop();
    await target.collectGarbage();
    const after = await rssSettles(read, baselineBytes + 5 * MB, settleMs);
    out.push({ peakBytes: peak - baselineBytes, afterBytes: after - baselineBytes });
  }
  const first = out[0]?.afterBytes ?? 0;
  return { baselineBytes, rounds: out, leftByFirstBytes: first, addedByRepeatsBytes: (out.at(-1)?.afterBytes ?? first) - first };
}

/** "peak +12.3 / after +4.5 MB" for each round, for the test's log line. */
export function describeRounds(rounds: AttackRound[]): string {
  const mb = (b: number) => `${b >= 0 ? '+' : ''}${(b / MB).toFixed(1)}`;
  return rounds.map((r, i) => `round ${i + 1}: peak ${mb(r.peakBytes)}, after ${mb(r.afterBytes)} MB`).join('; ');
}

/**
 * What one attack may leave behind, read after a full collection: the allocator keeps some of
 * what it grew (-4..+6 MB for the TTS server and +0..2 MB for the twin, under a load of 9 on
 * this 2-core machine). Issue 13's leaks left +93..195 MB.
 */
export const LEFT_BY_ONE_ATTACK_BYTES = 25 * MB;
/** What two more of the same attacks may add to that: they reuse the memory the first grew. */
export const ADDED_BY_REPEATS_BYTES = 15 * MB;
